/** The fields of an activity's settings; the case can be chosen only while no student has started. */
import { useId, useState } from 'react';
import { ActivityFields } from '../../shared/activity/ActivityFields.js';
import { draftFrom, settingsFrom } from '../../shared/activity/draft.js';
import type { CatalogueCase, PlacementSettings, SettingsInput } from './types.js';

interface Props {
  settings: PlacementSettings | null;
  cases: CatalogueCase[];
  saving: boolean;
  onSave: (input: SettingsInput) => void;
}

export function SettingsForm({ settings, cases, saving, onSave }: Props) {
  const id = useId();
  const [caseId, setCaseId] = useState(settings?.caseId ?? '');
  const [draft, setDraft] = useState(() => draftFrom(settings));
  const [problem, setProblem] = useState<string | null>(null);
  const caseLocked = (settings?.attemptsStarted ?? 0) > 0;
  const caseSummary = cases.find((c) => c.id === caseId);

  const chooseCase = (id: string) => {
    setCaseId(id);
    // Weights belong to a case: another case starts from its own.
    setDraft({ ...draft, weights: {} });
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!caseSummary) return setProblem('Choose the case this activity plays.');
    const checked = settingsFrom(draft, caseSummary);
    if ('problem' in checked) return setProblem(checked.problem);
    setProblem(null);
    onSave({ ...(caseLocked ? {} : { caseId }), ...checked.settings });
  };

  return (
    <form onSubmit={submit} noValidate className="activity-form">
      <label htmlFor={`${id}-case`} className="field-label">
        Case
      </label>
      <select
        id={`${id}-case`}
        value={caseId}
        onChange={(e) => chooseCase(e.target.value)}
        disabled={caseLocked}
        aria-describedby={caseLocked ? `${id}-locked` : undefined}
      >
        <option value="">Choose a case…</option>
        {cases.map((c) => (
          <option key={c.id} value={c.id}>
            {c.title} (about {c.estimatedMinutes} minutes)
          </option>
        ))}
      </select>
      {caseLocked && (
        <p id={`${id}-locked`} className="muted">
          Students have started, so the case cannot change.
        </p>
      )}
      <ActivityFields draft={draft} onChange={setDraft} caseSummary={caseSummary} />
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <button type="submit" className="primary" aria-disabled={saving}>
        {saving ? 'Saving…' : settings ? 'Save settings' : 'Set up this activity'}
      </button>
    </form>
  );
}
