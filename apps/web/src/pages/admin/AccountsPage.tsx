import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAccountActions, useAccounts, type Account, type AccountFilter } from '../../api/admin';
import { ApiError } from '../../api/errors';
import { Button } from '../../components/Button';
import { ErrorNotice, Notice } from '../../components/ErrorNotice';
import { SelectField, TextField } from '../../components/Field';
import { describeError, violationsByField } from '../../components/errors';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { t } from '../../i18n';
import { cs } from '../../i18n/cs';
import { filterParams } from './filter-params';

/** Every role, in the catalogue's order. */
export const ROLES = Object.keys(cs.roles) as Account['role'][];

function NewAccountForm({ onCreated }: { onCreated: (account: Account) => void }) {
  const { create } = useAccountActions();
  const errors = violationsByField(create.error);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    create.mutate(
      {
        login: text('login'),
        displayName: text('displayName'),
        email: text('email') || null,
        role: text('role') as Account['role'],
        territory: text('territory'),
        password: String(form.get('password') ?? ''),
        reason: text('reason') || undefined,
      },
      { onSuccess: onCreated },
    );
  };
  return (
    <form onSubmit={submit} aria-labelledby="new-account" noValidate className="admin-section">
      <h2 id="new-account">{t('admin.accounts.new')}</h2>
      {create.error && Object.keys(errors).length === 0 ? <ErrorNotice error={create.error} /> : null}
      {create.error instanceof ApiError && Object.keys(errors).length > 0 ? (
        <div role="alert" className="notice notice--error">
          <p>{describeError(create.error)}</p>
        </div>
      ) : null}
      <TextField id="login" label={t('admin.accounts.login')} required error={errors.login} hint={t('admin.accounts.loginHint')} autoComplete="off" />
      <TextField id="displayName" label={t('admin.accounts.displayName')} required error={errors.displayName} />
      <TextField id="email" label={t('admin.accounts.email')} type="email" error={errors.email} />
      <SelectField id="role" label={t('admin.accounts.role')} required error={errors.role} defaultValue="orp_official">
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {cs.roles[role]}
          </option>
        ))}
      </SelectField>
      <TextField id="territory" label={t('admin.accounts.territory')} required error={errors.territory} hint={t('admin.accounts.territoryHint')} />
      <TextField id="password" label={t('admin.accounts.password')} type="password" required error={errors.password} autoComplete="new-password" hint={t('admin.accounts.passwordHint')} />
      <TextField id="reason" label={t('admin.accounts.reason')} error={errors.reason} />
      <Button color="primary" type="solid" nativeType="submit" busy={create.isPending}>
        {t('admin.accounts.create')}
      </Button>
    </form>
  );
}

export default function AccountsPage() {
  useDocumentTitle(t('admin.accounts.title'));
  const [params, setParams] = useSearchParams();
  const [created, setCreated] = useState<Account | null>(null);
  const filter: AccountFilter = {
    q: params.get('hledat') ?? undefined,
    role: (params.get('role') as Account['role'] | null) ?? undefined,
    territory: params.get('uzemi') ?? undefined,
  };
  const accounts = useAccounts(filter);
  const items = accounts.data?.pages.flatMap((page) => page.items) ?? [];

  const applyFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setParams(filterParams(new FormData(event.currentTarget), [['q', 'hledat'], ['filterRole', 'role'], ['filterTerritory', 'uzemi']]));
  };

  return (
    <>
      <h1>{t('admin.accounts.title')}</h1>
      {created ? <Notice>{t('admin.accounts.created', { login: created.login ?? created.id })}</Notice> : null}
      <form className="filters" onSubmit={applyFilter} aria-label={t('admin.accounts.filters')}>
        <TextField id="q" label={t('admin.accounts.search')} defaultValue={filter.q ?? ''} />
        <SelectField id="filterRole" label={t('admin.accounts.role')} defaultValue={filter.role ?? ''}>
          <option value="">{t('admin.accounts.anyRole')}</option>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {cs.roles[role]}
            </option>
          ))}
        </SelectField>
        <TextField id="filterTerritory" label={t('admin.accounts.territory')} defaultValue={filter.territory ?? ''} />
        <Button color="primary" type="outlined" nativeType="submit">
          {t('admin.filter')}
        </Button>
      </form>
      {accounts.error ? <ErrorNotice error={accounts.error} onRetry={() => void accounts.refetch()} /> : null}
      {accounts.isSuccess && items.length === 0 ? <p className="empty">{t('admin.accounts.empty')}</p> : null}
      {items.length > 0 ? (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table">
            <caption className="visually-hidden">{t('admin.accounts.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.accounts.displayName')}</th>
                <th scope="col">{t('admin.accounts.login')}</th>
                <th scope="col">{t('admin.accounts.role')}</th>
                <th scope="col">{t('admin.accounts.territory')}</th>
                <th scope="col">{t('admin.accounts.state')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((account) => (
                <tr key={account.id}>
                  <td>
                    <Link to={`/sprava/uzivatele/${encodeURIComponent(account.id)}`}>{account.displayName}</Link>
                  </td>
                  <td>{account.login ?? t('admin.accounts.fromIdentityProvider')}</td>
                  <td>{cs.roles[account.role]}</td>
                  <td>{account.territory}</td>
                  <td>{account.disabled ? t('admin.accounts.disabled') : t('admin.accounts.enabled')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {accounts.hasNextPage ? (
        <Button color="primary" type="outlined" onClick={() => void accounts.fetchNextPage()} busy={accounts.isFetchingNextPage}>
          {t('admin.more')}
        </Button>
      ) : null}
      <NewAccountForm onCreated={setCreated} />
    </>
  );
}
