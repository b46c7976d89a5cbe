// Payment metrics: a PaymentsPort that counts what the card processor answers (holds, captures and releases
// by outcome) and times each call, around the real one. server/deps.ts and the worker (server/tasks.ts) wrap
// their port with it. Edit when another money movement needs counting.
import type { PaymentFailure, PaymentsPort } from '@/server/payments/port';
import { metrics } from './metrics';

const instrumented = new WeakSet<PaymentsPort>();

/** The outcome label of a failure: the processor's code, lower case ("card_declined", "network_error"). */
function failed(f: PaymentFailure): string {
  return f.code.toLowerCase();
}

/** `port` with holds, captures and releases counted by outcome; wrapping an already wrapped port returns it. */
export function instrumentPayments(port: PaymentsPort): PaymentsPort {
  if (instrumented.has(port)) return port;
  const m = metrics();
  // Times `call` and counts its outcome; a call that throws (the SDK gave up) counts as "error".
  async function observe<R>(
    call: string,
    run: () => Promise<R>,
    count: (outcome: string) => void,
    outcome: (r: R) => string,
  ): Promise<R> {
    const end = m.paymentSeconds.startTimer({ call });
    try {
      const r = await run();
      count(outcome(r));
      return r;
    } catch (err) {
      count('error');
      throw err;
    } finally {
      end();
    }
  }
  const wrapped: PaymentsPort = {
    ...port,
    authorize: (input) =>
      observe(
        'authorize',
        () => port.authorize(input),
        (outcome) => m.holds.inc({ kind: 'hold', outcome }),
        (r) => (r.ok ? r.hold.status : failed(r.failure)),
      ),
    saveCard: (input) =>
      observe(
        'save_card',
        () => port.saveCard(input),
        (outcome) => m.holds.inc({ kind: 'saved_card', outcome }),
        (r) => (r.ok ? r.setup.status : failed(r.failure)),
      ),
    capture: (input) =>
      observe(
        'capture',
        () => port.capture(input),
        (outcome) => m.captures.inc({ kind: 'hold', outcome }),
        (r) => (r.ok ? r.hold.status : failed(r.failure)),
      ),
    chargeSaved: (input) =>
      observe(
        'charge_saved',
        () => port.chargeSaved(input),
        (outcome) => m.captures.inc({ kind: 'saved_card', outcome }),
        (r) => (r.ok ? r.hold.status : failed(r.failure)),
      ),
    release: (input) =>
      observe(
        'release',
        () => port.release(input),
        (outcome) => m.releases.inc({ outcome }),
        (r) => (r.ok ? 'released' : failed(r.failure)),
      ),
  };
  instrumented.add(wrapped);
  return wrapped;
}
