import { EVERYTHING, accessKeysOf, groupKey, userKey, type Principal } from '@app/auth';
import { DomainError, DomainErrorCode } from '@app/domain';
import type { TaskState } from '@app/persistence';

export const TASK_STATES = ['CREATED', 'COMPLETED', 'CANCELED'] as const satisfies readonly TaskState[];
export const TASK_SORT_FIELDS = ['created', 'due', 'priority'] as const;
export type TaskSortField = (typeof TASK_SORT_FIELDS)[number];

export interface TaskSearch {
  state?: TaskState;
  assignedToMe?: boolean;
  unassigned?: boolean;
  candidateGroup?: string;
  bpmnProcessId?: string;
  processInstanceKey?: string;
  intentionId?: string;
  orpId?: string;
  districtId?: string;
  dueAfter?: Date;
  dueBefore?: Date;
  followUpAfter?: Date;
  followUpBefore?: Date;
  sort: { field: TaskSortField; order: 'asc' | 'desc' };
  pageSize: number;
  /** The `sortValues` of the last task of the previous page. */
  searchAfter?: readonly [string, string];
}

/** A query and its values, built for PostgreSQL placeholders. */
class Sql {
  readonly values: unknown[] = [];

  value(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Per sort field: the column in task_access, the expression on task, and the type of its cursor value. */
const SORT: Readonly<Record<TaskSortField, { access: string; task: string; type: string }>> = {
  created: { access: 'a.created_at', task: 't.created_at', type: 'timestamptz' },
  // Without a due date a task sorts after every dated one ('infinity').
  due: { access: 'a.due_sort', task: "coalesce(t.due_at, 'infinity')", type: 'timestamptz' },
  priority: { access: 'a.priority', task: 't.priority', type: 'smallint' },
};

function invalidCursor(message: string): DomainError {
  return new DomainError(DomainErrorCode.ValidationFailed, 'The request is not valid', [{ field: 'searchAfter', code: 'INVALID_CURSOR', message }]);
}

function checkCursor(search: TaskSearch): void {
  if (!search.searchAfter) return;
  const [value, id] = search.searchAfter;
  if (!/^[1-9]\d{0,18}$/.test(id)) throw invalidCursor('The second sort value is a task id');
  const timestamp = /^(infinity|\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?)$/;
  if (search.sort.field === 'priority' ? !/^\d{1,3}$/.test(value) : !timestamp.test(value)) {
    throw invalidCursor(`The first sort value must be a ${search.sort.field === 'priority' ? 'priority' : 'timestamp'} as returned in sortValues`);
  }
}

/** Conditions on the task row (alias `t`) for the filters that the access keys do not cover. */
function taskFilters(sql: Sql, principal: Principal, search: TaskSearch): string[] {
  const where: string[] = [];
  if (search.assignedToMe) where.push(`t.assignee = ${sql.value(principal.userId)}`);
  if (search.bpmnProcessId) where.push(`t.bpmn_process_id = ${sql.value(search.bpmnProcessId)}`);
  if (search.processInstanceKey) where.push(`t.process_instance_key = ${sql.value(search.processInstanceKey)}`);
  if (search.intentionId) where.push(`t.intention_id = ${sql.value(search.intentionId)}`);
  if (search.orpId) where.push(`t.orp_id = ${sql.value(search.orpId)}`);
  if (search.districtId) where.push(`t.district_id = ${sql.value(search.districtId)}`);
  if (search.dueAfter) where.push(`t.due_at >= ${sql.value(search.dueAfter)}`);
  if (search.dueBefore) where.push(`t.due_at < ${sql.value(search.dueBefore)}`);
  if (search.followUpAfter) where.push(`t.follow_up_at >= ${sql.value(search.followUpAfter)}`);
  if (search.followUpBefore) where.push(`t.follow_up_at < ${sql.value(search.followUpBefore)}`);
  return where;
}

function keyset(sql: Sql, search: TaskSearch, column: string, idColumn: string): string[] {
  if (!search.searchAfter) return [];
  const [value, id] = search.searchAfter;
  const type = SORT[search.sort.field].type;
  return [`(${column}, ${idColumn}) ${search.sort.order === 'asc' ? '>' : '<'} (${sql.value(value)}::${type}, ${sql.value(id)}::bigint)`];
}

/**
 * The ids and sort values of one page of the tasks a user sees, in order (one more than the
 * page size, to tell whether another page follows).
 *
 * A user's tasks are found through `task_access` (one row per group, candidate user and
 * assignee of a task, with the sort keys): one ordered index range per key and state, merged,
 * so a page costs the same with a thousand tasks or a million. Filters that name a few tasks
 * (an intention, a process instance) and administrators (who see everything) read `task`.
 */
export function pageQuery(principal: Principal, search: TaskSearch): { text: string; values: unknown[] } {
  if (search.assignedToMe && search.unassigned) {
    throw new DomainError(DomainErrorCode.ValidationFailed, 'The request is not valid', [
      { field: 'unassigned', code: 'CONFLICTING_FILTERS', message: 'A task cannot be assigned to me and unassigned at once' },
    ]);
  }
  checkCursor(search);
  const sql = new Sql();
  const order = search.sort.order === 'asc' ? 'ASC' : 'DESC';
  const limit = search.pageSize + 1;
  const states = search.state ? [search.state] : [...TASK_STATES];
  const allKeys = accessKeysOf(principal);
  const everything = allKeys.includes(EVERYTHING);

  if (everything || search.intentionId || search.processInstanceKey) {
    const where = [`t.state = ANY(${sql.value(states)}::text[])`, ...taskFilters(sql, principal, search), ...keyset(sql, search, SORT[search.sort.field].task, 't.id')];
    if (search.unassigned) where.push('t.assignee IS NULL');
    if (search.candidateGroup) where.push(`t.candidate_groups @> ARRAY[${sql.value(search.candidateGroup)}]::text[]`);
    if (!everything) {
      const groups = allKeys.filter((key) => key.startsWith('g:')).map((key) => key.slice(2));
      where.push(`(t.candidate_groups && ${sql.value(groups)}::text[] OR ${sql.value(principal.userId)} = ANY(t.candidate_users) OR t.assignee = ${sql.value(principal.userId)})`);
    }
    return {
      text: `SELECT t.id::text AS "taskId", (${SORT[search.sort.field].task})::text AS "sortValue" FROM task t
             WHERE ${where.join(' AND ')} ORDER BY ${SORT[search.sort.field].task} ${order}, t.id ${order} LIMIT ${limit}`,
      values: sql.values,
    };
  }

  let keys = allKeys;
  if (search.candidateGroup) keys = keys.filter((key) => key === groupKey(search.candidateGroup!));
  if (search.assignedToMe) keys = [userKey(principal.userId)];
  if (keys.length === 0) return { text: `SELECT NULL::text AS "taskId", NULL::text AS "sortValue" WHERE false`, values: [] };

  const column = SORT[search.sort.field].access;
  const filters = taskFilters(sql, principal, search);
  const cursor = keyset(sql, search, column, 'a.task_id');
  const join = filters.length > 0 ? 'JOIN task t ON t.id = a.task_id' : '';
  const branches = keys.flatMap((key) =>
    states.map((state) => {
      const where = [`a.access_key = ${sql.value(key)}`, `a.state = ${sql.value(state)}`, ...cursor, ...filters, ...(search.unassigned ? ['NOT a.assigned'] : [])];
      return `(SELECT a.task_id, ${column} AS sort_key FROM task_access a ${join} WHERE ${where.join(' AND ')}
               ORDER BY ${column} ${order}, a.task_id ${order} LIMIT ${limit})`;
    }),
  );
  return {
    text: `SELECT b.task_id::text AS "taskId", b.sort_key::text AS "sortValue" FROM (${branches.join(' UNION ALL ')}) b
           GROUP BY b.task_id, b.sort_key ORDER BY b.sort_key ${order}, b.task_id ${order} LIMIT ${limit}`,
    values: sql.values,
  };
}
