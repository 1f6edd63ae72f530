/**
 * The try-out as the player shows it: the same attempt view a stored attempt has, made from a state
 * the browser holds, with the state to send back next time. It is never stored and never graded.
 */
import type { Framework } from '../../cases/competencies.js';
import { isFinished, type AttemptState } from '../../cases/engine.js';
import type { CaseModule } from '../../cases/schema.js';
import type { ShowImage } from '../../library/images.js';
import { presentPosition } from '../player/presentAttempt.js';
import { presentWrittenWork } from '../player/presentWrittenWork.js';
import type { PreviewView } from './contract.js';

/** The try-out's attempt id: one fixed value, so options keep the order they had in the picker's preview. */
export const PREVIEW_SEED = 'preview';

/** The JSON the preview routes answer with (the feedback of /step is added beside it). */
export function presentPreview(
  caseModule: CaseModule,
  state: AttemptState,
  framework: Framework,
  showImage: ShowImage,
): PreviewView {
  const finished = isFinished(caseModule, state);
  // Written work is marked as it would be by default, so the result shows what awaits marking.
  const scoring = { markFreeText: true };
  return {
    state: { path: state.path, responses: state.responses },
    attempt: {
      id: PREVIEW_SEED,
      number: 1,
      // Moves with every step, so the player starts each step afresh as it does for stored attempts.
      revision: state.path.length,
      status: finished ? ('finished' as const) : ('in-progress' as const),
      late: false,
      startedAt: new Date().toISOString(),
      ...presentPosition(caseModule, state, framework, scoring, PREVIEW_SEED, finished, showImage),
      draft: null,
      writtenWork: finished
        ? presentWrittenWork({ state, markComments: new Map() }, caseModule, framework, true)
        : [],
    },
  };
}
