// The pacing rules of nudges, in one place (DESIGN rule 14). Receipts and notices ignore all of them.
// Edit to change how often Flock may nudge a person.

export const NOTIFY_RULES = {
  /** At most this many nudges per person in any 24 hours (counted once across channels). */
  nudgesPerDay: 3,
  /** At most one nudge per person per group in this many hours. */
  groupGapHours: 6,
  /** A "price dropped" waits this long so that a burst of joins makes one message. */
  coalesceMs: 60_000,
  /** How long a sender may hold a claimed message before another takes it as a sender that died. */
  sendLeaseMs: 120_000,
  /** Delivery attempts before a message is marked failed (graphile-worker backs off exponentially). */
  maxAttempts: 8,
  /** Reminders before a group's deadline. */
  closingSoon: [
    { moment: 'closingSoon24h', hoursBefore: 24 },
    { moment: 'closingSoon3h', hoursBefore: 3 },
  ],
  /** Local hour at which a merchant's daily summary goes out. */
  dailySummaryHour: 9,
} as const;
