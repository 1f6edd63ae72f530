/** How many grades are pending, sent and failed, in words, with when the numbers were taken. */
import { StatusIcon } from './StatusLabel.js';
import type { DeliveryCounts, DeliveryStatus } from './types.js';
import { REFRESH_SECONDS } from './useGrades.js';

const ORDER: DeliveryStatus[] = ['pending', 'sent', 'failed'];
// With seconds: a refresh a few seconds later must visibly change the time.
const TIME = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

interface Props {
  counts: DeliveryCounts;
  loadedAt: number;
}

export function GradeCounts({ counts, loadedAt }: Props) {
  return (
    <>
      <ul className="grade-counts" aria-label="Grades by delivery status">
        {ORDER.map((status) => (
          <li key={status} className={`grade-count grade-count-${status}`}>
            <StatusIcon status={status} />
            <strong>{counts[status]}</strong> {status}
          </li>
        ))}
      </ul>
      <p className="muted">
        As of {TIME.format(loadedAt)}
        {counts.pending > 0 &&
          `; checking again every ${REFRESH_SECONDS} seconds while grades are pending`}
        .
      </p>
    </>
  );
}
