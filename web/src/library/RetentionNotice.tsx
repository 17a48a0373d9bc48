import { useState } from 'preact/hooks';
import { api, call, messageOf } from '../api/client';
import { formatDate } from '../ui/format';
import { useLoad } from '../ui/useLoad';

/**
 * Tells a teacher which of her lessons the school's retention policy deletes soon and when, with
 * a "Keep" for each: keeping counts as activity, so the deletion moves a whole period away.
 */
export function RetentionNotice() {
  const retention = useLoad(() => call(api.GET('/api/me/retention')), []);
  const [error, setError] = useState('');
  const [said, setSaid] = useState('');
  const notices = retention.data?.notices ?? [];

  async function keep(id: string, title: string) {
    setError('');
    try {
      await call(api.POST('/api/recordings/{recordingId}/keep', { params: { path: { recordingId: id } } }));
      setSaid(`“${title}” is kept; nothing of it will be deleted for another ${retention.data?.deleteInactiveDays ?? ''} days.`);
      retention.reload();
    } catch (err) {
      setError(messageOf(err));
    }
  }

  if (notices.length === 0) return <p class={said ? 'notice ok' : 'visually-hidden'} role="status">{said}</p>;
  return (
    <section class="notice warning retention-notice" aria-labelledby="retention-notice-title">
      <h2 id="retention-notice-title">Lessons to be deleted soon</h2>
      <p>
        Your school deletes recordings after {retention.data?.deleteInactiveDays} days without activity: the video, comments
        and clips. Watch, comment, share or press Keep to keep one.
      </p>
      <ul>
        {notices.map((n) => (
          <li key={n.recordingId}>
            <span><strong>{n.title}</strong>: deleted on {formatDate(n.deleteAt)}</span>{' '}
            <button type="button" class="button small" onClick={() => keep(n.recordingId, n.title)}
              aria-label={`Keep “${n.title}”`}>Keep</button>
          </li>
        ))}
      </ul>
      <p class={error ? 'notice error' : 'visually-hidden'} role="alert">{error}</p>
      <p class={said ? 'notice ok' : 'visually-hidden'} role="status">{said}</p>
    </section>
  );
}
