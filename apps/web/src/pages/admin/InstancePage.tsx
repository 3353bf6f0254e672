import { useMemo, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useInstance, useInstanceActions, useProcessXml, type ProcessInstance } from '../../api/admin';
import ProcessDiagram from '../../components/ProcessDiagram';
import { Button } from '../../components/Button';
import { ErrorNotice, Notice } from '../../components/ErrorNotice';
import { TextAreaField, TextField } from '../../components/Field';
import { LoadingPage } from '../../components/LoadingPage';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { t } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { instanceAnnotations } from './instance-annotations';
import { parseVariables } from './json-variables';
import { Legend } from './Legend';
import { shortDuration } from './model-annotations';

type Incident = ProcessInstance['incidents'][number];

function IncidentFix({ instanceKey, incident, onResolved }: { instanceKey: string; incident: Incident; onResolved: (elementId: string) => void }) {
  const { resolve } = useInstanceActions(instanceKey);
  const [invalid, setInvalid] = useState(false);
  const id = `incident-${incident.key}`;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const variables = parseVariables(String(form.get('variables') ?? ''));
    setInvalid(variables === 'invalid');
    if (variables === 'invalid') return;
    const retries = Number(form.get('retries'));
    resolve.mutate(
      { incidentKey: incident.key, reason: String(form.get('reason') ?? '').trim(), variables, retries: incident.jobKey !== '-1' && retries > 0 ? retries : undefined },
      { onSuccess: () => onResolved(incident.elementId) },
    );
  };
  return (
    <form onSubmit={submit} className="incident" aria-labelledby={`${id}-title`} noValidate data-testid={id}>
      <h3 id={`${id}-title`}>
        {t('admin.incidents.at', { element: incident.elementId })} · {incident.errorType}
      </h3>
      <p className="prose">{incident.errorMessage}</p>
      <p className="muted">{formatDateTime(incident.createdAt)}</p>
      {resolve.error ? <ErrorNotice error={resolve.error} /> : null}
      {incident.jobKey !== '-1' ? <TextField id={`${id}-retries`} name="retries" label={t('admin.incidents.retries')} type="number" min={1} max={100} defaultValue="1" /> : null}
      <TextAreaField
        id={`${id}-variables`}
        name="variables"
        label={t('admin.incidents.variables')}
        hint={t('admin.incidents.variablesHint')}
        error={invalid ? t('admin.incidents.variablesInvalid') : undefined}
        rows={3}
      />
      <TextField id={`${id}-reason`} name="reason" label={t('admin.incidents.reason')} required />
      <Button color="primary" type="solid" nativeType="submit" busy={resolve.isPending}>
        {t('admin.incidents.resolve')}
      </Button>
    </form>
  );
}

function CancelInstance({ instanceKey }: { instanceKey: string }) {
  const { cancel } = useInstanceActions(instanceKey);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    cancel.mutate(String(new FormData(event.currentTarget).get('cancelReason') ?? '').trim());
  };
  return (
    <form onSubmit={submit} className="admin-section" aria-labelledby="cancel-title" noValidate>
      <h2 id="cancel-title">{t('admin.instance.cancel')}</h2>
      {cancel.error ? <ErrorNotice error={cancel.error} /> : null}
      <TextField id="cancelReason" label={t('admin.instance.cancelReason')} required />
      <Button color="error" type="outlined" nativeType="submit" busy={cancel.isPending}>
        {t('admin.instance.cancel')}
      </Button>
    </form>
  );
}

function duration(startedAt: string, endedAt?: string): string {
  return endedAt ? shortDuration(Date.parse(endedAt) - Date.parse(startedAt)) : '—';
}

