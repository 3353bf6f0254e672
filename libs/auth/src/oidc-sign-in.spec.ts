import { describe, expect, it } from '@jest/globals';
import { safeReturnPath } from './oidc-sign-in.js';

describe('safeReturnPath', () => {
  it.each(['/', '/ukoly', '/zamery?stav=submitted&rok=2028', '/ukoly/2251799813685249#komentare', '/z%C3%A1m%C4%9Bry'])('follows the local path %j', (path) => {
    expect(safeReturnPath(path)).toBe(path);
  });

  it.each([
    ['another site', 'https://evil.example.com/'],
    ['a protocol-relative URL', '//evil.example.com/ukoly'],
    ['a backslash browsers read as a slash', '/\\evil.example.com'],
    ['a backslash further on', '/ukoly\\..\\x'],
    ['a relative path', 'ukoly'],
    ['a scheme', 'javascript:alert(1)'],
    ['a line break', '/ukoly\r\nSet-Cookie: x=1'],
    ['a tab', '/\t/evil.example.com'],
    ['a space', '/ukoly x'],
    ['nothing', ''],
    ['a path that is too long', `/${'a'.repeat(1000)}`],
    ['no text', 42],
  ])('refuses %s', (_case, value) => {
    expect(safeReturnPath(value)).toBeNull();
  });
});
