import { useEffect, useState } from 'preact/hooks';
import { messageOf, OfflineError } from '../api/client';
import { offline } from './ConnectionNotice';

export type Loaded<T> = {
  data: T | undefined;
  /** Why the last load failed, in the server's words; the previous data stays shown. */
  error: string;
  loading: boolean;
  reload: () => void;
  /** Replace the data with what a change answered, without asking the server again. */
  set: (data: T) => void;
};

const RETRY_MS = [1000, 2000, 5000, 10_000, 20_000];

/**
 * What a screen shows, loaded when `deps` change. A call that did not reach the server (bad
 * Wi-Fi) is retried on its own with growing waits and raises the connection notice; any other
 * failure waits for the person to try again (`reload`).
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error: string; loading: boolean }>({ error: '', loading: true });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let tries = 0;
    const run = () => {
      setState((s) => ({ ...s, loading: true }));
      load().then(
        (data) => {
          if (!current) return;
          offline.value = false;
          setState({ data, error: '', loading: false });
        },
        (e) => {
          if (!current) return;
          setState((s) => ({ ...s, error: messageOf(e), loading: false }));
          if (e instanceof OfflineError) {
            offline.value = true;
            timer = setTimeout(run, RETRY_MS[Math.min(tries++, RETRY_MS.length - 1)]);
          }
        },
      );
    };
    run();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [...deps, attempt]);

  return {
    data: state.data,
    error: state.error,
    loading: state.loading,
    reload: () => setAttempt((n) => n + 1),
    set: (data) => setState({ data, error: '', loading: false }),
  };
}
