/**
 * "Try as a student": a case played in the player's own attempt screen, for staff, with nothing
 * stored and no grade (the preview API replays the state this page holds). A switch shows the
 * answer key of the step the try-out stands on. Reached from the case picker's preview and from an
 * activity's instructor page; the way back follows the launch.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AttemptScreen } from '../player/AttemptScreen.js';
import { ApiError } from '../shared/api.js';
import { LaunchGate } from '../shared/LaunchGate.js';
import { LaunchHeader } from '../shared/LaunchHeader.js';
import type { LaunchInfo } from '../shared/launch.js';
import { useFrameResize } from '../shared/useFrameResize.js';
import { previewApi, tryOutSource } from './api.js';
import { AnswerKey } from './AnswerKey.js';
import type { AnswerKey as AnswerKeyData, CaseRef, PreviewView } from './types.js';
import '../player/player.css';

export function TryOut() {
  useFrameResize();
  return <LaunchGate>{(ltik, launch) => <TryOutPage ltik={ltik} launch={launch} />}</LaunchGate>;
}

/**
 * Back to the page this try-out came from: the editor of the draft, or the page this launch opened
 * on (the case picker, or the activity's instructor page).
 */
function returnLink(ltik: string, launch: LaunchInfo, caseRef: CaseRef) {
  if (caseRef.source === 'draft')
    return {
      href: `/authoring/?case=${encodeURIComponent(caseRef.caseId)}#ltik=${encodeURIComponent(ltik)}`,
      label: 'Back to editing the case',
    };
  const picker = launch.messageType === 'LtiDeepLinkingRequest';
  return {
    href: `${picker ? '/deeplink/' : '/instructor/'}#ltik=${encodeURIComponent(ltik)}`,
    label: picker ? 'Back to the case picker' : 'Back to the activity',
  };
}

function TryOutPage({ ltik, launch }: { ltik: string; launch: LaunchInfo }) {
  const params = new URLSearchParams(window.location.search);
  // ?draft=id plays a library case's saved draft; ?case=id a case as the course sees it.
  const draftId = params.get('draft');
  const caseId = draftId ?? params.get('case') ?? '';
  const caseRef = useMemo<CaseRef>(
    () => ({ source: draftId === null ? 'library' : 'draft', caseId }),
    [draftId, caseId],
  );
  const api = useMemo(() => previewApi(ltik), [ltik]);
  const [answers, setAnswers] = useState<AnswerKeyData | null>(null);
  const [start, setStart] = useState<PreviewView | null>(null);
  // The step on the attempt screen: the one just answered while its feedback shows.
  const [shownStepId, setShownStepId] = useState<string | null>(null);
  const [playing, setPlaying] = useState(true);
  // A new try-out (start again) mounts a fresh attempt screen.
  const [run, setRun] = useState(0);
  const [showAnswers, setShowAnswers] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const back = returnLink(ltik, launch, caseRef);

  const begin = useCallback(() => {
    api.start(caseRef).then(
      (view) => {
        setError(null);
        setStart(view);
        setPlaying(true);
        setRun((n) => n + 1);
      },
      (e: unknown) =>
        setError(e instanceof ApiError ? e.message : 'The case could not be started.'),
    );
  }, [api, caseRef]);
  useEffect(() => {
    api
      .answers(caseRef)
      .then(setAnswers, (e: unknown) =>
        setError(e instanceof ApiError ? e.message : 'The case could not be loaded.'),
      );
    begin();
  }, [api, caseRef, begin]);
  const source = useMemo(() => start && tryOutSource(ltik, caseRef, start), [ltik, caseRef, start]);

  const shownAnswers = answers?.steps.find((s) => s.task.id === shownStepId);
  const stepAnswers =
    showAnswers && shownAnswers?.task.kind !== 'debrief' ? shownAnswers : undefined;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="page">
        <LaunchHeader
          launch={launch}
          title={`${caseRef.source === 'draft' ? 'Try the draft' : 'Try'} as a student: ${answers?.case.title ?? 'Upstream case'}`}
        />
        <main id="main" tabIndex={-1}>
          <p className="panel" role="note">
            You are playing this case as a student would. Nothing is saved and no grade is sent;
            leaving this page ends the try-out.
          </p>
          <div className="tryout-bar">
            <label className="tryout-switch">
              <input
                type="checkbox"
                role="switch"
                checked={showAnswers}
                onChange={(e) => setShowAnswers(e.target.checked)}
              />
              Show answers and feedback
            </label>
            <a href={back.href}>{back.label}</a>
          </div>
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          {source && playing && (
            <AttemptScreen
              key={run}
              api={source}
              initial={source.current()}
              onLeave={() => setPlaying(false)}
              onStepShown={setShownStepId}
            />
          )}
          {source && !playing && <Paused onResume={() => setPlaying(true)} onRestart={begin} />}
          {stepAnswers && playing && (
            <section className="answer-key-panel" aria-labelledby="answers-heading">
              <h2 id="answers-heading">Answers: {stepAnswers.task.title}</h2>
              <AnswerKey answers={stepAnswers} />
            </section>
          )}
        </main>
      </div>
    </>
  );
}

/** The try-out set aside: resume where it stood, or start again from the first step. */
function Paused({ onResume, onRestart }: { onResume: () => void; onRestart: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="paused-heading">
      <h2 id="paused-heading" ref={heading} tabIndex={-1}>
        The try-out is paused
      </h2>
      <p>Your place is kept while this page stays open.</p>
      <p className="tryout-bar">
        <button type="button" className="primary" onClick={onResume}>
          Resume the try-out
        </button>
        <button type="button" className="secondary" onClick={onRestart}>
          Start again
        </button>
      </p>
    </section>
  );
}
