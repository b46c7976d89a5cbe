// Which way a group's members secure their payment, decided by the deal's window (DESIGN rule 8).
// Edit when the hold's life or the longest window changes.
import type { PaymentMode } from '@/db/schema/statuses';

/** The longest window a card hold survives: holds live 7 days; a day absorbs clock and queue delays. */
export const HOLD_WINDOW_MAX_SECONDS = 6 * 24 * 60 * 60;
/** The longest window a deal may have: past a hold's life, cards are saved and charged at close. */
export const WINDOW_MAX_SECONDS = 30 * 24 * 60 * 60;

/** `hold` when a card hold outlives the window, else `save_card` (SetupIntent now, off-session charge at close). */
export function paymentModeFor(windowSeconds: number): PaymentMode {
  return windowSeconds <= HOLD_WINDOW_MAX_SECONDS ? 'hold' : 'save_card';
}
