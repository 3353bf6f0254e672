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
import { homeOf } from './roles';

// Pages beyond the inbox load on demand: the inbox's JavaScript stays small.
const TaskPage = lazy(() => import('../pages/TaskPage'));
const IntentionsPage = lazy(() => import('../pages/IntentionsPage'));
const IntentionEditPage = lazy(() => import('../pages/IntentionEditPage'));
const IntentionPage = lazy(() => import('../pages/IntentionPage'));
const ActionPlanPage = lazy(() => import('../pages/ActionPlanPage'));
const NotificationsPage = lazy(() => import('../pages/NotificationsPage'));
const SettingsPage = lazy(() => import('../pages/SettingsPage'));


function Home() {
  const user = useSessionUser();
  return <Navigate to={user ? homeOf(user.role) : '/prihlaseni'} replace />;
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

