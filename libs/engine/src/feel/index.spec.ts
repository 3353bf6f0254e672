import { describe, expect, it } from '@jest/globals';
import {
  evaluateExpression,
  evaluateExpressionWithWarnings,
  evaluateStaticOrExpression,
  evaluateUnaryTests,
  FeelEvaluationError,
  isExpression,
  stripExpressionMarker,
} from './index.js';
import { feelSyntaxError } from './evaluate.js';

const now = new Date('2026-11-22T09:30:15.250Z');

describe('evaluateExpression', () => {
  it('strips the leading = that Zeebe uses to mark expressions', () => {
    expect(evaluateExpression('=1 + 2', {})).toBe(3);
    expect(evaluateExpression('  = amount * 2', { amount: 21 })).toBe(42);
    expect(evaluateExpression('amount > 10', { amount: 21 })).toBe(true);
  });

  it('reads variables and nested context entries', () => {
    const context = { intention: { region: 'jmk', capacity: 12, tags: ['a', 'b'] } };
    expect(evaluateExpression('=intention.region', context)).toBe('jmk');
    expect(evaluateExpression('=intention.capacity >= 10 and list contains(intention.tags, "b")', context)).toBe(true);
    expect(evaluateExpression('={total: intention.capacity * 2, items: [1, 2]}', context)).toEqual({ total: 24, items: [1, 2] });
  });

  it('reads bare variables and paths the same way feelin would', () => {
    const context = { a: { b: { c: 'deep' }, list: [{ n: 1 }, { n: 2 }] }, nothing: null, n: 0 };
    expect(evaluateExpression('=a.b.c', context)).toBe('deep');
    expect(evaluateExpression('=a.b', context)).toEqual({ c: 'deep' });
    expect(evaluateExpression('=nothing', context)).toBeNull();
    expect(evaluateExpression('=n', context)).toBe(0);
    // A path through a list maps over its items (feelin's semantics, not the shortcut's).
    expect(evaluateExpression('=a.list.n', context)).toEqual([1, 2]);
    expect(evaluateExpression('=true', {})).toBe(true);
    expect(evaluateExpressionWithWarnings('=a.missing', context).warnings).toHaveLength(1);
  });

  it('keeps functions apart from variables of the same name, as feel-scala does', () => {
    expect(evaluateExpression('=count(items) + sum(items)', { count: 7, sum: 'x', items: [1, 2] })).toBe(5);
    expect(evaluateExpression('=now()', { now: 'variable' }, { now })).toBe('2026-11-22T09:30:15.25Z');
    expect(evaluateExpression('=count', { count: 7 })).toBe(7);
    expect(evaluateUnaryTests('< count([1, 2, 3])', 2, { count: 0 })).toBe(true);
  });

  it('answers null with a warning for a missing variable, as Zeebe does', () => {
    expect(evaluateExpression('=missing', {})).toBeNull();
    const { value, warnings } = evaluateExpressionWithWarnings('=missing', {});
    expect(value).toBeNull();
    expect(warnings).toEqual([{ type: 'NO_VARIABLE_FOUND', message: "No variable found with name 'missing'" }]);
    expect(evaluateExpression('=missing > 5', {})).toBeNull();
    expect(evaluateExpression('=a.b', { a: {} })).toBeNull();
  });

  it('throws FeelEvaluationError naming the expression on a syntax error', () => {
    expect(() => evaluateExpression('=1 +', {})).toThrow(FeelEvaluationError);
    expect(() => evaluateExpression('=1 +', {})).toThrow(/^failed to parse expression '1 \+': /);
    expect(() => evaluateExpression('=', {})).toThrow(/failed to parse expression ''/);
  });

  it('converts dates, times and durations to the ISO strings Zeebe stores', () => {
    expect(evaluateExpression('=date("2026-03-01")', {})).toBe('2026-03-01');
    expect(evaluateExpression('=date and time("2026-03-01T10:15:00Z")', {})).toBe('2026-03-01T10:15:00Z');
    expect(evaluateExpression('=date and time("2026-03-01T10:15:00.5+02:00")', {})).toBe('2026-03-01T10:15:00.5+02:00');
    // A named zone is written as its offset (ISO_OFFSET_DATE_TIME).
    expect(evaluateExpression('=date and time("2026-07-01T10:15:00@Europe/Prague")', {})).toBe('2026-07-01T10:15:00+02:00');
    expect(evaluateExpression('=date and time("2026-03-01T10:15:00")', {})).toBe('2026-03-01T10:15:00');
    // LocalTime#toString leaves out zero seconds.
    expect(evaluateExpression('=time("10:15:00")', {})).toBe('10:15');
    expect(evaluateExpression('=time("10:15:30")', {})).toBe('10:15:30');
    expect(evaluateExpression('=time("10:15:30.1")', {})).toBe('10:15:30.100');
    expect(evaluateExpression('=time("10:15:00Z")', {})).toBe('10:15Z');
    expect(evaluateExpression('=duration("P14D")', {})).toBe('P14D');
    expect(evaluateExpression('=duration("PT36H")', {})).toBe('P1DT12H');
    expect(evaluateExpression('=duration("P1Y2M")', {})).toBe('P1Y2M');
    // feel-scala's forms: zero as P0D / P0Y, whole seconds, one leading sign.
    expect(evaluateExpression('=duration("PT0S")', {})).toBe('P0D');
    expect(evaluateExpression('=duration("P0M")', {})).toBe('P0Y');
    expect(evaluateExpression('=duration("P24M")', {})).toBe('P2Y');
    expect(evaluateExpression('=duration("-PT90M")', {})).toBe('-PT1H30M');
    expect(evaluateExpression('=duration("PT1.5S")', {})).toBe('PT1S');
    expect(evaluateExpression('=duration("PT1M") - duration("PT2M")', {})).toBe('-PT1M');
    expect(evaluateExpression('=[date("2026-01-01"), {d: duration("PT5M")}]', {})).toEqual(['2026-01-01', { d: 'PT5M' }]);
  });

  it('turns values with no JSON form into null', () => {
    expect(evaluateExpression('=[1..3]', {})).toBeNull();
    expect(evaluateExpression('=function(x) x + 1', {})).toBeNull();
  });

  it('does date arithmetic and comparisons', () => {
    expect(evaluateExpression('=date("2026-01-31") + duration("P1M")', {})).toBe('2026-02-28');
    expect(evaluateExpression('=date and time("2026-01-01T00:00:00Z") + duration("P14D")', {})).toBe('2026-01-15T00:00:00Z');
    expect(evaluateExpression('=date("2026-01-01") < date("2026-02-01")', {})).toBe(true);
    expect(evaluateExpression('=date("2026-03-01") - date("2026-01-01")', {})).toBe('P59D');
  });

  it('years and months duration counts whole months only', () => {
    expect(evaluateExpression('=years and months duration(date("2020-01-15"), date("2021-03-20"))', {})).toBe('P1Y2M');
    expect(evaluateExpression('=years and months duration(date("2021-03-20"), date("2020-01-15"))', {})).toBe('-P1Y2M');
    expect(evaluateExpression('=years and months duration(date("2020-01-15"), date("2020-02-14"))', {})).toBe('P0Y');
    expect(evaluateExpression('=years and months duration(date and time("2020-01-15T10:00:00Z"), date("2022-01-15"))', {})).toBe('P2Y');
    expect(evaluateExpression('=years and months duration("x", date("2022-01-15"))', {})).toBeNull();
    expect(evaluateExpression('=date(date and time("2026-05-06T07:08:09Z"))', {})).toBe('2026-05-06');
  });

  it('provides the FEEL built-ins models commonly use', () => {
    expect(evaluateExpression('=sum([1, 2, 3]) + count([1]) + min([4, 5]) + max([1, 9]) + mean([2, 4])', {})).toBe(23);
    expect(evaluateExpression('=upper case("jmk")', {})).toBe('JMK');
    expect(evaluateExpression('=contains("region:jmk", "jmk") and matches("orp:brno", "^orp:")', {})).toBe(true);
    expect(evaluateExpression('=context put({a: 1}, "b", 2)', {})).toEqual({ a: 1, b: 2 });
    expect(evaluateExpression('=string(12) + substring("abcdef", 2, 3)', {})).toBe('12bcd');
  });
});

