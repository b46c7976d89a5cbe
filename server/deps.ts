// The services' dependencies, passed explicitly so tests can build their own (a test database, an emulator).
// Edit when services need a new collaborator.
import { getDb, type Db } from '@/db/client';
import { appUrl, getEnv } from './env';
import type { Mailer } from './notifications/channels/email';
import type { PaymentsPort } from './payments/port';
import type { FeeSchedule } from './pricing/payouts';
import { getStripe } from './payments/stripe-client';
import { createStripePayments } from './payments/stripe-payments';
import { instrumentPayments } from './ops/payment-metrics';

export type Deps = {
  db: Db;
  payments: PaymentsPort;
  /** The clock; tests may move it. */
  now: () => Date;
  /** Public base URL for links. */
  appUrl: string;
  /** Where e-mail goes; unset = the process's mailer (SMTP_URL, else the dev outbox). Tests pass their own. */
  mailer?: Mailer;
  /**
   * A direct connection string for what needs a session of its own (LISTEN, the job worker's liveness lock
   * and its LISTEN for new jobs) when `db` goes through PgBouncer in transaction mode; unset = `db`'s.
   */
  directUrl?: string;
  /** The platform's fee on captured payments; unset = PLATFORM_FEE_BPS and PLATFORM_FEE_FIXED. */
  fees?: FeeSchedule;
};

let shared: Deps | undefined;

/** The process-wide dependencies built from the environment. */
export function getDeps(): Deps {
  shared ??= {
    db: getDb(),
    // Counted (holds, captures, releases, call durations) for /metrics wherever the process-wide port is used.
    payments: instrumentPayments(
      createStripePayments(getStripe(), {
        emulatorUrl: getEnv().STRIPE_SECRET_KEY ? undefined : getEnv().STRIPE_EMULATOR_URL,
      }),
    ),
    now: () => new Date(),
    appUrl: appUrl(),
    directUrl: getEnv().DATABASE_DIRECT_URL,
  };
  return shared;
}
