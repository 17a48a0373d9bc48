import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

type PageProps = { params: Record<string, string> };
type Loader = () => Promise<{ default: ComponentType<PageProps> }>;

/** A page whose code is fetched the first time it is shown (one chunk per page). */
export function lazyPage(load: Loader): ComponentType<PageProps> {
  let loaded: ComponentType<PageProps> | undefined;
  return function LazyPage(props: PageProps) {
    const [Page, setPage] = useState(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Page) return;
      let current = true;
      load().then(
        (module) => {
          loaded = module.default;
          if (current) setPage(() => loaded);
        },
        () => current && setFailed(true),
      );
      return () => {
        current = false;
      };
    }, []);
    if (failed) {
      return <p role="alert" class="notice error">This page could not be loaded. Check the connection and reload.</p>;
    }
    return Page ? <Page {...props} /> : <p class="loading" role="status">Loading…</p>;
  };
}
