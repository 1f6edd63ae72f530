/** The validator's problems, errors first, each naming its line and field and leading there. */
import { guidanceFor } from './guidance.js';
import type { Problem } from './types.js';

function where(problem: Problem): string {
  return [
    problem.line === null ? null : `Line ${problem.line}`,
    problem.step === null ? null : `step "${problem.step}"`,
    problem.field,
  ]
    .filter(Boolean)
    .join(', ');
}

export function ProblemList({
  problems,
  goTo,
}: {
  problems: readonly Problem[];
  /** What following a problem does (move to its line, focus its field), or null where it leads nowhere. */
  goTo: (problem: Problem) => (() => void) | null;
}) {
  const sorted = [...problems].sort(
    (a, b) => Number(a.severity === 'warning') - Number(b.severity === 'warning'),
  );
  if (sorted.length === 0) return <p>No problems: the case can be published.</p>;
  return (
    <ul className="problem-list">
      {sorted.map((problem, i) => {
        const guidance = guidanceFor(problem);
        const go = goTo(problem);
        return (
          <li
            key={i}
            className={problem.severity === 'error' ? 'problem-error' : 'problem-warning'}
          >
            <strong>{problem.severity === 'error' ? 'Error' : 'Warning'}</strong>
            {go ? (
              <>
                {' '}
                <button type="button" className="link-button" onClick={go}>
                  {where(problem)}
                </button>
                :{' '}
              </>
            ) : (
              <>{where(problem) ? ` ${where(problem)}` : ''}: </>
            )}
            {problem.message}
            {guidance && <span className="muted problem-guidance">{guidance}</span>}
          </li>
        );
      })}
    </ul>
  );
}
