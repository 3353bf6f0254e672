import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { auditEntry, useAuditLog, useVerifyChain, type AuditEntry, type AuditFilter, type ChainVerdict } from '../../api/admin';
import { Button } from '../../components/Button';
import { ErrorNotice, Notice } from '../../components/ErrorNotice';
import { TextField } from '../../components/Field';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { t } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { filterParams } from './filter-params';

/** The filter form's fields and their parameters in the address. */
const FILTERS = [
  ['intentionId', 'zamer'],
  ['processInstanceKey', 'instance'],
  ['userId', 'uzivatel'],
  ['action', 'akce'],
  ['from', 'od'],
  ['to', 'do'],
] as const;

/** A date of the filter form (a day) as the instant the API filters by. */
function instantOf(field: 'from' | 'to', day: string | null): string | undefined {
  if (!day) return undefined;
  return new Date(`${day}T${field === 'from' ? '00:00:00' : '23:59:59.999'}`).toISOString();
}

function Actor({ entry }: { entry: AuditEntry }) {
  return (
    <>
      {entry.actorId}
      {entry.actorRole ? <span className="muted"> ({t(`roles.${entry.actorRole}`)}{entry.actorTerritory ? `, ${entry.actorTerritory}` : ''})</span> : null}
    </>
  );
}

function EntryRow({ entry, broken }: { entry: AuditEntry; broken?: boolean }) {
  return (
    <tr data-testid={`audit-entry-${entry.id}`} className={broken ? 'row--broken' : undefined}>
      <td className="number">{entry.id}</td>
      <td>{formatDateTime(entry.occurredAt)}</td>
      <td>
        <Actor entry={entry} />
      </td>
      <td>
        <code>{entry.action}</code>
        <br />
        <span className="muted">
          {entry.entityType} {entry.entityId}
        </span>
      </td>
      <td>{entry.reason ?? '—'}</td>
      <td>
        <details>
          <summary>{t('admin.audit.showData')}</summary>
          <pre className="json">{JSON.stringify(entry.data, null, 2)}</pre>
        </details>
      </td>
    </tr>
  );
}

function Verdict({ verdict, broken }: { verdict: ChainVerdict; broken: AuditEntry | undefined | null }) {
  if (verdict.valid) return <Notice>{t('admin.audit.chainValid', { count: verdict.checked })}</Notice>;
  return (
    <div role="alert" className="notice notice--error" data-testid="chain-broken">
      <p>
        <strong>{t('admin.audit.chainBroken', { id: verdict.firstBrokenId ?? '—', checked: verdict.checked })}</strong>{' '}
        {verdict.reason ? t(`admin.audit.brokenReason.${verdict.reason}`) : null}
      </p>
      {broken ? (
        <table className="data-table">
          <caption>{t('admin.audit.firstBroken')}</caption>
          <EntryHead />
          <tbody>
            <EntryRow entry={broken} broken />
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

function EntryHead() {
  return (
    <thead>
      <tr>
        <th scope="col">{t('admin.audit.columns.id')}</th>
        <th scope="col">{t('admin.audit.columns.when')}</th>
        <th scope="col">{t('admin.audit.columns.who')}</th>
        <th scope="col">{t('admin.audit.columns.what')}</th>
        <th scope="col">{t('admin.audit.columns.why')}</th>
        <th scope="col">{t('admin.audit.columns.data')}</th>
      </tr>
    </thead>
  );
}

export default function AuditPage() {
  useDocumentTitle(t('admin.audit.title'));
  const [params, setParams] = useSearchParams();
  const filter: AuditFilter = {
    intentionId: params.get('zamer') ?? undefined,
    processInstanceKey: params.get('instance') ?? undefined,
    userId: params.get('uzivatel') ?? undefined,
    action: params.get('akce') ?? undefined,
    from: instantOf('from', params.get('od')),
    to: instantOf('to', params.get('do')),
  };
  const log = useAuditLog(filter);
  const verify = useVerifyChain();
  const [broken, setBroken] = useState<AuditEntry | undefined | null>(null);
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];

  const applyFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setParams(filterParams(new FormData(event.currentTarget), FILTERS));
  };

  const verifyChain = async () => {
    setBroken(null);
    const verdict = await verify.mutateAsync();
    if (!verdict.valid && verdict.firstBrokenId) setBroken(await auditEntry(verdict.firstBrokenId));
  };

  return (
    <>
      <div className="page-heading">
        <h1>{t('admin.audit.title')}</h1>
        <Button color="primary" type="solid" onClick={() => void verifyChain().catch(() => undefined)} busy={verify.isPending}>
          {t('admin.audit.verify')}
        </Button>
      </div>
      {verify.error ? <ErrorNotice error={verify.error} /> : null}
      {verify.data ? <Verdict verdict={verify.data} broken={broken} /> : null}
      <form className="filters" onSubmit={applyFilter} aria-label={t('admin.audit.filters')}>
        <TextField id="intentionId" label={t('admin.audit.intention')} defaultValue={params.get('zamer') ?? ''} inputMode="numeric" />
        <TextField id="processInstanceKey" label={t('admin.audit.instance')} defaultValue={params.get('instance') ?? ''} inputMode="numeric" />
        <TextField id="userId" label={t('admin.audit.user')} defaultValue={params.get('uzivatel') ?? ''} />
        <TextField id="action" label={t('admin.audit.action')} defaultValue={params.get('akce') ?? ''} />
        <TextField id="from" label={t('admin.audit.from')} type="date" defaultValue={params.get('od') ?? ''} />
        <TextField id="to" label={t('admin.audit.to')} type="date" defaultValue={params.get('do') ?? ''} />
        <Button color="primary" type="outlined" nativeType="submit">
          {t('admin.filter')}
        </Button>
      </form>
      {log.error ? <ErrorNotice error={log.error} onRetry={() => void log.refetch()} /> : null}
      {log.isSuccess && entries.length === 0 ? <p className="empty">{t('admin.audit.empty')}</p> : null}
      {entries.length > 0 ? (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table">
            <caption className="visually-hidden">{t('admin.audit.title')}</caption>
            <EntryHead />
            <tbody>
              {entries.map((entry) => (
                <EntryRow key={entry.id} entry={entry} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {log.hasNextPage ? (
        <Button color="primary" type="outlined" onClick={() => void log.fetchNextPage()} busy={log.isFetchingNextPage}>
          {t('admin.more')}
        </Button>
      ) : null}
    </>
  );
}
