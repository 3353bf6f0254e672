import { GovButton } from '@gov-design-system-ce/react';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { isApiError } from '../api/errors';
import { useIntention, useIntentionActions, useServiceTypes, useTargetGroups, useTaskSearch, useTerritory, type IntentionDossier } from '../api/queries';
import { useUser } from '../app/session-context';
import { ErrorNotice, Notice } from '../components/ErrorNotice';
import { TextAreaField } from '../components/Field';
import { intentionLabel } from '../components/intention-label';
import { IntentionHistory } from '../components/IntentionHistory';
import { LoadingPage } from '../components/LoadingPage';
import { StatusTag } from '../components/StatusTag';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { t } from '../i18n';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatPercent } from '../i18n/format';
import { NotFoundPage } from './NotFoundPage';
import { Button } from '../components/Button';
import { formLabel, needDecisionLabel, resolutionBodyLabel, resolutionDecisionLabel, unitLabel } from '../components/catalogue-labels';

const WITHDRAWABLE = new Set(['submitted', 'returned_for_completion', 'need_declared', 'in_district_review', 'recommended_by_district', 'recommended_by_council', 'not_recommended_by_council']);

/** The intention's dossier: everything the viewer may see of it, readable on screen and in print. */
export default function IntentionPage() {
  const { id = '' } = useParams();
  const intention = useIntention(id);
  useDocumentTitle(t('dossier.title'));
  if (intention.isPending) return <LoadingPage />;
  if (isApiError(intention.error, 404) || isApiError(intention.error, 400)) return <NotFoundPage />;
  if (intention.error) return <ErrorNotice error={intention.error} onRetry={() => void intention.refetch()} />;
  return <Dossier intention={intention.data} />;
}

