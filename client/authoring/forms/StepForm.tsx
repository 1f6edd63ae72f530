/** One step as a form: the fields every step has, then those of its kind. */
import { ChoiceOptions } from './ChoiceOptions.js';
import { CheckboxField, NumberField, TextField, type Choice } from './controls.js';
import type { Step } from './draft.js';
import {
  DebriefFields,
  FreeTextFields,
  MatchingFields,
  RankingFields,
  ScreeningFields,
} from './KindFields.js';
import { FactsField, PointsField } from './lists.js';
import { NextField } from './NextField.js';
import { IdField } from './IdField.js';

const PROMPTED = new Set([
  'single-choice',
  'multi-select',
  'ranking',
  'matching',
  'screening',
  'free-text',
]);
const POINTED = new Set(['single-choice', 'multi-select', 'ranking', 'matching']);

function KindSpecific({ step, index, stepChoices }: Props) {
  const path = ['steps', index];
  switch (step.kind) {
    case 'single-choice':
      return <ChoiceOptions path={path} branching stepChoices={stepChoices} />;
    case 'multi-select':
      return (
        <>
          <NumberField path={[...path, 'minSelections']} label="Fewest options to choose" />
          <NumberField path={[...path, 'maxSelections']} label="Most options to choose" />
          <ChoiceOptions path={path} branching={false} stepChoices={stepChoices} />
        </>
      );
    case 'ranking':
      return <RankingFields path={path} />;
    case 'matching':
      return <MatchingFields path={path} />;
    case 'screening':
      return <ScreeningFields path={path} />;
    case 'free-text':
      return <FreeTextFields path={path} />;
    case 'debrief':
      return <DebriefFields path={path} />;
    default:
      return null;
  }
}

interface Props {
  step: Step;
  index: number;
  /** The case's steps, for every "goes to" list. */
  stepChoices: readonly Choice[];
}

export function StepForm(props: Props) {
  const { step, index, stepChoices } = props;
  const path = ['steps', index];
  const kind = step.kind ?? '';
  return (
    <>
      <IdField
        path={[...path, 'id']}
        label="Step id"
        hint="Lower-case words joined by hyphens. Branches name the step by it and follow when you change it."
        renaming={(from, to) => ({ of: 'step', from, to })}
      />
      <TextField path={[...path, 'title']} label="Title" />
      <TextField
        path={[...path, 'body']}
        label={kind === 'debrief' ? 'Key learning points' : 'Text'}
        multiline
        optional={kind !== 'narrative' && kind !== 'debrief'}
      />
      {PROMPTED.has(kind) && (
        <TextField path={[...path, 'prompt']} label="Task for the student" multiline />
      )}
      <KindSpecific {...props} />
      <FactsField path={[...path, 'facts']} legend="Facts added to the patient facts panel here" />
      {POINTED.has(kind) && (
        <PointsField
          path={[...path, 'points']}
          legend="Most points this step can award"
          hint="The best answer must reach them."
        />
      )}
      {kind !== 'debrief' && <NextField path={path} value={step.next} stepChoices={stepChoices} />}
      <CheckboxField path={[...path, 'allowBack']} label="The student may go back from this step" />
    </>
  );
}
