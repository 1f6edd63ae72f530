/**
 * A screening interview: the student picks questions from a validated tool, in the order they would
 * ask them, within the time the consultation allows (maxQuestions). Answers come with the feedback.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { LiveRegion, useAnnouncer } from '../../shared/LiveRegion.js';
import { plural } from '../../shared/format.js';
import { Markdown } from '../../shared/Markdown.js';
import { ConfirmDialog } from '../ConfirmDialog.js';
import type { ScreeningQuestion, ScreeningStep, StepResponse } from '../types.js';
import { StepForm, type StepInputProps } from './StepForm.js';

/** Where focus goes after a question moves between the lists: a button in a list, or its heading. */
type FocusTarget = { list: 'available' | 'asked'; index: number };

export function ScreeningInput({ step, busy, error, onSubmit }: StepInputProps<ScreeningStep>) {
  const [asked, setAsked] = useState<string[]>([]);
  const [announcement, announce] = useAnnouncer();
  const [focusTarget, setFocusTarget] = useState<FocusTarget | null>(null);
  // An answer with questions to spare waits here for the student to confirm it.
  const [unconfirmed, setUnconfirmed] = useState<StepResponse | null>(null);
  const id = useId();
  const availableRef = useRef<HTMLDivElement>(null);
  const askedRef = useRef<HTMLDivElement>(null);
  const limit = step.maxQuestions;
  const atLimit = limit !== null && asked.length >= limit;
  const byId = new Map(step.questions.map((question) => [question.id, question]));
  const available = step.questions.filter((question) => !asked.includes(question.id));
  const askedQuestions = asked.map((questionId) => byId.get(questionId)!);
  const left = limit === null ? 0 : limit - asked.length;

  // Time left in the consultation is easy to miss: ask before sending fewer questions than allowed.
  const submit = (response: StepResponse) => {
    if (left > 0) setUnconfirmed(response);
    else onSubmit(response);
  };

  // A question that moves to the other list takes its button with it: keep focus nearby instead.
  useEffect(() => {
    if (!focusTarget) return;
    const container = (focusTarget.list === 'available' ? availableRef : askedRef).current;
    const buttons = container?.querySelectorAll<HTMLButtonElement>('li button') ?? [];
    const button = buttons[Math.min(focusTarget.index, buttons.length - 1)];
    (button ?? container?.querySelector<HTMLElement>('h3'))?.focus();
  }, [asked, focusTarget]);

  const ask = (question: ScreeningQuestion, index: number) => {
    if (atLimit) {
      announce(
        `You have asked ${plural(limit, 'question')}, the most there is time for. Remove one to ask another.`,
      );
      return;
    }
    setAsked([...asked, question.id]);
    setFocusTarget({ list: 'available', index });
    announce(`Added question ${asked.length + 1}: ${question.text}`);
  };

  const remove = (question: ScreeningQuestion, index: number) => {
    setAsked(asked.filter((other) => other !== question.id));
    setFocusTarget({ list: 'asked', index });
    announce(`Removed: ${question.text}`);
  };

  return (
    <StepForm
      answer={() =>
        asked.length > 0 ? { kind: 'screening', asked } : 'Ask at least one question.'
      }
      onSubmit={submit}
      busy={busy}
      error={error}
      submitLabel="Ask these questions"
    >
      <Markdown text={step.prompt} className="prompt" />
      {/* The prompt says what to do; this only names the source (the limit shows in "Your questions"). */}
      <p className="hint">Questions from the {step.tool} screening tool.</p>
      <div className="screening">
        <div ref={availableRef} className="screening-column">
          <h3 tabIndex={-1}>Questions you could ask</h3>
          {atLimit && (
            <p className="warning" id={`${id}-limit`}>
              You have reached the limit. Remove a question from your list to ask a different one.
            </p>
          )}
          <ul className="question-list">
            {available.map((question, index) => (
              <li key={question.id}>
                <QuestionText question={question} />
                <button
                  type="button"
                  className="secondary"
                  aria-disabled={atLimit}
                  aria-describedby={atLimit ? `${id}-limit` : undefined}
                  aria-label={`Ask: ${question.text}`}
                  onClick={() => ask(question, index)}
                >
                  Ask
                </button>
              </li>
            ))}
          </ul>
        </div>
        <div ref={askedRef} className="screening-column">
          <h3 tabIndex={-1}>
            Your questions, in order{' '}
            <span className="muted">
              ({asked.length}
              {limit !== null && ` of ${limit}`})
            </span>
          </h3>
          {askedQuestions.length === 0 ? (
            <p className="muted">None yet. Choose Ask next to a question to add it here.</p>
          ) : (
            <ol className="question-list">
              {askedQuestions.map((question, index) => (
                <li key={question.id}>
                  <QuestionText question={question} />
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Remove: ${question.text}`}
                    onClick={() => remove(question, index)}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
      <LiveRegion announcement={announcement} />
      <ConfirmDialog
        open={unconfirmed !== null}
        message={`You have ${plural(left, 'question')} left. Ask anyway?`}
        confirmLabel="Ask anyway"
        cancelLabel="Choose more questions"
        onConfirm={() => {
          const response = unconfirmed;
          setUnconfirmed(null);
          if (response) onSubmit(response);
        }}
        onCancel={() => setUnconfirmed(null)}
      />
    </StepForm>
  );
}

function QuestionText({ question }: { question: ScreeningQuestion }) {
  return (
    <span className="question-body">
      <span className="question-domain">{question.domain}</span>
      <span className="question-text">{question.text}</span>
    </span>
  );
}
