import { useState } from 'preact/hooks';
import { api, call, messageOf, type Schemas } from '../api/client';
import { formatDateTime } from '../ui/format';
import { LoadError } from '../ui/LoadError';
import { useLoad } from '../ui/useLoad';
import { MailChoices } from './MailChoices';
import { PasswordFields } from './PasswordFields';
import './security.css';

const WHAT: Record<Schemas['AccountEvent']['kind'], string> = {
  invited: 'Invited',
  activated: 'Password set with a link',
  reset: 'Account reset',
  password_changed: 'Password changed',
  signed_out_everywhere: 'Signed out everywhere',
  provider_activated: 'Activated with school sign-in',
  provider_linked: 'School sign-in linked',
};

/**
 * A person's own security: their password, where they are signed in (each session can be ended),
 * and everything that happened to the account, so that an administrator's reset or sign-out is
 * visible to the person it targets.
 */
export default function SecurityPage() {
  const sessions = useLoad(() => call(api.GET('/api/me/sessions')), []);
  const history = useLoad(() => call(api.GET('/api/me/history')), []);
  return (
    <section class="page security-page" aria-labelledby="security-title">
      <h1 id="security-title">Security</h1>
      <ChangePassword onChanged={() => { sessions.reload(); history.reload(); }} />
      <section class="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Where you are signed in</h2>
        <LoadError error={sessions.error} retry={sessions.reload} />
        <Sessions sessions={sessions.data} onEnded={sessions.reload} />
      </section>
      <MailChoices />
      <section class="card" aria-labelledby="takeout-title">
        <h2 id="takeout-title">Your data</h2>
        <p id="takeout-help">
          One ZIP file with everything that is yours: the lessons you uploaded (original videos), their comments (JSON and
          CSV), clips and exported clip videos, who viewed or shared them, and your goals. Lessons others shared with you are
          not included. A large library takes a while: the download starts at once and keeps going.
        </p>
        <a class="button" href="/api/me/takeout" download aria-describedby="takeout-help">Download all my data</a>
      </section>
      <section class="card" aria-labelledby="history-title">
        <h2 id="history-title">Account history</h2>
        <LoadError error={history.error} retry={history.reload} />
        {history.data && (
          <div class="table-scroll">
            <table>
              <caption class="visually-hidden">What happened to your account, newest first</caption>
              <thead><tr><th scope="col">What</th><th scope="col">When</th><th scope="col">By</th><th scope="col">From</th></tr></thead>
              <tbody>
                {history.data.map((event, i) => (
                  <tr key={i}>
                    <td>{WHAT[event.kind]}</td>
                    <td>{formatDateTime(event.at)}</td>
                    <td class="wrap">{event.by ? `${event.by} (administrator)` : 'You'}</td>
                    <td>{event.device ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}

function Sessions({ sessions, onEnded }: { sessions: Schemas['Session'][] | undefined; onEnded: () => void }) {
  const [error, setError] = useState('');
  if (!sessions) return <p class="loading" role="status">Loading sessions…</p>;
  async function end(id: string) {
    setError('');
    try {
      await call(api.DELETE('/api/me/sessions/{sessionId}', { params: { path: { sessionId: id } } }));
      onEnded();
    } catch (e) {
      setError(messageOf(e));
    }
  }
  return (
    <>
      {error && <p class="notice error" role="alert">{error}</p>}
      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">Your sessions, most recently used first</caption>
          <thead><tr><th scope="col">Device</th><th scope="col">Signed in</th><th scope="col">Last seen</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td>{s.device}{s.current && <span class="role-badge">This browser</span>}</td>
                <td>{formatDateTime(s.createdAt)}</td>
                <td>{formatDateTime(s.lastSeenAt)}</td>
                <td class="row-actions">
                  {!s.current && (
                    <button type="button" class="button subtle" aria-label={`End the session on ${s.device} since ${formatDateTime(s.createdAt)}`}
                      onClick={() => end(s.id)}>End</button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function ChangePassword({ onChanged }: { onChanged: () => void }) {
  const [current, setCurrent] = useState('');
  const [replacement, setReplacement] = useState('');
  const [formKey, setFormKey] = useState(0);
  const [error, setError] = useState('');
  const [said, setSaid] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError('');
    setSaid('');
    try {
      await call(api.POST('/api/me/password', { body: { currentPassword: current, newPassword: replacement } }));
      setSaid('Your password is changed. Your other sessions are signed out.');
      setCurrent('');
      setReplacement('');
      setFormKey((k) => k + 1);
      onChanged();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card" onSubmit={submit} aria-labelledby="password-title" key={formKey}>
      <h2 id="password-title">Change your password</h2>
      {error && <p class="notice error" role="alert">{error}</p>}
      <p class={said ? 'notice ok' : 'visually-hidden'} role="status">{said}</p>
      <div class="form-grid">
        <label>
          Current password
          <input type="password" name="current-password" autocomplete="current-password" required value={current}
            onInput={(e) => setCurrent(e.currentTarget.value)} />
        </label>
        <PasswordFields label="New password" value={replacement} onInput={setReplacement} />
      </div>
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>{busy ? 'Changing…' : 'Change password'}</button>
      </div>
    </form>
  );
}
