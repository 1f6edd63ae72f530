/**
 * The picker's footer, kept at the bottom of the frame: the case chosen, its settings in a few
 * words with a link to change them, any problem, and "Add to course".
 */
import { plural } from '../shared/format.js';
import type { ActivityDraft } from '../shared/activity/draft.js';
import type { CatalogueCase } from './types.js';

/** "100 points, overall score, unlimited attempts": the settings as they stand, briefly. */
export function settingsSummary(draft: ActivityDraft): string {
  return [
    `${draft.points} points`,
    draft.mode === 'overall' ? 'overall score' : 'overall and per-competency scores',
    draft.unlimitedAttempts ? 'unlimited attempts' : plural(Number(draft.attempts), 'attempt'),
    ...(draft.due ? ['due date set'] : []),
  ].join(', ');
}

interface Props {
  chosen: CatalogueCase | undefined;
  draft: ActivityDraft;
  error: string | null;
  sending: boolean;
}

export function PickerFooter({ chosen, draft, error, sending }: Props) {
  return (
    <div className="picker-footer" role="group" aria-label="Your choice">
      <p className="picker-choice">
        {chosen ? (
          <>
            <strong>{chosen.title}</strong>{' '}
            <span className="muted picker-settings">({settingsSummary(draft)})</span>{' '}
            <a href="#activity-settings">Change the settings</a>
          </>
        ) : (
          'No case chosen yet.'
        )}
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" className="primary" aria-disabled={sending || undefined}>
        {sending ? 'Adding…' : 'Add to course'}
      </button>
    </div>
  );
}
