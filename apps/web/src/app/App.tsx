import { QueryClientProvider } from '@tanstack/react-query';
import { lazy } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { LoadingPage } from '../components/LoadingPage';
import { InboxPage } from '../pages/InboxPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { SignInPage } from '../pages/SignInPage';
import { Layout } from './Layout';
import { RequireSession } from './RequireSession';
import { queryClient } from './query-client';
import { RouteError } from './RouteError';
import { SessionProvider, useSessionUser } from './session-context';
import { administers, homeOf, readsAudit } from './roles';
import { RequireRole } from './RequireRole';

// Pages beyond the inbox load on demand: the inbox's JavaScript stays small.
const TaskPage = lazy(() => import('../pages/TaskPage'));
const IntentionsPage = lazy(() => import('../pages/IntentionsPage'));
const IntentionEditPage = lazy(() => import('../pages/IntentionEditPage'));
const IntentionPage = lazy(() => import('../pages/IntentionPage'));
const ActionPlanPage = lazy(() => import('../pages/ActionPlanPage'));
const NotificationsPage = lazy(() => import('../pages/NotificationsPage'));
const SettingsPage = lazy(() => import('../pages/SettingsPage'));
// Administration: its pages, the modeler and the editors load only when an administrator opens them.
const AdminLayout = lazy(() => import('../pages/admin/AdminLayout'));
const ProcessesPage = lazy(() => import('../pages/admin/ProcessesPage'));
const ProcessPage = lazy(() => import('../pages/admin/ProcessPage'));
const ModelerPage = lazy(() => import('../pages/admin/ModelerPage'));
const InstancesPage = lazy(() => import('../pages/admin/InstancesPage'));
const InstancePage = lazy(() => import('../pages/admin/InstancePage'));
const MigrationPage = lazy(() => import('../pages/admin/MigrationPage'));
const IncidentsPage = lazy(() => import('../pages/admin/IncidentsPage'));
const AuditPage = lazy(() => import('../pages/admin/AuditPage'));
const AccountsPage = lazy(() => import('../pages/admin/AccountsPage'));
const AccountPage = lazy(() => import('../pages/admin/AccountPage'));


function Home() {
  const user = useSessionUser();
  return <Navigate to={user ? homeOf(user.role) : '/prihlaseni'} replace />;
}

function AdminHome() {
  const user = useSessionUser();
  return <Navigate to={user && administers(user.role) ? '/sprava/modely' : '/sprava/audit'} replace />;
}

const router = createBrowserRouter([
  { path: '/prihlaseni', element: <SignInPage />, errorElement: <RouteError /> },
  {
    element: (
      <RequireSession>
        <Layout />
      </RequireSession>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Home /> },
      { path: 'ukoly', element: <InboxPage /> },
      { path: 'ukoly/:id', element: <TaskPage /> },
      { path: 'zamery', element: <IntentionsPage /> },
      { path: 'zamery/novy', element: <IntentionEditPage /> },
      { path: 'zamery/:id', element: <IntentionPage /> },
      { path: 'zamery/:id/upravit', element: <IntentionEditPage /> },
      { path: 'akcni-plan', element: <ActionPlanPage /> },
      { path: 'akcni-plan/:rok', element: <ActionPlanPage /> },
      { path: 'oznameni', element: <NotificationsPage /> },
      { path: 'nastaveni', element: <SettingsPage /> },
      {
        path: 'sprava',
        element: (
          <RequireRole allowed={readsAudit}>
            <AdminLayout />
          </RequireRole>
        ),
        children: [
          { index: true, element: <AdminHome /> },
          { path: 'audit', element: <AuditPage /> },
          ...[
            { path: 'modely', element: <ProcessesPage /> },
            { path: 'modely/:processId', element: <ProcessPage /> },
            { path: 'modeler', element: <ModelerPage /> },
            { path: 'instance', element: <InstancesPage /> },
            { path: 'instance/:key', element: <InstancePage /> },
            { path: 'migrace', element: <MigrationPage /> },
            { path: 'incidenty', element: <IncidentsPage /> },
            { path: 'uzivatele', element: <AccountsPage /> },
            { path: 'uzivatele/:id', element: <AccountPage /> },
            { path: '*', element: <NotFoundPage /> },
          ].map((route) => ({ ...route, element: <RequireRole allowed={administers}>{route.element}</RequireRole> })),
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider fallback={<LoadingPage />}>
        <RouterProvider router={router} />
      </SessionProvider>
    </QueryClientProvider>
  );
}

