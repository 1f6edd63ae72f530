/** What the AGS tests of both profiles share: the service media types and a score body. */

export const LINEITEM = 'application/vnd.ims.lis.v2.lineitem+json';
export const CONTAINER = 'application/vnd.ims.lis.v2.lineitemcontainer+json';
export const SCORE = 'application/vnd.ims.lis.v1.score+json';
export const RESULTS = 'application/vnd.ims.lis.v2.resultcontainer+json';

/** A score body out of 10, completed and fully graded unless `extra` says otherwise. */
export function score(
  userId: string,
  scoreGiven: number,
  timestamp: string,
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    userId,
    scoreGiven,
    scoreMaximum: 10,
    activityProgress: 'Completed',
    gradingProgress: 'FullyGraded',
    timestamp,
    ...extra,
  });
}
