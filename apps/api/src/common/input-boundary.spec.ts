import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { boundaryViolations, MAX_DEPTH, nullViolations } from './input-boundary.js';

const codes = (violations: { field: string; code: string }[]) => violations.map(({ field, code }) => `${field}:${code}`);

describe('the input boundary', () => {
  it('names every offending field of a body, however deep', () => {
    const body = JSON.parse('{"a":"ok","b":"x\\u0000","variables":{"pledgedCofinancing":1e308,"list":["\\ud800"]},"__proto__":{},"constructor":1}');
    expect(codes(boundaryViolations(body))).toEqual([
      '__proto__:UNKNOWN_PROPERTY',
      'constructor:UNKNOWN_PROPERTY',
      'b:INVALID_CHARACTER',
      'variables.pledgedCofinancing:UNSAFE_NUMBER',
      'variables.list.0:INVALID_CHARACTER',
    ]);
  });

  it('names a scalar input by its root (a path parameter, a query value)', () => {
    expect(codes(boundaryViolations('12\u0000', 'id'))).toEqual(['id:INVALID_CHARACTER']);
    expect(boundaryViolations('12', 'id')).toEqual([]);
  });

  it('refuses a key with NUL and data nested deeper than any endpoint takes', () => {
    expect(codes(boundaryViolations({ 'a\u0000': 1 }))).toEqual(['a\u0000:INVALID_CHARACTER']);
    let deep: unknown = 1;
    for (let level = 0; level < MAX_DEPTH + 5; level++) deep = { d: deep };
    expect(boundaryViolations(deep).map((violation) => violation.code)).toEqual(['TOO_DEEP']);
  });
});

class Sort {
  @ApiProperty() field: string;
}

class Filter {
  @ApiPropertyOptional({ type: [String] }) ids?: string[];
  @ApiPropertyOptional({ type: String, nullable: true }) note?: string | null;
  @ApiPropertyOptional({ type: () => Sort }) sort?: Sort;
  @ApiPropertyOptional({ type: () => Sort, isArray: true }) sorts?: Sort[];
}

describe('null at the boundary', () => {
  it('is refused where the document does not say nullable, never read as "no filter"', () => {
    expect(codes(nullViolations(Filter, { ids: null }))).toEqual(['ids:NULL_NOT_ALLOWED']);
    expect(nullViolations(Filter, { note: null })).toEqual([]);
    expect(nullViolations(Filter, { ids: ['1'], unknown: null })).toEqual([]);
  });

  it('follows nested DTOs and arrays of them', () => {
    expect(codes(nullViolations(Filter, { sort: { field: null } }))).toEqual(['sort.field:NULL_NOT_ALLOWED']);
    expect(codes(nullViolations(Filter, { sorts: [{ field: 'a' }, { field: null }] }))).toEqual(['sorts.1.field:NULL_NOT_ALLOWED']);
  });

  it('leaves inputs without a documented class alone', () => {
    expect(nullViolations(undefined, { ids: null })).toEqual([]);
    expect(nullViolations(Object, { ids: null })).toEqual([]);
  });
});
