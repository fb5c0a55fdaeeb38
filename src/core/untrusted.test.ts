import { describe, expect, it } from 'vitest';
import { headerId, headerToken, untrustedText } from './untrusted.ts';

describe('untrusted network text', () => {
  it('keeps markup as plain text and caps its length', () => {
    expect(untrustedText('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    const long = untrustedText('a'.repeat(10_000), 64);
    expect(Array.from(long)).toHaveLength(64);
    expect(long.endsWith('…')).toBe(true);
  });

  it('strips control and bidi-override characters', () => {
    expect(untrustedText('abc\u202Edef\r\nghi')).toBe('abc def ghi');
  });

  it('accepts only known tier tokens and safe ids', () => {
    expect(headerToken(' VIP ', ['vip', 'brand', 'ordinary'] as const)).toBe('vip');
    expect(headerToken('admin', ['vip', 'brand', 'ordinary'] as const)).toBeUndefined();
    expect(headerId('complaint')).toBe('complaint');
    expect(headerId('../etc/passwd')).toBeUndefined();
    expect(headerId(undefined)).toBeUndefined();
  });
});
