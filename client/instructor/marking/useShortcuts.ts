/**
 * Alt+N and Alt+P for the next and previous answer, anywhere on the page except while typing: in a
 * text field the keys stay the writer's (on a Mac, Option+N starts an accented letter).
 */
import { useEffect } from 'react';
import { usePanelShown } from '../Tabs.js';

export const SHORTCUTS = {
  next: { keys: 'Alt+N', aria: 'Alt+N', code: 'KeyN' },
  previous: { keys: 'Alt+P', aria: 'Alt+P', code: 'KeyP' },
} as const;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return (
    target instanceof HTMLInputElement &&
    !['radio', 'checkbox', 'button', 'submit'].includes(target.type)
  );
}

/**
 * Calls `onNext` / `onPrevious` on their shortcuts; a null handler leaves the key alone, and so does
 * a hidden tab panel (Alt+N on the Grades tab must not open an answer out of sight).
 */
export function useShortcuts(onNext: (() => void) | null, onPrevious: (() => void) | null): void {
  const shown = usePanelShown();
  useEffect(() => {
    if (!shown) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (isTyping(event.target)) return;
      // event.code, not event.key: with Alt held, macOS reports "˜" and "π" as the key.
      const handler =
        event.code === SHORTCUTS.next.code
          ? onNext
          : event.code === SHORTCUTS.previous.code
            ? onPrevious
            : null;
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [onNext, onPrevious, shown]);
}
