/** Feedback on a screening interview (what the patient said to each question) and on written work. */
import { Markdown } from '../../shared/Markdown.js';
import { plural } from '../../shared/format.js';
import type { FreeTextFeedback, ScreeningFeedback } from '../types.js';
import { Tag } from './Tag.js';

export function ScreeningDetails({ details }: { details: ScreeningFeedback['details'] }) {
  return (
    <>
      <h3>What the patient told you</h3>
      <ol className="plain-list numbered">
        {details.asked.map((question) => (
          <li key={question.id} className="option-feedback">
            <p className="question-domain">{question.domain}</p>
            <p className="option-text">“{question.text}”</p>
            <p className="tags">
              {question.relevant && <Tag tone="good">Relevant to this patient</Tag>}
              {question.intrusive && <Tag tone="harm">Intrusive here</Tag>}
            </p>
            <blockquote className="patient-answer">
              <Markdown text={question.answer} />
            </blockquote>
            <Markdown text={question.feedback} />
          </li>
        ))}
      </ol>
      {details.missed.length > 0 && (
        <>
          <h3>Relevant questions you did not ask</h3>
          <ul className="plain-list">
            {details.missed.map((question) => (
              <li key={question.id} className="option-feedback">
                <p className="question-domain">{question.domain}</p>
                <p className="option-text">“{question.text}”</p>
                <Markdown text={question.feedback} />
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

export function FreeTextDetails({ details }: { details: FreeTextFeedback['details'] }) {
  return (
    <>
      {details.pendingMarking ? (
        <p className="panel notice">
          <strong>Submitted, awaiting marking.</strong>{' '}
          {`Your answer (${plural(details.wordCount, 'word')}) has gone to your instructor, who will mark it against the rubric.`}
        </p>
      ) : (
        <p className="panel notice">
          <strong>Submitted.</strong>{' '}
          {`Your answer (${plural(details.wordCount, 'word')}) is practice: it is not marked and does not count towards your grade. Compare it with the model answer.`}
        </p>
      )}
      {details.modelAnswer && (
        <>
          <h3>A model answer</h3>
          <Markdown text={details.modelAnswer} />
        </>
      )}
    </>
  );
}
