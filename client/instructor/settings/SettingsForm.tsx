/** The fields of an activity's settings; the case can be chosen only while no student has started. */
import { useId, useState } from 'react';
import { GradingFields } from '../../shared/GradingFields.js';
import type { CaseChoice, GradingMode, Settings, SettingsInput } from './types.js';

interface Props {
  settings: Settings | null;
  cases: CaseChoice[];
  saving: boolean;
  onSave: (input: SettingsInput) => void;
}

/** An ISO date as the value of a datetime-local input (local time). */
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

export function SettingsForm({ settings, cases, saving, onSave }: Props) {
  const id = useId();
  const [caseId, setCaseId] = useState(settings?.caseId ?? '');
  const [unlimited, setUnlimited] = useState(settings ? settings.attemptsAllowed === null : true);
  const [attempts, setAttempts] = useState(String(settings?.attemptsAllowed ?? 1));
  const [fresh, setFresh] = useState(settings?.newAttemptStartsFresh ?? true);
  const [due, setDue] = useState(toLocalInput(settings?.dueAt ?? null));
  const [mode, setMode] = useState<GradingMode>(settings?.grading.mode ?? 'overall');
  const [points, setPoints] = useState(String(settings?.grading.pointsPossible ?? 100));
  const [problem, setProblem] = useState<string | null>(null);
  const caseLocked = (settings?.attemptsStarted ?? 0) > 0;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const pointsPossible = Number(points);
    const attemptsAllowed = unlimited ? null : Number(attempts);
    if (!caseId) return setProblem('Choose the case this activity plays.');
    if (!Number.isInteger(pointsPossible) || pointsPossible < 1 || pointsPossible > 1000)
      return setProblem('Points possible must be a whole number from 1 to 1000.');
    if (
      attemptsAllowed !== null &&
      (!Number.isInteger(attemptsAllowed) || attemptsAllowed < 1 || attemptsAllowed > 100)
    )
      return setProblem('Attempts allowed must be a whole number from 1 to 100.');
    setProblem(null);
    onSave({
      ...(caseLocked ? {} : { caseId }),
      attemptsAllowed,
      newAttemptStartsFresh: fresh,
      dueAt: due ? new Date(due).toISOString() : null,
      grading: { mode, pointsPossible, weights: settings?.grading.weights ?? {} },
    });
  };

  return (
    <form onSubmit={submit} noValidate className="settings-form">
      <label htmlFor={`${id}-case`} className="field-label">
        Case
      </label>
      <select
        id={`${id}-case`}
        value={caseId}
        onChange={(e) => setCaseId(e.target.value)}
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
      <fieldset>
        <legend>Attempts</legend>
        <label>
          <input
            type="checkbox"
            checked={unlimited}
            onChange={(e) => setUnlimited(e.target.checked)}
          />{' '}
          Unlimited attempts
        </label>
        {!unlimited && (
          <label className="field-label">
            Attempts allowed
            <input
              type="number"
              min={1}
              max={100}
              value={attempts}
              onChange={(e) => setAttempts(e.target.value)}
            />
          </label>
        )}
        <label>
          <input type="checkbox" checked={!fresh} onChange={(e) => setFresh(!e.target.checked)} /> A
          new attempt starts with the student&apos;s written answers from the last one
        </label>
      </fieldset>
      <label htmlFor={`${id}-due`} className="field-label">
        Due date (optional; later submissions are marked late)
      </label>
      <input
        id={`${id}-due`}
        type="datetime-local"
        value={due}
        onChange={(e) => setDue(e.target.value)}
      />
      <GradingFields
        mode={mode}
        onModeChange={setMode}
        points={points}
        onPointsChange={setPoints}
      />
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
