import { describe, expect, it } from '@jest/globals';
import { validate } from 'class-validator';
import { fitsUtf8Bytes, MaxUtf8Bytes } from './max-utf8-bytes.js';

class Sample {
  @MaxUtf8Bytes(4)
  text: unknown;
}

async function codesOf(text: unknown): Promise<string[]> {
  const sample = Object.assign(new Sample(), { text });
  return (await validate(sample)).flatMap((error) => Object.keys(error.constraints ?? {}));
}

describe('MaxUtf8Bytes', () => {
  it('counts bytes in UTF-8, not characters', () => {
    expect(fitsUtf8Bytes('abcd', 4)).toBe(true);
    expect(fitsUtf8Bytes('abcde', 4)).toBe(false);
    // Two characters of two bytes each fit; three do not, though three characters are fewer than four.
    expect(fitsUtf8Bytes('žš', 4)).toBe(true);
    expect(fitsUtf8Bytes('žšč', 4)).toBe(false);
  });

  it('refuses what is not a string', () => {
    expect(fitsUtf8Bytes(12, 4)).toBe(false);
    expect(fitsUtf8Bytes(undefined, 4)).toBe(false);
  });

  it('is a class-validator constraint named maxUtf8Bytes', async () => {
    await expect(codesOf('ab')).resolves.toEqual([]);
    await expect(codesOf('čččč')).resolves.toEqual(['maxUtf8Bytes']);
  });
});
