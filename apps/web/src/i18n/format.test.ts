import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatPercent, isPast } from './format';

// Intl separates thousands with a no-break space (U+00A0) in cs-CZ.
const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('Czech formats', () => {
  it('writes dates the Czech way in Prague time', () => {
    expect(nbsp(formatDate('2026-03-31T22:30:00Z'))).toBe('1. 4. 2026');
    expect(nbsp(formatDateTime('2026-12-07T09:05:00Z'))).toBe('7. 12. 2026 10:05');
    expect(formatDate(null)).toBe('—');
    expect(formatDate('not a date')).toBe('—');
  });

  it('writes money in whole crowns and numbers with a decimal comma', () => {
    expect(nbsp(formatMoney(1250000))).toBe('1 250 000 Kč');
    expect(nbsp(formatMoney('300000'))).toBe('300 000 Kč');
    expect(nbsp(formatNumber(12.5))).toBe('12,5');
    expect(nbsp(formatPercent(0.15))).toBe('15 %');
  });

  it('tells a past due date', () => {
    expect(isPast('2026-01-01T00:00:00Z', Date.parse('2026-01-02T00:00:00Z'))).toBe(true);
    expect(isPast(null)).toBe(false);
  });
});
