import { useState } from 'preact/hooks';
import { api, call, messageOf, type User } from '../api/client';
import { ROLE_NAMES, type Role } from './roles';
import { useLoad } from '../ui/useLoad';
import { InvitationLink, type Issued } from './InvitationLink';

/**
 * Invites a person: the server makes the account without a password and a one-time link with which
 * the person sets their own, so no administrator ever knows it. The link is shown here once.
 */
export function CreateAccountForm({ onCreated }: { onCreated: (user: User) => void }) {
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('teacher');
  const [error, setError] = useState('');
  const [issued, setIssued] = useState<Issued | null>(null);
  const [busy, setBusy] = useState(false);
  const mailed = useLoad(() => call(api.GET('/api/me/mail')), []).data?.sending ?? false;

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError('');
    setIssued(null);
    try {
      const invited = await call(api.POST('/api/users', { body: { displayName: displayName.trim(), email: email.trim(), role } }));
      onCreated(invited);
      setIssued({ user: invited, ...invited.invitation, kind: 'invitation' });
      setDisplayName('');
      setEmail('');
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
      <div role="status">{issued && <InvitationLink issued={issued} />}</div>
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
      </div>
      <p class="hint">{mailed ? 'The person gets a link by mail and chooses their own password with it. You never see either.'
        : 'The person chooses their own password with the link you get. You never see it.'}</p>
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>{busy ? 'Inviting…' : 'Invite'}</button>
      </div>
    </form>
  );
}
