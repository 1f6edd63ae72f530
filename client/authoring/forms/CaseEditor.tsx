/**
 * An opened case: the forms view and the source view of its draft (kept in step through the
 * session), saving and publishing, and the validator's problems, each leading to its field in the
 * forms or its line in the source.
 */
import { useMemo, useRef } from 'react';
import type { EditorHandle } from '../CodeEditor.js';
import { Guidance } from '../Guidance.js';
import { StepMapPanel } from '../map/StepMapPanel.js';
import { ProblemList } from '../ProblemList.js';
import { SourceEditor } from '../SourceEditor.js';
import type { Problem } from '../types.js';
import { CaseForms } from './CaseForms.js';
import { candidateIds } from './fields.js';
import type { FormContextValue } from './FormContext.js';
import { focusField } from './StepsForm.js';
import type { DraftSession } from './useDraftSession.js';
import './forms.css';

export type View = 'forms' | 'source';

interface Props {
  session: DraftSession;
  framework: FormContextValue['framework'];
  /** Which view shows the draft: the page keeps it, so the next case opens in the same one. */
  view: View;
  onViewChange: (view: View) => void;
}

export function CaseEditor({ session, framework, view, onViewChange: setView }: Props) {
  const editor = useRef<EditorHandle | null>(null);
  /** A line to move to once the source editor has loaded (a problem the forms do not show). */
  const pendingLine = useRef<number | null>(null);
  const forms = useRef<HTMLDivElement | null>(null);
  const { saved, problems, checking, busy, message, dirty } = session;
  const errors = useMemo(() => problems.filter((p) => p.severity === 'error').length, [problems]);

  // The editor exists a moment after the source view is shown (and its code loads the first time):
  // a line asked for before then waits for it rather than going to an editor that is not there.
  const goToLine = (line: number) => {
    if (view === 'source' && editor.current) editor.current.goToLine(line);
    else {
      pendingLine.current = line;
      setView('source');
    }
  };
  const goTo = (problem: Problem): (() => void) | null => {
    const ids = view === 'forms' ? candidateIds(problem, session.draft) : [];
    if (ids.length === 0 && problem.line === null) return null;
    return () => {
      const root = forms.current;
      const field = ids
        .map((id) => root?.querySelector<HTMLElement>(`#${CSS.escape(id)}`))
        .find(Boolean);
      if (field) focusField(field);
      else if (problem.line !== null) goToLine(problem.line);
    };
  };
  const onEditorReady = (handle: EditorHandle | null) => {
    editor.current = handle;
    if (handle && pendingLine.current !== null) handle.goToLine(pendingLine.current);
    pendingLine.current = null;
  };

  const summary = checking
    ? 'Checking…'
    : `${errors} error${errors === 1 ? '' : 's'}, ${problems.length - errors} warning${problems.length - errors === 1 ? '' : 's'}`;

  return (
    <section aria-labelledby="editor-heading" className="source-editor">
      <h2 id="editor-heading">
        {view === 'source' ? `Source of ${saved.title}` : `Edit ${saved.title}`}
      </h2>
      <div role="group" aria-label="Edit the case with" className="view-switch">
        <button
          type="button"
          className="secondary"
          aria-pressed={view === 'forms'}
          onClick={() => setView('forms')}
        >
          Forms
        </button>
        <button
          type="button"
          className="secondary"
          aria-pressed={view === 'source'}
          onClick={() => setView('source')}
        >
          Source (YAML)
        </button>
      </div>
      <Guidance />
      {view === 'forms' ? (
        <CaseForms
          draft={session.draft}
          update={(path, value) => session.dispatch({ type: 'edit', path, value })}
          rename={(renaming) => session.dispatch({ type: 'rename', renaming })}
          problems={problems}
          framework={framework}
          waiting={session.waiting}
          containerRef={forms}
        />
      ) : (
        <SourceEditor
          source={session.source}
          onChange={(text) => session.dispatch({ type: 'source', text })}
          problems={problems}
          onReady={onEditorReady}
        />
      )}
      {saved.canEdit && (
        <div className="editor-actions">
          <button type="button" className="secondary" onClick={session.onSave} aria-disabled={busy}>
            Save draft
          </button>
          <button
            type="button"
            className="primary"
            onClick={session.onPublish}
            aria-disabled={busy}
          >
            Publish version {saved.latestVersion + 1}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={session.onPreviewDraft}
            aria-disabled={busy}
          >
            Preview as a student
          </button>
          <span className="muted">{dirty ? 'Unsaved changes' : 'All changes saved'}</span>
        </div>
      )}
      <div role="status" className="editor-message">
        {message?.kind === 'status' ? message.text : ''}
      </div>
      {message?.kind === 'alert' && (
        <p role="alert" className="error">
          {message.text}
        </p>
      )}
      <h3>
        Problems <span className="muted">({summary})</span>
      </h3>
      <div aria-live="polite" aria-busy={checking}>
        <p className="visually-hidden">{checking ? '' : summary}</p>
        <ProblemList problems={problems} goTo={goTo} />
      </div>
      <StepMapPanel
        map={session.map}
        onSelectStep={(stepId) => {
          // A step is shown as a problem without a field would be: its fieldset, or its line.
          const line = session.map?.nodes.find((n) => n.id === stepId)?.line ?? null;
          goTo({
            severity: 'warning',
            message: '',
            step: stepId,
            field: null,
            line,
            column: null,
          })?.();
        }}
      />
    </section>
  );
}
