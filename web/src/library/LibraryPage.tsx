import { useEffect, useState } from 'preact/hooks';
import { api, call, messageOf, type Recording } from '../api/client';

export default function LibraryPage() {
  const [recordings, setRecordings] = useState<Recording[] | undefined>();
  const [error, setError] = useState('');
  useEffect(() => {
    call(api.GET('/api/recordings')).then(setRecordings, (e) => setError(messageOf(e)));
  }, []);
  return (
    <section class="page">
      <h1>My lessons</h1>
      {error && <p class="notice error" role="alert">{error}</p>}
      {recordings && (
        <ul>
          {recordings.map((r) => <li key={r.id}><a href={`/recordings/${r.id}`}>{r.title}</a></li>)}
        </ul>
      )}
    </section>
  );
}
