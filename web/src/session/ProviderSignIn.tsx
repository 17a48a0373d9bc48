import { useEffect, useState } from 'preact/hooks';
import { api, call, messageOf } from '../api/client';

/** Why the provider's sign-in came back without a session, as /api/oidc/callback names it. */
const REASONS: Record<string, string> = {
  state: 'That sign-in was not started in this browser, took too long or was used already. Try again.',
  provider: 'Your school account did not sign you in (it was cancelled or refused). Try again.',
  unavailable: 'Your school sign-in service cannot be reached right now. Try again in a minute, or use your password.',
  token: 'The answer from your school sign-in could not be verified, so it was not trusted. Try again; if it keeps happening, tell your administrator.',
  unverified: 'Your school account does not confirm your email address, so it cannot sign you in here. Ask your administrator.',
  domain: 'Your school account’s email is not one this Lessonloop accepts. Sign in with your school email account.',
  unknown: 'There is no Lessonloop account for the email of that school account. Lessonloop accounts are opened by invitation: ask your administrator to invite you.',
  several: 'Your email has Lessonloop accounts at more than one school. Sign in with your password, or open the invitation link of the school you want to use your school account with.',
  mismatch: 'That invitation is for another email than the school account you signed in with. Sign in with the account the invitation was sent to.',
  'linked-elsewhere': 'That Lessonloop account is already linked to a different school account. Sign in with that one, or ask your administrator.',
  invitation: 'That invitation link has expired, was replaced or was used already. Ask your administrator for a new one.',
};

/** The explanation for a reason code in the page's address, if any. */
export function providerProblem(reason: string | null): string {
  if (!reason) return '';
  return REASONS[reason] ?? 'Signing in with your school account did not work. Try again, or use your password.';
}

/** The provider's name when the server offers sign-in with it; undefined while asking, null when not offered. */
export function useProvider(): string | null | undefined {
  const [label, setLabel] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    call(api.GET('/api/oidc')).then((o) => setLabel(o.configured ? o.label ?? 'your school account' : null)).catch(() => setLabel(null));
  }, []);
  return label;
}

/**
 * "Sign in with <provider>": the server hands back the provider's page, which the browser opens in
 * this window; the provider then sends it back, signed in or with the reason it was not.
 */
export function ProviderButton({ label, invitation, text }: { label: string; invitation?: string; text?: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  async function go() {
    setBusy(true);
    setError('');
    try {
      const { location } = await call(api.POST('/api/oidc/start', { body: invitation ? { invitation } : {} }));
      window.location.assign(location);
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  }

  return (
    <div class="provider-signin">
      {error && <p class="notice error" role="alert">{error}</p>}
      <button type="button" class="button" onClick={go} disabled={busy}>
        {busy ? `Opening ${label}…` : text ?? `Sign in with ${label}`}
      </button>
    </div>
  );
}
