import { useState } from 'preact/hooks';
import { api, call, messageOf, type Schemas } from '../api/client';
import { LoadError } from '../ui/LoadError';
import { useLoad } from '../ui/useLoad';

type TagSet = Schemas['TagSet'];

// Distinct, saturated colours for new tags; the person can pick any other.
const PALETTE = ['#1d5fd1', '#c2410c', '#15803d', '#7e22ce', '#b91c1c', '#0e7490', '#a16207', '#be185d'];

/** The organization's framework tag sets (the indicators coaches tag moments with), with colours. */
export function TagSets() {
  const sets = useLoad(() => call(api.GET('/api/tag-sets')), []);
  const list = sets.data ?? [];
  const replace = (set: TagSet) => sets.set(list.some((s) => s.id === set.id) ? list.map((s) => (s.id === set.id ? set : s)) : [...list, set]);

  return (
    <section class="card admin-section" aria-labelledby="tag-sets-title">
      <h2 id="tag-sets-title">Tag sets</h2>
      <p class="hint">Coaches tag moments of a lesson with these indicators; the colour marks them on the timeline.</p>
      <LoadError error={sets.error} retry={sets.reload} />
      {sets.data && list.length === 0 && <p>No tag sets yet. Create one for your framework, then add its indicators.</p>}
      {list.map((set) => <TagSetCard key={set.id} set={set} onChanged={replace} />)}
      <NewTagSetForm onCreated={replace} />
    </section>
  );
}

function TagSetCard({ set, onChanged }: { set: TagSet; onChanged: (set: TagSet) => void }) {
  const [name, setName] = useState('');
  const [color, setColor] = useState(PALETTE[(set.tags?.length ?? 0) % PALETTE.length]);
  const [error, setError] = useState('');
  const [said, setSaid] = useState('');
  const [busy, setBusy] = useState(false);
  const base = `tag-set-${set.id}`;

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      const changed = await call(api.POST('/api/tag-sets/{tagSetId}/tags', {
        params: { path: { tagSetId: set.id! } },
        body: { name: name.trim(), color },
      }));
      onChanged(changed);
      setSaid(`Tag ${name.trim()} added to ${set.name}.`);
      setName('');
      setColor(PALETTE[(changed.tags?.length ?? 0) % PALETTE.length]);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="tag-set" aria-labelledby={`${base}-title`}>
      <h3 id={`${base}-title`}>{set.name}</h3>
      {(set.tags ?? []).length === 0 ? (
        <p class="hint">No tags in this set yet.</p>
      ) : (
        <ul class="tag-chips" aria-label={`Tags of ${set.name}`}>
          {(set.tags ?? []).map((tag) => (
            <li key={tag.id} class="tag-chip">
              <span class="swatch" aria-hidden="true" style={{ background: tag.color ?? 'transparent' }} />
              {tag.name}
              <span class="visually-hidden">, colour {tag.color}</span>
            </li>
          ))}
        </ul>
      )}
      <form class="add-tag" onSubmit={submit} aria-label={`Add a tag to ${set.name}`}>
        {error && <p class="notice error" role="alert">{error}</p>}
        <p class="visually-hidden" role="status">{said}</p>
        <label>
          Tag name
          <input name="name" required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label class="color-field">
          Colour
          <input type="color" name="color" value={color} onInput={(e) => setColor(e.currentTarget.value)} />
        </label>
        <button type="submit" class="button" disabled={busy}>{busy ? 'Adding…' : 'Add tag'}</button>
      </form>
    </section>
  );
}

function NewTagSetForm({ onCreated }: { onCreated: (set: TagSet) => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      onCreated(await call(api.POST('/api/tag-sets', { body: { name: name.trim() } })));
      setName('');
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="admin-form" onSubmit={submit} aria-labelledby="new-tag-set-title">
      <h3 id="new-tag-set-title">New tag set</h3>
      {error && <p class="notice error" role="alert">{error}</p>}
      <div class="inline-form">
        <label>
          Tag set name
          <input name="name" required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <button type="submit" class="button primary" disabled={busy}>{busy ? 'Creating…' : 'Create tag set'}</button>
      </div>
    </form>
  );
}
