/**
 * The student's written answers in their results: each answer beside the model answer, then the
 * marker's level and points per rubric criterion and the marker's comment (or "awaiting marking").
 */
import { Markdown } from '../shared/Markdown.js';
import { formatPoints } from '../shared/format.js';
import type { WrittenAnswer } from './types.js';

export function WrittenWork({ answers }: { answers: WrittenAnswer[] }) {
  if (answers.length === 0) return null;
  return (
    <section aria-labelledby="written-work-heading">
      <h3 id="written-work-heading">Your written answers</h3>
      {answers.map((answer) => (
        <WrittenAnswerView key={answer.stepId} answer={answer} />
      ))}
    </section>
  );
}

function WrittenAnswerView({ answer }: { answer: WrittenAnswer }) {
  const headingId = `written-${answer.stepId}`;
  return (
    <article className="written-answer" aria-labelledby={headingId}>
      <h4 id={headingId}>{answer.title}</h4>
      <div className="written-pair">
        <section aria-label={`Your answer: ${answer.title}`}>
          <h5>Your answer</h5>
          <p className="written-text">{answer.answer}</p>
        </section>
        {answer.modelAnswer && (
          <section aria-label={`Model answer: ${answer.title}`}>
            <h5>A model answer</h5>
            <Markdown text={answer.modelAnswer} />
          </section>
        )}
      </div>
      <Marking answer={answer} />
    </article>
  );
}

function Marking({ answer }: { answer: WrittenAnswer }) {
  if (!answer.marked)
    return <p className="muted">Practice: not marked. Compare your answer with the model.</p>;
  return (
    <>
      {answer.awaitingMarking && (
        <p className="panel notice">
          <strong>Awaiting marking.</strong> Your instructor has not marked every criterion yet.
        </p>
      )}
      <table className="marks-table">
        <caption>Marks for {answer.title}</caption>
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col">Level</th>
            <th scope="col">Points</th>
          </tr>
        </thead>
        <tbody>
          {answer.criteria.map((criterion) => (
            <tr key={criterion.id}>
              <th scope="row">
                {criterion.title} <span className="muted">({criterion.competencyId})</span>
              </th>
              <td>
                {criterion.level ? (
                  <>
                    <strong>{criterion.level.label}</strong>
                    <Markdown text={criterion.level.descriptor} />
                  </>
                ) : (
                  'Awaiting marking'
                )}
              </td>
              <td className="number">
                {criterion.level
                  ? `${formatPoints(criterion.level.points)} of ${formatPoints(criterion.maxPoints)}`
                  : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {answer.comment && (
        <section aria-label={`Marker's comment: ${answer.title}`} className="marker-comment">
          <h5>Your marker&apos;s comment</h5>
          <p className="written-text">{answer.comment}</p>
        </section>
      )}
    </>
  );
}