describe('now() and today()', () => {
  it('read the engine clock when given', () => {
    expect(evaluateExpression('=now()', {}, { now })).toBe('2026-11-22T09:30:15.25Z');
    expect(evaluateExpression('=today()', {}, { now })).toBe('2026-11-22');
    expect(evaluateExpression('=now() + duration("P14D")', {}, { now })).toBe('2026-12-06T09:30:15.25Z');
    expect(evaluateExpression('=today() + duration("P1D")', {}, { now })).toBe('2026-11-23');
    expect(evaluateExpression('=now() > date and time("2026-11-22T09:00:00Z")', {}, { now })).toBe(true);
  });

  it('default to the system clock', () => {
    const before = Date.now();
    const value = evaluateExpression('=now()', {}) as string;
    expect(Date.parse(value)).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(value)).toBeLessThanOrEqual(Date.now() + 1);
  });
});

describe('Camunda built-ins', () => {
  it('is defined', () => {
    expect(evaluateExpression('=is defined(x)', {})).toBe(false);
    expect(evaluateExpression('=is defined(x)', { x: 1 })).toBe(true);
    expect(evaluateExpression('=is defined(x.y)', { x: {} })).toBe(false);
    // Since Camunda 8.4 a null value counts as not defined.
    expect(evaluateExpression('=is defined(x)', { x: null })).toBe(false);
    expect(evaluateExpression('=not(is defined(x))', {})).toBe(true);
  });

  it('get or else', () => {
    expect(evaluateExpression('=get or else(x, "default")', {})).toBe('default');
    expect(evaluateExpression('=get or else(x, "default")', { x: 'set' })).toBe('set');
    expect(evaluateExpression('=get or else(null, null)', {})).toBeNull();
    expect(evaluateExpression('=get or else(value: x, default: 5)', {})).toBe(5);
  });

  it('assert fails the evaluation when the condition does not hold', () => {
    expect(evaluateExpression('=assert(x, x > 0)', { x: 4 })).toBe(4);
    expect(() => evaluateExpression('=assert(x, x != null)', {})).toThrow(FeelEvaluationError);
    expect(() => evaluateExpression('=assert(x, x > 0, "x must be positive")', { x: -1 })).toThrow(
      /^failed to evaluate expression 'assert\(x, x > 0, "x must be positive"\)': .*x must be positive$/,
    );
  });

  it('string join with delimiter, prefix and suffix', () => {
    expect(evaluateExpression('=string join(["a", "b", "c"])', {})).toBe('abc');
    expect(evaluateExpression('=string join(["a", null, "c"], ", ")', {})).toBe('a, c');
    expect(evaluateExpression('=string join(["a", "b"], ", ", "[", "]")', {})).toBe('[a, b]');
    expect(evaluateExpression('=string join([], ", ", "[", "]")', {})).toBe('[]');
    expect(evaluateExpression('=string join([1, 2], ", ")', {})).toBeNull();
  });

  it('get value by key or by path', () => {
    expect(evaluateExpression('=get value({a: 1}, "a")', {})).toBe(1);
    expect(evaluateExpression('=get value(x, ["a", "b"])', { x: { a: { b: 'deep' } } })).toBe('deep');
    expect(evaluateExpression('=get value(x, ["a", "c"])', { x: { a: { b: 'deep' } } })).toBeNull();
    expect(evaluateExpression('=get value(context: {a: 1}, key: "a")', {})).toBe(1);
    expect(evaluateExpression('=get value([1], "a")', {})).toBeNull();
  });

  it('is empty', () => {
    expect(evaluateExpression('=is empty([])', {})).toBe(true);
    expect(evaluateExpression('=is empty([1])', {})).toBe(false);
    expect(evaluateExpression('=is empty("x")', {})).toBeNull();
  });

  it('trim and is blank', () => {
    expect(evaluateExpression('=trim("  a b  ")', {})).toBe('a b');
    expect(evaluateExpression('=is blank("  ")', {})).toBe(true);
    expect(evaluateExpression('=is blank("a")', {})).toBe(false);
    expect(evaluateExpression('=trim(1)', {})).toBeNull();
  });

  it('uuid', () => {
    const first = evaluateExpression('=uuid()', {});
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(evaluateExpression('=uuid()', {})).not.toBe(first);
  });

  it('to base64', () => {
    expect(evaluateExpression('=to base64("Žďár")', {})).toBe(Buffer.from('Žďár').toString('base64'));
  });

  it('extract', () => {
    expect(evaluateExpression('=extract("orp:brno, orp:blansko", "orp:[a-z]+")', {})).toEqual(['orp:brno', 'orp:blansko']);
    expect(evaluateExpression('=extract("abc", "[")', {})).toBeNull();
  });

  it('partition', () => {
    expect(evaluateExpression('=partition([1, 2, 3, 4, 5], 2)', {})).toEqual([[1, 2], [3, 4], [5]]);
    expect(evaluateExpression('=partition([1], 0)', {})).toBeNull();
  });

  it('duplicate values', () => {
    expect(evaluateExpression('=duplicate values([1, 2, 3, 2, 1, 1])', {})).toEqual([2, 1]);
    expect(evaluateExpression('=duplicate values([])', {})).toEqual([]);
  });

  it('last day of month', () => {
    expect(evaluateExpression('=last day of month(date("2028-02-10"))', {})).toBe('2028-02-29');
    expect(evaluateExpression('=last day of month(date and time("2026-04-10T10:00:00Z"))', {})).toBe('2026-04-30');
    expect(evaluateExpression('=last day of month("2026-04-10")', {})).toBeNull();
  });

  it('random number', () => {
    const value = evaluateExpression('=random number()', {}) as number;
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThan(1);
  });
});

