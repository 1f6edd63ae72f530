/** The instructor page's calls to /api/marking, bound to the launch's ltik. */
import { apiRequest } from '../../shared/api.js';
import type { ItemRef, MarkBody, MarkingItem, MarkingQueue } from './types.js';

export interface MarkingApi {
  /** Every answer to mark in this activity. */
  queue(anonymous: boolean): Promise<MarkingQueue>;
  /** One answer with its rubric and marks so far. */
  item(ref: ItemRef, anonymous: boolean): Promise<MarkingItem>;
  /** Saves marks and comment; rejects with 409 when someone saved a newer version first. */
  save(ref: ItemRef, input: MarkBody, anonymous: boolean): Promise<MarkingItem>;
}

const itemPath = (ref: ItemRef, anonymous: boolean) =>
  `/marking/${encodeURIComponent(ref.attemptId)}/${encodeURIComponent(ref.stepId)}${anonymous ? '?anonymous=1' : ''}`;

/** The marking API for one launch. */
export function markingApi(ltik: string): MarkingApi {
  return {
    queue: (anonymous) =>
      apiRequest<MarkingQueue>(ltik, `/marking${anonymous ? '?anonymous=1' : ''}`),
    item: (ref, anonymous) => apiRequest<MarkingItem>(ltik, itemPath(ref, anonymous)),
    save: (ref, input, anonymous) =>
      apiRequest<MarkingItem>(ltik, itemPath(ref, anonymous), {
        method: 'PUT',
        body: JSON.stringify(input),
      }),
  };
}
