/**
 * A delivery's status as a word with an icon and a colour. The word carries the meaning; icon and
 * colour only help the eye find failures in a long table (WCAG 1.4.1: not colour or shape alone).
 */
import { STATUS_WORDS } from './describe.js';
import type { DeliveryStatus } from './types.js';

const TAG_CLASS: Record<DeliveryStatus, string> = {
  sent: 'tag tag-good',
  pending: 'tag tag-neutral',
  failed: 'tag tag-harm',
};

// 16 x 16 outlines drawn in the text colour: a tick, a clock, a cross.
const ICON_PATHS: Record<DeliveryStatus, string> = {
  sent: 'M3.5 8.5l3 3 6-7',
  pending: 'M8 4.5V8l2.5 1.5M8 1.75a6.25 6.25 0 1 0 0 12.5 6.25 6.25 0 0 0 0-12.5z',
  failed: 'M4.5 4.5l7 7M11.5 4.5l-7 7',
};

/** The icon alone, hidden from assistive technology: always placed next to the status word. */
export function StatusIcon({ status }: { status: DeliveryStatus }) {
  return (
    <svg
      className="status-icon"
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d={ICON_PATHS[status]}
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function StatusLabel({ status }: { status: DeliveryStatus }) {
  return (
    <span className={`${TAG_CLASS[status]} status-label`}>
      <StatusIcon status={status} />
      {STATUS_WORDS[status]}
    </span>
  );
}
