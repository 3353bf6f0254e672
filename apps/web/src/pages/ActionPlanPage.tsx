import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { download } from '../api/client';
import { isApiError } from '../api/errors';
import { useActionPlan, useOpenActionPlan, useTargetGroups, useTerritory, type ActionPlan } from '../api/queries';
import { opensActionPlans } from '../app/roles';
import { useUser } from '../app/session-context';
import { BarChart } from '../components/BarChart';
import { ErrorNotice, Notice } from '../components/ErrorNotice';
import { violationsByField } from '../components/errors';
import { TextField } from '../components/Field';
import { LoadingPage } from '../components/LoadingPage';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { t } from '../i18n';
import { formatDate, formatMoney, formatNumber } from '../i18n/format';
import { NotFoundPage } from './NotFoundPage';
import { Button } from '../components/Button';
import { planStatusLabel, unitLabel } from '../components/catalogue-labels';

/** The Action Plan of a year: what is included, the reserve list, the budget and its use. */
export default function ActionPlanPage() {
  const { rok } = useParams();
  const year = Number(rok);
  if (rok === undefined) return <Navigate to={`/akcni-plan/${new Date().getFullYear() + 1}`} replace />;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) return <NotFoundPage />;
  return <ActionPlanOfYear key={year} year={year} />;
}

function ActionPlanOfYear({ year }: { year: number }) {
  useDocumentTitle(t('plan.title', { year }));
  const user = useUser();
  const navigate = useNavigate();
  const plan = useActionPlan(year);
  const [shownYear, setShownYear] = useState(String(year));
  if (plan.isPending) return <LoadingPage />;
  const missing = isApiError(plan.error, 404);
  return (
    <>
      <div className="page-heading">
        <h1>{t('plan.title', { year })}</h1>
        <form
          className="no-print year-picker"
          onSubmit={(event) => {
            event.preventDefault();
            navigate(`/akcni-plan/${shownYear}`);
          }}
        >
          <TextField id="plan-year" label={t('plan.year')} value={shownYear} onChange={(event) => setShownYear(event.target.value)} inputMode="numeric" />
          <Button color="primary" type="outlined" nativeType="submit">
            {t('plan.show')}
          </Button>
        </form>
      </div>
      {missing ? (
        <>
          <p>{t('plan.notOpened', { year })}</p>
          {opensActionPlans(user.role) ? <OpenPlanForm year={year} /> : null}
        </>
      ) : plan.error ? (
        <ErrorNotice error={plan.error} onRetry={() => void plan.refetch()} />
      ) : (
        <PlanView plan={plan.data!} />
      )}
    </>
  );
}

function OpenPlanForm({ year }: { year: number }) {
  const open = useOpenActionPlan();
  const [ceiling, setCeiling] = useState('');
  const [closing, setClosing] = useState('');
  const errors = violationsByField(open.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The closing is local time as typed (datetime-local); the API takes an instant.
    const callClosingDate = closing ? new Date(closing).toISOString() : undefined;
    open.mutate({ planYear: year, budgetCeiling: Number(ceiling.replace(/\s/g, '')), ...(callClosingDate ? { callClosingDate } : {}) });
  };
  return (
    <form onSubmit={submit} className="panel no-print" noValidate>
      <h2>{t('plan.open')}</h2>
      {open.error && Object.keys(errors).length === 0 ? <ErrorNotice error={open.error} /> : null}
      <TextField id="budgetCeiling" label={t('plan.budgetCeiling')} value={ceiling} onChange={(event) => setCeiling(event.target.value)} inputMode="numeric" required error={errors.budgetCeiling} />
      <TextField id="callClosingDate" label={t('plan.callClosingDate')} hint={t('plan.callClosingHint')} type="datetime-local" step={1} value={closing} onChange={(event) => setClosing(event.target.value)} error={errors.callClosingDate} />
      <Button color="primary" type="solid" nativeType="submit" busy={open.isPending}>
        {t('plan.open')}
      </Button>
    </form>
  );
}

