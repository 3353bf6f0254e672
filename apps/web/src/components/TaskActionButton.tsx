import { GovButton } from '@gov-design-system-ce/react';
import { useTaskActions, type Task } from '../api/queries';
import { t } from '../i18n';
import { ErrorNotice } from './ErrorNotice';

/** Převzít or Zrušit přiřazení in one click, named with the task for screen readers. */
export function TaskActionButton({ task, me }: { task: Task; me: string }) {
  const actions = useTaskActions(task.id);
  if (task.taskState !== 'CREATED') return null;
  const failed = actions.claim.error ?? actions.unclaim.error;
  const busy = actions.claim.isPending || actions.unclaim.isPending;
  return (
    <>
      {task.assignee === null ? (
        <GovButton color="primary" type="solid" size="s" disabled={busy} onClick={() => actions.claim.mutate()} aria-label={`${t('inbox.claim')}: ${task.name}`}>
          {t('inbox.claim')}
        </GovButton>
      ) : task.assignee === me ? (
        <GovButton color="primary" type="outlined" size="s" disabled={busy} onClick={() => actions.unclaim.mutate()} aria-label={`${t('inbox.unclaim')}: ${task.name}`}>
          {t('inbox.unclaim')}
        </GovButton>
      ) : null}
      {failed ? <ErrorNotice error={failed} /> : null}
    </>
  );
}
