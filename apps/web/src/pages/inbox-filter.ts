import type { TaskSearch } from '../api/queries';

export const INBOX_VIEWS = ['all', 'mine', 'unassigned', 'overdue', 'done'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

export const INBOX_SORTS = {
  createdDesc: { field: 'created', order: 'desc' },
  createdAsc: { field: 'created', order: 'asc' },
  dueAsc: { field: 'due', order: 'asc' },
  priorityDesc: { field: 'priority', order: 'desc' },
} as const satisfies Record<string, NonNullable<TaskSearch['sort']>>;
export type InboxSort = keyof typeof INBOX_SORTS;

/** The inbox's filter as it stands in the page's address, so that back, forward and links keep it. */
export interface InboxFilter {
  view: InboxView;
  sort: InboxSort;
  process?: string;
  dueFrom?: string;
  dueTo?: string;
}

export function filterFromParams(params: URLSearchParams): InboxFilter {
  const view = params.get('pohled');
  const sort = params.get('razeni');
  return {
    view: (INBOX_VIEWS as readonly string[]).includes(view ?? '') ? (view as InboxView) : 'all',
    sort: sort !== null && sort in INBOX_SORTS ? (sort as InboxSort) : 'createdDesc',
    process: params.get('proces') || undefined,
    dueFrom: validDate(params.get('od')),
    dueTo: validDate(params.get('do')),
  };
}

export function filterToParams(filter: InboxFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.view !== 'all') params.set('pohled', filter.view);
  if (filter.sort !== 'createdDesc') params.set('razeni', filter.sort);
  if (filter.process) params.set('proces', filter.process);
  if (filter.dueFrom) params.set('od', filter.dueFrom);
  if (filter.dueTo) params.set('do', filter.dueTo);
  return params;
}

/** `POST /tasks/search` for a filter; `now` decides what is overdue. */
export function searchOf(filter: InboxFilter, now: Date): TaskSearch {
  const search: TaskSearch = { sort: { ...INBOX_SORTS[filter.sort] }, pageSize: 25, state: filter.view === 'done' ? 'COMPLETED' : 'CREATED' };
  if (filter.view === 'mine') search.assignedToMe = true;
  if (filter.view === 'unassigned') search.unassigned = true;
  if (filter.process) search.bpmnProcessId = filter.process;
  // Dates are whole days in the inbox: "do" includes its day.
  if (filter.dueFrom) search.dueAfter = new Date(`${filter.dueFrom}T00:00:00`).toISOString();
  if (filter.dueTo) search.dueBefore = new Date(new Date(`${filter.dueTo}T00:00:00`).getTime() + 86_400_000).toISOString();
  if (filter.view === 'overdue') {
    const nowIso = now.toISOString();
    search.dueBefore = search.dueBefore && search.dueBefore < nowIso ? search.dueBefore : nowIso;
  }
  return search;
}

function validDate(value: string | null): string | undefined {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined;
}
