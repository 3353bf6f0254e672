import { lazy, Suspense, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useStartForm, useStartInstance } from '../../api/admin';
import { Button } from '../../components/Button';
import { ErrorNotice, Notice } from '../../components/ErrorNotice';
import { TextAreaField, TextField } from '../../components/Field';
import type { TaskFormHandle } from '../../components/TaskForm';
import { t } from '../../i18n';
import { parseVariables } from './json-variables';

const TaskForm = lazy(() => import('../../components/TaskForm'));

/** Starts an instance of a process version: through its start form when it has one, else with variables typed as JSON. */
export function StartInstance({ processId, version }: { processId: string; version: number }) {
  const startForm = useStartForm(processId, version);
  const start = useStartInstance(processId, version);
  const form = useRef<TaskFormHandle | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [started, setStarted] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fields = new FormData(event.currentTarget);
    const variables = startForm.data ? form.current?.submit() : parseVariables(String(fields.get('startVariables') ?? ''));
    setInvalid(variables === 'invalid');
    if (variables === null || variables === 'invalid') return;
    start.mutate({ variables: variables ?? {}, reason: String(fields.get('startReason') ?? '').trim() || undefined }, { onSuccess: (instance) => setStarted(instance.processInstanceKey) });
  };

  if (startForm.isPending) return null;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="start-title" className="admin-section">
      <h2 id="start-title">{t('admin.models.start')}</h2>
      {startForm.error ? <ErrorNotice error={startForm.error} /> : null}
      {startForm.data ? (
        <Suspense fallback={null}>
          <TaskForm schema={startForm.data} data={{}} readOnly={false} onReady={(handle) => (form.current = handle)} />
        </Suspense>
      ) : (
        <TextAreaField
          id="startVariables"
          label={t('admin.models.startVariables')}
          hint={t('admin.models.startVariablesHint')}
          error={invalid ? t('admin.incidents.variablesInvalid') : undefined}
          rows={3}
        />
      )}
      <TextField id="startReason" label={t('admin.models.startReason')} />
      {start.error ? <ErrorNotice error={start.error} /> : null}
      {started ? (
        <Notice>
          <Link to={`/sprava/instance/${started}`}>{t('admin.models.started', { key: started })}</Link>
        </Notice>
      ) : null}
      <Button color="primary" type="solid" nativeType="submit" busy={start.isPending}>
        {t('admin.models.start')}
      </Button>
    </form>
  );
}
