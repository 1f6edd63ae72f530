/**
 * "Edit source": a library case's YAML with the validator's problems as the author types, saving
 * (a conflict with someone else's save is shown and the author's text kept) and publishing.
 */
import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import { ApiError } from '../shared/api.js';
import type { LibraryApi } from './api.js';
import type { EditorHandle } from './CodeEditor.js';
import { Guidance } from './Guidance.js';
import { StepMapPanel } from './map/StepMapPanel.js';
import { ProblemList } from './ProblemList.js';
import type { CaseWithProblems, LibraryCase } from './types.js';
import { useValidation } from './useValidation.js';

const CodeEditor = lazy(() => import('./CodeEditor.js'));

interface Props {
  api: LibraryApi;
  opened: CaseWithProblems;
  /** Called after a save or publish, so the list shows the new title and version. */
  onChanged: (updated: LibraryCase) => void;
  /** Opens the student's view of the saved draft (the preview page). */
  onPreview: (caseId: string) => void;
}

type Message = { kind: 'status' | 'alert'; text: string } | null;

const messageOf = (error: unknown) =>
  error instanceof ApiError ? error.message : 'Something went wrong. Please try again.';

export function SourceEditor({ api, opened, onChanged, onPreview }: Props) {
  const [saved, setSaved] = useState(opened.case);
  const [source, setSource] = useState(opened.case.draft.source);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const editor = useRef<EditorHandle | null>(null);
  const { problems, map, checking } = useValidation(api, source, opened.problems);
  const errors = useMemo(() => problems.filter((p) => p.severity === 'error').length, [problems]);
  const dirty = source !== saved.draft.source;

  /** Saves when the text changed; returns the saved case, or null after a refusal. */
  async function save(): Promise<LibraryCase | null> {
    if (!dirty) return saved;
    try {
      const result = await api.save(saved.id, source, saved.draft.revision);
      setSaved(result.case);
      setSource(result.case.draft.source);
      onChanged(result.case);
      return result.case;
    } catch (error) {
      setMessage({ kind: 'alert', text: messageOf(error) });
      return null;
    }
  }

  async function run(action: () => Promise<void>) {
    // The buttons stay focusable while busy (aria-disabled): a second click does nothing.
    if (busy) return;
    setBusy(true);
    setMessage(null);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  }

  const onSave = () =>
    run(async () => {
      const result = await save();
      if (result)
        setMessage({ kind: 'status', text: `Draft saved (revision ${result.draft.revision}).` });
    });

  const onPublish = () =>
    run(async () => {
      const current = await save();
      if (!current) return;
      try {
        const result = await api.publish(current.id, current.draft.revision);
        setSaved(result.case);
        setSource(result.case.draft.source);
        onChanged(result.case);
        setMessage({
          kind: 'status',
          text: `Published version ${result.version}. New attempts in activities that follow the latest version use it; attempts already started stay on theirs.`,
        });
      } catch (error) {
        setMessage({ kind: 'alert', text: messageOf(error) });
      }
    });

  // The preview plays the saved draft, and only once it validates: say so here rather than there.
  const onPreviewDraft = () =>
    run(async () => {
      const firstError = problems.find((p) => p.severity === 'error');
      if (firstError) {
        setMessage({
          kind: 'alert',
          text: `Fix the errors before previewing. First: ${firstError.message}`,
        });
        return;
      }
      const current = await save();
      if (current) onPreview(current.id);
    });

  const summary = checking
    ? 'Checking…'
    : `${errors} error${errors === 1 ? '' : 's'}, ${problems.length - errors} warning${problems.length - errors === 1 ? '' : 's'}`;

  return (
    <section aria-labelledby="source-heading" className="source-editor">
      <h2 id="source-heading">Source of {saved.title}</h2>
      <p className="muted">
        The case in YAML, the format of Upstream's case files. It is checked as you type; each
        problem below leads to its line.
      </p>
      <Guidance />
      <Suspense fallback={<p role="status">Loading the editor…</p>}>
        <CodeEditor
          value={source}
          onChange={setSource}
          problems={problems}
          onReady={(handle) => (editor.current = handle)}
        />
      </Suspense>
      {saved.canEdit && (
        <div className="editor-actions">
          <button type="button" className="secondary" onClick={onSave} aria-disabled={busy}>
            Save draft
          </button>
          <button type="button" className="primary" onClick={onPublish} aria-disabled={busy}>
            Publish version {saved.latestVersion + 1}
          </button>
          <button type="button" className="secondary" onClick={onPreviewDraft} aria-disabled={busy}>
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
        <ProblemList problems={problems} onGoToLine={(line) => editor.current?.goToLine(line)} />
      </div>
      <StepMapPanel
        map={map}
        onSelectStep={(stepId) => {
          const line = map?.nodes.find((n) => n.id === stepId)?.line;
          if (line) editor.current?.goToLine(line);
        }}
      />
    </section>
  );
}
