/**
 * The forms view of a draft: the case's details and steps as labelled forms, each validator problem
 * shown at the control for its field. While the source does not parse, the forms wait (disabled)
 * showing the last case that did, so nothing typed in either view is lost.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Problem } from '../types.js';
import { DetailsForm } from './DetailsForm.js';
import { getIn, type CaseDraft } from './draft.js';
import { placeProblems } from './fields.js';
import { FormContext, type FormContextValue } from './FormContext.js';
import { orAbsent } from './lists.js';
import { StepsForm } from './StepsForm.js';

interface Props {
  draft: CaseDraft;
  /** Changes one field of the case. */
  update: FormContextValue['update'];
  rename: FormContextValue['rename'];
  problems: readonly Problem[];
  framework: FormContextValue['framework'];
  /** Why the source cannot be shown as forms right now, if it cannot. */
  waiting: string | null;
  /** Receives the element the forms render into, to find a problem's control. */
  containerRef: React.RefObject<HTMLDivElement | null>;
}

const NONE: readonly Problem[] = [];

export function CaseForms({
  draft,
  update,
  rename,
  problems,
  framework,
  waiting,
  containerRef,
}: Props) {
  const [placed, setPlaced] = useState(() => new Map<string, Problem[]>());
  // Problems go to the controls on the page, so they are placed once the forms have rendered.
  useLayoutEffect(() => {
    const root = containerRef.current;
    if (!root) return;
    const exists = (id: string) => root.querySelector(`#${CSS.escape(id)}`) !== null;
    setPlaced(placeProblems(problems, draft, exists));
  }, [problems, draft, containerRef]);
  const undo = useUndoOffer(draft, update);
  const context = useMemo<FormContextValue>(
    () => ({
      draft,
      update,
      remove: undo.remove,
      rename,
      framework,
      problemsAt: (id) => placed.get(id) ?? NONE,
    }),
    [draft, update, undo.remove, rename, framework, placed],
  );
  return (
    <FormContext.Provider value={context}>
      {waiting && (
        <p role="alert" className="error">
          {waiting} The forms show the case as it last parsed and wait until the source is fixed.
        </p>
      )}
      {undo.offer}
      <div ref={containerRef} className="case-forms">
        <fieldset disabled={waiting !== null} className="forms-state">
          <legend className="visually-hidden">The case</legend>
          <DetailsForm />
          <StepsForm />
        </fieldset>
      </div>
    </FormContext.Provider>
  );
}

/** What a removal took away: the item's name and the case as it was before. */
interface Removal {
  name: string;
  before: CaseDraft;
}

/**
 * Removing a step, an option or any list item at once, with "Undo" offered (and focused, as the
 * pressed button is gone) until the next change. The offer ends with any later edit, in the forms or
 * the source, so undoing never throws away what was written after the removal.
 */
function useUndoOffer(draft: CaseDraft, update: FormContextValue['update']) {
  const [removal, setRemoval] = useState<Removal | null>(null);
  const leftBy = useRef<CaseDraft | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!removal) return;
    if (leftBy.current === null) {
      leftBy.current = draft;
      button.current?.focus();
    } else if (draft !== leftBy.current) setRemoval(null);
  }, [draft, removal]);

  const remove = useCallback(
    (path: Parameters<FormContextValue['update']>[0], index: number, name: string) => {
      const list = getIn(draft, path);
      const items = Array.isArray(list) ? (list as unknown[]) : [];
      leftBy.current = null;
      setRemoval({ name, before: draft });
      update(path, orAbsent(items.filter((_, i) => i !== index)));
    },
    [draft, update],
  );

  const offer = removal && (
    <p className="undo-offer" role="status">
      Removed {removal.name}.{' '}
      <button
        ref={button}
        type="button"
        className="secondary"
        onClick={() => {
          update([], removal.before);
          setRemoval(null);
        }}
      >
        Undo<span className="visually-hidden"> removing {removal.name}</span>
      </button>
    </p>
  );
  return { remove, offer };
}
