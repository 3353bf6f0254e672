import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { session, type SessionUser } from '../api/session';

const SessionContext = createContext<SessionUser | null>(null);

/** Restores the session from the refresh cookie once, then follows sign-in and sign-out. */
export function SessionProvider({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(session.user);
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    const unsubscribe = session.subscribe(setUser);
    void session.restore().finally(() => {
      setUser(session.user);
      setRestored(true);
    });
    return unsubscribe;
  }, []);
  if (!restored) return fallback;
  return <SessionContext.Provider value={user}>{children}</SessionContext.Provider>;
}

export function useSessionUser(): SessionUser | null {
  return useContext(SessionContext);
}

/** The signed-in user on pages that only signed-in users reach. */
export function useUser(): SessionUser {
  const user = useContext(SessionContext);
  if (!user) throw new Error('useUser outside a signed-in page');
  return user;
}
