/** The steps reached so far, in the order taken, with the current one marked. */
import { SidebarSection } from './SidebarSection.js';
import type { PathEntry } from './types.js';

interface Props {
  path: PathEntry[];
  /** Index into `path` of the step on screen. */
  current: number;
}

export function ProgressList({ path, current }: Props) {
  return (
    <SidebarSection
      as="nav"
      className="progress"
      heading="Your path"
      collapsedLabel={`Your path (step ${current + 1})`}
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
              {entry.title}
              {state === 'done' && <span className="visually-hidden"> (done)</span>}
            </li>
          );
        })}
      </ol>
    </SidebarSection>
  );
}
