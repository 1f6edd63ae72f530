/**
 * The marks for one answer: a radio group per criterion, a comment, Save and "Save and next". Its
 * state starts from the item; the parent remounts it for each answer and each saved revision.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { CaseText } from './CaseText.js';
import { CriterionFieldset } from './CriterionFieldset.js';
import type { MarkBody, MarkingItem } from './types.js';

export const MAX_COMMENT_LENGTH = 5000;

interface Props {
  item: MarkingItem;
  saving: boolean;
  onSave: (input: MarkBody, thenNext: boolean) => void;
  /** Told whether the form holds marks or a comment not saved yet. */
  onDirtyChange: (dirty: boolean) => void;
}

function sameMarks(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key]);
}

export function RubricForm({ item, saving, onSave, onDirtyChange }: Props) {
  const [marks, setMarks] = useState<Record<string, string>>(item.marks);
  const [comment, setComment] = useState(item.comment ?? '');
  const dirty = !sameMarks(marks, item.marks) || comment !== (item.comment ?? '');
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  const save = (thenNext: boolean) => {
    // aria-disabled rather than disabled keeps focus on the button while it saves.
    if (saving) return;
    onSave({ revision: item.revision, marks, comment: comment.trim() ? comment : null }, thenNext);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save(false);
  };

  return (
    <form className="rubric-form" aria-labelledby="rubric-heading" onSubmit={onSubmit}>
      <h4 id="rubric-heading">Rubric</h4>
      {item.automaticNotYet.length > 0 && (
        <section className="automatic-not-yet" aria-labelledby="automatic-not-yet-heading">
          <h5 id="automatic-not-yet-heading">Automatically “Not yet”</h5>
          <p>Whatever else it does, an answer is “Not yet” on every criterion if it has:</p>
          <ul>
            {item.automaticNotYet.map((trigger, i) => (
              <li key={i}>
                <CaseText text={trigger} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {item.rubric.map((criterion) => (
        <CriterionFieldset
          key={criterion.id}
          criterion={criterion}
          value={marks[criterion.id]}
          onChange={(level) => setMarks((previous) => ({ ...previous, [criterion.id]: level }))}
        />
      ))}
      <label className="comment-label" htmlFor="marking-comment">
        Comment (optional)
      </label>
      <textarea
        id="marking-comment"
        rows={5}
        maxLength={MAX_COMMENT_LENGTH}
        aria-describedby="marking-comment-hint"
        value={comment}
        onChange={(event) => setComment(event.target.value)}
      />
      <p id="marking-comment-hint" className="muted">
        The student reads it in the gradebook with the grade. Up to {MAX_COMMENT_LENGTH} characters;{' '}
        {comment.length} used.
      </p>
      <div className="marking-actions">
        <button type="submit" className="primary" aria-disabled={saving || undefined}>
          Save
        </button>
        {item.next && (
          <button
            type="button"
            className="secondary"
            aria-disabled={saving || undefined}
            onClick={() => save(true)}
          >
            Save and next
          </button>
        )}
      </div>
    </form>
  );
}
