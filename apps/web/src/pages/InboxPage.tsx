import { GovTag } from '@gov-design-system-ce/react';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTaskCounts, useTaskSearch, type Task, type TaskCounts } from '../api/queries';
import { useUser } from '../app/session-context';
import { ErrorNotice } from '../components/ErrorNotice';
import { SelectField, TextField } from '../components/Field';
import { TaskActionButton } from '../components/TaskActionButton';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { t } from '../i18n';
import { formatDate, formatDateTime, isPast } from '../i18n/format';
import { filterFromParams, filterToParams, INBOX_SORTS, INBOX_VIEWS, searchOf, type InboxFilter, type InboxView } from './inbox-filter';
import { Button } from '../components/Button';

/** The shipped processes; others that administrators deploy join the list once their tasks appear. */
const SHIPPED_PROCESSES: Record<string, string> = {
  'intention-submission': 'Podání rozvojového záměru',
  'orp-need-declaration': 'Deklarace potřebnosti ORP',
  'district-review': 'Posouzení okresním týmem',
  'council-approval': 'Schválení orgány kraje',
  'action-plan': 'Akční plán',
};

const COUNT_OF: Partial<Record<InboxView, keyof TaskCounts>> = { all: 'open', mine: 'assignedToMe', unassigned: 'unassigned', overdue: 'overdue' };

export function InboxPage() {
  useDocumentTitle(t('inbox.title'));
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const filter = filterFromParams(params);
  // "Now" is taken when the filter changes, so the overdue view is one stable query.
  const search = useMemo(() => searchOf(filter, new Date()), [params.toString()]); // eslint-disable-line react-hooks/exhaustive-deps
  const tasks = useTaskSearch(search);
  const counts = useTaskCounts();

  const items = tasks.data?.pages.flatMap((page) => page.items) ?? [];
  const processes: Record<string, string> = { ...SHIPPED_PROCESSES, ...(filter.process ? { [filter.process]: filter.process } : {}) };
  for (const task of items) processes[task.bpmnProcessId] = task.processName;
  const change = (next: Partial<InboxFilter>) => setParams(filterToParams({ ...filter, ...next }));

  return (
    <>
      <h1>{t('inbox.title')}</h1>
      <nav aria-label={t('inbox.filters')} className="inbox-views">
        <ul>
          {INBOX_VIEWS.map((view) => {
            const countKey = COUNT_OF[view];
            const count = countKey && counts.data ? counts.data[countKey] : undefined;
            return (
              <li key={view}>
                <Link to={{ search: filterToParams({ ...filter, view }).toString() }} aria-current={filter.view === view ? 'page' : undefined}>
                  {t(`inbox.views.${view}`)}
                  {count !== undefined ? (
                    <span className={`count-badge${view === 'overdue' && count > 0 ? ' count-badge--alert' : ''}`} data-testid={`count-${view}`}>
                      {count}
                    </span>
                  ) : null}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <form className="inbox-filters" onSubmit={(event) => event.preventDefault()} aria-label={t('inbox.filters')}>
        <SelectField id="filter-process" label={t('inbox.process')} value={filter.process ?? ''} onChange={(event) => change({ process: event.target.value || undefined })}>
          <option value="">{t('inbox.anyProcess')}</option>
          {Object.entries(processes).map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </SelectField>
        <SelectField id="filter-sort" label={t('inbox.sort')} value={filter.sort} onChange={(event) => change({ sort: event.target.value as InboxFilter['sort'] })}>
          {Object.keys(INBOX_SORTS).map((sort) => (
            <option key={sort} value={sort}>
              {t(`inbox.sorts.${sort as keyof typeof INBOX_SORTS}`)}
            </option>
          ))}
        </SelectField>
        <TextField id="filter-due-from" label={t('inbox.dueFrom')} type="date" value={filter.dueFrom ?? ''} onChange={(event) => change({ dueFrom: event.target.value || undefined })} />
        <TextField id="filter-due-to" label={t('inbox.dueTo')} type="date" value={filter.dueTo ?? ''} onChange={(event) => change({ dueTo: event.target.value || undefined })} />
      </form>
      {tasks.error ? <ErrorNotice error={tasks.error} onRetry={() => void tasks.refetch()} /> : null}
      {tasks.isPending ? <p role="status">{t('app.loading')}</p> : null}
      {tasks.isSuccess && items.length === 0 ? <p className="empty">{t('inbox.empty')}</p> : null}
      {items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table inbox-table">
            <caption className="visually-hidden">{t(`inbox.views.${filter.view}`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('inbox.columns.name')}</th>
                <th scope="col">{t('inbox.columns.process')}</th>
                <th scope="col">{t('inbox.columns.assignee')}</th>
                <th scope="col">{t('inbox.columns.due')}</th>
                <th scope="col">{t('inbox.columns.created')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('inbox.open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((task) => (
                <InboxRow key={task.id} task={task} me={user.id} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {tasks.hasNextPage ? (
        <Button color="primary" type="outlined" onClick={() => void tasks.fetchNextPage()} busy={tasks.isFetchingNextPage}>
          {t('inbox.more')}
        </Button>
      ) : null}
    </>
  );
}

function InboxRow({ task, me }: { task: Task; me: string }) {
  const overdue = task.taskState === 'CREATED' && isPast(task.dueDate);
  return (
    <tr data-task-id={task.id}>
      <td>
        <Link to={`/ukoly/${task.id}`}>{task.name}</Link>
      </td>
      <td>{task.processName}</td>
      <td>{task.assignee === null ? <span className="muted">{t('inbox.unassigned')}</span> : task.assignee === me ? t('inbox.me') : task.assignee}</td>
      <td>
        {formatDate(task.dueDate)}{' '}
        {overdue ? (
          <GovTag color="error" size="xs">
            {t('inbox.overdue')}
          </GovTag>
        ) : null}
      </td>
      <td>{formatDateTime(task.creationDate)}</td>
      <td>
        <TaskActionButton task={task} me={me} />
      </td>
    </tr>
  );
}
