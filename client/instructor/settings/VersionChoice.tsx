/**
 * Which version of its library case an activity plays: the latest published version, or one kept
 * on purpose (a course mid-term that must not change under its students). New attempts take the
 * choice; attempts already started stay on the version they began with. Shown only for a library
 * case: a built-in case has one version.
 */
import { useEffect, useId, useState } from 'react';
import { ApiError } from '../../shared/api.js';
import { formatDateTime } from '../../shared/format.js';
import { settingsApi } from './api.js';
import type { VersionChoiceView } from './types.js';

/** The version students who start now get. */
const versionGot = (choice: { caseVersion: number | null; latestVersion: number }) =>
  choice.caseVersion ?? choice.latestVersion;

export function VersionChoice({ ltik }: { ltik: string }) {
  const id = useId();
  const [loaded, setLoaded] = useState<VersionChoiceView | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: 'status' | 'alert'; text: string } | null>(null);

  useEffect(() => {
    settingsApi(ltik)
      .versionChoice()
      .then(
        (view) => {
          setLoaded(view);
          setChosen(view.caseVersion);
        },
        (error: unknown) =>
          setOutcome({
            kind: 'alert',
            text:
              error instanceof ApiError ? error.message : 'The case versions could not be loaded.',
          }),
      );
  }, [ltik]);

  if (outcome?.kind === 'alert' && !loaded)
    return (
      <p role="alert" className="error">
        {outcome.text}
      </p>
    );
  if (!loaded?.libraryCase) return null;

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setOutcome(null);
    try {
      const saved = await settingsApi(ltik).saveVersionChoice(chosen);
      setLoaded({ ...loaded, ...saved });
      setOutcome({
        kind: 'status',
        text: `Version choice saved. Students who start now get version ${versionGot(saved)}; attempts already started stay on their version.`,
      });
    } catch (error) {
      setOutcome({
        kind: 'alert',
        text: error instanceof ApiError ? error.message : 'The version choice could not be saved.',
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={save} className="activity-form">
      <h3>Case version</h3>
      <p>
        Students who start now get <strong>version {versionGot(loaded)}</strong>
        {loaded.caseVersion === null ? ', the latest published version' : ''}.
      </p>
      <fieldset>
        <legend>Which version new attempts play</legend>
        <label>
          <input
            type="radio"
            name={`${id}-version`}
            checked={chosen === null}
            onChange={() => setChosen(null)}
          />{' '}
          Follow the latest published version (now version {loaded.latestVersion})
        </label>
        {loaded.versions.map((v) => (
          <label key={v.version}>
            <input
              type="radio"
              name={`${id}-version`}
              checked={chosen === v.version}
              onChange={() => setChosen(v.version)}
            />{' '}
            Stay on version {v.version}
            {v.publishedAt ? ` (published ${formatDateTime(v.publishedAt)})` : ''}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="secondary" aria-disabled={saving}>
        {saving ? 'Saving…' : 'Save version choice'}
      </button>
      <p role="status">{outcome?.kind === 'status' ? outcome.text : ''}</p>
      {outcome?.kind === 'alert' && (
        <p role="alert" className="error">
          {outcome.text}
        </p>
      )}
    </form>
  );
}
