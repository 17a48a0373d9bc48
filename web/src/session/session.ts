import { signal } from '@preact/signals';
import { api, call, setCsrfToken, whenUnauthorized, type Me } from '../api/client';
import { location, navigate } from '../router';

/** Who is signed in: undefined while asking the server, null when nobody is. */
export const me = signal<Me | null | undefined>(undefined);

/** Set when a session ended under the person's feet, so sign-in can say why. */
export const sessionExpired = signal(false);

/** Asks who is signed in. GET /api/session answers 200 either way: a signed-out visitor is no error. */
export async function loadMe() {
  try {
    const { user } = await call(api.GET('/api/session'));
    setCsrfToken(user?.csrfToken ?? '');
    me.value = user ?? null;
  } catch {
    me.value = null;
  }
}

export async function signIn(email: string, password: string) {
  const user = await call(api.POST('/api/session', { body: { email, password } }));
  setCsrfToken(user.csrfToken ?? '');
  sessionExpired.value = false;
  me.value = user;
}

/** Sets the person's own password through their invitation or reset link, which signs them in. */
export async function acceptInvitation(token: string, password: string) {
  const user = await call(api.POST('/api/invitations/accept', { body: { token, password } }));
  setCsrfToken(user.csrfToken ?? '');
  sessionExpired.value = false;
  me.value = user;
}

export async function signOut() {
  try {
    await call(api.DELETE('/api/session'));
  } finally {
    setCsrfToken('');
    me.value = null;
    navigate('/signin', { replace: true });
  }
}

/** Where to go after signing in: back where the person was, never off-site. */
export function returnPath(): string {
  const back = new URLSearchParams(location.value.split('?')[1] ?? '').get('next');
  return back && back.startsWith('/') && !back.startsWith('//') ? back : '/';
}

// An expired session sends the person to sign in, then back to where they were.
whenUnauthorized(() => {
  if (!me.value) return; // nobody was signed in: nothing ended
  const here = window.location.pathname + window.location.search;
  me.value = null;
  sessionExpired.value = true;
  if (!here.startsWith('/signin')) navigate(`/signin?next=${encodeURIComponent(here)}`, { replace: true });
});
