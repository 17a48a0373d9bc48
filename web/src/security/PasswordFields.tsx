import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * A new password typed twice, with the policy said up front (the server checks it too: at least
 * 12 characters, not a common password). Spaces count: nothing is trimmed.
 */
export function PasswordFields({ label, value, onInput }: { label: string; value: string; onInput: (password: string) => void }) {
  const [again, setAgain] = useState('');
  const mismatch = again !== '' && again !== value;
  const againInput = useRef<HTMLInputElement>(null);
  useEffect(() => againInput.current?.setCustomValidity(again === value ? '' : 'The two passwords differ.'), [again, value]);
  return (
    <>
      <div class="field">
        <label>
          {label}
          <input type="password" name="new-password" autocomplete="new-password" required minLength={12} value={value}
            aria-describedby="password-rules" onInput={(e) => onInput(e.currentTarget.value)} />
        </label>
        <span class="hint" id="password-rules">At least 12 characters; a few words you will remember make a good one.</span>
      </div>
      <div class="field">
        <label>
          Type it again
          <input type="password" name="new-password-again" autocomplete="new-password" required value={again}
            ref={againInput} aria-invalid={mismatch} aria-describedby="password-match"
            onInput={(e) => setAgain(e.currentTarget.value)} />
        </label>
        <span class="hint" id="password-match" aria-live="polite">{mismatch ? 'The two passwords differ.' : ''}</span>
      </div>
    </>
  );
}
