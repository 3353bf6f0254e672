import { GovButton } from '@gov-design-system-ce/react';
import { Link, useSearchParams } from 'react-router';
import { useIntentions, useServiceTypes, useTerritory, type IntentionFilter } from '../api/queries';
import { useUser } from '../app/session-context';
import { ErrorNotice } from '../components/ErrorNotice';
import { SelectField } from '../components/Field';
import { intentionLabel } from '../components/intention-label';
import { StatusTag } from '../components/StatusTag';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { t } from '../i18n';
import { cs } from '../i18n/cs';
import { formatDateTime, formatMoney } from '../i18n/format';
import { Button } from '../components/Button';

export default function IntentionsPage() {
  const user = useUser();
  const title = user.role === 'provider' ? t('intentions.mine') : t('intentions.title');
  useDocumentTitle(title);
  const [params, setParams] = useSearchParams();
  const status = params.get('stav') ?? '';
  const filter: IntentionFilter = status && status in cs.status ? { status: status as IntentionFilter['status'] } : {};
  const intentions = useIntentions(filter);
  const serviceTypes = useServiceTypes();
  const territory = useTerritory();
  const typeName = (paragraph: string) => serviceTypes.data?.find((type) => type.paragraph === paragraph)?.name;
  const orpName = (id: string) => territory.data?.districts.flatMap((district) => district.orps).find((orp) => orp.id === id)?.name ?? id;
  const items = intentions.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <div className="page-heading">
        <h1>{title}</h1>
        {user.role === 'provider' ? (
          <GovButton color="primary" type="solid" asChild>
            <Link to="/zamery/novy">{t('intentions.new')}</Link>
          </GovButton>
        ) : null}
      </div>
      <SelectField id="filter-status" label={t('intentions.filterStatus')} value={status} onChange={(event) => setParams(event.target.value ? { stav: event.target.value } : {})}>
        <option value="">{t('intentions.anyStatus')}</option>
        {Object.entries(cs.status).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      {intentions.error ? <ErrorNotice error={intentions.error} onRetry={() => void intentions.refetch()} /> : null}
      {intentions.isSuccess && items.length === 0 ? <p className="empty">{t('intentions.empty')}</p> : null}
      {items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('intentions.columns.title')}</th>
                <th scope="col">{t('intentions.columns.orp')}</th>
                <th scope="col">{t('intentions.fields.requestedSubsidy')}</th>
                <th scope="col">{t('intentions.columns.status')}</th>
                <th scope="col">{t('intentions.columns.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((intention) => (
                <tr key={intention.id}>
                  <td>
                    <Link to={`/zamery/${intention.id}`}>{intentionLabel(intention, typeName(intention.serviceType))}</Link>
                  </td>
                  <td>{orpName(intention.orpId)}</td>
                  <td className="number">{formatMoney(intention.requestedSubsidy)}</td>
                  <td>
                    <StatusTag status={intention.status} />
                  </td>
                  <td>{formatDateTime(intention.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {intentions.hasNextPage ? (
        <Button color="primary" type="outlined" onClick={() => void intentions.fetchNextPage()} busy={intentions.isFetchingNextPage}>
          {t('intentions.more')}
        </Button>
      ) : null}
    </>
  );
}
