import { Link } from 'react-router';
import { useIntention, useServiceTypes } from '../api/queries';
import { t } from '../i18n';
import { formatMoney, formatNumber } from '../i18n/format';
import { intentionLabel } from './intention-label';
import { ErrorNotice } from './ErrorNotice';
import { IntentionHistory } from './IntentionHistory';
import { StatusTag } from './StatusTag';
import { unitLabel } from './catalogue-labels';

/** Beside a task: the intention it is about, in brief, with its history. */
export function IntentionSummary({ id }: { id: string }) {
  const intention = useIntention(id);
  const serviceTypes = useServiceTypes();
  if (intention.error) return <ErrorNotice error={intention.error} />;
  if (!intention.data) return <p role="status">{t('app.loading')}</p>;
  const it = intention.data;
  const serviceType = serviceTypes.data?.find((type) => type.paragraph === it.serviceType);
  return (
    <section aria-labelledby="intention-summary-title" className="panel">
      <h2 id="intention-summary-title">{t('task.intention')}</h2>
      <p>
        <Link to={`/zamery/${it.id}`}>{intentionLabel(it, serviceType?.name)}</Link> <StatusTag status={it.status} />
      </p>
      <dl className="facts facts--compact">
        <div>
          <dt>{t('intentions.fields.providerName')}</dt>
          <dd>
            {it.providerName} ({it.providerIco})
          </dd>
        </div>
        <div>
          <dt>{t('intentions.fields.serviceType')}</dt>
          <dd>
            § {it.serviceType} {serviceType?.name ?? ''}
          </dd>
        </div>
        <div>
          <dt>{t('intentions.fields.capacity')}</dt>
          <dd>
            {formatNumber(it.capacity)} {unitLabel(it.capacityUnit)}
          </dd>
        </div>
        <div>
          <dt>{t('intentions.fields.yearlyCosts')}</dt>
          <dd>{formatMoney(it.yearlyCosts)}</dd>
        </div>
        <div>
          <dt>{t('intentions.fields.requestedSubsidy')}</dt>
          <dd>{formatMoney(it.requestedSubsidy)}</dd>
        </div>
      </dl>
      <h3>{t('task.history')}</h3>
      <IntentionHistory history={it.history} />
    </section>
  );
}
