/** The keyboard shortcuts, listed on screen so that everyone can find them, not only screen readers. */
import { SHORTCUTS } from './useShortcuts.js';

export function ShortcutHelp() {
  return (
    <div className="shortcut-help">
      <h3 id="shortcuts-heading">Keyboard shortcuts</h3>
      <dl aria-labelledby="shortcuts-heading">
        <div>
          <dt>
            <kbd>{SHORTCUTS.next.keys}</kbd>
          </dt>
          <dd>Next answer</dd>
        </div>
        <div>
          <dt>
            <kbd>{SHORTCUTS.previous.keys}</kbd>
          </dt>
          <dd>Previous answer</dd>
        </div>
      </dl>
      <p className="muted">They do nothing while you type in the comment box.</p>
    </div>
  );
}
