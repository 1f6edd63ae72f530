/** Points earned on this step, per competency: "2 of 2", or "awaiting marking" for written work. */
import { formatPoints } from '../../shared/format.js';
import type { EarnedPoints as EarnedEntry } from '../types.js';

export function EarnedPoints({ earned }: { earned: EarnedEntry[] }) {
  if (earned.length === 0) return null;
  return (
    <section aria-labelledby="earned-heading" className="earned">
      <h3 id="earned-heading">Points for this step</h3>
      <ul>
        {earned.map((entry) => (
          <li key={entry.competency.id}>
            <span>
              {entry.competency.title} <span className="muted">({entry.competency.id})</span>
            </span>{' '}
            {entry.awaitingMarking ? (
              <strong>awaiting marking (up to {formatPoints(entry.possible)})</strong>
            ) : (
              <strong>
                {formatPoints(entry.earned)} of {formatPoints(entry.possible)}
              </strong>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
