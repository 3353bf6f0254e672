import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useAccount, useAccountActions, type Account, type AccountChange } from '../../api/admin';
import { Button } from '../../components/Button';
import { ErrorNotice, Notice } from '../../components/ErrorNotice';
import { SelectField, TextField } from '../../components/Field';
import { LoadingPage } from '../../components/LoadingPage';
import { describeError, violationsByField } from '../../components/errors';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { t } from '../../i18n';
import { cs } from '../../i18n/cs';
import { formatDateTime } from '../../i18n/format';
import { ROLES } from './AccountsPage';

/** The fields of the form that differ from the account (a PATCH names only what changes). */
function changesOf(account: Account, form: FormData): AccountChange {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const change: AccountChange = { reason: text('reason') };
  if (text('role') !== account.role) change.role = text('role') as Account['role'];
  if (text('territory') !== account.territory) change.territory = text('territory');
  if (text('displayName') !== account.displayName) change.displayName = text('displayName');
  if ((text('email') || null) !== account.email) change.email = text('email') || null;
  return change;
}

export default function AccountPage() {
  const { id = '' } = useParams();
  const account = useAccount(id);
  const { change } = useAccountActions();
  const [done, setDone] = useState<string | null>(null);
  useDocumentTitle(account.data?.displayName ?? t('admin.accounts.title'));
  if (account.error) return <ErrorNotice error={account.error} onRetry={() => void account.refetch()} />;
  if (!account.data) return <LoadingPage />;
  const current = account.data;
  const errors = violationsByField(change.error);

  const save = (event: FormEvent<HTMLFormElement>, body: AccountChange, message: string) => {
    event.preventDefault();
    setDone(null);
    change.mutate({ id: current.id, body }, { onSuccess: () => setDone(message) });
  };

  return (
    <>
      <p>
        <Link to="/sprava/uzivatele">{t('admin.accounts.back')}</Link>
      </p>
      <h1>{current.displayName}</h1>
      <dl className="dl-grid">
        <dt>{t('admin.accounts.login')}</dt>
        <dd>{current.login ?? t('admin.accounts.fromIdentityProvider')}</dd>
        <dt>{t('admin.accounts.role')}</dt>
        <dd>{cs.roles[current.role]}</dd>
        <dt>{t('admin.accounts.territory')}</dt>
        <dd>{current.territory}</dd>
        <dt>{t('admin.accounts.state')}</dt>
        <dd data-testid="account-state">{current.disabled ? t('admin.accounts.disabled') : t('admin.accounts.enabled')}</dd>
        <dt>{t('admin.accounts.updated')}</dt>
        <dd>{formatDateTime(current.updatedAt)}</dd>
      </dl>
      {done ? <Notice>{done}</Notice> : null}
      {change.error ? (
        <div role="alert" className="notice notice--error">
          <p>{describeError(change.error)}</p>
          {Object.values(errors).length > 0 ? (
            <ul>
              {Object.entries(errors).map(([field, message]) => (
                <li key={field}>{message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <form
        key={current.updatedAt}
        className="admin-section"
        aria-labelledby="account-change"
        noValidate
        onSubmit={(event) => save(event, changesOf(current, new FormData(event.currentTarget)), t('admin.accounts.changed'))}
      >
        <h2 id="account-change">{t('admin.accounts.change')}</h2>
        <TextField id="displayName" label={t('admin.accounts.displayName')} defaultValue={current.displayName} error={errors.displayName} />
        <TextField id="email" label={t('admin.accounts.email')} type="email" defaultValue={current.email ?? ''} error={errors.email} />
        <SelectField id="role" label={t('admin.accounts.role')} defaultValue={current.role} error={errors.role}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {cs.roles[role]}
            </option>
          ))}
        </SelectField>
        <TextField id="territory" label={t('admin.accounts.territory')} defaultValue={current.territory} error={errors.territory} hint={t('admin.accounts.territoryHint')} />
        <TextField id="reason" label={t('admin.accounts.reason')} required error={errors.reason} />
        <Button color="primary" type="solid" nativeType="submit" busy={change.isPending}>
          {t('admin.accounts.save')}
        </Button>
      </form>
      <form
        className="admin-section"
        aria-labelledby="account-access"
        noValidate
        onSubmit={(event) =>
          save(
            event,
            { disabled: !current.disabled, reason: String(new FormData(event.currentTarget).get('accessReason') ?? '').trim() },
            current.disabled ? t('admin.accounts.wasEnabled') : t('admin.accounts.wasDisabled'),
          )
        }
      >
        <h2 id="account-access">{current.disabled ? t('admin.accounts.enable') : t('admin.accounts.disable')}</h2>
        <TextField id="accessReason" label={t('admin.accounts.reason')} required />
        <Button color={current.disabled ? 'primary' : 'error'} type="outlined" nativeType="submit" busy={change.isPending}>
          {current.disabled ? t('admin.accounts.enable') : t('admin.accounts.disable')}
        </Button>
      </form>
    </>
  );
}
