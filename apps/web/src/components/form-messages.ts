/**
 * form-js (1.x) has no message catalogue: its validator writes English. Its messages are
 * turned into Czech here, one pattern each; anything unknown is shown as form-js wrote it.
 */
const CZECH: [RegExp, (...groups: string[]) => string][] = [
  [/^Field is required\.$/, () => 'Vyplňte toto pole.'],
  [/^Value is not a number\.$/, () => 'Zadejte číslo.'],
  [/^Value is expected to be an integer\.$/, () => 'Zadejte celé číslo.'],
  [/^Value is expected to have at most (\d+) decimal digits?\.$/, (digits) => `Zadejte číslo s nejvýše ${digits} desetinnými místy.`],
  [/^Field must have minimum value of (.+)\.$/, (min) => `Nejmenší povolená hodnota je ${min}.`],
  [/^Field must have maximum value of (.+)\.$/, (max) => `Největší povolená hodnota je ${max}.`],
  [/^Field must have minimum length of (\d+)\.$/, (length) => `Zadejte alespoň ${length} znaků.`],
  [/^Field must have maximum length of (\d+)\.$/, (length) => `Zadejte nejvýše ${length} znaků.`],
  [/^Field must match pattern .+\.$/, () => 'Hodnota nemá požadovaný tvar.'],
  [/^Field must be a valid email\.$/, () => 'Zadejte platnou e-mailovou adresu.'],
  [/^Field must be a valid +international phone number\./, () => 'Zadejte telefonní číslo v mezinárodním tvaru (např. +420 123 456 789).'],
];

export function czechFormMessage(message: string): string {
  for (const [pattern, czech] of CZECH) {
    const match = pattern.exec(message);
    if (match) return czech(...match.slice(1));
  }
  return message;
}
