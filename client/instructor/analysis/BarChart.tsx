/**
 * A horizontal bar chart in SVG with its numbers printed beside the bars, and the same numbers as a
 * table for those who would rather read (or whose screen reader reads tables best). Meaning never
 * rests on colour: a bar's tags ("best", "harmful") are printed words.
 */
import type { Count } from './types.js';
import { share } from './describe.js';

export interface Bar {
  key: string;
  label: string;
  value: Count | null;
  /** The printed number, e.g. "5 (45%)" or "fewer than 5". */
  valueText: string;
  /** Words printed after the label, e.g. ["best"]; "harmful" also draws the bar hatched. */
  tags?: string[];
}

interface Props {
  caption: string;
  bars: Bar[];
  /** The value of a full-length bar. */
  max: number;
  /** The table's column headings: the label's and the value's. */
  columns: [string, string];
}

export function BarChart({ caption, bars, max, columns }: Props) {
  return (
    <figure className="bar-chart">
      <figcaption>{caption}</figcaption>
      <ul>
        {bars.map((bar) => (
          <li key={bar.key}>
            <span className="bar-label">
              {bar.label}
              {bar.tags?.map((tag) => (
                <strong key={tag} className={`bar-tag bar-tag-${tag}`}>
                  {' '}
                  ({tag})
                </strong>
              ))}
            </span>
            <span className="bar-row">
              <svg className="bar-track" aria-hidden="true" focusable="false" height="14">
                <rect
                  className={bar.tags?.includes('harmful') ? 'bar bar-harmful' : 'bar'}
                  x="0"
                  y="0"
                  height="14"
                  width={`${Math.round(share(bar.value, max) * 100)}%`}
                />
              </svg>
              <span className="bar-value">{bar.valueText}</span>
            </span>
          </li>
        ))}
      </ul>
      <details>
        <summary>Show as a table</summary>
        <table className="dashboard-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{columns[0]}</th>
              <th scope="col" className="number">
                {columns[1]}
              </th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.key}>
                <th scope="row">
                  {bar.label}
                  {bar.tags?.length ? ` (${bar.tags.join(', ')})` : ''}
                </th>
                <td className="number">{bar.valueText}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
