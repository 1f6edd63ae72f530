/** A written answer, marked later by an instructor or written as practice: word limits, the rubric, and autosave. */
import { useEffect, useId, useRef, useState } from 'react';
import { LiveRegion, useAnnouncer } from '../../shared/LiveRegion.js';
import { plural } from '../../shared/format.js';
import { countWords, formatTime } from '../format.js';
import { Markdown } from '../../shared/Markdown.js';
import type { FreeTextStep } from '../types.js';
import { useMediaQuery } from '../useMediaQuery.js';
import { useDraftAutosave, type DraftStatus, type SaveDraft } from '../useDraftAutosave.js';
import { RubricTables } from './RubricTables.js';
import { StepForm, type StepInputProps } from './StepForm.js';

/** Where the rubric moves beside the box (player.css, "Free text"): the column has room for both. */
const BESIDE = '(min-width: 62em)';

interface Props extends StepInputProps<FreeTextStep> {
  /** The autosaved draft to continue from. */
  draft: string | null;
  saveDraft: SaveDraft;
}

/** "120 words (at least 100, at most 300)". */
function limitsText(min: number | null, max: number): string {
  return min ? `at least ${min}, at most ${max}` : `at most ${max}`;
}

function wordProblem(words: number, min: number | null, max: number): string | null {
  const least = Math.max(min ?? 1, 1);
  if (words < least) return `Write at least ${plural(least, 'word')}; you have ${words}.`;
  if (words > max) return `Write at most ${plural(max, 'word')}; you have ${words}.`;
  return null;
}

function statusText(status: DraftStatus, restored: boolean): string {
  switch (status.state) {
    case 'saved':
      if (status.savedAt) return `Draft saved at ${formatTime(status.savedAt)}.`;
      return restored ? 'Continuing from your saved draft.' : 'Your draft is saved as you type.';
    case 'unsaved':
      return 'Changes not saved yet.';
    case 'saving':
      return 'Saving draft…';
    case 'failed':
      return `The draft could not be saved: ${status.message}`;
  }
}

export function FreeTextInput({ step, busy, error, onSubmit, draft, saveDraft }: Props) {
  const [text, setText] = useState(draft ?? '');
  const { status, flush, settle } = useDraftAutosave(text, draft ?? '', saveDraft);
  const [announcement, announce] = useAnnouncer();
  const id = useId();
  const words = countWords(text);
  const over = words > step.maxWords;
  const beside = useMediaQuery(BESIDE);

  // The visible count changes with every keystroke; a screen reader hears it once typing pauses.
  const announcedWords = useRef(words);
  useEffect(() => {
    if (words === announcedWords.current) return;
    const timer = window.setTimeout(() => {
      announcedWords.current = words;
      const excess = words - step.maxWords;
      announce(`${plural(words, 'word')}${excess > 0 ? `, ${excess} over the limit` : ''}.`);
    }, 1500);
    return () => window.clearTimeout(timer);
  }, [words, step.maxWords, announce]);

  const answer = () => {
    const problem = wordProblem(words, step.minWords, step.maxWords);
    if (problem) return problem;
    settle();
    return { kind: 'free-text' as const, text };
  };

  // The box first, the rubric after it: beside the box where the column is wide enough (player.css),
  // below it otherwise, so the box and its submit button are in view when the step opens.
  return (
    <div className="free-text">
      <div id={`${id}-prompt`} className="free-text-prompt">
        <Markdown text={step.prompt} className="prompt" />
      </div>
      <StepForm
        answer={answer}
        onSubmit={onSubmit}
        busy={busy}
        error={error}
        submitLabel={step.marked ? 'Submit for marking' : 'Submit'}
      >
        <label htmlFor={`${id}-answer`} className="field-label">
          Your answer
        </label>
        <textarea
          id={`${id}-answer`}
          className="free-text-answer"
          rows={8}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onBlur={() => flush()}
          aria-describedby={`${id}-prompt ${id}-count ${id}-saved`}
          aria-invalid={over || undefined}
          spellCheck
        />
        <p id={`${id}-count`} className={over ? 'word-count warning' : 'word-count'}>
          {plural(words, 'word')} ({limitsText(step.minWords, step.maxWords)})
          {over && <strong> · {words - step.maxWords} over the limit</strong>}
        </p>
        <p id={`${id}-saved`} className="muted draft-status">
          {statusText(status, Boolean(draft))}
        </p>
        {status.state === 'failed' && (
          <p role="alert" className="error">
            Your draft is not saved. Keep this page open and try again, or copy your text somewhere
            safe.
          </p>
        )}
        <LiveRegion announcement={announcement} />
      </StepForm>
      <div className="free-text-rubric">
        <RubricTables
          rubric={step.rubric}
          automaticNotYet={step.automaticNotYet}
          marked={step.marked}
          open={beside}
        />
      </div>
    </div>
  );
}
