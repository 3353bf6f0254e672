import { GovLoading } from '@gov-design-system-ce/react';
import { t } from '../i18n';

export function LoadingPage() {
  return (
    <div className="page-loading" role="status">
      <GovLoading />
      <span className="visually-hidden">{t('app.loading')}</span>
    </div>
  );
}