function PlanView({ plan }: { plan: ActionPlan }) {
  const territory = useTerritory();
  const targetGroups = useTargetGroups();
  const districtName = (id: string) => territory.data?.districts.find((district) => district.id === id)?.name ?? id;
  const orpName = (id: string) => territory.data?.districts.flatMap((district) => district.orps).find((orp) => orp.id === id)?.name ?? id;
  const groupName = (code: string) => targetGroups.data?.find((group) => group.code === code)?.name ?? code;
  const [exportError, setExportError] = useState<unknown>(null);
  return (
    <>
      {/* On paper the plan opens with its title page, as the Assembly receives it. */}
      <section className="print-only print-title-page">
        <p>{t('app.region')}</p>
        <p className="print-title-page__title">{t('plan.documentTitle', { year: plan.planYear })}</p>
        {plan.resolution ? <p>{t('plan.approvedBy', { number: plan.resolution.number, date: formatDate(plan.resolution.date) })}</p> : null}
      </section>
      {plan.resolution ? (
        <p>
          {t('plan.resolution', { number: plan.resolution.number })}, {formatDate(plan.resolution.date)}
        </p>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t('plan.status')}</dt>
          <dd data-testid="plan-status">{planStatusLabel(plan.status)}</dd>
        </div>
        <div>
          <dt>{t('plan.callClosingDate')}</dt>
          <dd>{formatDate(plan.callClosingDate)}</dd>
        </div>
        <div>
          <dt>{t('plan.budgetCeiling')}</dt>
          <dd>{t('plan.used', { used: formatMoney(plan.includedTotal), ceiling: formatMoney(plan.budgetCeiling) })}</dd>
        </div>
      </dl>
      {plan.budgetCeiling ? (
        <progress className="budget" max={plan.budgetCeiling} value={Math.min(plan.includedTotal, plan.budgetCeiling)} aria-label={t('plan.budgetCeiling')} />
      ) : null}
      <p className="no-print actions">
        <Button color="primary" type="outlined" onClick={() => window.print()}>
          {t('dossier.print')}
        </Button>
        <Button
          color="primary"
          type="outlined"
          onClick={() => download(`/action-plans/${plan.planYear}/export.csv`, `akcni-plan-${plan.planYear}.csv`).catch(setExportError)}
        >
          {t('plan.exportCsv')}
        </Button>
      </p>
      {exportError ? <ErrorNotice error={exportError} /> : null}
      <PlanTable title={t('plan.included')} items={plan.included} />
      <PlanTable title={t('plan.reserve')} items={plan.reserve} />
      <h2>{t('plan.overview')}</h2>
      <div className="charts">
        <BarChart title={t('plan.byTargetGroup')} valueLabel={t('plan.includedAmount')} bars={plan.totals.byTargetGroup.map((row) => ({ label: groupName(row.targetGroup), value: row.requestedSubsidy }))} />
        <BarChart title={t('plan.byDistrict')} valueLabel={t('plan.includedAmount')} bars={plan.totals.byDistrict.map((row) => ({ label: districtName(row.districtId), value: row.requestedSubsidy }))} />
        <BarChart title={t('plan.byOrp')} valueLabel={t('plan.includedAmount')} bars={plan.totals.byOrp.map((row) => ({ label: orpName(row.orpId), value: row.requestedSubsidy }))} />
      </div>
    </>
  );
}

function PlanTable({ title, items }: { title: string; items: ActionPlan['included'] }) {
  return (
    <section>
      <h2>{title}</h2>
      {items.length === 0 ? (
        <p>{t('dossier.noEntries')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('intentions.fields.providerName')}</th>
                <th scope="col">{t('intentions.fields.serviceType')}</th>
                <th scope="col">{t('intentions.fields.orpId')}</th>
                <th scope="col">{t('plan.capacity')}</th>
                <th scope="col">{t('intentions.fields.requestedSubsidy')}</th>
                <th scope="col">{t('dossier.districtScore')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.intentionId}>
                  <td>{item.rank}</td>
                  <td>{item.providerName}</td>
                  <td>{item.serviceTypeName}</td>
                  <td>{item.orpName}</td>
                  <td className="number">
                    {formatNumber(item.capacity)} {unitLabel(item.capacityUnit)}
                  </td>
                  <td className="number">{formatMoney(item.requestedSubsidy)}</td>
                  <td className="number">{formatNumber(item.districtScore)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
