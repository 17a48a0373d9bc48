import { useEffect, useState } from 'preact/hooks';
import { api, call, messageOf } from '../api/client';
import { navigate } from '../router';
import { PasswordFields } from '../security/PasswordFields';
import { ProviderButton, useProvider } from './ProviderSignIn';
import { acceptInvitation } from './session';

type Invitation = { email: string; displayName: string; kind: 'invitation' | 'reset'; expiresAt: string };

/** The token rides in the link's fragment, which the browser never sends to any server. */
function tokenFromLink(): string {
  return decodeURIComponent(window.location.hash.slice(1));
}

/**
 * Where an invitation or reset link leads: the person chooses their own password (nobody else
 * ever knows it) and is signed in.
 */
export default function InvitationPage() {
  const [token] = useState(tokenFromLink);
  const [invitation, setInvitation] = useState<Invitation | null | undefined>(undefined);
  const [problem, setProblem] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const provider = useProvider();

  useEffect(() => {
    if (!token) {
      setProblem('This link is incomplete. Open the whole link you were given.');
      setInvitation(null);
      return;
    }
    call(api.POST('/api/invitations/check', { body: { token } }))
      .then((found) => setInvitation(found))
      .catch((e) => {
        setProblem(messageOf(e));
        setInvitation(null);
      });
  }, [token]);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      await acceptInvitation(token, password);
      navigate('/security', { replace: true });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  if (invitation === undefined) return <p class="loading" role="status">Checking your link…</p>;
  return (
    <main id="main" class="signin">
      {invitation === null ? (
        <section class="card signin-card" aria-labelledby="invitation-title">
          <h1 id="invitation-title">This link does not work</h1>
          <p class="notice error" role="alert">{problem}</p>
          <a class="button" href="/signin">Go to sign-in</a>
        </section>
      ) : (
        <form class="card signin-card" onSubmit={submit} aria-labelledby="invitation-title">
          <h1 id="invitation-title">{invitation.kind === 'reset' ? 'Choose a new password' : `Welcome, ${invitation.displayName}`}</h1>
          <p>Choose the password for <strong>{invitation.email}</strong>. Only you will know it.</p>
          {error && <p class="notice error" role="alert">{error}</p>}
          <PasswordFields label="New password" value={password} onInput={setPassword} />
          <button type="submit" class="button primary" disabled={busy}>{busy ? 'Saving…' : 'Set my password'}</button>
          {provider && (
            <>
              <p class="signin-or">Or skip the password and sign in with your school account ({invitation.email}):</p>
              <ProviderButton label={provider} invitation={token} text={`Continue with ${provider}`} />
            </>
          )}
        </form>
      )}
    </main>
  );
}
