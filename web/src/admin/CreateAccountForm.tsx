import { useState } from 'preact/hooks';
import { api, call, messageOf, type User } from '../api/client';
import { ROLE_NAMES, type Role } from './roles';

/**
 * Makes an account with a first password the administrator hands over. Kept apart from the list
 * on purpose: accounts are to become invitations (the person sets their own password), and then
 * only this form changes.
 */
export function CreateAccountForm({ onCreated }: { onCreated: (user: User) => void }) {
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('teacher');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [said, setSaid] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError('');
    setSaid('');
    try {
      const user = await call(api.POST('/api/users', { body: { displayName: displayName.trim(), email: email.trim(), role, password } }));
      onCreated(user);
      setSaid(`Account created for ${user.displayName} (${ROLE_NAMES[user.role ?? role]}).`);
      setDisplayName('');
      setEmail('');
      setPassword('');
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="admin-form" onSubmit={submit} aria-labelledby="create-account-title">
      <h3 id="create-account-title">Add a person</h3>
      {error && <p class="notice error" role="alert">{error}</p>}
      <p class={said ? 'notice ok' : 'visually-hidden'} role="status">{said}</p>
      <div class="form-grid">
        <label>
          Name
          <input name="displayName" required maxLength={200} autocomplete="off" value={displayName}
            onInput={(e) => setDisplayName(e.currentTarget.value)} />
        </label>
        <label>
          Email
          <input type="email" name="email" required maxLength={320} autocomplete="off" value={email}
            onInput={(e) => setEmail(e.currentTarget.value)} />
        </label>
        <label>
          Role
          <select name="role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            {(Object.keys(ROLE_NAMES) as Role[]).map((code) => <option key={code} value={code}>{ROLE_NAMES[code]}</option>)}
          </select>
        </label>
        <div class="field">
          <label>
            First password
            <input type="password" name="password" required minLength={12} autocomplete="new-password" value={password}
              aria-describedby="first-password-hint" onInput={(e) => setPassword(e.currentTarget.value)} />
          </label>
          <span class="hint" id="first-password-hint">At least 12 characters. Give it to the person yourself.</span>
        </div>
      </div>
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>{busy ? 'Creating…' : 'Create account'}</button>
      </div>
    </form>
  );
}
