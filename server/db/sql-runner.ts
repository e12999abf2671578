/**
 * The smallest SQL surface the migration runner needs, implemented by both databases.
 * Prisma's own API cannot run multi-statement migration files, so we go to the driver.
 */
export interface SqlRunner {
  /** Runs a script that may hold several statements. */
  exec(sql: string): Promise<void>;
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs `work` in one transaction: a failed migration leaves nothing behind. */
  transaction(work: (tx: SqlRunner) => Promise<void>): Promise<void>;
}
