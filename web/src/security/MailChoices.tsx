import { useState } from 'preact/hooks';
import { api, call, messageOf, type Schemas } from '../api/client';
import { LoadError } from '../ui/LoadError';
import { useLoad } from '../ui/useLoad';

type Choice = 'digest' | 'shares' | 'mentions';

const CHOICES: { key: Choice; label: string }[] = [
  { key: 'digest', label: 'A daily digest: comments others left on my lessons, lessons shared with me' },
  { key: 'shares', label: 'A mail when someone shares a lesson with me' },
  { key: 'mentions', label: 'A mail when someone mentions me in a comment' },
];

/**
 * Which mails a person gets; each box saves as it changes. Mails name the lesson and who did what,
 * with at most a short excerpt of a comment that mentions them, and link to the app, where they
 * sign in first. Invitation and reset links always come by mail: they are how an account opens.
 */
export function MailChoices() {
  const loaded = useLoad(() => call(api.GET('/api/me/mail')), []);
  const [choices, setChoices] = useState<Schemas['MailPreferences'] | null>(null);
  const [said, setSaid] = useState('');
  const [error, setError] = useState('');
  const current = choices ?? loaded.data;

  async function change(key: Choice, on: boolean) {
    setSaid('');
    setError('');
    try {
      const saved = await call(api.PUT('/api/me/mail', { body: { [key]: on } }));
      setChoices(saved);
      setSaid('Saved.');
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <section class="card" aria-labelledby="mail-title">
      <h2 id="mail-title">Mail from Lessonloop</h2>
      <LoadError error={loaded.error} retry={loaded.reload} />
      {!current ? <p class="loading" role="status">Loading your mail choices…</p> : (
        <>
          {!current.sending && (
            <p class="notice">This server sends no mail yet. Your choices apply once your school sets mail up.</p>
          )}
          {error && <p class="notice error" role="alert">{error}</p>}
          <fieldset class="mail-choices">
            <legend>Send me</legend>
            {CHOICES.map(({ key, label }) => (
              <label key={key} class="check">
                <input type="checkbox" checked={current[key]} onChange={(e) => change(key, e.currentTarget.checked)} />
                {label}
              </label>
            ))}
          </fieldset>
          <p class="hint">Mails never carry video, only a short excerpt of a comment that mentions you, and links that need you to sign in.</p>
          <p class={said ? 'notice ok' : 'visually-hidden'} role="status">{said}</p>
        </>
      )}
    </section>
  );
}
