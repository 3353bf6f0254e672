import { GovFormControl, GovFormLabel } from '@gov-design-system-ce/react';
import { useEffect, useState, type FormEvent } from 'react';
import { usePreferences, useSavePreferences } from '../api/queries';
import { useUser } from '../app/session-context';
import { ErrorNotice, Notice } from '../components/ErrorNotice';
import { violationsByField } from '../components/errors';
import { Checkbox, TextField } from '../components/Field';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { t } from '../i18n';
import { Button } from '../components/Button';

export default function SettingsPage() {
  useDocumentTitle(t('settings.title'));
  const user = useUser();
  const preferences = usePreferences();
  const save = useSavePreferences();
  const [inApp, setInApp] = useState(true);
  const [email, setEmail] = useState(false);
  const [webhook, setWebhook] = useState(false);
  const [webhookUrl, setWebhookUrl] = useState('');
  useEffect(() => {
    if (!preferences.data) return;
    setInApp(preferences.data.inApp);
    setEmail(preferences.data.email);
    setWebhook(preferences.data.webhook);
    setWebhookUrl(preferences.data.webhookUrl ?? '');
  }, [preferences.data]);
  const errors = violationsByField(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ inApp, email, webhook, webhookUrl: webhookUrl.trim() || null });
  };
  return (
    <>
      <h1>{t('settings.title')}</h1>
      <section className="panel">
        <h2>{t('settings.account')}</h2>
        <p>
          {user.displayName} · {t(`roles.${user.role}`)} · {user.territory}
        </p>
      </section>
      {preferences.error ? <ErrorNotice error={preferences.error} /> : null}
      <form onSubmit={submit} className="panel" noValidate>
        <GovFormControl fieldset className="field">
          <GovFormLabel legend>{t('settings.channels')}</GovFormLabel>
          <Checkbox id="channel-in-app" label={t('settings.inApp')} checked={inApp} onChange={(event) => setInApp(event.target.checked)} />
          <Checkbox id="channel-email" label={t('settings.email')} checked={email} onChange={(event) => setEmail(event.target.checked)} />
          <Checkbox id="channel-webhook" label={t('settings.webhook')} checked={webhook} onChange={(event) => setWebhook(event.target.checked)} />
        </GovFormControl>
        <TextField id="webhookUrl" label={t('settings.webhookUrl')} type="url" value={webhookUrl} onChange={(event) => setWebhookUrl(event.target.value)} error={errors.webhookUrl} />
        {save.error && Object.keys(errors).length === 0 ? <ErrorNotice error={save.error} /> : null}
        {save.isSuccess ? <Notice>{t('settings.saved')}</Notice> : null}
        <Button color="primary" type="solid" nativeType="submit" busy={save.isPending}>
          {t('settings.save')}
        </Button>
      </form>
    </>
  );
}
