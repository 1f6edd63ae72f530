/** Feedback on ranking (your order beside the expert's) and matching (each pair, right or not). */
import { Markdown } from '../../shared/Markdown.js';
import type { MatchingFeedback, RankingFeedback } from '../types.js';
import { Tag } from './Tag.js';

export function RankingDetails({ details }: { details: RankingFeedback['details'] }) {
  const expertPosition = new Map(details.expert.map((item, index) => [item.id, index + 1]));
  return (
    <>
      <div className="two-columns">
        <section aria-labelledby="your-order">
          <h3 id="your-order">Your order</h3>
          <ol>
            {details.yours.map((item, index) => {
              const expert = expertPosition.get(item.id);
              return (
                <li key={item.id}>
                  {item.text}{' '}
                  {expert === index + 1 ? (
                    <Tag tone="good">Same as the expert</Tag>
                  ) : (
                    <span className="muted">(expert: number {expert})</span>
                  )}
                </li>
              );
            })}
          </ol>
        </section>
        <section aria-labelledby="expert-order">
          <h3 id="expert-order">Expert order</h3>
          <ol>
            {details.expert.map((item) => (
              <li key={item.id}>{item.text}</li>
            ))}
          </ol>
        </section>
      </div>
      <h3>Why this order</h3>
      <Markdown text={details.explanation} />
    </>
  );
}

export function MatchingDetails({ details }: { details: MatchingFeedback['details'] }) {
  return (
    <>
      <h3>Your matches</h3>
      <ul className="plain-list">
        {details.pairs.map((pair) => (
          <li key={pair.left.id} className="option-feedback">
            <p className="option-text">{pair.left.text}</p>
            <p>
              Your match: {pair.chosen.text}{' '}
              {pair.isCorrect ? (
                <Tag tone="good">Correct</Tag>
              ) : (
                <Tag tone="caution">Not the best match</Tag>
              )}
            </p>
            {!pair.isCorrect && <p>Best match: {pair.correct.text}</p>}
            <Markdown text={pair.explanation} />
          </li>
        ))}
      </ul>
    </>
  );
}
