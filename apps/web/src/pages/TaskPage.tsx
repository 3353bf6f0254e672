import { GovTag } from '@gov-design-system-ce/react';
import { lazy, Suspense, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../api/errors';
import { useTask, useTaskActions, type TaskDetail } from '../api/queries';
import { useUser } from '../app/session-context';
import { ErrorNotice, Notice } from '../components/ErrorNotice';
import { violationsByField } from '../components/errors';
import { TextField } from '../components/Field';
import { IntentionSummary } from '../components/IntentionSummary';
import { LoadingPage } from '../components/LoadingPage';
import { TaskComments } from '../components/TaskComments';
import { TaskDiagramPanel } from '../components/TaskDiagramPanel';
import type { TaskFormHandle } from '../components/TaskForm';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { t } from '../i18n';
import { formatDate, formatDateTime, isPast } from '../i18n/format';
import { NotFoundPage } from './NotFoundPage';
import { Button } from '../components/Button';

const TaskForm = lazy(() => import('../components/TaskForm'));

/** Roles that hand tasks to someone of their team (the API checks the territory). */
const ASSIGNERS = new Set(['district_chair', 'orp_head', 'administrator']);

export default function TaskPage() {
  const { id = '' } = useParams();
  const task = useTask(id);
  useDocumentTitle(task.data?.name);
  if (task.isPending) return <LoadingPage />;
  if (isApiError(task.error, 404) || (task.error && /^\D/.test(id))) return <NotFoundPage />;
  if (task.error) return <ErrorNotice error={task.error} onRetry={() => void task.refetch()} />;
  return <TaskView task={task.data} onReload={() => void task.refetch()} />;
}

function TaskView({ task, onReload }: { task: TaskDetail; onReload(): void }) {
  const user = useUser();
  const navigate = useNavigate();
  const actions = useTaskActions(task.id);
  const form = useRef<TaskFormHandle | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [assignee, setAssignee] = useState('');
  const open = task.taskState === 'CREATED';
  const mine = task.assignee === user.id;
  const takenByOther = open && task.assignee !== null && !mine;
  const claimLost = isApiError(actions.claim.error, 409);
  const completeError = actions.complete.error;

  const complete = (event: FormEvent) => {
    event.preventDefault();
    const data = task.form ? form.current?.submit() : {};
    if (!data) return;
    setFieldErrors({});
    actions.complete.mutate(data, {
      onSuccess: () => navigate('/ukoly', { state: { completed: task.name } }),
      onError: (error) => {
        const byField = Object.fromEntries(Object.entries(violationsByField(error)).map(([field, message]) => [field.replace(/^variables\./, ''), message]));
        setFieldErrors(byField);
        form.current?.showErrors(byField);
      },
    });
  };

  return (
    <div className="task-page">
      <p>
        <Link to="/ukoly">← {t('task.back')}</Link>
      </p>
      <h1>{task.name}</h1>
      <dl className="facts" aria-label={t('task.details')}>
        <div>
          <dt>{t('inbox.columns.process')}</dt>
          <dd>{task.processName}</dd>
        </div>
        <div>
          <dt>{t('task.assignee')}</dt>
          <dd data-testid="task-assignee">{task.assignee === null ? t('inbox.unassigned') : mine ? `${t('inbox.me')} (${task.assignee})` : task.assignee}</dd>
        </div>
        <div>
          <dt>{t('task.due')}</dt>
          <dd>
            {formatDate(task.dueDate)}{' '}
            {open && isPast(task.dueDate) ? (
              <GovTag color="error" size="xs">
                {t('inbox.overdue')}
              </GovTag>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('task.created')}</dt>
          <dd>{formatDateTime(task.creationDate)}</dd>
        </div>
        <div>
          <dt>{t('task.candidates')}</dt>
          <dd>{task.candidateGroups.join(', ') || '—'}</dd>
        </div>
      </dl>

      <div className="task-page__columns">
        <section className="task-page__work" aria-labelledby="task-form-title">
          <h2 id="task-form-title">{t('task.form')}</h2>
          {!open ? <Notice color="primary">{t('task.notOpen', { state: t(`task.state.${task.taskState}`) })}</Notice> : null}
          {claimLost || takenByOther ? (
            <div role="alert" className="notice notice--warning">
              <p>{takenByOther ? t('inbox.claimedBy', { who: task.assignee ?? '' }) : t('task.takenByOther')}</p>
              <Button color="primary" type="outlined" size="s" onClick={() => { actions.claim.reset(); onReload(); }}>
                {t('task.reload')}
              </Button>
            </div>
          ) : null}
          {open && task.assignee === null ? (
            <div className="task-page__claim">
              <p>{t('task.claimFirst')}</p>
              <Button color="primary" type="solid" onClick={() => actions.claim.mutate()} busy={actions.claim.isPending}>
                {t('inbox.claim')}
              </Button>
            </div>
          ) : null}
          {actions.claim.error && !claimLost ? <ErrorNotice error={actions.claim.error} /> : null}
          <form onSubmit={complete} noValidate aria-labelledby="task-form-title">
            {task.form ? (
              <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
                <TaskForm schema={task.form} data={task.variables} readOnly={!open || !mine} onReady={(handle) => (form.current = handle)} />
              </Suspense>
            ) : (
              <p>{t('task.noForm')}</p>
            )}
            {Object.keys(fieldErrors).length > 0 ? (
              <div role="alert" className="notice notice--error">
                <p>{t('task.formErrors')}</p>
                <ul>
                  {Object.entries(fieldErrors).map(([field, message]) => (
                    <li key={field}>{message}</li>
                  ))}
                </ul>
              </div>
            ) : completeError ? (
              <ErrorNotice error={completeError} />
            ) : null}
            {open && mine ? (
              <div className="actions">
                <Button color="primary" type="solid" nativeType="submit" busy={actions.complete.isPending}>
                  {t('task.complete')}
                </Button>
                <Button color="primary" type="outlined" onClick={() => actions.unclaim.mutate()} busy={actions.unclaim.isPending}>
                  {t('inbox.unclaim')}
                </Button>
              </div>
            ) : null}
          </form>
          {open && ASSIGNERS.has(user.role) ? (
            <form
              className="task-page__assign"
              onSubmit={(event) => {
                event.preventDefault();
                if (assignee.trim()) actions.assign.mutate(assignee.trim());
              }}
            >
              <TextField id="assignee" label={t('task.assignee')} value={assignee} onChange={(event) => setAssignee(event.target.value)} autoComplete="off" />
              <Button color="primary" type="outlined" nativeType="submit" busy={actions.assign.isPending}>
                {t('inbox.assign')}
              </Button>
              {actions.assign.error ? <ErrorNotice error={actions.assign.error} /> : null}
            </form>
          ) : null}
        </section>
        <aside className="task-page__context">
          {task.intentionId ? <IntentionSummary id={task.intentionId} /> : null}
          <TaskComments taskId={task.id} />
          <TaskDiagramPanel taskId={task.id} taskName={task.name} />
        </aside>
      </div>
    </div>
  );
}
