/** The due date, attempts used and allowed, and the button that starts or resumes the case. */
import { formatDueDate } from '../shared/format.js';
import type { AttemptRules, AttemptSummary } from './types.js';

interface Props {
  policy: AttemptRules;
  attempts: AttemptSummary[];
  canStartNew: boolean;
  starting: boolean;
  onStart: () => void;
}

/** What the start button does now, or null when no attempt can be started or resumed. */
function startLabel({ policy, attempts, canStartNew }: Props): string | null {
  if (attempts.some((attempt) => attempt.status === 'in-progress')) return 'Resume';
  if (attempts.length === 0) {
    const noneAllowed = policy.attemptsAllowed !== null && policy.attemptsAllowed <= 0;
    return noneAllowed ? null : 'Start case';
  }
  return canStartNew ? 'Start a new attempt' : null;
}

export function StartPanel(props: Props) {
  const { policy, starting, onStart } = props;
  const label = startLabel(props);
  const startingFresh = label === 'Start a new attempt' && policy.newAttemptStartsFresh;
  return (
    <section className="panel" aria-labelledby="attempt-policy">
      <h3 id="attempt-policy">Your work on this activity</h3>
      <dl className="policy">
        <div>
          <dt>Due</dt>
          <dd>{policy.dueAt ? formatDueDate(policy.dueAt) : 'No due date'}</dd>
        </div>
        <div>
          <dt>Attempts used</dt>
          <dd>
            {policy.attemptsAllowed === null
              ? `${policy.attemptsUsed} (no limit)`
              : `${policy.attemptsUsed} of ${policy.attemptsAllowed}`}
          </dd>
        </div>
      </dl>
      {policy.pastDue && (
        <p className="notice-inline" role="note">
          <strong>Past the due date.</strong> You can still work on the case, but an attempt you
          finish now counts as late (unless your instructor moves the due date).
        </p>
      )}
      {startingFresh && (
        <p>A new attempt starts from the beginning; your earlier results are kept.</p>
      )}
      {label ? (
        <button type="button" className="primary" onClick={onStart} disabled={starting}>
          {starting ? 'Opening…' : label}
        </button>
      ) : (
        <p>
          <strong>You have used all your attempts on this activity.</strong>
        </p>
      )}
    </section>
  );
}
