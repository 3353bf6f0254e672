import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A server answering the session endpoints as the API does; counts the refreshes it sees. */
function sessionServer(expiresIn: number) {
  const calls: string[] = [];
  const answer = (token: string) =>
    new Response(JSON.stringify({ accessToken: token, tokenType: 'Bearer', expiresIn, user: { id: 'orp.kurim', displayName: 'Petr Novák', role: 'orp_official', territory: 'orp:kurim' } }), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
  const fetch = vi.fn(async (input: string | URL | Request) => {
    const url = String(input instanceof Request ? input.url : input);
    calls.push(url);
    if (url.endsWith('/auth/session')) return answer('first');
    if (url.endsWith('/auth/session/refresh')) return answer(`refreshed-${calls.length}`);
    return new Response(null, { status: 204 });
  });
  return { calls, fetch };
}

describe('the web session', () => {
  beforeEach(() => {
    vi.resetModules();
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('keeps the access token in memory and refreshes it before it expires, once for many callers', async () => {
    const server = sessionServer(900);
    vi.stubGlobal('fetch', server.fetch);
    const { session } = await import('./session');
    await session.signIn('orp.kurim', 'heslo');
    expect(await session.accessToken()).toBe('first');
    expect(session.user?.role).toBe('orp_official');
    // A minute before expiry the token is refreshed; callers at the same moment share one refresh.
    vi.setSystemTime(Date.now() + 841_000);
    const tokens = await Promise.all([session.accessToken(), session.accessToken(), session.accessToken()]);
    expect(new Set(tokens).size).toBe(1);
    expect(server.calls.filter((url) => url.endsWith('/refresh'))).toHaveLength(1);
    expect(globalThis.localStorage?.length ?? 0).toBe(0);
  });

  it('ends the session when the refresh cookie is refused, and tells its listeners', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ error: { code: 'UNAUTHENTICATED' } }), { status: 401 })));
    const { session } = await import('./session');
    const seen: unknown[] = [];
    session.subscribe((user) => seen.push(user));
    expect(await session.refresh()).toBeNull();
    expect(await session.accessToken()).toBeNull();
    expect(session.user).toBeNull();
    expect(seen).toEqual([]);
  });
});
