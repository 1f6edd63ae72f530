/**
 * One answer open for marking: its heading takes focus when it opens; the answer sits beside its
 * rubric (above it on narrow screens); previous/next buttons carry the keyboard shortcuts.
 */
import { useEffect, useRef, useState } from 'react';
import { useUnsavedWarning } from './useUnsavedWarning.js';
import { plural } from '../../shared/format.js';
import { asApiError } from '../useGrades.js';
import type { MarkingApi } from './api.js';
import { CaseText } from './CaseText.js';
import { MARK_STATUS_WORDS, refKey } from './describe.js';
import { RubricForm } from './RubricForm.js';
import { SimilarityNotice } from './SimilarityNotice.js';
import type { ItemRef, MarkBody, MarkingItem } from './types.js';
import { useMarkingItem } from './useMarkingItem.js';
import { SHORTCUTS, useShortcuts } from './useShortcuts.js';

interface Props {
  api: MarkingApi;
  itemRef: ItemRef;
  anonymous: boolean;
  announce: (text: string) => void;
  onOpen: (ref: ItemRef) => void;
  onBack: () => void;
  /** After every save: the queue's statuses and order change. */
  onSaved: () => void;
}

export function MarkingItemView({
  api,
  itemRef,
  anonymous,
  announce,
  onOpen,
  onBack,
  onSaved,
}: Props) {
  const { state, replace, reload } = useMarkingItem(api, itemRef, anonymous);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const leave = useUnsavedWarning(dirty);
  const item = state.status === 'ready' ? state.item : null;

  const next = item?.next ?? null;
  const previous = item?.previous ?? null;
  const openNext = next ? () => leave(() => onOpen(next)) : null;
  const openPrevious = previous ? () => leave(() => onOpen(previous)) : null;
  const back = () => leave(onBack);
  useShortcuts(openNext, openPrevious);

  const save = (input: MarkBody, thenNext: boolean) => {
    if (!item) return;
    setSaving(true);
    setError(null);
    // The answer on screen, which is the one the marks were given for, even mid-way to another.
    api.save({ attemptId: item.attemptId, stepId: item.stepId }, input, anonymous).then(
      (saved) => {
        setSaving(false);
        announce(
          `Saved: ${saved.student.label}, ${saved.stepTitle}. ${MARK_STATUS_WORDS[saved.status]}.`,
        );
        onSaved();
        // The next answer as it was when this one opened: saving moves this one down the queue.
        if (thenNext && item.next) onOpen(item.next);
        else replace(saved);
      },
      (failure: unknown) => {
        setSaving(false);
        const failed = asApiError(failure);
        setError(failed.message);
        // Someone else saved first: show their marks, so the marker decides with them in view.
        if (failed.status === 409) void reload();
      },
    );
  };

  if (state.status === 'loading') return <p role="status">Loading the answer…</p>;
  if (state.status === 'failed')
    return (
      <>
        <p className="error" role="alert">
          The answer could not be loaded: {state.error.message}
        </p>
        <button type="button" onClick={onBack}>
          Back to the queue
        </button>
      </>
    );
  return (
    <article className="marking-item" aria-labelledby="marking-item-heading">
      <ItemHeading item={state.item} />
      <nav className="marking-nav" aria-label="Answers">
        <button type="button" className="secondary" onClick={back}>
          Back to the queue
        </button>
        <button
          type="button"
          className="secondary"
          aria-disabled={!previous || undefined}
          aria-keyshortcuts={SHORTCUTS.previous.aria}
          onClick={() => openPrevious?.()}
        >
          Previous answer ({SHORTCUTS.previous.keys})
        </button>
        <button
          type="button"
          className="secondary"
          aria-disabled={!next || undefined}
          aria-keyshortcuts={SHORTCUTS.next.aria}
          onClick={() => openNext?.()}
        >
          Next answer ({SHORTCUTS.next.keys})
        </button>
      </nav>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {/* Opening the other answer goes through the unsaved-marks question like any other move. */}
      <SimilarityNotice similar={state.item.similar} onOpen={(ref) => leave(() => onOpen(ref))} />
      <div className="marking-layout">
        <AnswerPanel item={state.item} />
        <RubricForm
          key={`${refKey(state.item)}@${state.item.revision}`}
          item={state.item}
          saving={saving}
          onSave={save}
          onDirtyChange={setDirty}
        />
      </div>
    </article>
  );
}

/** The heading of the open answer; it takes focus once per answer opened, not after each save. */
function ItemHeading({ item }: { item: MarkingItem }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const key = refKey(item);
  useEffect(() => {
    heading.current?.focus();
  }, [key]);
  return (
    <header>
      <h3 id="marking-item-heading" ref={heading} tabIndex={-1}>
        {item.stepTitle}: {item.student.label}
      </h3>
      <p className="muted">
        {MARK_STATUS_WORDS[item.status]}. {plural(item.wordCount, 'word')}.
      </p>
    </header>
  );
}

function AnswerPanel({ item }: { item: MarkingItem }) {
  return (
    <section className="answer-panel" aria-labelledby="answer-heading">
      <h4 id="prompt-heading">The task</h4>
      <CaseText text={item.prompt} />
      <h4 id="answer-heading">The answer</h4>
      {/* The student's own words, as written: never rendered as markdown. */}
      <div className="student-answer">{item.answer}</div>
      {item.modelAnswer && (
        <details className="model-answer">
          <summary>Model answer</summary>
          <CaseText text={item.modelAnswer} />
        </details>
      )}
    </section>
  );
}
