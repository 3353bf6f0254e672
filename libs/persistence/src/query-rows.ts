import type { DataSource, EntityManager } from 'typeorm';

/**
 * The rows a statement returns. TypeORM answers an UPDATE or DELETE with `[rows, rowCount]`
 * and anything else with the rows, so `UPDATE … RETURNING` needs unwrapping.
 */
export async function queryRows<Row>(runner: DataSource | EntityManager, sql: string, values: unknown[] = []): Promise<Row[]> {
  const result = await runner.query(sql, values);
  return /^\s*(UPDATE|DELETE)\b/i.test(sql) ? (result as [Row[], number])[0] : (result as Row[]);
}
