import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useInstances, useProcesses, type InstanceFilter, type InstanceSummary } from '../../api/admin';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { SelectField, TextField } from '../../components/Field';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { t } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { filterParams } from './filter-params';

const STATES: InstanceSummary['state'][] = ['ACTIVE', 'COMPLETED', 'TERMINATED'];

export default function InstancesPage() {
  useDocumentTitle(t('admin.instances.title'));
  const [params, setParams] = useSearchParams();
  const version = Number(params.get('verze'));
  const filter: InstanceFilter = {
    bpmnProcessId: params.get('proces') ?? undefined,
    version: Number.isInteger(version) && version > 0 ? version : undefined,
    state: (params.get('stav') as InstanceSummary['state'] | null) ?? undefined,
    businessKey: params.get('zamer') ?? undefined,
  };
  const instances = useInstances(filter);
  const navigate = useNavigate();
  // Running instances picked for a migration (one process version at a time, which the migration page checks).
  const [picked, setPicked] = useState<readonly string[]>([]);
  const toggle = (key: string, on: boolean) => setPicked(on ? [...picked, key] : picked.filter((other) => other !== key));
  const processes = useProcesses();
  const items = instances.data?.pages.flatMap((page) => page.items) ?? [];
  const versions = processes.data?.find((process) => process.bpmnProcessId === filter.bpmnProcessId)?.versions ?? [];

  const applyFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setParams(filterParams(new FormData(event.currentTarget), [['process', 'proces'], ['version', 'verze'], ['state', 'stav'], ['intention', 'zamer']]));
  };

  return (
    <>
      <h1>{t('admin.instances.title')}</h1>
      <form className="filters" onSubmit={applyFilter} aria-label={t('admin.instances.filters')} key={params.toString()}>
        <SelectField id="process" label={t('admin.instances.process')} defaultValue={filter.bpmnProcessId ?? ''}>
          <option value="">{t('admin.instances.anyProcess')}</option>
          {processes.data?.map((process) => (
            <option key={process.bpmnProcessId} value={process.bpmnProcessId}>
              {process.bpmnProcessId}
            </option>
          ))}
        </SelectField>
        <SelectField id="version" label={t('admin.instances.version')} defaultValue={filter.version ? String(filter.version) : ''}>
          <option value="">{t('admin.instances.anyVersion')}</option>
          {versions.map((entry) => (
            <option key={entry.version} value={entry.version}>
              {entry.version}
            </option>
          ))}
        </SelectField>
        <SelectField id="state" label={t('admin.instances.state')} defaultValue={filter.state ?? ''}>
          <option value="">{t('admin.instances.anyState')}</option>
          {STATES.map((state) => (
            <option key={state} value={state}>
              {t(`admin.states.${state}`)}
            </option>
          ))}
        </SelectField>
        <TextField id="intention" label={t('admin.instances.intention')} defaultValue={filter.businessKey ?? ''} inputMode="numeric" />
        <Button color="primary" type="outlined" nativeType="submit">
          {t('admin.filter')}
        </Button>
      </form>
      {instances.error ? <ErrorNotice error={instances.error} onRetry={() => void instances.refetch()} /> : null}
      {instances.isSuccess && items.length === 0 ? <p className="empty">{t('admin.instances.empty')}</p> : null}
      {items.length > 0 ? (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table">
            <caption className="visually-hidden">{t('admin.instances.title')}</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">{t('admin.migration.selected')}</span>
                </th>
                <th scope="col">{t('admin.instances.key')}</th>
                <th scope="col">{t('admin.instances.process')}</th>
                <th scope="col">{t('admin.instances.version')}</th>
                <th scope="col">{t('admin.instances.intention')}</th>
                <th scope="col">{t('admin.instances.state')}</th>
                <th scope="col">{t('admin.instances.started')}</th>
                <th scope="col">{t('admin.instances.ended')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((instance) => (
                <tr key={instance.processInstanceKey}>
                  <td>
                    {instance.state === 'ACTIVE' ? (
                      <input
                        type="checkbox"
                        aria-label={t('admin.migration.select', { key: instance.processInstanceKey })}
                        checked={picked.includes(instance.processInstanceKey)}
                        onChange={(event) => toggle(instance.processInstanceKey, event.target.checked)}
                      />
                    ) : null}
                  </td>
                  <td>
                    <Link to={`/sprava/instance/${instance.processInstanceKey}`}>{instance.processInstanceKey}</Link>
                  </td>
                  <td>{instance.bpmnProcessId}</td>
                  <td className="number">{instance.version}</td>
                  <td>{instance.businessKey ? <Link to={`/zamery/${instance.businessKey}`}>{instance.businessKey}</Link> : '—'}</td>
                  <td>{t(`admin.states.${instance.state}`)}</td>
                  <td>{formatDateTime(instance.startedAt)}</td>
                  <td>{instance.endedAt ? formatDateTime(instance.endedAt) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {picked.length > 0 ? (
        <Button color="primary" type="solid" onClick={() => navigate(`/sprava/migrace?${picked.map((key) => `instance=${key}`).join('&')}`)}>
          {t('admin.migration.selected')} ({picked.length})
        </Button>
      ) : null}{' '}
      {instances.hasNextPage ? (
        <Button color="primary" type="outlined" onClick={() => void instances.fetchNextPage()} busy={instances.isFetchingNextPage}>
          {t('admin.more')}
        </Button>
      ) : null}
    </>
  );
}
