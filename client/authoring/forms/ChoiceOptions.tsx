/** The options of a single-choice or multi-select step: text, feedback, scores, harm and branch. */
import { guidanceFor } from '../guidance.js';
import { CheckboxField, TextField, SelectField, type Choice } from './controls.js';
import { freshId, getIn, type ChoiceOption, type Path } from './draft.js';
import { useForm } from './FormContext.js';
import { IdField } from './IdField.js';
import { ListField, PointsField } from './lists.js';

/** Said beside every option list: the validator's answer-cue rule, before it fires. */
const LENGTH_CUE = guidanceFor({ field: 'options', message: 'answer cue: longest option' });

export function ChoiceOptions({
  path,
  branching,
  stepChoices,
}: {
  /** The step's path. */
  path: Path;
  /** Single choice: an option may lead to its own next step. */
  branching: boolean;
  stepChoices: readonly Choice[];
}) {
  const options: Path = [...path, 'options'];
  const { draft } = useForm();
  const id = getIn(draft, [...path, 'id']);
  const stepId = typeof id === 'string' ? id : '';
  return (
    <>
      <p className="field-hint muted">{LENGTH_CUE}</p>
      <ListField<ChoiceOption>
        path={options}
        legend="Options"
        noun="option"
        name={(option) => option.text || undefined}
        create={(items) => ({
          id: freshId(
            'option',
            items.map((o) => o.id ?? ''),
          ),
          text: '',
          feedback: '',
        })}
      >
        {(i) => (
          <>
            <IdField
              path={[...options, i, 'id']}
              label="Option id"
              hint="Branch conditions name the option by it and follow when you change it."
              renaming={(from, to) => ({ of: 'option', step: stepId, from, to })}
            />
            <TextField path={[...options, i, 'text']} label="Text" multiline />
            <TextField
              path={[...options, i, 'feedback']}
              label="Feedback"
              multiline
              hint="Why this option is better or worse, not just right or wrong."
            />
            <PointsField
              path={[...options, i, 'score']}
              legend="Score per competency"
              hint="Negative points are a penalty."
            />
            <CheckboxField
              path={[...options, i, 'harmful']}
              label="This choice could harm the patient"
            />
            {branching && (
              <SelectField
                path={[...options, i, 'next']}
                label="Goes to"
                empty="The step's next step"
                choices={stepChoices}
              />
            )}
          </>
        )}
      </ListField>
    </>
  );
}
