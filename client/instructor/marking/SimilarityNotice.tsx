/**
 * The similarity notice on an open answer: which other students' answers to the same task in this
 * activity are near-identical, each one click away. It informs the marker; it decides nothing.
 */
import type { ItemRef, SimilarAnswer } from './types.js';

interface Props {
  similar: SimilarAnswer[];
  onOpen: (ref: ItemRef) => void;
}

export function SimilarityNotice({ similar, onOpen }: Props) {
  if (similar.length === 0) return null;
  return (
    <section className="warning similarity-notice" aria-labelledby="similarity-heading">
      <h4 id="similarity-heading">Similar answers</h4>
      <p>
        This answer is nearly identical to another student’s answer to the same task. Compare them
        before you mark.
      </p>
      <ul>
        {similar.map((other) => (
          <li key={other.attemptId}>
            {other.student.label}: {other.percent}% of three-word phrases shared.{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => onOpen({ attemptId: other.attemptId, stepId: other.stepId })}
            >
              Open {other.student.label}’s answer
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
