import { formatDateTime, relativeTime } from './format';

/** A share ending sooner than this is flagged, so the teacher can extend it in time. */
export const SOON_MS = 3 * 86_400_000;

/** Where a share stands: until revoked, ends on… (soon or not), or ended. */
export function shareEnd(expiresAt: string | null | undefined, now = Date.now()): { text: string; soon: boolean; ended: boolean } {
  if (!expiresAt) return { text: 'Until you revoke it', soon: false, ended: false };
  const at = new Date(expiresAt).getTime();
  if (at <= now) return { text: `Ended ${formatDateTime(expiresAt)}`, soon: false, ended: true };
  return { text: `Ends ${formatDateTime(expiresAt)} (${relativeTime(expiresAt, now)})`, soon: at - now < SOON_MS, ended: false };
}

/** For a recording's row: "Share ends in 2 days" when its first share lapses soon, else null. */
export function shareEndsSoon(shareEndsAt: string | null | undefined, now = Date.now()): string | null {
  if (!shareEndsAt) return null;
  const at = new Date(shareEndsAt).getTime();
  return at > now && at - now < SOON_MS ? `Share ends ${relativeTime(shareEndsAt, now)}` : null;
}