function Dossier({ intention }: { intention: IntentionDossier }) {
  const user = useUser();
  const location = useLocation();
  const serviceTypes = useServiceTypes();
  const territory = useTerritory();
  const targetGroups = useTargetGroups();
  const groupName = (code: string) => targetGroups.data?.find((group) => group.code === code)?.name ?? code;
  const { submit, withdraw } = useIntentionActions();
  const [reason, setReason] = useState('');
  const [withdrawing, setWithdrawing] = useState(false);
  const owner = user.role === 'provider';
  const serviceType = serviceTypes.data?.find((type) => type.paragraph === intention.serviceType);
  const orp = territory.data?.districts.flatMap((district) => district.orps.map((item) => ({ ...item, district: district.name }))).find((item) => item.id === intention.orpId);
  const saved = (location.state as { saved?: boolean } | null)?.saved;
  const editable = owner && (intention.status === 'draft' || intention.status === 'returned_for_completion');
  // The open resubmission task says until when the provider may complete the intention.
  const openTasks = useTaskSearch({ intentionId: intention.id, state: 'CREATED', pageSize: 10 });
  const tasks = openTasks.data?.pages.flatMap((page) => page.items) ?? [];
  const resubmission = tasks.find((task) => task.bpmnProcessId === 'intention-submission');

  return (
    <article className="dossier">
      <div className="page-heading">
        <h1>
          {t('dossier.title')}: {intentionLabel(intention, serviceType?.name)}
        </h1>
        <Button color="primary" type="outlined" onClick={() => window.print()} className="no-print">
          {t('dossier.print')}
        </Button>
      </div>
      <p>
        {t('dossier.status')}: <StatusTag status={intention.status} />
      </p>
      {saved ? <Notice>{t('intentions.saved')}</Notice> : null}
      {submit.isSuccess ? <Notice>{t('intentions.submitted')}</Notice> : null}
      {withdraw.isSuccess ? <Notice>{t('intentions.withdrawn')}</Notice> : null}
      {intention.status === 'returned_for_completion' ? (
        <div className="notice notice--warning" role="note">
          <p>
            <strong>{t('intentions.returned')}</strong>
            {resubmission?.dueDate ? ` — ${t('intentions.returnedDeadline', { date: formatDate(resubmission.dueDate) })}` : ''}
          </p>
          {intention.statusReason ? <p>{t('intentions.returnedReason', { reason: intention.statusReason })}</p> : null}
          {owner && resubmission ? (
            <p className="no-print">
              <Link to={`/ukoly/${resubmission.id}`}>{t('intentions.answerReturn')}</Link>
            </p>
          ) : null}
        </div>
      ) : null}
      {owner ? (
        <div className="actions no-print">
          {editable ? (
            <GovButton color="primary" type="outlined" asChild>
              <Link to={`/zamery/${intention.id}/upravit`}>{t('intentions.edit')}</Link>
            </GovButton>
          ) : null}
          {intention.status === 'draft' ? (
            <Button color="primary" type="solid" onClick={() => submit.mutate(intention.id)} busy={submit.isPending}>
              {t('intentions.submit')}
            </Button>
          ) : null}
          {WITHDRAWABLE.has(intention.status) && !withdrawing ? (
            <Button color="error" type="outlined" onClick={() => setWithdrawing(true)}>
              {t('intentions.withdraw')}
            </Button>
          ) : null}
        </div>
      ) : null}
      {submit.error ? <ErrorNotice error={submit.error} /> : null}
      {withdrawing ? (
        <form
          className="no-print panel"
          onSubmit={(event) => {
            event.preventDefault();
            if (!reason.trim()) return;
            withdraw.mutate({ id: intention.id, reason }, { onSuccess: () => setWithdrawing(false) });
          }}
        >
          <p>{t('intentions.withdrawConfirm')}</p>
          <TextAreaField id="withdraw-reason" label={t('intentions.withdrawReason')} value={reason} onChange={(event) => setReason(event.target.value)} rows={3} required />
          {withdraw.error ? <ErrorNotice error={withdraw.error} /> : null}
          <div className="actions">
            <Button color="error" type="solid" nativeType="submit" busy={withdraw.isPending}>
              {t('intentions.withdraw')}
            </Button>
            <Button color="primary" type="outlined" onClick={() => setWithdrawing(false)}>
              {t('intentions.cancel')}
            </Button>
          </div>
        </form>
      ) : null}

      <section aria-labelledby="summary-title">
        <h2 id="summary-title">{t('dossier.summary')}</h2>
        <dl className="facts">
          <Fact label={t('intentions.fields.providerName')}>{`${intention.providerName} (IČO ${intention.providerIco})`}</Fact>
          <Fact label={t('intentions.fields.kind')}>{t(`intentions.kinds.${intention.kind}`)}</Fact>
          {intention.existingServiceRegistryId ? <Fact label={t('intentions.fields.existingServiceRegistryId')}>{intention.existingServiceRegistryId}</Fact> : null}
          <Fact label={t('intentions.fields.serviceType')}>{`§ ${intention.serviceType} ${serviceType?.name ?? ''}`}</Fact>
          <Fact label={t('intentions.fields.form')}>{formLabel(intention.form)}</Fact>
          <Fact label={t('intentions.fields.orpId')}>{orp ? `${orp.name} (${orp.district})` : intention.orpId}</Fact>
          <Fact label={t('intentions.fields.targetGroups')}>{intention.targetGroups.map(groupName).join(', ') || '—'}</Fact>
          <Fact label={t('intentions.fields.capacity')}>{`${formatNumber(intention.capacity)} ${unitLabel(intention.capacityUnit)}`}</Fact>
          <Fact label={t('intentions.fields.yearlyCosts')}>{formatMoney(intention.yearlyCosts)}</Fact>
          <Fact label={t('intentions.fields.requestedSubsidy')}>{formatMoney(intention.requestedSubsidy)}</Fact>
          <Fact label={t('intentions.fields.planYear')}>{String(intention.planYear)}</Fact>
          {intention.districtScore !== null ? <Fact label={t('dossier.districtScore')}>{formatNumber(intention.districtScore)}</Fact> : null}
        </dl>
        {intention.justification ? (
          <>
            <h3>{t('intentions.fields.justification')}</h3>
            <p className="prose">{intention.justification}</p>
          </>
        ) : null}
      </section>

      <section aria-labelledby="declaration-title">
        <h2 id="declaration-title">{t('dossier.declaration')}</h2>
        {intention.needDeclarations.length === 0 ? <p>{t('dossier.noEntries')}</p> : null}
        {intention.needDeclarations.map((declaration) => (
          <dl className="facts" key={declaration.id}>
            <Fact label={t('dossier.status')}>{needDecisionLabel(declaration.decision)}</Fact>
            {declaration.communityPlanTitle ? <Fact label="Komunitní plán">{`${declaration.communityPlanTitle} (${declaration.communityPlanPeriod ?? ''}), ${declaration.communityPlanMeasure ?? ''}`}</Fact> : null}
            <Fact label={t('dossier.cofinancing')}>
              {`${formatMoney(declaration.pledgedCofinancing)} (${t('dossier.cofinancing').toLowerCase()} ${formatPercent(declaration.cofinancingRate)}, ${formatMoney(declaration.requiredCofinancing)})`}
            </Fact>
            {declaration.refusalReason ? <Fact label="Důvod">{declaration.refusalReason}</Fact> : null}
            <Fact label="Datum">{formatDateTime(declaration.declaredAt)}</Fact>
          </dl>
        ))}
      </section>

      <section aria-labelledby="district-title">
        <h2 id="district-title">{t('dossier.district')}</h2>
        {intention.districtReviews.length === 0 ? <p>{t('dossier.noEntries')}</p> : null}
        {intention.districtReviews.map((review) => (
          <div key={review.id}>
            <p>
              {t('dossier.districtScore')}: <strong>{formatNumber(review.score)}</strong> ({formatDateTime(review.summarizedAt)})
            </p>
            <div className="table-scroll">
              <table className="data-table">
                <caption>{t('dossier.district')}</caption>
                <thead>
                  <tr>
                    <th scope="col">Člen</th>
                    <th scope="col">Potřebnost</th>
                    <th scope="col">Dostupnost</th>
                    <th scope="col">Nákladovost</th>
                    <th scope="col">Kvalita</th>
                    <th scope="col">Provázanost</th>
                    <th scope="col">{t('task.comment')}</th>
                  </tr>
                </thead>
                <tbody>
                  {review.opinions.map((opinion) => (
                    <tr key={opinion.member}>
                      <td>{opinion.member}</td>
                      <td className="number">{opinion.need}</td>
                      <td className="number">{opinion.availability}</td>
                      <td className="number">{opinion.cost}</td>
                      <td className="number">{opinion.quality}</td>
                      <td className="number">{opinion.interconnection}</td>
                      <td>{opinion.comment}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ))}
      </section>

      <section aria-labelledby="resolutions-title">
        <h2 id="resolutions-title">{t('dossier.resolutions')}</h2>
        {intention.resolutions.length === 0 ? <p>{t('dossier.noEntries')}</p> : null}
        <ul>
          {intention.resolutions.map((resolution) => (
            <li key={`${resolution.body}-${resolution.number}`}>
              {resolutionBodyLabel(resolution.body)}, usnesení č. <strong>{resolution.number}</strong> ze dne {formatDate(resolution.date)}: {resolutionDecisionLabel(resolution.decision)}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('dossier.history')}</h2>
        <IntentionHistory history={intention.history} />
      </section>
      <p className="print-only">{t('dossier.printedAt', { date: formatDateTime(new Date()) })}</p>
    </article>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
