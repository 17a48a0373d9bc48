import { signal } from '@preact/signals';

/** Set by whatever notices the server is out of reach (a failed call, the live channel dropping). */
export const offline = signal(false);

window.addEventListener('online', () => (offline.value = false));
window.addEventListener('offline', () => (offline.value = true));

/** A non-blocking banner: the page stays usable, drafts stay where they are. */
export function ConnectionNotice() {
  if (!offline.value) return null;
  return (
    <p class="notice warning connection" role="status">
      No connection to the server. Your work stays on this page; Lessonloop keeps trying.
    </p>
  );
}
