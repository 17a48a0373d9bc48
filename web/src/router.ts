import { signal } from '@preact/signals';

/** The current path and query (`/recordings/1?t=3`), kept in step with the address bar. */
export const location = signal(currentLocation());

function currentLocation() {
  return window.location.pathname + window.location.search;
}

window.addEventListener('popstate', () => {
  location.value = currentLocation();
});

export function navigate(to: string, { replace = false } = {}) {
  if (to === currentLocation()) return;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  location.value = currentLocation();
  window.scrollTo(0, 0);
}

/** The path without its query. */
export function pathname(): string {
  return location.value.split('?')[0];
}

export function queryParam(name: string): string | null {
  return new URLSearchParams(location.value.split('?')[1] ?? '').get(name);
}

/**
 * Matches `/recordings/:id` against a path: the named parts, or null. Parts are decoded, so an
 * id arrives as typed.
 */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) {
      try {
        params[want[i].slice(1)] = decodeURIComponent(got[i]);
      } catch {
        return null;
      }
    } else if (want[i] !== got[i]) {
      return null;
    }
  }
  return params;
}

/** Same-origin link clicks change the route without a page load; modified clicks keep their meaning. */
export function onLinkClick(event: MouseEvent) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = (event.target as Element).closest('a');
  if (!anchor || anchor.target || anchor.hasAttribute('download') || anchor.origin !== window.location.origin) return;
  if (anchor.pathname.startsWith('/api/')) return;
  event.preventDefault();
  navigate(anchor.pathname + anchor.search);
}
