import type { ReactNode } from 'react';
import type { Role } from '../api/session';
import { NotFoundPage } from '../pages/NotFoundPage';
import { useUser } from './session-context';

/** A page for some roles only: everyone else gets the 404 page, as the API answers them 404. */
export function RequireRole({ allowed, children }: { allowed: (role: Role) => boolean; children: ReactNode }) {
  const user = useUser();
  return allowed(user.role) ? children : <NotFoundPage />;
}
