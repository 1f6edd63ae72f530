/**
 * An opened library case: its text in both views, the validator's problems, and saving (a conflict
 * with someone else's save is shown and the author's text kept) and publishing.
 */
import { useReducer, useState } from 'react';
import { ApiError } from '../../shared/api.js';
import type { LibraryApi } from '../api.js';
import type { CaseWithProblems, LibraryCase } from '../types.js';
import { useValidation } from '../useValidation.js';
import { draftReducer, fromText } from './draftText.js';

export type Message = { kind: 'status' | 'alert'; text: string } | null;

const messageOf = (error: unknown) =>
  error instanceof ApiError ? error.message : 'Something went wrong. Please try again.';

export function useDraftSession(
  api: LibraryApi,
  opened: CaseWithProblems,
  /** Called after a save or publish, so the list shows the new title and version. */
  onChanged: (updated: LibraryCase) => void,
  /** Opens the student's view of the saved draft (the preview page). */
  onPreview: (caseId: string) => void,
) {
  const [saved, setSaved] = useState(opened.case);
  const [text, dispatch] = useReducer(draftReducer, opened.case.draft.source, (s) => fromText(s));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const validation = useValidation(api, text.source, opened.problems);
  const dirty = text.source !== saved.draft.source;

  function took(result: LibraryCase) {
    setSaved(result);
    dispatch({ type: 'source', text: result.draft.source });
    onChanged(result);
  }

  /** Saves when the text changed; returns the saved case, or null after a refusal. */
  async function save(): Promise<LibraryCase | null> {
    if (!dirty) return saved;
    try {
      const result = await api.save(saved.id, text.source, saved.draft.revision);
      took(result.case);
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
        took(result.case);
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
      const firstError = validation.problems.find((p) => p.severity === 'error');
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

  return {
    saved,
    ...text,
    dispatch,
    ...validation,
    busy,
    message,
    dirty,
    onSave,
    onPublish,
    onPreviewDraft,
  };
}

export type DraftSession = ReturnType<typeof useDraftSession>;
