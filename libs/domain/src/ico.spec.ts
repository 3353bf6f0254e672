import { describe, expect, it } from '@jest/globals';
import { isValidIco } from '@app/domain';

describe('isValidIco', () => {
  it('accepts real IČO of the South Moravian Region and the City of Brno', () => {
    expect(isValidIco('70888337')).toBe(true);
    expect(isValidIco('44992785')).toBe(true);
  });
  it('rejects a wrong check digit, wrong length and non-digits', () => {
    expect(isValidIco('70888338')).toBe(false);
    expect(isValidIco('7088833')).toBe(false);
    expect(isValidIco('7088833a')).toBe(false);
  });
});
