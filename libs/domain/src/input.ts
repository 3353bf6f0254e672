/**
 * What any value entering the product (the API, a form, a worker's variables) must be, before
 * any other rule: text PostgreSQL can store, numbers that are exact.
 */

/** A NUL, or a high surrogate not followed by a low one, or a low one not preceded by a high one. */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The largest amount of money in CZK any field takes (a trillion): far above any budget, well within exact numbers. */
export const MAX_CZK = 1_000_000_000_000;

/** Whether a text holds a character PostgreSQL cannot store (NUL) or that is not Unicode (a lone surrogate). */
export function hasUnstorableCharacter(text: string): boolean {
  return UNSTORABLE.test(text);
}

/** Whether a number is finite and exact (|n| ≤ 2^53 − 1): what JSON, PostgreSQL and Zeebe's clients all keep as sent. */
export function isSafeNumber(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER;
}
