/**
 * Per-competency percentages per student, with the class mean underneath. Every cell prints its
 * value; the colour (the framework's level band) is only an extra cue, explained by the legend.
 */
import { ScrollTable } from '../ScrollTable.js';
import { levelOf, percentText, studentName } from './describe.js';
import type { Dashboard, Level } from './types.js';

type Props = Pick<Dashboard, 'students' | 'competencies' | 'heatmap'>;

export function Heatmap({ students, competencies, heatmap }: Props) {
  const scored = students.filter((s) => Object.values(s.competencies).some((v) => v !== null));
  return (
    <>
      <Legend levels={heatmap.levels} />
      {scored.length === 0 ? (
        <p>No scores yet: a student’s competencies appear here once they finish the case.</p>
      ) : (
        <ScrollTable
          captionId="class-heatmap-caption"
          caption="Competency scores by student (the attempt that counts)"
          className="dashboard-table heatmap"
        >
          <thead>
            <tr>
              <th scope="col" className="student">
                Student
              </th>
              {competencies.map((c) => (
                <th key={c.id} scope="col">
                  <abbr title={c.title}>{c.id}</abbr>
                  <span className="competency-title">{c.title}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {scored.map((student) => (
              <tr key={student.id}>
                <th scope="row" className="student">
                  {studentName(student)}
                </th>
                {competencies.map((c) => (
                  <HeatCell
                    key={c.id}
                    levels={heatmap.levels}
                    value={student.competencies[c.id] ?? null}
                  />
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" className="student">
                Class mean
              </th>
              {competencies.map((c) => (
                <HeatCell key={c.id} levels={heatmap.levels} value={heatmap.means[c.id] ?? null} />
              ))}
            </tr>
          </tfoot>
        </ScrollTable>
      )}
    </>
  );
}

function HeatCell({ value, levels }: { value: number | null; levels: Level[] }) {
  const level = value === null ? undefined : levelOf(levels, value);
  return <td className={`number heat heat-${level?.id ?? 'none'}`}>{percentText(value)}</td>;
}

function Legend({ levels }: { levels: Level[] }) {
  return (
    <ul className="heat-legend" aria-label="Colour key">
      {levels.map((level, i) => {
        const next = levels[i + 1];
        return (
          <li key={level.id}>
            <span className={`heat-swatch heat-${level.id}`} aria-hidden="true" />
            {level.label}: {level.minPercent}%{next ? `–${next.minPercent - 1}%` : ' and above'}
          </li>
        );
      })}
    </ul>
  );
}
