/**
 * One step's answer key for staff: what it rewards per competency, each option's points, feedback
 * and harm, the expert order, the right pairings, the questions that matter, the rubric with its
 * points and examples, and where the step leads. Words carry every meaning; colour only repeats it.
 */
import { Markdown } from '../shared/Markdown.js';
import { Tag } from '../player/feedback/Tag.js';
import type { OptionKey, Points, StepAnswers } from './types.js';
import './preview.css';

const signed = (points: number) => (points > 0 ? `+${points}` : String(points));

function PointsList({ points, empty }: { points: Points[]; empty: string }) {
  if (points.length === 0) return <span>{empty}</span>;
  return (
    <span>
      {points.map((p) => `${p.competency.id} ${p.competency.title} ${signed(p.points)}`).join('; ')}
    </span>
  );
}

function Option({ option, multi }: { option: OptionKey; multi: boolean }) {
  return (
    <li className={option.harmful ? 'answer-item harmful' : 'answer-item'}>
      <p className="answer-item-title">{option.text}</p>
      <p className="answer-tags">
        {option.best && <Tag tone="good">{multi ? 'Recommended' : 'Best answer'}</Tag>}
        {option.harmful && <Tag tone="harm">Could harm the patient</Tag>}
      </p>
      <p className="muted">
        Points: <PointsList points={option.points} empty="none" />
        {option.leadsTo && <> · leads to “{option.leadsTo.title}”</>}
      </p>
      <Markdown text={option.feedback} />
    </li>
  );
}

function Key({ answers }: { answers: StepAnswers }) {
  const { key, task } = answers;
  if (key.options)
    return (
      <ul className="answer-list">
        {key.options.map((option) => (
          <Option key={option.id} option={option} multi={task.kind === 'multi-select'} />
        ))}
      </ul>
    );
  if (key.expertOrder)
    return (
      <>
        <p>The expert order:</p>
        <ol>
          {key.expertOrder.map((item) => (
            <li key={item.id}>{item.text}</li>
          ))}
        </ol>
        {key.explanation && <Markdown text={key.explanation} />}
      </>
    );
  if (key.pairs)
    return (
      <ul className="answer-list">
        {key.pairs.map((pair) => (
          <li key={pair.left.id} className="answer-item">
            <p className="answer-item-title">
              {pair.left.text} → {pair.right?.text ?? 'no match'}
            </p>
            <Markdown text={pair.explanation} />
          </li>
        ))}
      </ul>
    );
  if (key.questions)
    return (
      <ul className="answer-list">
        {key.questions.map((q) => (
          <li key={q.id} className={q.intrusive ? 'answer-item harmful' : 'answer-item'}>
            <p className="answer-item-title">
              {q.domain}: {q.text}
            </p>
            <p className="answer-tags">
              {q.relevant && <Tag tone="good">Relevant here</Tag>}
              {q.intrusive && <Tag tone="caution">Intrusive here</Tag>}
            </p>
            <p className="muted">The patient says:</p>
            <Markdown text={q.answer} />
            <Markdown text={q.feedback} />
          </li>
        ))}
      </ul>
    );
  if (key.rubric)
    return (
      <>
        {key.rubric.map((criterion) => (
          <div key={criterion.id}>
            <p className="answer-item-title">
              {criterion.title} ({criterion.competency.id} {criterion.competency.title})
            </p>
            <ul>
              {criterion.levels.map((level) => (
                <li key={level.level}>
                  <strong>
                    {level.label}, {level.points} points:
                  </strong>{' '}
                  <Markdown text={level.descriptor} />
                  {level.example && (
                    <>
                      <span className="muted">Example: </span>
                      <Markdown text={level.example} />
                    </>
                  )}
                </li>
              ))}
            </ul>
          </div>
        ))}
        {key.modelAnswer && (
          <>
            <p className="answer-item-title">Model answer</p>
            <Markdown text={key.modelAnswer} />
          </>
        )}
      </>
    );
  return null;
}

/** The answer key of one step, under a heading of the level the page needs. */
export function AnswerKey({ answers }: { answers: StepAnswers }) {
  const { next, possible } = answers;
  return (
    <div className="answer-key">
      {possible.length > 0 && (
        <p>
          At most: <PointsList points={possible} empty="" />
        </p>
      )}
      <Key answers={answers} />
      {next && (
        <p className="muted">
          Next:{' '}
          {next.branches.map((b) => (
            <span key={`${b.when}-${b.to.id}`}>
              if {b.when}, “{b.to.title}”;{' '}
            </span>
          ))}
          {next.branches.length > 0 ? 'otherwise ' : ''}“{next.otherwise.title}”
        </p>
      )}
    </div>
  );
}
