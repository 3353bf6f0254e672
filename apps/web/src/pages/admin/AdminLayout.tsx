import { NavLink, Outlet } from 'react-router';
import { administers } from '../../app/roles';
import { useUser } from '../../app/session-context';
import { t } from '../../i18n';
import '../../components/admin/admin.css';

/** The frame of the administration pages: their own navigation (auditors see the audit log only). */
export default function AdminLayout() {
  const user = useUser();
  const links = administers(user.role)
    ? ([
        ['/sprava/modely', 'admin.nav.models'],
        ['/sprava/instance', 'admin.nav.instances'],
        ['/sprava/incidenty', 'admin.nav.incidents'],
        ['/sprava/audit', 'admin.nav.audit'],
        ['/sprava/uzivatele', 'admin.nav.accounts'],
      ] as const)
    : ([['/sprava/audit', 'admin.nav.audit']] as const);
  return (
    <div className="admin">
      <nav aria-label={t('admin.nav.label')} className="admin-nav">
        <ul>
          {links.map(([to, label]) => (
            <li key={to}>
              <NavLink to={to}>{t(label)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
