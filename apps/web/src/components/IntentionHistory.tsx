import type { IntentionDossier } from '../api/queries';
import { t } from '../i18n';
import { formatDateTime } from '../i18n/format';

/** The intention's history, newest last, as a list a screen reader reads in order. */
export function IntentionHistory({ history }: { history: IntentionDossier['history'] }) {
  if (history.length === 0) return <p>{t('dossier.noEntries')}</p>;
  return (
    <ol className="history">
      {history.map((event) => (
        <li key={event.id}>
          <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time>{' '}
          <strong>{event.toStatus ? t(`status.${event.toStatus}`) : event.action}</strong> <span className="muted">({event.actor})</span>
          {event.comment ? <p className="history__comment">{event.comment}</p> : null}
        </li>
      ))}
    </ol>
  );
}
