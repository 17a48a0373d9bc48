import { useEffect, useState } from 'preact/hooks';
import { api, call, messageOf, type Schemas } from '../api/client';
import { Dialog } from '../ui/Dialog';
import type { Review } from './review';

type AuditEvent = Schemas['AuditEvent'];

const PERMISSION_NAMES = { view: 'Can view', comment: 'Can comment' } as const;
const ACTIONS: Record<string, string> = {
  'recording.viewed': 'watched',
  'share.granted': 'shared it',
  'share.revoked': 'stopped sharing it',
  'clip.exported': 'downloaded a clip',
  'comments.exported': 'downloaded the comments',
};
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The owner shares the lesson with a colleague (view or comment), sees who has access and who watched, and revokes. */
export function ShareDialog({ review, onClose }: { review: Review; onClose: () => void }) {
  const recordingId = review.recordingId;
  const [userId, setUserId] = useState('');
  const [permission, setPermission] = useState<'view' | 'comment'>('comment');
  const [audit, setAudit] = useState<AuditEvent[] | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const shares = review.shares.value;
  const nameOf = (id: string | null | undefined) => review.users.value.find((u) => u.id === id)?.displayName ?? 'someone';
  const colleagues = review.users.value.filter((u) => u.id !== review.me.id && u.role !== 'admin');

  async function reload() {
    const path = { params: { path: { recordingId } } };
    const [nowShared, events] = await Promise.all([
      call(api.GET('/api/recordings/{recordingId}/shares', path)),
      call(api.GET('/api/recordings/{recordingId}/audit', path)).catch(() => null),
    ]);
    review.shares.value = nowShared;
    setAudit(events);
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
      await call(api.POST('/api/recordings/{recordingId}/shares', { params: { path: { recordingId } }, body: { userId, permission } }));
      setMessage({ ok: true, text: `Shared with ${nameOf(userId)} (${PERMISSION_NAMES[permission].toLowerCase()}).` });
      setUserId('');
      await reload();
    } catch (e) {
      setMessage({ ok: false, text: `Not shared: ${messageOf(e)}` });
    } finally {
      setBusy(false);
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

  const watched = (audit ?? []).filter((e) => e.action === 'recording.viewed' && e.actorId !== review.me.id);
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
        <button type="submit" class="button primary" disabled={busy || !userId}>Share</button>
      </form>
      {message && <p class={message.ok ? 'notice ok' : 'notice error'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}

      <h3>Who has access</h3>
      {shares.length === 0 ? <p class="muted">Only you. Nobody else can see this lesson.</p> : (
        <table>
          <thead><tr><th scope="col">Person</th><th scope="col">Access</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {shares.map((s) => (
              <tr key={s.user?.id}>
                <td>{s.user?.displayName} <span class="muted">{s.user?.email}</span></td>
                <td>{PERMISSION_NAMES[s.permission ?? 'view']}</td>
                <td>
                  <button type="button" class="button small danger" aria-label={`Revoke access for ${s.user?.displayName}`}
                    onClick={() => void revoke(s)}>Revoke</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>Who watched</h3>
      {audit === null ? <p class="muted">Loading…</p> : watched.length === 0 ? <p class="muted">Nobody else has watched it yet.</p> : (
        <ul class="plain">
          {watched.map((e, i) => <li key={i}>{e.actorName ?? nameOf(e.actorId)} watched on {dateTime.format(new Date(e.at!))}</li>)}
        </ul>
      )}
      {audit && audit.length > 0 && (
        <details>
          <summary>All activity</summary>
          <ul class="plain">
            {audit.map((e, i) => (
              <li key={i}>
                {dateTime.format(new Date(e.at!))}: {e.actorName ?? 'someone'} {ACTIONS[e.action ?? ''] ?? e.action}
                {e.subjectUserId ? ` (${nameOf(e.subjectUserId)})` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Dialog>
  );
}
