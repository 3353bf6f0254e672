import type { ValueTransformer } from 'typeorm';

/**
 * PostgreSQL returns numeric and bigint as strings. Amounts in CZK and capacities stay
 * far below 2^53, so they are safe as numbers; ids and engine keys stay strings.
 */
export const numberColumn: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
