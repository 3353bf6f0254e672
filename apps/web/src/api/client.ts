import createClient from 'openapi-fetch';
import { ApiError } from './errors';
import type { paths } from './schema';
import { session } from './session';

/**
 * Every request carries the session's access token; a 401 gets one refresh and one retry
 * (the token may have been revoked early), after which the session is over.
 */
async function authorizedFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  const send = async (attempt: Request, token: string | null) => {
    if (token) attempt.headers.set('Authorization', `Bearer ${token}`);
    try {
      return await fetch(attempt);
    } catch {
      throw ApiError.unreachable();
    }
  };
  const response = await send(request, await session.accessToken());
  if (response.status !== 401) return response;
  const refreshed = await session.refresh();
  if (!refreshed) return response;
  return send(retry, refreshed.accessToken);
}

export const api = createClient<paths>({ baseUrl: '', fetch: authorizedFetch });

/** The few routes that answer without a session (what the sign-in page offers): no token, no refresh attempt. */
export const publicApi = createClient<paths>({
  baseUrl: '',
  fetch: async (request: Request) => {
    try {
      return await fetch(request);
    } catch {
      throw ApiError.unreachable();
    }
  },
});

/** The data of an openapi-fetch answer, or the API's error as an ApiError. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, error);
  return data as T;
}

/** A non-JSON download (the Action Plan's CSV), saved under the server's file name. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await authorizedFetch(new Request(path));
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
  const name = /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

export { authorizedFetch };
