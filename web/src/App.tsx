import type { ComponentType } from 'preact';
import { useEffect } from 'preact/hooks';
import { match, navigate, onLinkClick, pathname } from './router';
import { me, returnPath } from './session/session';
import { SignInPage } from './session/SignInPage';
import { Header } from './ui/Header';
import { lazyPage } from './ui/LazyPage';
import { NotFound } from './ui/NotFound';
import { ConnectionNotice } from './ui/ConnectionNotice';

// The first screen carries only sign-in, the shell and the library; everything else loads when
// first opened (the first screen's JavaScript budget is 100 KB gzipped, DESIGN §7).
const LibraryPage = lazyPage(() => import('./library/LibraryPage'));
const UploadPage = lazyPage(() => import('./upload/UploadPage'));
const ReviewPage = lazyPage(() => import('./review/ReviewPage'));
const GoalsPage = lazyPage(() => import('./goals/GoalsPage'));
const CoachHomePage = lazyPage(() => import('./coach/CoachHomePage'));
const AdminPage = lazyPage(() => import('./admin/AdminPage'));
const SecurityPage = lazyPage(() => import('./security/SecurityPage'));
const DebriefPage = lazyPage(() => import('./debrief/DebriefPage'));
// Reached from an invitation or reset link, signed in or not.
const InvitationPage = lazyPage(() => import('./session/InvitationPage'));

type Route = { pattern: string; page: ComponentType<{ params: Record<string, string> }> };

const ROUTES: Route[] = [
  { pattern: '/recordings', page: LibraryPage },
  { pattern: '/upload', page: UploadPage },
  { pattern: '/recordings/:id', page: ReviewPage },
  { pattern: '/goals', page: GoalsPage },
  { pattern: '/coach', page: CoachHomePage },
  { pattern: '/admin', page: AdminPage },
  { pattern: '/security', page: SecurityPage },
  { pattern: '/debriefs/:id', page: DebriefPage },
];

/** Each role starts where its work is. */
function homeFor(role: string | undefined) {
  if (role === 'admin') return '/admin';
  if (role === 'coach') return '/coach';
  return '/recordings';
}

export function App() {
  const user = me.value;
  const path = pathname();

  useEffect(() => {
    if (path === '/invitation') return;
    if (user === null && path !== '/signin') {
      const here = window.location.pathname + window.location.search;
      navigate(path === '/' ? '/signin' : `/signin?next=${encodeURIComponent(here)}`, { replace: true });
    } else if (user && (path === '/' || path === '/signin')) {
      navigate(path === '/signin' && returnPath() !== '/' ? returnPath() : homeFor(user.role), { replace: true });
    }
  }, [user, path]);

  if (user === undefined) return <p class="loading" role="status">Loading…</p>;
  if (path === '/invitation') return <InvitationPage params={{}} />;
  if (user === null) return <SignInPage />;

  let content = <NotFound />;
  for (const route of ROUTES) {
    const params = match(route.pattern, path);
    if (params) {
      const Page = route.page;
      content = <Page params={params} />;
      break;
    }
  }
  return (
    <div class="shell" onClick={onLinkClick}>
      <a class="skip-link" href="#main">Skip to content</a>
      <Header user={user} />
      <ConnectionNotice />
      <main id="main" tabIndex={-1}>{content}</main>
    </div>
  );
}
