/**
 * The forms view of a draft: the case's details and steps as labelled forms, each validator problem
 * shown at the control for its field. While the source does not parse, the forms wait (disabled)
 * showing the last case that did, so nothing typed in either view is lost.
 */
import { useLayoutEffect, useMemo, useState } from 'react';
import type { Problem } from '../types.js';
import { DetailsForm } from './DetailsForm.js';
import type { CaseDraft } from './draft.js';
import { placeProblems } from './fields.js';
import { FormContext, type FormContextValue } from './FormContext.js';
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
  const context = useMemo<FormContextValue>(
    () => ({ draft, update, rename, framework, problemsAt: (id) => placed.get(id) ?? NONE }),
    [draft, update, rename, framework, placed],
  );
  return (
    <FormContext.Provider value={context}>
      {waiting && (
        <p role="alert" className="error">
          {waiting} The forms show the case as it last parsed and wait until the source is fixed.
        </p>
      )}
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
