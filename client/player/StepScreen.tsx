/** The current step: its heading (which takes focus), its text and images, and what to answer. */
import { Markdown } from '../shared/Markdown.js';
import { StepFigure } from '../shared/StepFigure.js';
import { DebriefView } from './steps/DebriefView.js';
import { FreeTextInput } from './steps/FreeTextInput.js';
import { MatchingInput } from './steps/MatchingInput.js';
import { MultiSelectInput } from './steps/MultiSelectInput.js';
import { NarrativeInput } from './steps/NarrativeInput.js';
import { RankingInput } from './steps/RankingInput.js';
import { ScreeningInput } from './steps/ScreeningInput.js';
import { SingleChoiceInput } from './steps/SingleChoiceInput.js';
import type { StepInputProps } from './steps/StepForm.js';
import type { AttemptView, StepView } from './types.js';
import type { SaveDraft } from './useDraftAutosave.js';
import { useFocusOnMount } from './useFocusOnMount.js';

/** What kind of task the step is, said before its title. */
const KIND_LABELS: Record<StepView['kind'], string> = {
  narrative: 'Case',
  'single-choice': 'Question',
  'multi-select': 'Question',
  ranking: 'Prioritise',
  matching: 'Match',
  screening: 'Screening interview',
  'free-text': 'Written answer',
  debrief: 'Debrief',
};

interface Props extends Omit<StepInputProps<StepView>, 'step'> {
  attempt: AttemptView;
  saveDraft: SaveDraft;
}

export function StepScreen({ attempt, saveDraft, ...input }: Props) {
  const { step } = attempt;
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="step" aria-labelledby="step-heading">
      <p className="step-kind">{KIND_LABELS[step.kind]}</p>
      <h2 id="step-heading" tabIndex={-1} ref={headingRef}>
        {step.title}
      </h2>
      {step.body && step.kind !== 'debrief' && <Markdown text={step.body} />}
      {step.images.map((image) => (
        <StepFigure key={image.src} image={image} />
      ))}
      <StepInput attempt={attempt} saveDraft={saveDraft} {...input} />
    </section>
  );
}

/** The controls for the step's kind. */
function StepInput({ attempt, saveDraft, ...input }: Props) {
  const { step } = attempt;
  switch (step.kind) {
    case 'narrative':
      return <NarrativeInput step={step} {...input} />;
    case 'single-choice':
      return <SingleChoiceInput step={step} {...input} />;
    case 'multi-select':
      return <MultiSelectInput step={step} {...input} />;
    case 'ranking':
      return <RankingInput step={step} {...input} />;
    case 'matching':
      return <MatchingInput step={step} {...input} />;
    case 'screening':
      return <ScreeningInput step={step} {...input} />;
    case 'free-text':
      return <FreeTextInput step={step} draft={attempt.draft} saveDraft={saveDraft} {...input} />;
    case 'debrief':
      return (
        <DebriefView
          step={step}
          result={attempt.result}
          writtenWork={attempt.writtenWork}
          path={attempt.progress.path}
        />
      );
  }
}
