/**
 * Where an instructor chooses a case to add to the course (LTI Deep Linking) and how it is graded.
 * The chosen case, a summary of its settings and "Add to course" stay in a footer at the bottom of
 * the frame, so the choice can be made without scrolling past every case.
 */
import { useEffect, useState } from 'react';
import { ApiError } from '../shared/api.js';
import { ActivityFields } from '../shared/activity/ActivityFields.js';
import { draftFrom, settingsFrom } from '../shared/activity/draft.js';
import { AuthoringLink } from '../shared/AuthoringLink.js';
import { LaunchGate } from '../shared/LaunchGate.js';
import { LaunchHeader } from '../shared/LaunchHeader.js';
import { useFrameResize } from '../shared/useFrameResize.js';
import { deepLinkApi, postToPlatform } from './api.js';
import { CaseCard } from './CaseCard.js';
import { CaseFilters } from './CaseFilters.js';
import { matches, NO_FILTERS, type Filters } from './filters.js';
import { PickerFooter } from './PickerFooter.js';
import type { CatalogueCase } from './types.js';
import './deeplink.css';

function Picker({ ltik }: { ltik: string }) {
  const api = deepLinkApi(ltik);
  const [cases, setCases] = useState<CatalogueCase[] | null>(null);
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

  const chosenCase = cases?.find((c) => c.id === chosen);
  const add = async (event: React.FormEvent) => {
    event.preventDefault();
    if (sending) return;
    if (!chosenCase) return setError('Choose a case first.');
    const checked = settingsFrom(draft, chosenCase);
    if ('problem' in checked) return setError(checked.problem);
    setError(null);
    setSending(true);
    try {
      postToPlatform(await api.respond({ caseId: chosenCase.id, ...checked.settings }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The case could not be added.');
      setSending(false);
    }
  };

  if (!cases) return <p role="status">{error ?? 'Loading the cases…'}</p>;
  const shown = cases.filter((c) => matches(c, filters));
  return (
    <form onSubmit={add} noValidate className="activity-form">
      <CaseFilters cases={cases} filters={filters} shown={shown.length} onChange={setFilters} />
      <fieldset className="case-choices">
        <legend>Choose a case ({shown.length} shown)</legend>
        {shown.length === 0 && <p>No case matches these filters.</p>}
        {shown.map((c) => (
          <CaseCard
            key={c.id}
            ltik={ltik}
            item={c}
            chosen={chosen === c.id}
            previewing={previewing === c.id}
            onChoose={() => {
              setChosen(c.id);
              // Weights belong to a case: another case starts from its own.
              setDraft({ ...draft, weights: {} });
            }}
            onPreview={(open) => setPreviewing(open ? c.id : null)}
          />
        ))}
      </fieldset>
      <section id="activity-settings" aria-labelledby="activity-settings-heading" tabIndex={-1}>
        <h2 id="activity-settings-heading">Settings for the new activity</h2>
        <ActivityFields draft={draft} onChange={setDraft} caseSummary={chosenCase} />
      </section>
      <PickerFooter chosen={chosenCase} draft={draft} error={error} sending={sending} />
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
            <p>
              <AuthoringLink ltik={ltik} />
            </p>
            <Picker ltik={ltik} />
          </main>
        </div>
      )}
    </LaunchGate>
  );
}
