import { useEffect, useState } from 'preact/hooks';
import { api, call, messageOf, type Schemas } from '../api/client';
import { Dialog } from '../ui/Dialog';
import type { Review } from './review';
import type { Clip } from './store';

const NEW = 'new';

/** Adds a clip to one of the caller's playlists of this teacher's clips, or to a new one. */
export function PlaylistDialog({ review, clip, onClose }: { review: Review; clip: Clip; onClose: () => void }) {
  const [playlists, setPlaylists] = useState<Schemas['PlaylistSummary'][] | null>(null);
  const [choice, setChoice] = useState(NEW);
  const [title, setTitle] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call(api.GET('/api/playlists')).then(
      (all) => {
        // A playlist holds one teacher's clips.
        const mine = all.filter((p) => p.ownerId === review.me.id && p.teacherId === review.recording.ownerId);
        setPlaylists(mine);
        if (mine.length > 0) setChoice(mine[0].id!);
      },
      (e) => {
        setPlaylists([]);
        setMessage({ ok: false, text: `Your playlists could not be loaded: ${messageOf(e)}` });
      },
    );
  }, []);

  async function add(event: Event) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      if (choice === NEW) {
        const created = await call(api.POST('/api/playlists', { body: { title: title.trim(), clipIds: [clip.id!] } }));
        setMessage({ ok: true, text: `Added to the new playlist “${created.title}”.` });
      } else {
        const playlistId = choice;
        const current = await call(api.GET('/api/playlists/{playlistId}', { params: { path: { playlistId } } }));
        const ids = (current.clips ?? []).map((c) => c.id!);
        if (ids.includes(clip.id!)) {
          setMessage({ ok: true, text: `“${current.title}” has this clip already.` });
        } else {
          await call(api.PATCH('/api/playlists/{playlistId}', { params: { path: { playlistId } }, body: { clipIds: [...ids, clip.id!] } }));
          setMessage({ ok: true, text: `Added to “${current.title}”.` });
        }
      }
    } catch (e) {
      setMessage({ ok: false, text: `The clip was not added: ${messageOf(e)}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open title={`Add “${clip.title}” to a playlist`} onClose={onClose}>
      {playlists === null ? <p role="status">Loading your playlists…</p> : (
        <form class="stack" onSubmit={add}>
          <fieldset>
            <legend>Playlist</legend>
            {playlists.map((p) => (
              <label key={p.id} class="check">
                <input type="radio" name="playlist" value={p.id} checked={choice === p.id} onChange={() => setChoice(p.id!)} />
                {p.title}
              </label>
            ))}
            <label class="check">
              <input type="radio" name="playlist" value={NEW} checked={choice === NEW} onChange={() => setChoice(NEW)} />
              A new playlist
            </label>
          </fieldset>
          {choice === NEW && (
            <label>
              Name of the new playlist
              <input value={title} required maxLength={200} onInput={(e) => setTitle(e.currentTarget.value)} />
            </label>
          )}
          {message && <p class={message.ok ? 'notice ok' : 'notice error'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
          <div class="actions">
            <button type="submit" class="button primary" disabled={busy}>Add to playlist</button>
            <button type="button" class="button" onClick={onClose}>Done</button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
