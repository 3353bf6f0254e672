import { describe, expect, it } from 'vitest';
import { czechFormMessage } from './form-messages';

describe('form-js messages in Czech', () => {
  it('says each of form-js’s refusals in Czech', () => {
    expect(czechFormMessage('Field is required.')).toBe('Vyplňte toto pole.');
    expect(czechFormMessage('Field must have maximum value of 5.')).toBe('Největší povolená hodnota je 5.');
    expect(czechFormMessage('Field must have minimum length of 10.')).toBe('Zadejte alespoň 10 znaků.');
    expect(czechFormMessage('Field must match pattern ^\\d{4}[–-]\\d{4}$.')).toBe('Hodnota nemá požadovaný tvar.');
    expect(czechFormMessage('Value is expected to be an integer.')).toBe('Zadejte celé číslo.');
  });

  it('keeps a message it does not know', () => {
    expect(czechFormMessage('Číslo usnesení má tvar 123/26/R45.')).toBe('Číslo usnesení má tvar 123/26/R45.');
  });
});
