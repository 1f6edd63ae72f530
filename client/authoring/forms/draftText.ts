/**
 * The opened draft in its two views, kept in step: the YAML text (what is saved) and the case
 * object the forms edit. A forms edit rewrites the text; a source edit re-parses the object when the
 * text parses, and otherwise keeps the last object that did and says why the forms wait.
 */
import { caseToText, parseCaseText } from './caseYaml.js';
import { setIn, type CaseDraft, type Path } from './draft.js';
import { applyRenaming, type Renaming } from './rename.js';

export interface DraftText {
  source: string;
  /** The case as the text last parsed. */
  draft: CaseDraft;
  /** Why the text does not parse now, or null. */
  waiting: string | null;
}

export type DraftAction =
  | { type: 'source'; text: string }
  /** One field changed in the forms; `undefined` removes it. */
  | { type: 'edit'; path: Path; value: unknown }
  /** A step's or an option's id changed in the forms: references follow it. */
  | { type: 'rename'; renaming: Renaming };

/** The two views of `text`; a text that does not parse shows as an empty case in the forms. */
export function fromText(text: string, previous: CaseDraft = {}): DraftText {
  const parsed = parseCaseText(text);
  return parsed.ok
    ? { source: text, draft: parsed.value, waiting: null }
    : { source: text, draft: previous, waiting: parsed.message };
}

export function draftReducer(state: DraftText, action: DraftAction): DraftText {
  if (action.type === 'source')
    return action.text === state.source ? state : fromText(action.text, state.draft);
  const draft =
    action.type === 'edit'
      ? setIn(state.draft, action.path, action.value)
      : applyRenaming(state.draft, action.renaming);
  if (draft === state.draft) return state;
  return { source: caseToText(draft, state.source), draft, waiting: null };
}
