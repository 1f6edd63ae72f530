/**
 * Every score of the activity and where its delivery stands, failed first. The table scrolls
 * sideways inside its own box on narrow screens, so the page itself never does.
 */
import {
  deliveryName,
  detailText,
  inReviewOrder,
  progressText,
  scoreText,
  studentOf,
  targetLabel,
} from './describe.js';
import { ScrollTable } from './ScrollTable.js';
import { StatusLabel } from './StatusLabel.js';
import type { Delivery } from './types.js';

interface Props {
  deliveries: Delivery[];
  /** When the rows were loaded: decides whether a pending row's next try is already due. */
  checkedAt: number;
  /** The row whose retry is running, if any. */
  busyId: string | null;
  onRetry: (delivery: Delivery) => void;
}

export function DeliveriesTable({ deliveries, checkedAt, busyId, onRetry }: Props) {
  if (deliveries.length === 0) {
    return <p>No grades yet: each student’s grades appear here once they finish the case.</p>;
  }
  return (
    <ScrollTable
      captionId="deliveries-caption"
      caption="Grade deliveries, failed first"
      className="deliveries"
    >
      <thead>
        <tr>
          <th scope="col" className="student">
            Student
          </th>
          <th scope="col">Gradebook column</th>
          <th scope="col">From attempt</th>
          <th scope="col">Status</th>
          <th scope="col">In the gradebook</th>
          <th scope="col">Progress</th>
          <th scope="col">Details</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {inReviewOrder(deliveries).map((delivery) => (
          <DeliveryRow
            key={delivery.id}
            delivery={delivery}
            checkedAt={checkedAt}
            busy={busyId === delivery.id}
            onRetry={onRetry}
          />
        ))}
      </tbody>
    </ScrollTable>
  );
}

interface RowProps {
  delivery: Delivery;
  checkedAt: number;
  busy: boolean;
  onRetry: (delivery: Delivery) => void;
}

function DeliveryRow({ delivery, checkedAt, busy, onRetry }: RowProps) {
  const failed = delivery.status === 'failed';
  return (
    <tr className={failed ? 'delivery-failed' : undefined}>
      <th scope="row" className="student">
        {studentOf(delivery)}
      </th>
      <td>{targetLabel(delivery.target)}</td>
      <td className="number">{delivery.attemptNumber ?? '—'}</td>
      <td>
        <StatusLabel status={delivery.status} />
      </td>
      <td className="score">{scoreText(delivery)}</td>
      <td>{progressText(delivery.gradingProgress)}</td>
      <td className="details">{detailText(delivery, checkedAt)}</td>
      <td className="action">
        {failed && (
          // aria-disabled rather than disabled while it runs: a disabled button drops the focus.
          <button
            type="button"
            className="secondary"
            aria-label={`Retry grade for ${deliveryName(delivery)}`}
            aria-disabled={busy || undefined}
            onClick={() => onRetry(delivery)}
          >
            Retry
          </button>
        )}
      </td>
    </tr>
  );
}
