import { describe, expect, it } from '@jest/globals';
import { hasUnstorableCharacter, isSafeNumber } from './input.js';

describe('input every value obeys', () => {
  it('refuses NUL and lone surrogates, keeps every other character (pairs, RTL marks, emoji)', () => {
    expect(hasUnstorableCharacter('a\u0000b')).toBe(true);
    expect(hasUnstorableCharacter('\ud800')).toBe(true);
    expect(hasUnstorableCharacter('x\udc00')).toBe(true);
    expect(hasUnstorableCharacter('\udc00\ud800')).toBe(true);
    expect(hasUnstorableCharacter('Žluťoučký kůň \u200f\u202e 😀 \ud83d\ude00')).toBe(false);
  });

  it('takes numbers that are finite and exact', () => {
    expect(isSafeNumber(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(isSafeNumber(-12.5)).toBe(true);
    expect(isSafeNumber(Number.MAX_SAFE_INTEGER + 2)).toBe(false);
    expect(isSafeNumber(1e308)).toBe(false);
    expect(isSafeNumber(Number.NaN)).toBe(false);
    expect(isSafeNumber(Number.POSITIVE_INFINITY)).toBe(false);
  });
});
