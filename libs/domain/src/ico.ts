/**
 * IČO (identifikační číslo osoby): eight digits, the last a mod-11 check digit
 * over the first seven weighted 8..2 (ARES rules).
 */
export function isValidIco(value: string): boolean {
  if (!/^\d{8}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 7).reduce((acc, digit, i) => acc + digit * (8 - i), 0);
  const check = (11 - (sum % 11)) % 10;
  return check === digits[7];
}
