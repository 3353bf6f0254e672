import { Link, useSearchParams } from 'react-router';
import { useNotificationActions, useNotifications } from '../api/queries';
import { ErrorNotice } from '../components/ErrorNotice';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { t } from '../i18n';
import { formatDateTime } from '../i18n/format';
import { Button } from '../components/Button';

export default function NotificationsPage() {
  useDocumentTitle(t('notifications.title'));
  const [params, setParams] = useSearchParams();
  const archived = params.get('archiv') === '1';
  const notifications = useNotifications(archived ? 'archived' : 'inbox');
  const { markRead, change } = useNotificationActions();
  const items = notifications.data?.items ?? [];
  return (
    <>
      <div className="page-heading">
        <h1>{t('notifications.title')}</h1>
        <div className="actions">
          <Button color="primary" type="outlined" onClick={() => markRead.mutate(undefined)} busy={markRead.isPending}>
            {t('notifications.markAllRead')}
          </Button>
          <Button color="primary" type="base" onClick={() => setParams(archived ? {} : { archiv: '1' })} aria-pressed={archived}>
            {t('notifications.showArchived')}
          </Button>
        </div>
      </div>
      {notifications.error ? <ErrorNotice error={notifications.error} onRetry={() => void notifications.refetch()} /> : null}
      {notifications.isSuccess && items.length === 0 ? <p className="empty">{t('notifications.empty')}</p> : null}
      <ul className="notification-list">
        {items.map((item) => (
          <li key={item.id} className={item.read ? 'read' : 'unread'}>
            <p>
              <strong>{item.title}</strong> {item.read ? null : <span className="count-badge">{t('notifications.unread')}</span>}
            </p>
            <p>{item.body}</p>
            <p className="muted">
              <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
              {item.taskId ? (
                <>
                  {' · '}
                  <Link to={`/ukoly/${item.taskId}`}>{t('inbox.open')}</Link>
                </>
              ) : item.intentionId ? (
                <>
                  {' · '}
                  <Link to={`/zamery/${item.intentionId}`}>{t('inbox.open')}</Link>
                </>
              ) : null}
            </p>
            <div className="actions">
              {!item.read ? (
                <Button color="primary" type="outlined" size="s" onClick={() => change.mutate({ id: item.id, read: true })} aria-label={`${t('notifications.markRead')}: ${item.title}`}>
                  {t('notifications.markRead')}
                </Button>
              ) : null}
              {!item.archived ? (
                <Button color="primary" type="base" size="s" onClick={() => change.mutate({ id: item.id, archived: true })} aria-label={`${t('notifications.archive')}: ${item.title}`}>
                  {t('notifications.archive')}
                </Button>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
