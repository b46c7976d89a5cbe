// How a deal's window decides the way buyers pay (issue 16, DESIGN rule 8), in the deal editor's words:
// up to 6 days each buyer's card is held at join; longer (up to 30 days) the card is saved and charged
// when the group closes, and a buyer whose card then fails has the shop's fix window to pay. Pure, safe in
// the browser. Edit when the modes or their explanation change.
import type { PaymentMode } from '@/db/schema/statuses';
import { paymentModeFor } from '@/server/pricing/payment-mode';

/** The catalog key (merchant namespace) and values of the sentence for a window; null while no window is readable. */
export function windowModeWords(
  windowSeconds: number,
  fixDays: number,
): {
  mode: PaymentMode;
  key: 'editor.windowMode.hold' | 'editor.windowMode.saveCard';
  values: { days: number };
} | null {
  if (!Number.isFinite(windowSeconds) || windowSeconds <= 0) return null;
  const mode = paymentModeFor(windowSeconds);
  return {
    mode,
    key: mode === 'hold' ? 'editor.windowMode.hold' : 'editor.windowMode.saveCard',
    values: { days: fixDays },
  };
}
