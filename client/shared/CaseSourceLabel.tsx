/**
 * Where a case comes from and whether it was reviewed, in words (colour only adds to them): shown
 * beside each case in the case picker and on the authoring page.
 */
import type { CaseSource, ReviewStatus } from '../../server/api/contract.js';

export type { CaseSource, ReviewStatus };

const SOURCE: Record<CaseSource, string> = {
  'built-in': 'Upstream case',
  institution: 'Institution case',
  course: 'Course case',
};

const REVIEW: Record<ReviewStatus, { text: string; tone: string }> = {
  reviewed: { text: 'Reviewed', tone: 'good' },
  'not-reviewed': { text: 'Not yet reviewed', tone: 'warning' },
  draft: { text: 'Draft, not published', tone: 'neutral' },
};

export function CaseSourceLabel({
  source,
  reviewStatus,
}: {
  source: CaseSource;
  reviewStatus: ReviewStatus;
}) {
  const review = REVIEW[reviewStatus];
  return (
    <span className="case-labels">
      <span className="tag tag-neutral">{SOURCE[source]}</span>{' '}
      <span className={`tag tag-${review.tone}`}>{review.text}</span>
    </span>
  );
}
