/** The keys of rows changed since the last commit, per table. */
export class ChangeSet {
  readonly dirty = new Map<string, Set<string>>();

  mark(table: string, key: string): void {
    let keys = this.dirty.get(table);
    if (!keys) this.dirty.set(table, (keys = new Set()));
    keys.add(key);
  }

  take(): Map<string, Set<string>> {
    const taken = new Map(this.dirty);
    this.dirty.clear();
    return taken;
  }
}

/**
 * One table of working state, held in memory and written to PostgreSQL by the group
 * committer. Callers `put` a row again after changing it so the change is persisted.
 */
export class Table<Row extends { key: string }> {
  readonly rows = new Map<string, Row>();
  /** Keys that have a row in the database; a row created and removed between commits never gets there. */
  readonly stored = new Set<string>();

  constructor(
    readonly name: string,
    private readonly changes: ChangeSet,
  ) {}

  get(key: string): Row | undefined {
    return this.rows.get(key);
  }

  put(row: Row): Row {
    this.rows.set(row.key, row);
    this.changes.mark(this.name, row.key);
    return row;
  }

  delete(key: string): Row | undefined {
    const row = this.rows.get(key);
    if (row) {
      this.rows.delete(key);
      this.changes.mark(this.name, key);
    }
    return row;
  }

  values(): IterableIterator<Row> {
    return this.rows.values();
  }

  /** Loads a row from the database without marking it changed. */
  restore(row: Row): void {
    this.rows.set(row.key, row);
    this.stored.add(row.key);
  }
}

/** A secondary index: many rows per key, kept in insertion order. */
export class MultiIndex<Value> {
  private readonly entries = new Map<string, Map<string, Value>>();

  add(indexKey: string, rowKey: string, value: Value): void {
    let bucket = this.entries.get(indexKey);
    if (!bucket) this.entries.set(indexKey, (bucket = new Map()));
    bucket.set(rowKey, value);
  }

  remove(indexKey: string, rowKey: string): void {
    const bucket = this.entries.get(indexKey);
    if (!bucket) return;
    bucket.delete(rowKey);
    if (bucket.size === 0) this.entries.delete(indexKey);
  }

  get(indexKey: string): Map<string, Value> {
    return this.entries.get(indexKey) ?? EMPTY;
  }
}

const EMPTY = new Map<string, never>();

/**
 * The versions of deployed resources per id, oldest first, without the deleted ones; a
 * deleted version still counts for the numbering of the next one.
 */
export class VersionIndex<Row extends { version: number; deleted?: boolean }> {
  private readonly byId = new Map<string, Row[]>();
  private readonly highest = new Map<string, number>();

  constructor(private readonly idOf: (row: Row) => string) {}

  add(row: Row): void {
    const id = this.idOf(row);
    this.highest.set(id, Math.max(this.highest.get(id) ?? 0, row.version));
    if (row.deleted) return;
    const versions = this.byId.get(id) ?? [];
    versions.push(row);
    versions.sort((a, b) => a.version - b.version);
    this.byId.set(id, versions);
  }

  remove(row: Row): void {
    const id = this.idOf(row);
    const versions = (this.byId.get(id) ?? []).filter((version) => version !== row);
    if (versions.length > 0) this.byId.set(id, versions);
    else this.byId.delete(id);
  }

  versions(id: string): readonly Row[] {
    return this.byId.get(id) ?? [];
  }

  nextVersion(id: string): number {
    return (this.highest.get(id) ?? 0) + 1;
  }
}
