import { describe, expect, it } from 'vitest';
import { HOLD_WINDOW_MAX_SECONDS, WINDOW_MAX_SECONDS, paymentModeFor } from './payment-mode';

describe('paymentModeFor', () => {
  it.each([
    [60, 'hold'],
    [HOLD_WINDOW_MAX_SECONDS, 'hold'],
    [HOLD_WINDOW_MAX_SECONDS + 1, 'save_card'],
    [14 * 86_400, 'save_card'],
    [WINDOW_MAX_SECONDS, 'save_card'],
  ] as const)('a window of %i seconds uses %s', (seconds, mode) => {
    expect(paymentModeFor(seconds)).toBe(mode);
  });
});
