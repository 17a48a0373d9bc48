import type { Me } from '../api/client';
import { pathname } from '../router';
import { signOut } from '../session/session';

const ROLE_NAMES: Record<string, string> = { teacher: 'Teacher', coach: 'Coach', admin: 'Administrator' };

type NavItem = { href: string; label: string };

/** What each role works with; administrators never get a way to footage. */
function navFor(role: Me['role']): NavItem[] {
  switch (role) {
    case 'admin':
      return [{ href: '/admin', label: 'Administration' }];
    case 'coach':
      return [{ href: '/coach', label: 'Coach home' }, { href: '/recordings', label: 'Recordings' }];
    default:
      return [{ href: '/recordings', label: 'My lessons' }, { href: '/upload', label: 'Upload' }, { href: '/goals', label: 'Goals' }];
  }
}

export function Header({ user }: { user: Me }) {
  const path = pathname();
  return (
    <header class="header">
      <a class="brand" href="/">Lessonloop</a>
      <nav aria-label="Main">
        <ul>
          {navFor(user.role).map((item) => (
            <li key={item.href}>
              <a href={item.href} aria-current={path === item.href ? 'page' : undefined}>{item.label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="who">
        <span class="who-name">{user.displayName}</span>
        <span class="role-badge">{ROLE_NAMES[user.role ?? ''] ?? user.role}</span>
        <a href="/security" aria-current={path === '/security' ? 'page' : undefined}>Security</a>
        <button type="button" class="button subtle" onClick={() => signOut()}>Sign out</button>
      </div>
    </header>
  );
}
