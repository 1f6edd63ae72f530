/**
 * The result of a finished attempt as a competency profile: one bar per competency, each with its
 * percentage, level and what that level means in words (the bar itself is decoration).
 */
import { formatPoints } from '../shared/format.js';
import { formatPercent } from './format.js';
import type { CompetencyResult, ResultView } from './types.js';

export function CompetencyProfile({ result }: { result: ResultView }) {
  return (
    <section className="profile" aria-labelledby="profile-heading">
      <h3 id="profile-heading">
        {result.provisional ? 'Your provisional competency profile' : 'Your competency profile'}
      </h3>
      {result.provisional && (
        <p className="panel notice">
          <strong>Submitted, awaiting marking.</strong> Your written work goes to your instructor.
          Until it is marked, this profile counts only the work already scored: the points awaiting
          marking are left out, not counted as 0.
        </p>
      )}
      <p className="overall">
        {result.provisional ? 'Overall so far (marked work only)' : 'Overall'}:{' '}
        <strong>{formatPercent(result.overall.percent)}</strong>
        {result.overall.level && <> · {result.overall.level.label}</>}
      </p>
      <ul className="profile-list">
        {result.competencies.map((competency) => (
          <CompetencyRow key={competency.id} competency={competency} />
        ))}
      </ul>
    </section>
  );
}

function CompetencyRow({ competency }: { competency: CompetencyResult }) {
  const { percent, level } = competency;
  return (
    <li className="profile-item">
      <h4>
        {competency.title} <span className="muted">({competency.id})</span>
      </h4>
      {percent === null ? (
        <p>{competency.pendingManual ? 'Awaiting marking.' : 'Not assessed.'}</p>
      ) : (
        <>
          <div className="bar" aria-hidden="true">
            {/* Width through the CSSOM, which the page's style-src policy allows. */}
            <div
              className={`bar-fill level-${level?.id ?? 'none'}`}
              style={{ width: `${Math.min(Math.max(percent, 0), 100)}%` }}
            />
          </div>
          <p className="profile-score">
            <strong>{formatPercent(percent)}</strong>
            {level && <> · {level.label}</>}
            <span className="muted">
              {' '}
              ({formatPoints(competency.earned)} of {formatPoints(competency.possible)} points)
            </span>
            {competency.pendingManual && (
              <>
                {' '}
                · provisional: {formatPoints(competency.pendingPossible)} more points await marking
              </>
            )}
          </p>
          {level && <p className="level-descriptor">{level.descriptor}</p>}
        </>
      )}
      <details>
        <summary>About this competency</summary>
        <p>{competency.description}</p>
      </details>
    </li>
  );
}
