import { useEffect, useState } from 'preact/hooks';
import { api, call, messageOf, type Schemas } from '../api/client';
import { LoadError } from '../ui/LoadError';
import { useLoad } from '../ui/useLoad';

type Policy = Schemas['RetentionPolicy'];

/** A number of days from a field, or null for an empty one (the rule is off). */
function days(text: string): number | null {
  return text.trim() === '' ? null : Number(text);
}

/**
 * The organization's retention rules: originals purged some days after their renditions exist,
 * recordings deleted after a period without activity, their owners warned first. Empty turns a
 * rule off. The server checks the numbers; its reason shows next to the form.
 */
export function RetentionPolicy() {
  const policy = useLoad(() => call(api.GET('/api/retention-policy')), []);
  const [purge, setPurge] = useState('');
  const [remove, setRemove] = useState('');
  const [warn, setWarn] = useState('');
  const [error, setError] = useState('');
  const [said, setSaid] = useState('');
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const p = policy.data;
    if (!p) return;
    setPurge(p.purgeOriginalsDays?.toString() ?? '');
    setRemove(p.deleteInactiveDays?.toString() ?? '');
    setWarn(p.warnDays?.toString() ?? '');
  }, [policy.data]);

  async function save(e: Event) {
    e.preventDefault();
    if (saving) return;
    setSaving(true);
    setError('');
    setSaid('');
    try {
      const body: Policy = { purgeOriginalsDays: days(purge), deleteInactiveDays: days(remove), warnDays: days(warn) };
      policy.set(await call(api.PUT('/api/retention-policy', { body })));
      setSaid('Retention policy saved. It applies at the next sweep, within ten minutes.');
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <section class="card admin-section" aria-labelledby="retention-title">
      <h2 id="retention-title">Retention</h2>
      <LoadError error={policy.error} retry={policy.reload} />
      {policy.data && <form onSubmit={save} aria-describedby="retention-help">
        <p class="hint" id="retention-help">
          Leave a field empty to turn that rule off. Last activity is an upload, an edit, a comment, a clip, a share, a view,
          an export, or the owner pressing “Keep”. Deletion is final: every file and comment of the recording goes.
        </p>
        <div class="field">
          <label>
            Purge originals this many days after the renditions exist
            <input type="number" inputMode="numeric" min={1} max={3650} value={purge} onInput={(e) => setPurge(e.currentTarget.value)} />
          </label>
        </div>
        <div class="field">
          <label>
            Delete recordings after this many days without activity
            <input type="number" inputMode="numeric" min={1} max={3650} value={remove} onInput={(e) => setRemove(e.currentTarget.value)} />
          </label>
        </div>
        <div class="field">
          <label>
            Warn the owner this many days before a deletion
            <input type="number" inputMode="numeric" min={1} max={365} value={warn} onInput={(e) => setWarn(e.currentTarget.value)} />
          </label>
        </div>
        <p class={error ? 'notice error' : 'visually-hidden'} role="alert">{error}</p>
        <p class={said ? 'notice ok' : 'visually-hidden'} role="status">{said}</p>
        <button type="submit" class="button primary" aria-disabled={saving}>{saving ? 'Saving…' : 'Save retention policy'}</button>
      </form>}
    </section>
  );
}
