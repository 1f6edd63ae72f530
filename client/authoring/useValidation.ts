/**
 * Checks the text with the server's validator as the author types, a moment after they pause. The
 * same answer carries the step map, which is fetched at once for the text the editor opens with.
 */
import { useEffect, useState } from 'react';
import type { LibraryApi } from './api.js';
import type { StepMapView } from './map/types.js';
import type { Problem } from './types.js';

/** Long enough not to call on every key, short enough to feel immediate. */
const PAUSE_MS = 600;

export interface Validation {
  problems: Problem[];
  /** The step map of the checked text: null when it does not parse, undefined before the first check. */
  map: StepMapView | null | undefined;
  /** True while the shown problems belong to an older text. */
  checking: boolean;
}

interface Checked {
  source: string;
  problems: Problem[];
  map: StepMapView | null | undefined;
}

/** The problems and map of `source`: `initial` problems until the text changes, then the validator's. */
export function useValidation(api: LibraryApi, source: string, initial: Problem[]): Validation {
  const [checked, setChecked] = useState<Checked>({ source, problems: initial, map: undefined });
  useEffect(() => {
    if (source === checked.source && checked.map !== undefined) return;
    let current = true;
    const timer = setTimeout(
      () => {
        api.validate(source).then(
          ({ problems, map }) => current && setChecked({ source, problems, map }),
          // A failed check leaves the last problems shown; the next edit tries again.
          () => undefined,
        );
      },
      source === checked.source ? 0 : PAUSE_MS,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, source, checked.source, checked.map]);
  return { problems: checked.problems, map: checked.map, checking: checked.source !== source };
}
