import { GovMessage } from '@gov-design-system-ce/react';
import { describeError } from './errors';
import { t } from '../i18n';
import { Button } from './Button';

/** A failed call said in Czech (with the error id of a server error), never a blank page. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div role="alert" className="notice">
      <GovMessage color="error">
        <p>{describeError(error)}</p>
        {onRetry ? (
          <Button color="primary" type="outlined" size="s" onClick={onRetry}>
            {t('errors.retry')}
          </Button>
        ) : null}
      </GovMessage>
    </div>
  );
}

/** A success or information line, announced politely to screen readers. */
export function Notice({ children, color = 'success' }: { children: React.ReactNode; color?: 'success' | 'primary' | 'warning' }) {
  return (
    <div role="status" className="notice">
      <GovMessage color={color}>
        <p>{children}</p>
      </GovMessage>
    </div>
  );
}
