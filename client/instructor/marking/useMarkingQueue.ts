/** The marking queue as last loaded, and a reload (after a save, or when anonymity changes). */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../shared/api.js';
import { asApiError } from '../useGrades.js';
import type { MarkingApi } from './api.js';
import type { QueueItem } from './types.js';

export type QueueState =
  | { status: 'loading' }
  | { status: 'not-set-up' }
  | { status: 'failed'; error: ApiError }
  | { status: 'ready'; items: QueueItem[]; markingOn: boolean };

export function useMarkingQueue(
  api: MarkingApi,
  anonymous: boolean,
): [QueueState, () => Promise<void>] {
  const [state, setState] = useState<QueueState>({ status: 'loading' });
  // Answers can arrive out of order (anonymity toggled twice quickly): only the newest counts.
  const latest = useRef(0);

  const load = useCallback(() => {
    const serial = ++latest.current;
    return api.queue(anonymous).then(
      (queue) => {
        if (serial === latest.current)
          setState({ status: 'ready', items: queue.items, markingOn: queue.markingOn });
      },
      (failure: unknown) => {
        if (serial !== latest.current) return;
        const error = asApiError(failure);
        setState(error.status === 404 ? { status: 'not-set-up' } : { status: 'failed', error });
      },
    );
  }, [api, anonymous]);

  useEffect(() => {
    void load();
  }, [load]);
  return [state, load];
}
