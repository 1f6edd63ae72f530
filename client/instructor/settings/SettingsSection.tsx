/**
 * The activity's settings for its instructor. An activity added by hand without a case is set up
 * here; changing points or grading regrades every finished attempt, and the page says how many.
 */
import { useEffect, useState } from 'react';
import { ApiError } from '../../shared/api.js';
import { settingsApi } from './api.js';
import { SettingsForm } from './SettingsForm.js';
import type { CatalogueCase, PlacementSettings } from './types.js';
import { VersionChoice } from './VersionChoice.js';

type State =
  | { status: 'loading' }
  | { status: 'ready'; settings: PlacementSettings | null; cases: CatalogueCase[] }
  | { status: 'failed'; message: string };

export function SettingsSection({ ltik }: { ltik: string }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState('');

  useEffect(() => {
    const api = settingsApi(ltik);
    Promise.all([api.load(), api.cases()]).then(
      ([loaded, cases]) => setState({ status: 'ready', settings: loaded.settings, cases }),
      (error: unknown) =>
        setState({
          status: 'failed',
          message: error instanceof ApiError ? error.message : 'The settings could not be loaded.',
        }),
    );
  }, [ltik]);

  if (state.status === 'loading') return <p role="status">Loading the activity settings…</p>;
  if (state.status === 'failed') return <p role="alert">{state.message}</p>;

  const save = async (input: Parameters<ReturnType<typeof settingsApi>['save']>[0]) => {
    setSaving(true);
    try {
      const saved = await settingsApi(ltik).save(input);
      setState({ ...state, settings: saved.settings });
      setOutcome(
        saved.regraded > 0
          ? `Settings saved. ${saved.regraded} student(s) regraded; their new scores are being sent.`
          : 'Settings saved.',
      );
    } catch (error) {
      setOutcome(error instanceof ApiError ? error.message : 'The settings could not be saved.');
    } finally {
      setSaving(false);
    }
  };

  return (
    <section aria-labelledby="settings-heading" className="panel">
      <h2 id="settings-heading">{state.settings ? 'Activity settings' : 'Set up this activity'}</h2>
      {!state.settings && (
        <p>This activity has no case yet. Students see "not set up yet" until you choose one.</p>
      )}
      <SettingsForm
        key={state.settings?.caseId ?? 'new'}
        settings={state.settings}
        cases={state.cases}
        saving={saving}
        onSave={save}
      />
      <p role="status">{outcome}</p>
      {state.settings && <VersionChoice key={`versions-${state.settings.caseId}`} ltik={ltik} />}
    </section>
  );
}
