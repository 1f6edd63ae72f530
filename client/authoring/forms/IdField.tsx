/**
 * An id field whose references follow it: when the author leaves the field after changing the id,
 * every place in the case that named the old id names the new one (see rename.ts). Waiting for the
 * author to leave means a half-typed id is never taken for a rename.
 */
import { useRef } from 'react';
import { TextField } from './controls.js';
import { getIn, type Path } from './draft.js';
import { useForm } from './FormContext.js';
import type { Renaming } from './rename.js';

interface Props {
  path: Path;
  label: string;
  hint: string;
  /** The renaming from the id the field held on entry to the one it holds on leaving. */
  renaming: (from: string, to: string) => Renaming;
}

export function IdField({ path, label, hint, renaming }: Props) {
  const { draft, rename } = useForm();
  const before = useRef<string | null>(null);
  const idNow = () => {
    const id = getIn(draft, path);
    return typeof id === 'string' ? id : '';
  };
  return (
    <div
      onFocus={() => (before.current = idNow())}
      onBlur={() => {
        if (before.current !== null && before.current !== idNow())
          rename(renaming(before.current, idNow()));
        before.current = null;
      }}
    >
      <TextField path={path} label={label} hint={hint} />
    </div>
  );
}
