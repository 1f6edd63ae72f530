/** Checks the text with the server's validator as the author types, a moment after they pause. */
import { useEffect, useState } from 'react';
import type { LibraryApi } from './api.js';
import type { Problem } from './types.js';

/** Long enough not to call on every key, short enough to feel immediate. */
const PAUSE_MS = 600;

export interface Validation {
  problems: Problem[];
  /** True while the shown problems belong to an older text. */
  checking: boolean;
}

/** The problems of `source`: `initial` until the text changes, then the validator's. */
export function useValidation(api: LibraryApi, source: string, initial: Problem[]): Validation {
  const [checked, setChecked] = useState({ source, problems: initial });
  useEffect(() => {
    if (source === checked.source) return;
    let current = true;
    const timer = setTimeout(() => {
      api.validate(source).then(
        ({ problems }) => current && setChecked({ source, problems }),
        // A failed check leaves the last problems shown; the next edit tries again.
        () => undefined,
      );
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, source, checked.source]);
  return { problems: checked.problems, checking: checked.source !== source };
}
