import { GovButton, GovFormControl, GovFormLabel } from '@gov-design-system-ce/react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useIntention, useIntentionActions, useServiceTypes, useTargetGroups, useTerritory, type IntentionDossier, type IntentionInput } from '../api/queries';
import { useUser } from '../app/session-context';
import { ErrorNotice } from '../components/ErrorNotice';
import { violationsByField } from '../components/errors';
import { Checkbox, SelectField, TextAreaField, TextField } from '../components/Field';
import { LoadingPage } from '../components/LoadingPage';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { t } from '../i18n';
import { NotFoundPage } from './NotFoundPage';
import { isApiError } from '../api/errors';
import { Button } from '../components/Button';
import { formLabel, unitLabel } from '../components/catalogue-labels';

/** The form's fields as the inputs hold them (text), turned into the API's body on save. */
type Draft = Record<'kind' | 'existingServiceRegistryId' | 'providerName' | 'providerIco' | 'serviceType' | 'form' | 'orpId' | 'capacity' | 'capacityUnit' | 'yearlyCosts' | 'requestedSubsidy' | 'planYear' | 'justification', string> & {
  targetGroups: string[];
};

function draftOf(intention: IntentionDossier | undefined, ico: string): Draft {
  const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));
  return {
    kind: intention?.kind ?? 'new_service',
    existingServiceRegistryId: text(intention?.existingServiceRegistryId),
    providerName: intention?.providerName ?? '',
    providerIco: intention?.providerIco ?? ico,
    serviceType: intention?.serviceType ?? '',
    form: text(intention?.form),
    orpId: intention?.orpId ?? '',
    capacity: text(intention?.capacity),
    capacityUnit: text(intention?.capacityUnit),
    yearlyCosts: text(intention?.yearlyCosts),
    requestedSubsidy: text(intention?.requestedSubsidy),
    planYear: text(intention?.planYear ?? new Date().getFullYear() + 1),
    justification: text(intention?.justification),
    targetGroups: intention?.targetGroups ?? [],
  };
}

/** Empty optional fields are sent as null (the API clears them); numbers as numbers. */
function bodyOf(draft: Draft): IntentionInput {
  const number = (value: string) => (value.trim() === '' ? null : Number(value.replace(/\s/g, '').replace(',', '.')));
  const optional = (value: string) => (value.trim() === '' ? null : value.trim());
  return {
    kind: draft.kind as IntentionInput['kind'],
    existingServiceRegistryId: draft.kind === 'capacity_increase' ? optional(draft.existingServiceRegistryId) : null,
    providerName: draft.providerName.trim(),
    providerIco: draft.providerIco.trim(),
    serviceType: draft.serviceType,
    form: optional(draft.form) as IntentionInput['form'],
    targetGroups: draft.targetGroups,
    orpId: draft.orpId,
    capacity: number(draft.capacity),
    capacityUnit: optional(draft.capacityUnit) as IntentionInput['capacityUnit'],
    yearlyCosts: number(draft.yearlyCosts),
    requestedSubsidy: number(draft.requestedSubsidy),
    planYear: Number(draft.planYear),
    justification: optional(draft.justification),
  } as IntentionInput;
}

export default function IntentionEditPage() {
  const { id } = useParams();
  const intention = useIntention(id);
  useDocumentTitle(id ? t('intentions.edit') : t('intentions.new'));
  if (id && intention.isPending) return <LoadingPage />;
  if (isApiError(intention.error, 404)) return <NotFoundPage />;
  if (intention.error) return <ErrorNotice error={intention.error} />;
  return <IntentionForm key={id ?? 'new'} intention={intention.data} />;
}

