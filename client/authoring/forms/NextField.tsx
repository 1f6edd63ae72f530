/**
 * Where a step leads: one step chosen from the case's steps, or, for a step that branches on
 * conditions, the step each branch and the fallback lead to. The conditions themselves are edited
 * in the source, where their structure (chose, flag, score, all, any, not) can be written out.
 */
import { stringify } from 'yaml';
import { SelectField, Group, type Choice } from './controls.js';
import type { Next, Path } from './draft.js';

export function NextField({
  path,
  value,
  stepChoices,
}: {
  /** The step's path. */
  path: Path;
  value: Next | undefined;
  stepChoices: readonly Choice[];
}) {
  const next: Path = [...path, 'next'];
  if (typeof value !== 'object' || value === null)
    return <SelectField path={next} label="Next step" choices={stepChoices} />;
  return (
    <Group path={next} legend="Next step, by condition">
      <p className="field-hint muted">Conditions are edited in the source.</p>
      {(value.branches ?? []).map((branch, i) => (
        <div key={i} className="branch">
          <pre className="condition">{stringify({ when: branch.when }).trim()}</pre>
          <SelectField
            path={[...next, 'branches', i, 'to']}
            label={`Branch ${i + 1} goes to`}
            choices={stepChoices}
          />
        </div>
      ))}
      <SelectField path={[...next, 'otherwise']} label="Otherwise goes to" choices={stepChoices} />
    </Group>
  );
}
