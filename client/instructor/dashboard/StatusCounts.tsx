/** How many students are at each stage, in words. */
import { STATUS_ORDER, STATUS_WORDS, statusCounts } from './describe.js';
import type { DashboardStudent } from './types.js';

export function StatusCounts({ students }: { students: DashboardStudent[] }) {
  const counts = statusCounts(students);
  return (
    <ul className="grade-counts" aria-label="Students by status">
      {STATUS_ORDER.map((status) => (
        <li key={status} className="grade-count">
          <strong>{counts[status]}</strong> {STATUS_WORDS[status].toLowerCase()}
        </li>
      ))}
    </ul>
  );
}