function IntentionForm({ intention }: { intention: IntentionDossier | undefined }) {
  const user = useUser();
  const navigate = useNavigate();
  const serviceTypes = useServiceTypes();
  const territory = useTerritory();
  const targetGroups = useTargetGroups();
  const { create, update } = useIntentionActions();
  const [draft, setDraft] = useState<Draft>(() => draftOf(intention, user.territory.replace(/\D/g, '')));
  const save = intention ? update : create;
  const errors = violationsByField(save.error);
  const set = (field: keyof Draft) => (event: { target: { value: string } }) => setDraft((current) => ({ ...current, [field]: event.target.value }));
  const serviceType = serviceTypes.data?.find((type) => type.paragraph === draft.serviceType);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = bodyOf(draft);
    const done = (saved: { id: string }) => navigate(`/zamery/${saved.id}`, { state: { saved: true } });
    if (intention) update.mutate({ id: intention.id, body }, { onSuccess: done });
    else create.mutate(body, { onSuccess: done });
  };

  const chooseForm = (form: string) => {
    const unit = serviceType?.forms.find((option) => option.form === form)?.capacityUnit ?? '';
    setDraft((current) => ({ ...current, form, capacityUnit: unit }));
  };

  return (
    <>
      <h1>{intention ? t('intentions.edit') : t('intentions.new')}</h1>
      <form onSubmit={submit} noValidate className="intention-form">
        {save.error ? <ErrorNotice error={save.error} /> : null}
        <SelectField id="kind" label={t('intentions.fields.kind')} value={draft.kind} onChange={set('kind')} required error={errors.kind}>
          {Object.entries({ new_service: t('intentions.kinds.new_service'), capacity_increase: t('intentions.kinds.capacity_increase') }).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        {draft.kind === 'capacity_increase' ? (
          <TextField id="existingServiceRegistryId" label={t('intentions.fields.existingServiceRegistryId')} value={draft.existingServiceRegistryId} onChange={set('existingServiceRegistryId')} inputMode="numeric" error={errors.existingServiceRegistryId} required />
        ) : null}
        <TextField id="providerName" label={t('intentions.fields.providerName')} value={draft.providerName} onChange={set('providerName')} required error={errors.providerName} />
        <TextField id="providerIco" label={t('intentions.fields.providerIco')} value={draft.providerIco} onChange={set('providerIco')} inputMode="numeric" required error={errors.providerIco} />
        <SelectField id="serviceType" label={t('intentions.fields.serviceType')} value={draft.serviceType} onChange={(event) => setDraft((current) => ({ ...current, serviceType: event.target.value, form: '', capacityUnit: '' }))} required error={errors.serviceType}>
          <option value="">{t('intentions.choose')}</option>
          {serviceTypes.data?.map((type) => (
            <option key={type.paragraph} value={type.paragraph}>
              § {type.paragraph} {type.name}
            </option>
          ))}
        </SelectField>
        <SelectField id="form" label={t('intentions.fields.form')} value={draft.form} onChange={(event) => chooseForm(event.target.value)} error={errors.form} disabled={!serviceType}>
          <option value="">{t('intentions.choose')}</option>
          {serviceType?.forms.map((option) => (
            <option key={option.form} value={option.form}>
              {formLabel(option.form)}
            </option>
          ))}
        </SelectField>
        <SelectField id="orpId" label={t('intentions.fields.orpId')} value={draft.orpId} onChange={set('orpId')} required error={errors.orpId}>
          <option value="">{t('intentions.choose')}</option>
          {territory.data?.districts.map((district) => (
            <optgroup key={district.id} label={district.name}>
              {district.orps.map((orp) => (
                <option key={orp.id} value={orp.id}>
                  {orp.name}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
        <GovFormControl fieldset invalid={Boolean(errors.targetGroups)} className="field">
          <GovFormLabel legend>{t('intentions.fields.targetGroups')}</GovFormLabel>
          {targetGroups.data?.map((group) => (
            <Checkbox
              key={group.code}
              id={`targetGroup-${group.code}`}
              label={group.name}
              name="targetGroups"
              value={group.code}
              checked={draft.targetGroups.includes(group.code)}
              onChange={(event) =>
                setDraft((current) => ({
                  ...current,
                  targetGroups: event.target.checked ? [...current.targetGroups, group.code] : current.targetGroups.filter((code) => code !== group.code),
                }))
              }
            />
          ))}
          {errors.targetGroups ? <p className="field-error">{errors.targetGroups}</p> : null}
        </GovFormControl>
        <TextField id="capacity" label={`${t('intentions.fields.capacity')}${draft.capacityUnit ? ` (${unitLabel(draft.capacityUnit)})` : ''}`} value={draft.capacity} onChange={set('capacity')} inputMode="decimal" error={errors.capacity ?? errors.capacityUnit} />
        <TextField id="yearlyCosts" label={t('intentions.fields.yearlyCosts')} value={draft.yearlyCosts} onChange={set('yearlyCosts')} inputMode="numeric" error={errors.yearlyCosts} />
        <TextField id="requestedSubsidy" label={t('intentions.fields.requestedSubsidy')} value={draft.requestedSubsidy} onChange={set('requestedSubsidy')} inputMode="numeric" error={errors.requestedSubsidy} />
        <TextField id="planYear" label={t('intentions.fields.planYear')} value={draft.planYear} onChange={set('planYear')} inputMode="numeric" required error={errors.planYear} />
        <TextAreaField id="justification" label={t('intentions.fields.justification')} value={draft.justification} onChange={set('justification')} rows={5} maxLength={4000} error={errors.justification} />
        <div className="actions">
          <Button color="primary" type="solid" nativeType="submit" busy={save.isPending}>
            {t('intentions.save')}
          </Button>
          <GovButton color="primary" type="outlined" asChild>
            <Link to={intention ? `/zamery/${intention.id}` : '/zamery'}>{t('intentions.cancel')}</Link>
          </GovButton>
        </div>
      </form>
    </>
  );
}
