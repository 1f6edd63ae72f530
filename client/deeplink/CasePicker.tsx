/** Where an instructor chooses a case to add to the course (LTI Deep Linking) and how it is graded. */
import { useEffect, useState } from 'react';
import { ApiError } from '../shared/api.js';
import { ActivityFields } from '../shared/activity/ActivityFields.js';
import { draftFrom, settingsFrom } from '../shared/activity/draft.js';
import { AuthoringLink } from '../shared/AuthoringLink.js';
import { CaseSourceLabel } from '../shared/CaseSourceLabel.js';
import { LaunchGate } from '../shared/LaunchGate.js';
import { LaunchHeader } from '../shared/LaunchHeader.js';
import { useFrameResize } from '../shared/useFrameResize.js';
import { deepLinkApi, postToPlatform } from './api.js';
import { CasePreview } from './CasePreview.js';
import { FacilitatorGuide } from './FacilitatorGuide.js';
import { CaseFilters, matches, NO_FILTERS, type Filters } from './CaseFilters.js';
import { THEMES, type CaseSummary } from './types.js';

function Picker({ ltik }: { ltik: string }) {
  const api = deepLinkApi(ltik);
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [chosen, setChosen] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState<string | null>(null);
  const [draft, setDraft] = useState(() => draftFrom(null));
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    deepLinkApi(ltik)
      .cases()
      .then(setCases, (e: unknown) =>
        setError(e instanceof ApiError ? e.message : 'The cases could not be loaded.'),
      );
  }, [ltik]);

  const add = async (event: React.FormEvent) => {
    event.preventDefault();
    const caseSummary = cases?.find((c) => c.id === chosen);
    if (!caseSummary) return setError('Choose a case first.');
    const checked = settingsFrom(draft, caseSummary);
    if ('problem' in checked) return setError(checked.problem);
    setError(null);
    setSending(true);
    try {
      postToPlatform(await api.respond({ caseId: caseSummary.id, ...checked.settings }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The case could not be added.');
      setSending(false);
    }
  };

  if (!cases) return <p role="status">{error ?? 'Loading the cases…'}</p>;
  const shown = cases.filter((c) => matches(c, filters));
  return (
    <form onSubmit={add} noValidate className="activity-form">
      <CaseFilters cases={cases} filters={filters} onChange={setFilters} />
      <fieldset className="case-choices">
        <legend>Choose a case ({shown.length} shown)</legend>
        {shown.length === 0 && <p>No case matches these filters.</p>}
        {shown.map((c) => (
          <div key={c.id} className="case-card">
            <label className="case-choice">
              <input
                type="radio"
                name="case"
                value={c.id}
                checked={chosen === c.id}
                onChange={() => {
                  setChosen(c.id);
                  // Weights belong to a case: another case starts from its own.
                  setDraft({ ...draft, weights: {} });
                }}
              />
              <span>
                <strong>{c.title}</strong>{' '}
                <CaseSourceLabel source={c.source} reviewStatus={c.reviewStatus} />
                <span className="muted">
                  {' '}
                  · about {c.estimatedMinutes} minutes · reading time {c.readingMinutes} minutes,
                  estimated from the text · {c.audience}
                </span>
                <span className="case-summary">{c.summary}</span>
                <span className="muted">
                  Themes: {c.themes.map((t) => THEMES[t] ?? t).join('; ')}
                </span>
                <span className="muted">
                  Competencies: {c.competencies.map((x) => `${x.id} ${x.title}`).join('; ')}
                </span>
                {c.contentWarnings.length > 0 && (
                  <span className="muted">Content warnings: {c.contentWarnings.join('; ')}</span>
                )}
              </span>
            </label>
            <button
              type="button"
              className="secondary"
              aria-expanded={previewing === c.id}
              onClick={() => setPreviewing(previewing === c.id ? null : c.id)}
            >
              {previewing === c.id ? 'Hide the preview' : `Preview ${c.title}`}
            </button>
            {previewing === c.id && <CasePreview ltik={ltik} caseId={c.id} title={c.title} />}
            {c.facilitatorGuide && <FacilitatorGuide guide={c.facilitatorGuide} title={c.title} />}
          </div>
        ))}
      </fieldset>
      <ActivityFields
        draft={draft}
        onChange={setDraft}
        caseSummary={cases.find((c) => c.id === chosen)}
      />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" className="primary" aria-disabled={sending}>
        {sending ? 'Adding…' : 'Add to course'}
      </button>
    </form>
  );
}

export function CasePicker() {
  useFrameResize();
  return (
    <LaunchGate>
      {(ltik, launch) => (
        <div className="page">
          <LaunchHeader launch={launch} title="Add an Upstream case" />
          <main id="main">
            <AuthoringLink ltik={ltik} />
            <Picker ltik={ltik} />
          </main>
        </div>
      )}
    </LaunchGate>
  );
}
