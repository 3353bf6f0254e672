import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSessionUser } from './session-context';

/** Pages behind sign-in: without a session, sign in first and come back to the same page. */
export function RequireSession({ children }: { children: ReactNode }) {
  const user = useSessionUser();
  const location = useLocation();
  if (!user) {
    const back = `${location.pathname}${location.search}`;
    return <Navigate to={`/prihlaseni?zpet=${encodeURIComponent(back)}`} replace state={{ expired: back !== '/' }} />;
  }
  return children;
}
