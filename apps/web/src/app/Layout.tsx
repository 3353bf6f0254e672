import { Suspense } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useUnreadCount } from '../api/queries';
import { session } from '../api/session';
import { LoadingPage } from '../components/LoadingPage';
import { t } from '../i18n';
import { useLiveEvents } from '../live/useLiveEvents';
import { administers, hasInbox, readsActionPlans, readsAudit } from './roles';
import { useUser } from './session-context';

/** The frame of every signed-in page: skip link, header with navigation, live status, content. */
export function Layout() {
  const user = useUser();
  const navigate = useNavigate();
  const live = useLiveEvents();
  const unread = useUnreadCount();
  const unreadCount = unread.data?.unread ?? 0;

  const signOut = async () => {
    await session.signOut();
    navigate('/prihlaseni', { replace: true, state: { signedOut: true } });
  };

  return (
    <>
      <a className="skip-link" href="#obsah">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <NavLink to="/" className="app-header__brand">
            <span className="app-header__name">{t('app.name')}</span>
            <span className="app-header__region">{t('app.region')}</span>
          </NavLink>
          <div className="app-header__user">
            <span>
              {user.displayName} <span className="app-header__role">({t(`roles.${user.role}`)})</span>
            </span>
            <button type="button" onClick={() => void signOut()} className="app-header__sign-out">
              {t('app.signOut')}
            </button>
          </div>
        </div>
        <nav aria-label={t('app.mainNavigation')} className="app-nav">
          <ul>
            {hasInbox(user.role) ? (
              <li>
                <NavLink to="/ukoly">{t('nav.tasks')}</NavLink>
              </li>
            ) : null}
            <li>
              <NavLink to="/zamery">{t('nav.intentions')}</NavLink>
            </li>
            {readsActionPlans(user.role) ? (
              <li>
                <NavLink to="/akcni-plan">{t('nav.actionPlan')}</NavLink>
              </li>
            ) : null}
            <li>
              <NavLink to="/oznameni">
                {t('nav.notifications')}
                {unreadCount > 0 ? (
                  <>
                    <span className="count-badge" aria-hidden="true" data-testid="unread-count">
                      {unreadCount}
                    </span>
                    <span className="visually-hidden">{t('nav.notificationsUnread', { count: unreadCount })}</span>
                  </>
                ) : null}
              </NavLink>
            </li>
            {readsAudit(user.role) ? (
              <li>
                <NavLink to="/sprava">{administers(user.role) ? t('nav.administration') : t('nav.audit')}</NavLink>
              </li>
            ) : null}
            <li>
              <NavLink to="/nastaveni">{t('nav.settings')}</NavLink>
            </li>
          </ul>
        </nav>
      </header>
      <p className="visually-hidden" role="status" data-live-state={live}>
        {t(`app.live.${live}`)}
      </p>
      <main id="obsah" tabIndex={-1} className="app-main">
        <Suspense fallback={<LoadingPage />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
