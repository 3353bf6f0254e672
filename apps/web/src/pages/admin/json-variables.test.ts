import { describe, expect, it } from 'vitest';
import { parseVariables } from './json-variables';

describe('parseVariables', () => {
  it('takes an object, nothing for an empty field, and refuses anything else', () => {
    expect(parseVariables(' {"intentionId": "42"} ')).toEqual({ intentionId: '42' });
    expect(parseVariables('  ')).toBeUndefined();
    expect(['[1]', 'null', '"text"', '{"a":', '42'].map(parseVariables)).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'invalid']);
  });
});
