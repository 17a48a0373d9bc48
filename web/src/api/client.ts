import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

/** Shapes of the server's JSON, straight from its OpenAPI document (a changed route breaks the build). */
export type Schemas = components['schemas'];
export type Me = Schemas['Me'];
export type User = Schemas['User'];
export type Recording = Schemas['Recording'];
export type Problem = Schemas['Problem'];

let csrfToken = '';
let onUnauthorized: () => void = () => {};

/** The CSRF token from GET /api/me, echoed on every state-changing request (DESIGN §4b). */
export function setCsrfToken(token: string) {
  csrfToken = token;
}

/** What to do when the server says the session is gone (sign in again, then come back). */
export function whenUnauthorized(handler: () => void) {
  onUnauthorized = handler;
}

/** The CSRF header for requests that do not go through `api` (tus uploads). */
export function csrfHeaders(): Record<string, string> {
  return { 'X-CSRF-Token': csrfToken };
}

const session: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD') request.headers.set('X-CSRF-Token', csrfToken);
    request.headers.set('Accept', 'application/json, application/problem+json');
    return request;
  },
  onResponse({ request, response }) {
    const signingIn = new URL(request.url).pathname === '/api/session' && request.method === 'POST';
    if (response.status === 401 && !signingIn) onUnauthorized();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '' });
api.use(session);

/** Raised for a failed call: carries the server's problem body, whose title/detail a person can act on. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: Partial<Problem>) {
    super(problem.detail || problem.title || `The server answered ${status}`);
  }
}

/** Why a request could not be made at all (offline, server down). */
export class OfflineError extends Error {
  constructor() {
    super('No connection to the server. Check the network; Lessonloop will retry.');
  }
}

/**
 * Unwraps an openapi-fetch result: the data, or an ApiError with the problem's words.
 * Usage: `const list = await call(api.GET('/api/recordings'))`.
 */
export async function call<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result;
  try {
    result = await pending;
  } catch {
    throw new OfflineError();
  }
  if (result.error !== undefined || !result.response.ok) {
    throw new ApiError(result.response.status, (result.error ?? {}) as Partial<Problem>);
  }
  return result.data as T;
}

/** A message for a person, whatever was thrown. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong. Try again.';
}
