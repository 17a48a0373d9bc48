import { useState } from 'preact/hooks';
import type { User } from '../api/client';
import { formatDateTime } from '../ui/format';

/** `url` when the link is to be handed over; `sentTo` when it was mailed to the person (and never shown here). */
export type Issued = { user: User; url?: string; sentTo?: string; expiresAt: string; kind: 'invitation' | 'reset' };

/**
 * A one-time link, shown once (the server keeps only its hash): the admin hands it to the person,
 * who sets their own password with it. Without email this is how the link travels.
 */
export function InvitationLink({ issued }: { issued: Issued }) {
  const [copied, setCopied] = useState(false);
  const done = issued.kind === 'reset' ? `${issued.user.displayName}'s account is reset and signed out everywhere.`
    : `${issued.user.displayName} is invited.`;
  // A mailed link is the person's alone: showing it here too would let an admin set their password.
  if (issued.sentTo) {
    return (
      <div class="notice ok invitation-link" role="status">
        <p>{done} The link was sent to {issued.sentTo}; it works once, until {formatDateTime(issued.expiresAt)}.</p>
      </div>
    );
  }
  const url = issued.url ?? '';
  const id = `link-${issued.user.id}`;
  async function copy() {
    await navigator.clipboard.writeText(url).catch(() => {});
    setCopied(true);
  }
  return (
    <div class="notice ok invitation-link">
      <p>
        {done}{' '}
        Give them this link; it works once, until {formatDateTime(issued.expiresAt)}, and is shown only now.
      </p>
      <label for={id}>Link for {issued.user.displayName}</label>
      <div class="link-row">
        <input id={id} type="text" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" class="button" onClick={copy}>{copied ? 'Copied' : 'Copy link'}</button>
      </div>
    </div>
  );
}
