import { Link } from 'react-router';
import { t } from '../i18n';
import { useDocumentTitle } from '../components/useDocumentTitle';

/** Both a missing page and anything outside the user's territory: the API answers 404 alike. */
export function NotFoundPage() {
  useDocumentTitle(t('errors.notFound'));
  return (
    <section className="not-found" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t('errors.notFound')}</h1>
      <p>{t('errors.notFoundText')}</p>
      <p>
        <Link to="/">{t('errors.home')}</Link>
      </p>
    </section>
  );
}
