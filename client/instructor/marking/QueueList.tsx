/** The answers to mark, unmarked first, each a button that opens it, its status in words. */
import { formatDateTime } from '../../shared/format.js';
import { MARK_STATUS_WORDS, refKey } from './describe.js';
import type { ItemRef, QueueItem } from './types.js';

/** "Similar to Mei Chen", or a count once naming everyone would crowd the queue. */
function similarTo({ similar }: QueueItem): string {
  return similar.length <= 2
    ? `Similar to ${similar.map((other) => other.student.label).join(' and ')}`
    : `Similar to ${similar.length} other answers`;
}

interface Props {
  items: QueueItem[];
  onOpen: (ref: ItemRef) => void;
}

export function QueueList({ items, onOpen }: Props) {
  if (items.length === 0)
    return (
      <p>No written answers to mark yet: they appear here once a student finishes the case.</p>
    );
  const left = items.filter((item) => item.status !== 'marked').length;
  return (
    <>
      <p>
        {left === 0 ? 'Every answer is marked.' : `${left} of ${items.length} answers to mark.`}
      </p>
      <ol className="marking-queue" aria-label="Answers to mark, unmarked first">
        {items.map((item) => (
          <li key={refKey(item)}>
            <button type="button" className="queue-item" onClick={() => onOpen(item)}>
              <span className="queue-student">{item.student.label}</span>
              <span>{item.stepTitle}</span>
              <span className={`tag ${item.status === 'marked' ? 'tag-good' : 'tag-neutral'}`}>
                {MARK_STATUS_WORDS[item.status]}
              </span>
              {item.similar.length > 0 && (
                <span className="tag tag-caution similar-tag">{similarTo(item)}</span>
              )}
              <span className="muted">Submitted {formatDateTime(item.submittedAt)}</span>
            </button>
          </li>
        ))}
      </ol>
    </>
  );
}
