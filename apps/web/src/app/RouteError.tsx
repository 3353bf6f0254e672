import { useRouteError } from 'react-router';
import { isApiError } from '../api/errors';
import { describeError } from '../components/errors';
import { t } from '../i18n';
import { NotFoundPage } from '../pages/NotFoundPage';
import { Button } from '../components/Button';

/** Whatever broke while rendering a page: said in Czech, with a way back, never a blank page. */
export function RouteError() {
  const error = useRouteError();
  if (isApiError(error, 404)) return <NotFoundPage />;
  return (
    <main id="obsah" className="app-main">
      <h1>{t('errors.title')}</h1>
      <p role="alert">{describeError(error)}</p>
      <Button color="primary" type="solid" onClick={() => window.location.assign('/')}>
        {t('errors.home')}
      </Button>
    </main>
  );
}
