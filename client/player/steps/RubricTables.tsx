/**
 * How a free-text answer will be marked: what makes it "not yet" whatever else it does, then one
 * table per criterion, its levels and what each means. It folds away (a disclosure) so that it never
 * stands between the student and the text box.
 */
import { Markdown } from '../../shared/Markdown.js';
import type { RubricCriterion } from '../types.js';

interface Props {
  rubric: RubricCriterion[];
  automaticNotYet: string[];
  marked: boolean;
  /** Open at first: where it sits beside the box, not where it would push the page down. */
  open: boolean;
}

export function RubricTables({ rubric, automaticNotYet, marked, open }: Props) {
  return (
    <details className="rubric" open={open}>
      <summary>{marked ? 'How your answer will be marked' : 'What a strong answer does'}</summary>
      <p className="hint">
        {marked
          ? 'An instructor marks your answer against these criteria.'
          : 'This answer is practice: it is not marked and does not count towards your grade. Use these criteria to judge your own answer.'}
      </p>
      {automaticNotYet.length > 0 && (
        <>
          <p>Whatever else it does, an answer is “Not yet” if it has:</p>
          <ul className="automatic-not-yet">
            {automaticNotYet.map((trigger, i) => (
              <li key={i}>
                <Markdown text={trigger} phrasing />
              </li>
            ))}
          </ul>
        </>
      )}
      {/* One narrow table per criterion (rather than criteria × levels) fits a phone's width. */}
      {rubric.map((criterion) => (
        <table key={criterion.id} className="rubric-table">
          <caption>
            {criterion.title}{' '}
            <span className="muted">
              ({criterion.competency.title}, {criterion.competency.id})
            </span>
          </caption>
          <thead>
            <tr>
              <th scope="col">Level</th>
              <th scope="col">What it looks like</th>
            </tr>
          </thead>
          <tbody>
            {criterion.levels.map((level) => (
              <tr key={level.level}>
                <th scope="row">{level.label}</th>
                <td>
                  <Markdown text={level.descriptor} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </details>
  );
}
