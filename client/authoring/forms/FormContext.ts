/** What every form control needs: the case, a way to change one field, and the problems placed at it. */
import { createContext, useContext } from 'react';
import type { Problem } from '../types.js';
import type { CaseDraft, Path } from './draft.js';
import type { Renaming } from './rename.js';

export interface FormContextValue {
  draft: CaseDraft;
  update: (path: Path, value: unknown) => void;
  /** Removes item `index` of the list at `path` (named `name`), offering to undo it. */
  remove: (path: Path, index: number, name: string) => void;
  /** After a step's or an option's id changed: every reference to it follows. */
  rename: (renaming: Renaming) => void;
  /** The problems shown at the control with this id. */
  problemsAt: (id: string) => readonly Problem[];
  /** The framework's competencies, for scores, points and rubric criteria. */
  framework: readonly { id: string; title: string }[];
}

export const FormContext = createContext<FormContextValue | null>(null);

/** The forms' context; only controls inside CaseForms use it. */
export function useForm(): FormContextValue {
  const context = useContext(FormContext);
  if (!context) throw new Error('useForm outside CaseForms');
  return context;
}
