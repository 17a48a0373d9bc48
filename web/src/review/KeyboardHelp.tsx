import { Dialog } from '../ui/Dialog';
import { COMPLETION_HINTS, COMPOSER_KEYS, PLAYER_KEYS } from './keys';

/** What `?` shows: the key map itself, so the list cannot drift from what the keys do. */
export function KeyboardHelp({ onClose }: { onClose: () => void }) {
  return (
    <Dialog open wide title="Keyboard shortcuts" onClose={onClose}>
      <p class="muted">They work anywhere on this page except while you type in a box, and never with Ctrl, Alt or ⌘ held.</p>
      <div class="key-tables">
        <table>
          <caption>Player and comments</caption>
          <thead><tr><th scope="col">Key</th><th scope="col">Does</th></tr></thead>
          <tbody>
            {PLAYER_KEYS.map((b) => <tr key={b.action}><td><kbd>{b.shown}</kbd></td><td>{b.does}</td></tr>)}
          </tbody>
        </table>
        <table>
          <caption>In the comment box</caption>
          <thead><tr><th scope="col">Key</th><th scope="col">Does</th></tr></thead>
          <tbody>
            {COMPOSER_KEYS.map((b) => <tr key={b.action}><td><kbd>{b.shown}</kbd></td><td>{b.does}</td></tr>)}
            {COMPLETION_HINTS.map((h) => <tr key={h.shown}><td><kbd>{h.shown}</kbd></td><td>{h.does}</td></tr>)}
          </tbody>
        </table>
      </div>
    </Dialog>
  );
}
