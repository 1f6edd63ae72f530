/**
 * Retrying failed grades: one row's, or all of them. Says what happened in a message next to the
 * table. Focus stays on the button that was pressed while it is still there; a row's button goes away
 * once its grade is no longer failed, so focus then moves to the message, which tells what happened.
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { plural } from '../shared/format.js';
import type { GradesApi } from './api.js';
import { deliveryName } from './describe.js';
import type { Delivery, GradesOverview } from './types.js';
import { asApiError, type Reload } from './useGrades.js';

export interface Outcome {
  text: string;
  tone: 'info' | 'error';
  /** Move focus to the message (the button that was pressed is gone). */
  focus: boolean;
  /** New for every outcome, so that the same text twice still moves focus twice. */
  serial: number;
}

export interface RetryControls {
  /** 'all', a delivery id, or null when no retry is running. */
  busy: string | null;
  outcome: Outcome | null;
  /** Give this to the message element (with tabIndex={-1}). */
  outcomeRef: RefObject<HTMLParagraphElement | null>;
  retryOne: (delivery: Delivery) => void;
  retryAll: () => void;
}

const stillFailed = (grades: GradesOverview | null, id: string) =>
  grades?.deliveries.some((d) => d.id === id && d.status === 'failed') ?? false;

/** Retry actions for the grades table; `announce` speaks results when the focus does not move. */
export function useRetry(
  api: GradesApi,
  reload: Reload,
  announce: (text: string) => void,
): RetryControls {
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Holds between a click and the re-render that marks the button busy.
  const busyRef = useRef(false);
  const outcomeRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (outcome?.focus) outcomeRef.current?.focus();
  }, [outcome]);

  const report = useCallback(
    (text: string, tone: Outcome['tone'], focus: boolean) => {
      setOutcome((previous) => ({ text, tone, focus, serial: (previous?.serial ?? 0) + 1 }));
      // The focused message is read out on focus; announcing it as well would say it twice.
      if (!focus) announce(text);
    },
    [announce],
  );

  const run = useCallback(
    async (
      key: string,
      request: () => Promise<{ retried: number }>,
      describe: (retried: number, grades: GradesOverview | null) => [string, boolean],
    ) => {
      if (busyRef.current) return;
      busyRef.current = true;
      setBusy(key);
      try {
        const { retried } = await request();
        const grades = await reload();
        const [text, focus] = describe(retried, grades);
        report(text, 'info', focus);
      } catch (failure) {
        // The button is still there (nothing changed): focus stays on it, the reason is spoken.
        report(`The retry did not go through: ${asApiError(failure).message}`, 'error', false);
      } finally {
        busyRef.current = false;
        setBusy(null);
      }
    },
    [reload, report],
  );

  const retryOne = useCallback(
    (delivery: Delivery) =>
      void run(
        delivery.id,
        () => api.retry([delivery.id]),
        (retried, grades) => {
          const name = deliveryName(delivery);
          const text =
            retried > 0
              ? `The grade for ${name} is queued to be sent again.`
              : `The grade for ${name} had already left the failed list; the table shows where it stands.`;
          return [text, !stillFailed(grades, delivery.id)];
        },
      ),
    [api, run],
  );

  const retryAll = useCallback(
    () =>
      void run(
        'all',
        () => api.retry(),
        (retried) => [
          retried > 0
            ? `${plural(retried, 'failed grade')} queued to be sent again.`
            : 'There were no failed grades to retry.',
          // "Retry all failed" stays on the page (it only becomes unavailable): focus stays on it.
          false,
        ],
      ),
    [api, run],
  );

  return { busy, outcome, outcomeRef, retryOne, retryAll };
}
