/** The student's earlier attempts on this activity, with their results. */
import { formatDateTime } from '../shared/format.js';
import { formatPercent } from './format.js';
import type { AttemptSummary } from './types.js';

interface Props {
  attempts: AttemptSummary[];
  onView: (attemptId: string) => void;
  busy: boolean;
}

export function PreviousAttempts({ attempts, onView, busy }: Props) {
  if (attempts.length === 0) return null;
  return (
    <section aria-labelledby="previous-attempts">
      <h3 id="previous-attempts">Your attempts</h3>
      <ul className="attempt-list">
        {attempts.map((attempt) => (
          <li key={attempt.id} className="attempt-item">
            <div>
              <strong>Attempt {attempt.number}</strong>
              {attempt.late && <span className="tag tag-warning">Late</span>}
              <p className="muted">
                Started {formatDateTime(attempt.startedAt)}
                {attempt.finishedAt && <> · finished {formatDateTime(attempt.finishedAt)}</>}
              </p>
              <p>{resultText(attempt)}</p>
            </div>
            {attempt.status === 'finished' && (
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => onView(attempt.id)}
                aria-label={`View results of attempt ${attempt.number}`}
              >
                View results
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function resultText(attempt: AttemptSummary): string {
  if (attempt.status === 'in-progress') return 'In progress';
  const result = attempt.result;
  if (!result) return 'Finished';
  if (result.pendingManual) return 'Submitted, awaiting marking';
  const level = result.level ? ` (${result.level.label})` : '';
  return `Result: ${formatPercent(result.percent)}${level}`;
}
