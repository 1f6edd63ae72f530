/**
 * One case version's item analysis: who finished, the drop-off funnel, every step's numbers and the
 * choices made at each choice step. Shared by the placement's view and the view across courses.
 */
import { plural } from '../../shared/format.js';
import { BarChart } from './BarChart.js';
import { show } from './describe.js';
import { StepsTable } from './StepsTable.js';
import type { StepAnalysis, VersionAnalysis } from './types.js';

const countText = (value: StepAnalysis['reached'], unit: string) =>
  typeof value === 'number' ? plural(value, unit) : `${value} ${unit}s`;

function ChoiceCharts({ steps }: { steps: StepAnalysis[] }) {
  const withChoices = steps.filter((s) => s.choices && s.reached !== 0);
  if (!withChoices.length) return <p>No student has reached a step with options yet.</p>;
  return (
    <>
      {withChoices.map((step) => (
        <BarChart
          key={step.stepId}
          caption={`${step.title}: ${countText(step.answered, 'answer')}${
            step.kind === 'multi-select'
              ? ' (several options each, so shares add up past 100%)'
              : ''
          }`}
          max={100}
          columns={['Option', 'Chosen']}
          bars={step.choices!.map((c) => ({
            key: c.id,
            label: c.text,
            value: c.percent,
            valueText: typeof c.count === 'number' ? `${c.count} (${show(c.percent)}%)` : c.count,
            tags: [...(c.best ? ['best'] : []), ...(c.harmful ? ['harmful'] : [])],
          }))}
        />
      ))}
    </>
  );
}

export function VersionView({ version, idPrefix }: { version: VersionAnalysis; idPrefix: string }) {
  const students = typeof version.students === 'number' ? version.students : 0;
  return (
    <>
      <p>
        {countText(version.students, 'student')}: {show(version.finished)} finished,{' '}
        {show(version.inProgress)} in progress.
      </p>
      <BarChart
        caption="Drop-off: students reaching each step, and where unfinished attempts stopped"
        max={students}
        columns={['Step', 'Reached']}
        bars={version.steps.map((s) => ({
          key: s.stepId,
          label: s.title,
          value: s.reached,
          valueText:
            s.stoppedHere === 0
              ? show(s.reached)
              : `${show(s.reached)}, ${show(s.stoppedHere)} stopped here`,
        }))}
      />
      <StepsTable
        id={`${idPrefix}-steps`}
        caption={`Steps of version ${version.caseVersion}`}
        steps={version.steps}
      />
      <h4>Choices</h4>
      <ChoiceCharts steps={version.steps} />
    </>
  );
}