export default function InstancePage() {
  const { key = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const selected = params.get('prvek');
  const instance = useInstance(key);
  // Said after the incident has left the page (the instance is read again once it is resolved).
  const [resolved, setResolved] = useState<string | null>(null);
  const xml = useProcessXml(instance.data?.bpmnProcessId, instance.data?.version);
  const annotations = useMemo(() => (instance.data ? instanceAnnotations(instance.data) : {}), [instance.data]);
  useDocumentTitle(t('admin.instance.title', { key }));
  if (instance.error) return <ErrorNotice error={instance.error} onRetry={() => void instance.refetch()} />;
  if (!instance.data) return <LoadingPage />;
  const view = instance.data;
  const history = view.elements.filter((element) => element.key !== view.processInstanceKey && (!selected || element.elementId === selected));
  const intention = view.variables.find((scope) => scope.scopeKey === view.processInstanceKey)?.variables.intentionId;

  return (
    <>
      <p>
        <Link to="/sprava/instance">{t('admin.instance.back')}</Link>
      </p>
      <h1>{t('admin.instance.title', { key })}</h1>
      <dl className="dl-grid">
        <dt>{t('admin.instances.process')}</dt>
        <dd>
          <Link to={`/sprava/modely/${view.bpmnProcessId}`}>{view.bpmnProcessId}</Link> · {t('admin.instance.version', { version: view.version })}
        </dd>
        <dt>{t('admin.instance.audit')}</dt>
        <dd>
          <Link to={`/sprava/audit?instance=${key}`}>{t('admin.instance.auditLink')}</Link>
        </dd>
        <dt>{t('admin.instances.state')}</dt>
        <dd data-testid="instance-state">{t(`admin.states.${view.state}`)}</dd>
        <dt>{t('admin.instances.started')}</dt>
        <dd>{formatDateTime(view.startedAt)}</dd>
        {view.endedAt ? (
          <>
            <dt>{t('admin.instances.ended')}</dt>
            <dd>{formatDateTime(view.endedAt)}</dd>
          </>
        ) : null}
        {intention !== undefined ? (
          <>
            <dt>{t('admin.instances.intention')}</dt>
            <dd>
              <Link to={`/zamery/${String(intention)}`}>{String(intention)}</Link>
            </dd>
          </>
        ) : null}
        {view.parentProcessInstanceKey !== '-1' ? (
          <>
            <dt>{t('admin.instance.parent')}</dt>
            <dd>
              <Link to={`/sprava/instance/${view.parentProcessInstanceKey}`}>{view.parentProcessInstanceKey}</Link>
            </dd>
          </>
        ) : null}
      </dl>
      <section className="admin-section" aria-labelledby="diagram-title">
        <h2 id="diagram-title">{t('admin.instance.diagram')}</h2>
        <Legend items={['state-completed', 'state-taken', 'state-active', 'state-incident']} />
        {xml.error ? <ErrorNotice error={xml.error} /> : null}
        {xml.data ? (
          <ProcessDiagram
            xml={xml.data}
            annotations={annotations}
            label={t('admin.instance.diagramDescription', { active: view.elements.filter((e) => e.state === 'ACTIVE' && e.key !== view.processInstanceKey).map((e) => e.elementName ?? e.elementId).join(', ') || '—', incidents: view.incidents.length })}
            onSelect={(elementId) => setParams(elementId === selected ? {} : { prvek: elementId }, { replace: true })}
            testId="instance-diagram"
          />
        ) : null}
      </section>
      {resolved ? <Notice>{t('admin.incidents.resolved', { element: resolved })}</Notice> : null}
      {view.incidents.length > 0 ? (
        <section className="admin-section" aria-labelledby="incidents-title">
          <h2 id="incidents-title">{t('admin.incidents.title')}</h2>
          {view.incidents.map((incident) => (
            <IncidentFix key={incident.key} instanceKey={key} incident={incident} onResolved={setResolved} />
          ))}
        </section>
      ) : null}
      <section className="admin-section" aria-labelledby="history-title">
        <h2 id="history-title">{selected ? t('admin.instance.historyOf', { element: selected }) : t('admin.instance.history')}</h2>
        {selected ? (
          <Button color="primary" type="outlined" size="s" onClick={() => setParams({}, { replace: true })}>
            {t('admin.instance.allElements')}
          </Button>
        ) : null}
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table">
            <caption className="visually-hidden">{t('admin.instance.history')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.instance.element')}</th>
                <th scope="col">{t('admin.instance.type')}</th>
                <th scope="col">{t('admin.instances.state')}</th>
                <th scope="col">{t('admin.instances.started')}</th>
                <th scope="col">{t('admin.instance.duration')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((element) => (
                <tr key={element.key}>
                  <td>
                    {element.elementName ?? element.elementId}
                    {element.elementName ? <span className="muted"> ({element.elementId})</span> : null}
                    {element.calledProcessInstanceKey ? (
                      <>
                        {' '}
                        → <Link to={`/sprava/instance/${element.calledProcessInstanceKey}`}>{element.calledProcessInstanceKey}</Link>
                      </>
                    ) : null}
                  </td>
                  <td>{element.elementType}</td>
                  <td>{t(`admin.states.${element.state}`)}</td>
                  <td>{formatDateTime(element.startedAt)}</td>
                  <td className="number">{duration(element.startedAt, element.endedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="admin-section" aria-labelledby="variables-title">
        <h2 id="variables-title">{t('admin.instance.variables')}</h2>
        {view.variables.map((scope) => (
          <div key={scope.scopeKey} className="table-scroll" tabIndex={0}>
            <table className="data-table" data-testid={`scope-${scope.elementId}`}>
              <caption>{scope.scopeKey === view.processInstanceKey ? t('admin.instance.globalScope') : t('admin.instance.scope', { element: scope.elementId, key: scope.scopeKey })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.instance.variable')}</th>
                  <th scope="col">{t('admin.instance.value')}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(scope.variables).map(([name, value]) => (
                  <tr key={name}>
                    <th scope="row">{name}</th>
                    <td>
                      <pre className="json">{JSON.stringify(value, null, 2)}</pre>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </section>
      {view.state === 'ACTIVE' ? (
        <p>
          <Link to={`/sprava/migrace?instance=${key}`}>{t('admin.migration.start')}</Link>
        </p>
      ) : null}
      {view.state === 'ACTIVE' && view.parentProcessInstanceKey === '-1' ? <CancelInstance instanceKey={key} /> : null}
    </>
  );
}
