/** One answer as last loaded, reloaded when it or the anonymity changes. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../shared/api.js';
import { asApiError } from '../useGrades.js';
import type { MarkingApi } from './api.js';
import type { ItemRef, MarkingItem } from './types.js';

export type ItemState =
  | { status: 'loading' }
  | { status: 'failed'; error: ApiError }
  | { status: 'ready'; item: MarkingItem };

export interface ItemControls {
  state: ItemState;
  /** Replaces the item with a newer copy (the answer to a save). */
  replace: (item: MarkingItem) => void;
  reload: () => Promise<void>;
}

export function useMarkingItem(api: MarkingApi, ref: ItemRef, anonymous: boolean): ItemControls {
  const [state, setState] = useState<ItemState>({ status: 'loading' });
  const latest = useRef(0);
  const { attemptId, stepId } = ref;

  const reload = useCallback(() => {
    const serial = ++latest.current;
    return api.item({ attemptId, stepId }, anonymous).then(
      (item) => {
        if (serial === latest.current) setState({ status: 'ready', item });
      },
      (failure: unknown) => {
        if (serial === latest.current) setState({ status: 'failed', error: asApiError(failure) });
      },
    );
  }, [api, attemptId, stepId, anonymous]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const replace = useCallback((item: MarkingItem) => {
    latest.current++;
    setState({ status: 'ready', item });
  }, []);
  return { state, replace, reload };
}
