/** A failed load, in the server's words, with a way to try again; whatever was shown stays. */
export function LoadError({ error, retry }: { error: string; retry: () => void }) {
  if (!error) return null;
  return (
    <div class="notice error load-error" role="alert">
      <span>{error}</span>
      <button type="button" class="button small" onClick={retry}>Try again</button>
    </div>
  );
}
