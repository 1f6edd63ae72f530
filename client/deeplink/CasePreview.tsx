/**
 * A case as a student would meet it, step by step, read-only: what each step asks, and on request
 * its answers, points, feedback and branches. Loaded when the instructor asks for it; the preview's
 * heading takes focus so it is not missed. "Try as a student" plays it in the player.
 */
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../shared/api.js';
import { Markdown } from '../shared/Markdown.js';
import { StepFigure } from '../shared/StepFigure.js';
import { AnswerKey } from '../preview/AnswerKey.js';
import { previewApi, tryOutHref } from '../preview/api.js';
import type { AnswerKey as AnswerKeyData } from '../preview/types.js';
import { deepLinkApi } from './api.js';
import type { StepView } from './types.js';

const KIND_LABELS: Record<StepView['kind'], string> = {
  narrative: 'Story',
  'single-choice': 'Choose one',
  'multi-select': 'Choose several',
  ranking: 'Put in order',
  matching: 'Match',
  screening: 'Screening interview',
  'free-text': 'Written task, marked by you',
  debrief: 'Debrief and competency profile',
};

function Choices({
  label,
  list,
}: {
  label: string;
  list: Array<{ id: string; text: string }> | undefined;
}) {
  if (!list?.length) return null;
  return (
    <>
      <p className="muted">{label}</p>
      <ul>
        {list.map((item) => (
          <li key={item.id}>{item.text}</li>
        ))}
      </ul>
    </>
  );
}

export function CasePreview({
  ltik,
  caseId,
  title,
}: {
  ltik: string;
  caseId: string;
  title: string;
}) {
  const [steps, setSteps] = useState<StepView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [answers, setAnswers] = useState<AnswerKeyData | 'off' | 'loading'>('off');
  const heading = useRef<HTMLHeadingElement>(null);

  const toggleAnswers = () => {
    if (answers !== 'off') return setAnswers('off');
    setAnswers('loading');
    previewApi(ltik)
      .answers({ source: 'library', caseId })
      .then(setAnswers, (e: unknown) => {
        setAnswers('off');
        setError(e instanceof ApiError ? e.message : 'The answers could not be loaded.');
      });
  };
  const answersOf = (stepId: string) =>
    typeof answers === 'object' ? answers.steps.find((s) => s.task.id === stepId) : undefined;

  useEffect(() => {
    deepLinkApi(ltik)
      .preview(caseId)
      .then(setSteps, (e: unknown) =>
        setError(e instanceof ApiError ? e.message : 'The preview could not be loaded.'),
      );
  }, [ltik, caseId]);
  useEffect(() => {
    if (steps) heading.current?.focus();
  }, [steps]);

  if (error) return <p role="alert">{error}</p>;
  if (!steps) return <p role="status">Loading the preview…</p>;
  return (
    <section className="case-preview" aria-labelledby={`preview-${caseId}`}>
      <h3 id={`preview-${caseId}`} ref={heading} tabIndex={-1}>
        Preview: {title}
      </h3>
      <p className="muted">
        The steps in the order they are written; students' choices decide which of them they meet.
      </p>
      <p className="preview-actions">
        <button
          type="button"
          className="secondary"
          aria-pressed={answers !== 'off'}
          aria-disabled={answers === 'loading'}
          onClick={toggleAnswers}
        >
          Show answers and feedback
        </button>
        <a href={tryOutHref(ltik, caseId)}>Try {title} as a student</a>
      </p>
      <ol>
        {steps.map((step) => (
          <li key={step.id}>
            <h4>
              {step.title} <span className="muted">({KIND_LABELS[step.kind]})</span>
            </h4>
            {step.body && <Markdown text={step.body} />}
            {step.images.map((image) => (
              <StepFigure key={image.src} image={image} />
            ))}
            {'prompt' in step && <Markdown text={step.prompt} />}
            {/* Each kind has its own lists: `in` narrows the step to the kinds that have one. */}
            <Choices label="Options" list={'options' in step ? step.options : undefined} />
            <Choices label="Items to order" list={'items' in step ? step.items : undefined} />
            <Choices label="To match" list={'left' in step ? step.left : undefined} />
            <Choices label="With" list={'right' in step ? step.right : undefined} />
            <Choices
              label="Questions"
              list={
                'questions' in step
                  ? step.questions.map((q) => ({ id: q.id, text: `${q.domain}: ${q.text}` }))
                  : undefined
              }
            />
            <Choices
              label="Rubric criteria"
              list={
                'rubric' in step ? step.rubric.map((c) => ({ id: c.id, text: c.title })) : undefined
              }
            />
            {answersOf(step.id) && <AnswerKey answers={answersOf(step.id)!} />}
          </li>
        ))}
      </ol>
    </section>
  );
}
