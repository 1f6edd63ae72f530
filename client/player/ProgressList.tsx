/**
 * The steps reached so far, in the order taken, with the current one marked. A step answered earlier
 * opens its feedback again, read-only.
 */
import { SidebarSection } from './SidebarSection.js';
import type { PathEntry } from './types.js';

interface Props {
  path: PathEntry[];
  /** Index into `path` of the step on screen. */
  current: number;
  /** "Step 4 of about 13". */
  stepLabel: string;
  /** Opens the feedback on an earlier step; `opener` gets focus back when it closes. */
  onReview: (entry: PathEntry, opener: HTMLElement) => void;
}

export function ProgressList({ path, current, stepLabel, onReview }: Props) {
  return (
    <SidebarSection
      as="nav"
      className="progress"
      heading="Your path"
      collapsedLabel={`Your path (${stepLabel.toLowerCase()})`}
    >
      <ol>
        {path.map((entry, index) => {
          const state = index < current ? 'done' : index === current ? 'current' : 'reached';
          return (
            <li
              key={`${entry.id}:${index}`}
              className={`progress-${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              <span className="progress-marker" aria-hidden="true">
                {state === 'done' ? '✓' : state === 'current' ? '▸' : '·'}
              </span>
              {state === 'done' && entry.hasFeedback ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={(event) => onReview(entry, event.currentTarget)}
                >
                  {entry.title}
                  <span className="visually-hidden"> (done: show the feedback again)</span>
                </button>
              ) : (
                <span>
                  {entry.title}
                  {state === 'done' && <span className="visually-hidden"> (done)</span>}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </SidebarSection>
  );
}
