import { useState } from 'preact/hooks';
import type { User } from '../api/client';
import { formatDateTime } from '../ui/format';

export type Issued = { user: User; url: string; expiresAt: string; kind: 'invitation' | 'reset' };

/**
 * A one-time link, shown once (the server keeps only its hash): the admin hands it to the person,
 * who sets their own password with it. Without email this is how the link travels.
 */
export function InvitationLink({ issued }: { issued: Issued }) {
  const [copied, setCopied] = useState(false);
  const id = `link-${issued.user.id}`;
  async function copy() {
    await navigator.clipboard.writeText(issued.url).catch(() => {});
    setCopied(true);
  }
  return (
    <div class="notice ok invitation-link">
      <p>
        {issued.kind === 'reset' ? `${issued.user.displayName}'s account is reset and signed out everywhere.`
          : `${issued.user.displayName} is invited.`}{' '}
        Give them this link; it works once, until {formatDateTime(issued.expiresAt)}, and is shown only now.
      </p>
      <label for={id}>Link for {issued.user.displayName}</label>
      <div class="link-row">
        <input id={id} type="text" readOnly value={issued.url} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" class="button" onClick={copy}>{copied ? 'Copied' : 'Copy link'}</button>
      </div>
    </div>
  );
}
