import { GovButton } from '@gov-design-system-ce/react';
import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/errors';
import { useSessionOptions } from '../api/queries';
import { session } from '../api/session';
import { homeOf } from '../app/roles';
import { useSessionUser } from '../app/session-context';
import { ErrorNotice, Notice } from '../components/ErrorNotice';
import { TextField } from '../components/Field';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { t } from '../i18n';
import { Button } from '../components/Button';

/** Only paths of this application are followed after sign-in (never another site). */
function safeReturnPath(value: string | null): string | null {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/prihlaseni') ? value : null;
}

export function SignInPage() {
  useDocumentTitle(t('signIn.title'));
  const user = useSessionUser();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const back = safeReturnPath(params.get('zpet'));
  const providerFailed = params.get('chyba') === 'oidc';
  const options = useSessionOptions();
  const provider = options.data?.oidc ?? null;
  const state = (location.state ?? {}) as { expired?: boolean; signedOut?: boolean };
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [wrong, setWrong] = useState(false);
  const [busy, setBusy] = useState(false);

  if (user) return <Navigate to={back ?? homeOf(user.role)} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setWrong(false);
    try {
      const response = await session.signIn(login, password);
      if (response.status === 401 || response.status === 400) {
        setWrong(true);
      } else if (!response.ok) {
        setError(new ApiError(response.status, await response.json().catch(() => null)));
      } else {
        navigate(back ?? homeOf(session.user!.role), { replace: true });
      }
    } catch {
      setError(ApiError.unreachable());
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="obsah" className="sign-in">
      <div className="sign-in__card">
        <p className="sign-in__app">{t('app.name')}</p>
        <h1>{t('signIn.title')}</h1>
        <p>{t('signIn.intro')}</p>
        {state.expired && back ? <Notice color="warning">{t('signIn.expired')}</Notice> : null}
        {state.signedOut ? <Notice>{t('signIn.signedOut')}</Notice> : null}
        {error ? <ErrorNotice error={error} /> : null}
        {wrong ? (
          <div role="alert" className="notice notice--error">
            {t('signIn.wrongCredentials')}
          </div>
        ) : null}
        {providerFailed ? (
          <div role="alert" className="notice notice--error">
            {t('signIn.providerFailed')}
          </div>
        ) : null}
        <form onSubmit={(event) => void submit(event)} noValidate>
          <TextField
            id="login"
            label={t('signIn.login')}
            autoComplete="username"
            value={login}
            onChange={(event) => setLogin(event.target.value)}
            required
          />
          <TextField
            id="password"
            label={t('signIn.password')}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
          <Button color="primary" type="solid" nativeType="submit" busy={busy} expanded>
            {t('signIn.submit')}
          </Button>
        </form>
        {provider ? (
          <div className="sign-in__provider">
            <p className="sign-in__or">{t('signIn.or')}</p>
            {/* A plain link: the server walks the provider's sign-in and sets the session cookie; no token passes through this page. */}
            <GovButton color="primary" type="outlined" expanded asChild>
              <a href={`/auth/session/oidc?zpet=${encodeURIComponent(back ?? '/')}`}>{t('signIn.withProvider', { provider: provider.name })}</a>
            </GovButton>
          </div>
        ) : null}
      </div>
    </main>
  );
}
