/**
 * For each branching step, how many students went each way: the numbers in words, with a bar
 * drawn from the same number for a quick comparison (the bar is decoration, the text is the data).
 */
import { plural } from '../../shared/format.js';
import type { BranchStat } from './types.js';

export function BranchStats({ branches }: { branches: BranchStat[] }) {
  if (branches.length === 0) return <p>This case has no branching steps.</p>;
  return (
    <div className="branches">
      {branches.map((branch) => (
        <figure key={branch.stepId} className="branch">
          <figcaption>
            <strong>{branch.stepTitle}</strong>{' '}
            <span className="muted">({plural(branch.total, 'time')} passed)</span>
          </figcaption>
          <ul>
            {branch.paths.map((path) => (
              <li key={path.to}>
                <span className="branch-label">
                  to “{path.toTitle}”: {plural(path.count, 'time')} ({path.percent}%)
                </span>
                <span className="branch-bar" aria-hidden="true">
                  <span style={{ width: `${path.percent}%` }} />
                </span>
              </li>
            ))}
          </ul>
        </figure>
      ))}
    </div>
  );
}
