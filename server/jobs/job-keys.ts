// Job keys: the one place each kind of job's key is built, so rescheduling or removing a job always
// names the same one. Edit when a task gains a key.

/** A group's scheduled close (at its deadline, or now when it fills). */
export const closeGroupJobKey = (groupId: string) => `close-group:${groupId}`;

/** One member's settlement (capture or release), so it is enqueued once. */
export const settleMemberJobKey = (memberId: string) => `settle:${memberId}`;

/** A reservation's expiry, 15 minutes after the seat was taken. */
export const expireReservationJobKey = (memberId: string) => `expire-reservation:${memberId}`;

/** One outbox row's delivery. */
export const notificationJobKey = (notificationId: number) => `notify:${notificationId}`;

/** The end of a payment_due member's fix window (one per member: a later chargeDue would replace it). */
export const recoveryLapseJobKey = (memberId: string) => `recovery-lapse:${memberId}`;

/** The one automatic retry of a soft-declined saved card. */
export const recoveryRetryJobKey = (memberId: string) => `recovery-retry:${memberId}`;

/** A commission's next transfer or reversal (one pending job per commission). */
export const settleCommissionJobKey = (commissionId: string) => `settle-commission:${commissionId}`;
