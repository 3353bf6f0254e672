import type { components } from './schema';

/** Who is signed in, as `/auth/session` answers. */
export type SessionUser = { id: string; displayName: string; role: Role; territory: string };
export type Role = components['schemas']['CreateUserDto']['role'];

interface Session {
  accessToken: string;
  /** Epoch milliseconds after which the access token is refreshed before use. */
  refreshAt: number;
  user: SessionUser;
}

interface SessionAnswer {
  accessToken: string;
  expiresIn: number;
  user: SessionUser;
}

type Listener = (user: SessionUser | null) => void;

/**
 * The web session. The access token lives in this module's memory only; the refresh token
 * is an HttpOnly cookie that scripts never see, so a reload restores the session by one
 * refresh call and nothing sensitive is ever in storage.
 */
class WebSession {
  private current: Session | null = null;
  private refreshing: Promise<Session | null> | null = null;
  private restoring: Promise<Session | null> | null = null;
  private readonly listeners = new Set<Listener>();

  get user(): SessionUser | null {
    return this.current?.user ?? null;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async signIn(login: string, password: string): Promise<Response> {
    const response = await fetch('/auth/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login, password }),
      credentials: 'same-origin',
    });
    if (response.ok) this.begin((await response.json()) as SessionAnswer);
    return response;
  }

  async signOut(): Promise<void> {
    this.end();
    await fetch('/auth/session/sign-out', { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
  }

  /** A valid access token, refreshed when it is about to expire; null when there is no session. */
  async accessToken(): Promise<string | null> {
    if (this.current && Date.now() < this.current.refreshAt) return this.current.accessToken;
    return (await this.refresh())?.accessToken ?? null;
  }

  /** The session of the refresh cookie when the application starts: asked once, however many ask. */
  restore(): Promise<Session | null> {
    this.restoring ??= this.refresh();
    return this.restoring;
  }

  /** Trades the refresh cookie for a new access token (one call at a time, across tabs too). */
  refresh(): Promise<Session | null> {
    this.refreshing ??= this.serialized(() => this.callRefresh()).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** The session is over (sign-out elsewhere, a revoked token, an account change). */
  end(): void {
    const hadSession = this.current !== null;
    this.current = null;
    if (hadSession) this.emit();
  }

  private async callRefresh(): Promise<Session | null> {
    let response: Response;
    try {
      response = await fetch('/auth/session/refresh', { method: 'POST', credentials: 'same-origin' });
    } catch {
      // The API is unreachable: keep what we have; the request that needed it reports the outage.
      return this.current;
    }
    if (!response.ok) {
      this.end();
      return null;
    }
    return this.begin((await response.json()) as SessionAnswer);
  }

  private begin(answer: SessionAnswer): Session {
    const changedUser = this.current?.user.id !== answer.user.id;
    // Refresh a minute early (or at half the lifetime of a short token) so that no request meets an expired one.
    const margin = Math.min(60, answer.expiresIn / 2) * 1000;
    this.current = { accessToken: answer.accessToken, refreshAt: Date.now() + answer.expiresIn * 1000 - margin, user: answer.user };
    if (changedUser) this.emit();
    return this.current;
  }

  /**
   * A refresh token works once: two tabs refreshing with the same cookie at once would look
   * like a stolen token. The Web Locks API makes the tabs take turns.
   */
  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    return locks ? locks.request('pss-session-refresh', work) : work();
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.user);
  }
}

export const session = new WebSession();
