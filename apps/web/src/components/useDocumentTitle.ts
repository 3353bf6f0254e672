import { useEffect } from 'react';
import { t } from '../i18n';

/** Each page names itself in the window title, which screen readers announce on navigation. */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} – ${t('app.name')}` : t('app.name');
  }, [title]);
}
