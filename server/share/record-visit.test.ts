import { describe, expect, it } from 'vitest';
import { anonymousVisitorKey } from './record-visit';

describe('anonymousVisitorKey', () => {
  it('is the same for one address and browser, differs otherwise, and never holds the address', () => {
    const a = anonymousVisitorKey('203.0.113.7', 'Phone A');
    expect(a).toBe(anonymousVisitorKey('203.0.113.7', 'Phone A'));
    expect(a).not.toBe(anonymousVisitorKey('203.0.113.7', 'Phone B'));
    expect(a).not.toBe(anonymousVisitorKey('203.0.113.8', 'Phone A'));
    expect(a).not.toContain('203.0.113.7');
    expect(anonymousVisitorKey(null, 'Phone A')).toBeNull();
  });
});
