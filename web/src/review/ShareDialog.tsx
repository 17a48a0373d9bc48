import { useEffect, useState } from 'preact/hooks';
import { api, call, messageOf, type Schemas } from '../api/client';
import { Dialog } from '../ui/Dialog';
import { browserTimeZone, formatDateTime } from '../ui/format';
import { shareEnd } from '../ui/shareEnd';
import type { Review } from './review';
import { WatchHistory } from './WatchHistory';

const PERMISSION_NAMES = { view: 'Can view', comment: 'Can comment' } as const;
/** A datetime-local value ("2026-12-04T15:30", the browser's time zone) as an ISO instant, or null when empty. */
function instantOf(local: string): string | null {
  return local ? new Date(local).toISOString() : null;
}

/** The owner shares the lesson with a colleague (view or comment), sees who has access and who watched, and revokes. */
export function ShareDialog({ review, onClose }: { review: Review; onClose: () => void }) {
  const recordingId = review.recordingId;
  const [userId, setUserId] = useState('');
  const [permission, setPermission] = useState<'view' | 'comment'>('comment');
  const [endsAt, setEndsAt] = useState('');
  const [history, setHistory] = useState(0);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const shares = review.shares.value;
  const nameOf = (id: string | null | undefined) => review.users.value.find((u) => u.id === id)?.displayName ?? 'someone';
  const colleagues = review.users.value.filter((u) => u.id !== review.me.id && u.role !== 'admin');

  async function reload() {
    review.shares.value = await call(api.GET('/api/recordings/{recordingId}/shares', { params: { path: { recordingId } } }));
    setHistory((n) => n + 1);
  }
  useEffect(() => {
    reload().catch((e) => setMessage({ ok: false, text: `Who has access could not be loaded: ${messageOf(e)}` }));
  }, []);

  async function share(event: Event) {
    event.preventDefault();
    if (!userId) return;
    setBusy(true);
    setMessage(null);
    try {
      const expiresAt = instantOf(endsAt);
      await call(api.POST('/api/recordings/{recordingId}/shares', {
        params: { path: { recordingId } }, body: { userId, permission, ...(expiresAt ? { expiresAt } : {}) },
      }));
      setMessage({ ok: true, text: `Shared with ${nameOf(userId)} (${PERMISSION_NAMES[permission].toLowerCase()}`
        + `${expiresAt ? `, until ${formatDateTime(expiresAt)}` : ''}).` });
      setUserId('');
      setEndsAt('');
      await reload();
    } catch (e) {
      setMessage({ ok: false, text: `Not shared: ${messageOf(e)}` });
    } finally {
      setBusy(false);
    }
  }

  async function changeEnd(share: Schemas['Share'], local: string | null) {
    const id = share.user!.id!;
    setMessage(null);
    try {
      const expiresAt = local === null ? null : instantOf(local);
      await call(api.PATCH('/api/recordings/{recordingId}/shares/{userId}', { params: { path: { recordingId, userId: id } }, body: { expiresAt } }));
      setMessage({ ok: true, text: expiresAt ? `${share.user?.displayName}'s access now ends ${formatDateTime(expiresAt)}.`
        : `${share.user?.displayName}'s access now runs until you revoke it.` });
      await reload();
    } catch (e) {
      setMessage({ ok: false, text: `The end was not changed: ${messageOf(e)}` });
    }
  }

  async function revoke(share: Schemas['Share']) {
    const id = share.user!.id!;
    setMessage(null);
    try {
      await call(api.DELETE('/api/recordings/{recordingId}/shares/{userId}', { params: { path: { recordingId, userId: id } } }));
      setMessage({ ok: true, text: `${share.user?.displayName} no longer has access. An open player stops at once.` });
      await reload();
    } catch (e) {
      setMessage({ ok: false, text: `Access was not revoked: ${messageOf(e)}` });
    }
  }

  return (
    <Dialog open wide title="Share this lesson" onClose={onClose}>
      <form class="share-form" onSubmit={share}>
        <label>
          Colleague
          <select value={userId} required onChange={(e) => setUserId(e.currentTarget.value)}>
            <option value="">Choose a colleague…</option>
            {colleagues.map((u) => <option key={u.id} value={u.id}>{u.displayName} ({u.role}, {u.email})</option>)}
          </select>
        </label>
        <fieldset class="inline">
          <legend>They</legend>
          {(['view', 'comment'] as const).map((p) => (
            <label key={p} class="check">
              <input type="radio" name="permission" value={p} checked={permission === p} onChange={() => setPermission(p)} />
              {PERMISSION_NAMES[p].toLowerCase()}
            </label>
          ))}
        </fieldset>
        <label>
          Access ends <span class="muted">(optional, {browserTimeZone()})</span>
          <input type="datetime-local" value={endsAt} onInput={(e) => setEndsAt(e.currentTarget.value)} />
        </label>
        <button type="submit" class="button primary" disabled={busy || !userId}>Share</button>
      </form>
      {message && <p class={message.ok ? 'notice ok' : 'notice error'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}

      <h3>Who has access</h3>
      {shares.length === 0 ? <p class="muted">Only you. Nobody else can see this lesson.</p> : (
        <table>
          <thead><tr><th scope="col">Person</th><th scope="col">Access</th><th scope="col">Ends</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {shares.map((s) => (
              <tr key={s.user?.id}>
                <td>{s.user?.displayName} <span class="muted">{s.user?.email}</span></td>
                <td>{PERMISSION_NAMES[s.permission ?? 'view']}</td>
                <td><ShareEnd share={s} onChange={(local) => void changeEnd(s, local)} /></td>
                <td>
                  <button type="button" class="button small danger" aria-label={`Revoke access for ${s.user?.displayName}`}
                    onClick={() => void revoke(s)}>Revoke</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <WatchHistory key={history} recordingId={recordingId} />
    </Dialog>
  );
}

/** A share's end, flagged when it is near or past, with a way to set a new one or none. */
function ShareEnd({ share, onChange }: { share: Schemas['Share']; onChange: (local: string | null) => void }) {
  const [local, setLocal] = useState('');
  const end = shareEnd(share.expiresAt);
  const name = share.user?.displayName ?? 'this colleague';
  return (
    <div class="share-end">
      <span class={end.ended ? 'badge error' : end.soon ? 'badge warning' : undefined}>{end.text}</span>
      <form class="inline" onSubmit={(e) => { e.preventDefault(); if (local) onChange(local); }}>
        <label>
          <span class="visually-hidden">New end for {name}</span>
          <input type="datetime-local" value={local} onInput={(e) => setLocal(e.currentTarget.value)} />
        </label>
        <button type="submit" class="button small" disabled={!local} aria-label={`Set end for ${name}`}>Set end</button>
        {share.expiresAt && (
          <button type="button" class="button small subtle" onClick={() => onChange(null)} aria-label={`No end for ${name}`}>No end</button>
        )}
      </form>
    </div>
  );
}