describe('evaluateUnaryTests', () => {
  it('matches anything for - or an empty entry', () => {
    expect(evaluateUnaryTests('-', 5, {})).toBe(true);
    expect(evaluateUnaryTests('', null, {})).toBe(true);
    expect(evaluateUnaryTests('  ', 'x', {})).toBe(true);
  });

  it('evaluates comparisons, ranges, lists and negation', () => {
    expect(evaluateUnaryTests('> 5', 6, {})).toBe(true);
    expect(evaluateUnaryTests('> 5', 5, {})).toBe(false);
    expect(evaluateUnaryTests('[1..5]', 5, {})).toBe(true);
    expect(evaluateUnaryTests('(1..5)', 5, {})).toBe(false);
    expect(evaluateUnaryTests('"a", "b"', 'b', {})).toBe(true);
    expect(evaluateUnaryTests('not("a", "b")', 'c', {})).toBe(true);
    expect(evaluateUnaryTests('null', null, {})).toBe(true);
  });

  it('resolves variables and ? in the tests', () => {
    expect(evaluateUnaryTests('< limit', 3, { limit: 4 })).toBe(true);
    expect(evaluateUnaryTests('? > limit', 3, { limit: 4 })).toBe(false);
    expect(evaluateUnaryTests('starts with(?, "orp:")', 'orp:brno', {})).toBe(true);
  });

  it('does not match on a type mismatch', () => {
    expect(evaluateUnaryTests('> 5', 'six', {})).toBe(false);
  });

  it('throws FeelEvaluationError on invalid syntax', () => {
    expect(() => evaluateUnaryTests('[1..', 1, {})).toThrow(FeelEvaluationError);
    expect(() => evaluateUnaryTests('[1..', 1, {})).toThrow(/^failed to parse unary-tests '\[1\.\.': /);
  });
});

