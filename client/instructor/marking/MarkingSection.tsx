/**
 * The "Marking" section of the instructor's page: the queue of written answers and, once one is
 * opened, that answer with its rubric. Saving is announced in a live region; Alt+N and Alt+P move
 * between answers.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { LiveRegion, useAnnouncer } from '../../shared/LiveRegion.js';
import { markingApi } from './api.js';
import { SectionStatus } from '../SectionStatus.js';
import { MarkingItemView } from './MarkingItemView.js';
import { useRefresher } from '../refresh.js';
import { QueueList } from './QueueList.js';
import { ShortcutHelp } from './ShortcutHelp.js';
import type { ItemRef, QueueItem } from './types.js';
import { useMarkingQueue } from './useMarkingQueue.js';
import { useShortcuts } from './useShortcuts.js';
import './marking.css';

export function MarkingSection({ ltik }: { ltik: string }) {
  const api = useMemo(() => markingApi(ltik), [ltik]);
  const [announcement, announce] = useAnnouncer();
  const [anonymous, setAnonymous] = useState(false);
  const [open, setOpen] = useState<ItemRef | null>(null);
  const [queue, reloadQueue] = useMarkingQueue(api, anonymous);
  // The page's Refresh reloads the queue (an open answer stays as it is, with its unsaved marks).
  useRefresher(useCallback(() => reloadQueue().then(() => null), [reloadQueue]));

  // Back from an answer, focus returns to the queue rather than to the top of the page.
  const queueHeading = useRef<HTMLHeadingElement>(null);
  const returning = useRef(false);
  useEffect(() => {
    if (open === null && returning.current) queueHeading.current?.focus();
    returning.current = false;
  }, [open]);
  const back = useCallback(() => {
    returning.current = true;
    setOpen(null);
    void reloadQueue();
  }, [reloadQueue]);

  return (
    <section aria-labelledby="marking-heading" className="marking">
      {/* The tab says it on screen; the heading is for navigating by headings. */}
      <h2 id="marking-heading" className="visually-hidden">
        Marking
      </h2>
      <div className="marking-options">
        <input
          type="checkbox"
          id="anonymous-marking"
          checked={anonymous}
          aria-describedby="anonymous-marking-hint"
          onChange={(event) => {
            setAnonymous(event.target.checked);
            announce(event.target.checked ? 'Anonymous marking on.' : 'Anonymous marking off.');
          }}
        />
        <label htmlFor="anonymous-marking">Anonymous marking</label>
        <p id="anonymous-marking-hint" className="muted">
          Shows students as Student A, Student B … instead of their names.
        </p>
      </div>
      <ShortcutHelp />
      {open ? (
        <MarkingItemView
          api={api}
          itemRef={open}
          anonymous={anonymous}
          announce={announce}
          onOpen={setOpen}
          onBack={back}
          onSaved={() => void reloadQueue()}
        />
      ) : (
        <>
          <h3 id="queue-heading" ref={queueHeading} tabIndex={-1}>
            Answers to mark
          </h3>
          <SectionStatus state={queue} loading="Loading the answers…" subject="The answers" />
          {queue.status === 'ready' &&
            (queue.markingOn ? (
              <ReadyQueue items={queue.items} onOpen={setOpen} />
            ) : (
              <p>
                This activity&apos;s written answers are practice: they are not marked and do not
                count in the grade. To mark them, change this in the activity settings.
              </p>
            ))}
        </>
      )}
      <LiveRegion announcement={announcement} />
    </section>
  );
}

/** The queue with its shortcut: Alt+N opens the first answer. */
function ReadyQueue({ items, onOpen }: { items: QueueItem[]; onOpen: (ref: ItemRef) => void }) {
  const first = items[0];
  useShortcuts(first ? () => onOpen(first) : null, null);
  return <QueueList items={items} onOpen={onOpen} />;
}
