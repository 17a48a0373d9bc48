import { useState } from 'preact/hooks';
import { messageOf } from '../api/client';
import { queryParam } from '../router';
import { ProviderButton, providerProblem, useProvider } from './ProviderSignIn';
import { sessionExpired, signIn } from './session';

export function SignInPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const provider = useProvider();
  const [providerError] = useState(() => providerProblem(queryParam('oidc')));

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      // The app then takes the person back where they were (App's effect).
      await signIn(email.trim(), password);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" class="signin">
      <form class="card signin-card" onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">Sign in to Lessonloop</h1>
        {sessionExpired.value && !error && (
          <p class="notice info" role="status">Your session ended. Sign in again to continue where you were.</p>
        )}
        {error && <p class="notice error" role="alert">{error}</p>}
        {providerError && !error && <p class="notice error" role="alert">{providerError}</p>}
        {provider && (
          <>
            <ProviderButton label={provider} />
            <p class="signin-or" aria-hidden="true">or</p>
          </>
        )}
        <label>
          Email
          <input type="email" name="email" autocomplete="username" required value={email}
            onInput={(e) => setEmail(e.currentTarget.value)} />
        </label>
        <label>
          Password
          <input type="password" name="password" autocomplete="current-password" required value={password}
            onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        <button type="submit" class="button primary" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </main>
  );
}