describe('isExpression and evaluateStaticOrExpression', () => {
  it('tells expressions from static values', () => {
    expect(isExpression('=a')).toBe(true);
    expect(isExpression('  =a')).toBe(true);
    expect(isExpression('a=b')).toBe(false);
  });

  it('returns a static value as it is and evaluates an expression', () => {
    expect(evaluateStaticOrExpression('payment-service', {})).toBe('payment-service');
    expect(evaluateStaticOrExpression('3', {})).toBe('3');
    expect(evaluateStaticOrExpression('="task-" + kind', { kind: 'review' })).toBe('task-review');
  });
});

describe('feelSyntaxError', () => {
  it('reports where the syntax breaks, without evaluating', () => {
    expect(feelSyntaxError('amount > 5 and get or else(x, 1) = 1', 'expression')).toBeNull();
    expect(feelSyntaxError('1 +', 'expression')).toBe("failed to parse expression '1 +': syntax error at position 3");
    expect(feelSyntaxError('> 5, [1..10]', 'unary-tests')).toBeNull();
    expect(feelSyntaxError('[1..', 'unary-tests')).toMatch(/^failed to parse unary-tests '\[1\.\.': syntax error/);
  });
});

describe('stripExpressionMarker', () => {
  it('removes the leading = and surrounding whitespace', () => {
    expect(stripExpressionMarker(' = a + 1 ')).toBe('a + 1');
    expect(stripExpressionMarker('a')).toBe('a');
  });
});
