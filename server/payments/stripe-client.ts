// Builds the official Stripe SDK client: real Stripe with STRIPE_SECRET_KEY, or the local emulator.
// Edit when SDK options change.
import Stripe from 'stripe';
import { getEnv } from '@/server/env';

/** The secret key the SDK sends to the emulator (it accepts any sk_test_ key). */
export const EMULATOR_SECRET_KEY = 'sk_test_flock_emulator';

/** A Stripe SDK client pointed at `emulatorUrl` when given, else at Stripe with `secretKey`. */
export function createStripeClient(opts: {
  secretKey?: string;
  emulatorUrl?: string;
  maxNetworkRetries?: number;
  timeoutMs?: number;
}): Stripe {
  const common = {
    maxNetworkRetries: opts.maxNetworkRetries ?? 2,
    timeout: opts.timeoutMs ?? 20_000,
    telemetry: false,
  };
  if (opts.emulatorUrl) {
    const u = new URL(opts.emulatorUrl);
    return new Stripe(opts.secretKey ?? EMULATOR_SECRET_KEY, {
      ...common,
      host: u.hostname,
      port: u.port || (u.protocol === 'https:' ? 443 : 80),
      protocol: u.protocol === 'https:' ? 'https' : 'http',
    });
  }
  if (!opts.secretKey) throw new Error('Stripe needs STRIPE_SECRET_KEY or STRIPE_EMULATOR_URL.');
  return new Stripe(opts.secretKey, common);
}

let shared: Stripe | undefined;

/** The process-wide Stripe client from the environment. */
export function getStripe(): Stripe {
  if (shared) return shared;
  const env = getEnv();
  shared = createStripeClient({
    secretKey: env.STRIPE_SECRET_KEY,
    emulatorUrl: env.STRIPE_SECRET_KEY ? undefined : env.STRIPE_EMULATOR_URL,
  });
  return shared;
}
