/**
 * The case library page (issue 17): the cases this course sees, with New, Adapt, Import, Export,
 * and the opened case to edit (as forms or as source), save and publish. Its own bundle: the
 * player never loads it.
 */
import { useCallback, useEffect, useMemo, useState, type ChangeEvent } from 'react';
import { ApiError } from '../shared/api.js';
import type { LaunchInfo } from '../shared/launch.js';
import { LaunchGate } from '../shared/LaunchGate.js';
import { LaunchHeader } from '../shared/LaunchHeader.js';
import { useFrameResize } from '../shared/useFrameResize.js';
import { draftTryOutHref } from '../preview/api.js';
import { libraryApi, type LibraryApi } from './api.js';
import { CaseList } from './CaseList.js';
import { CaseEditor, type View } from './forms/CaseEditor.js';
import { useDraftSession } from './forms/useDraftSession.js';
import { CaseImages } from './images/CaseImages.js';
import type { CaseEntry, CaseWithProblems, Competency, CreateInput, LibraryCase } from './types.js';
import './authoring.css';

type Owner = 'course' | 'institution';

interface OpenedProps {
  api: LibraryApi;
  opened: CaseWithProblems;
  framework: readonly Competency[];
  onChanged: (updated: LibraryCase) => void;
  /** Opens the student's view of the saved draft (the preview page). */
  onPreview: (caseId: string) => void;
  view: View;
  onViewChange: (view: View) => void;
}

/**
 * The opened case: its draft session (the text and the case object, kept in step), shown by the
 * editor; panels about the same case take `session` and sit beside it.
 */
function OpenedCase({
  api,
  opened,
  framework,
  onChanged,
  onPreview,
  view,
  onViewChange,
}: OpenedProps) {
  const session = useDraftSession(api, opened, onChanged, onPreview);
  return (
    <CaseEditor session={session} framework={framework} view={view} onViewChange={onViewChange} />
  );
}

/** Saves text as a file through the browser's download. */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

function Library({ ltik, launch }: { ltik: string; launch: LaunchInfo }) {
  const api = useMemo(() => libraryApi(ltik), [ltik]);
  const [cases, setCases] = useState<CaseEntry[] | null>(null);
  const [canInstitution, setCanInstitution] = useState(false);
  const [framework, setFramework] = useState<readonly Competency[]>([]);
  const [owner, setOwner] = useState<Owner>('course');
  const [opened, setOpened] = useState<CaseWithProblems | null>(null);
  // Cases open as forms, so a clinician never has to read YAML; an author who chose the source
  // keeps it for the next case opened on this page.
  const [view, setView] = useState<View>('forms');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(
    () =>
      api.list().then(
        (list) => {
          setCases(list.cases);
          setCanInstitution(list.abilities.editInstitutionCases);
          setFramework(list.framework);
        },
        (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)),
      ),
    [api],
  );
  useEffect(() => {
    void reload();
  }, [reload]);
  // Back from previewing a draft (/authoring/?case=id): that case opens again.
  const reopen = new URLSearchParams(window.location.search).get('case');
  useEffect(() => {
    if (reopen)
      api
        .open(reopen)
        .then(setOpened, (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [api, reopen]);

  async function act(action: () => Promise<void>) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Something went wrong. Please try again.');
    } finally {
      setBusy(false);
    }
  }

  const create = (request: CreateInput) =>
    act(async () => {
      const created = await api.create(request);
      setOpened(created);
      await reload();
    });

  const onImport = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void file.text().then((source) => create({ start: 'import', source, owner }));
  };

  const back = launch.messageType === 'LtiDeepLinkingRequest' ? '/deeplink/' : '/instructor/';
  return (
    <>
      <p>
        <a href={`${back}#ltik=${encodeURIComponent(ltik)}`}>
          {back === '/deeplink/' ? 'Back to adding a case' : 'Back to the activity'}
        </a>
      </p>
      <section aria-labelledby="start-heading" className="panel">
        <h2 id="start-heading">Start a case</h2>
        {canInstitution && (
          <p>
            <label htmlFor="owner">New and adapted cases are for</label>{' '}
            <select id="owner" value={owner} onChange={(e) => setOwner(e.target.value as Owner)}>
              <option value="course">this course</option>
              <option value="institution">every course of the institution</option>
            </select>
          </p>
        )}
        <div className="start-actions">
          <button
            type="button"
            className="primary"
            aria-disabled={busy}
            onClick={() => create({ start: 'template', owner })}
          >
            New case
          </button>
          <label className="file-button">
            Import a YAML file{' '}
            <input type="file" accept=".yaml,.yml,application/yaml,text/yaml" onChange={onImport} />
          </label>
        </div>
      </section>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <section aria-labelledby="cases-heading">
        <h2 id="cases-heading">Cases</h2>
        {cases === null ? (
          <p role="status">Loading the cases…</p>
        ) : (
          <CaseList
            cases={cases}
            busy={busy}
            onEdit={(entry) => act(async () => setOpened(await api.open(entry.id)))}
            onAdapt={(entry) => create({ start: 'adapt', caseId: entry.id, owner })}
            onExport={(entry) =>
              act(async () => {
                const file = await api.exportFile(entry.id);
                download(file.name, file.text);
              })
            }
          />
        )}
      </section>
      {opened && (
        <OpenedCase
          key={opened.case.id}
          api={api}
          opened={opened}
          framework={framework}
          onChanged={() => void reload()}
          onPreview={(id) => window.location.assign(draftTryOutHref(ltik, id))}
          view={view}
          onViewChange={setView}
        />
      )}
      {opened && (
        <CaseImages
          key={`images-${opened.case.id}`}
          ltik={ltik}
          caseId={opened.case.id}
          canEdit={opened.case.canEdit}
        />
      )}
    </>
  );
}

export function Authoring() {
  useFrameResize();
  return (
    <LaunchGate>
      {(ltik, launch) => (
        <>
          <a className="skip-link" href="#main">
            Skip to the case library
          </a>
          <div className="page">
            <LaunchHeader launch={launch} title="Case library" />
            <main id="main" tabIndex={-1}>
              <Library ltik={ltik} launch={launch} />
            </main>
          </div>
        </>
      )}
    </LaunchGate>
  );
}
