/** The heading block of a launched page: where the person is and as whom. */
import type { LaunchInfo } from './launch.js';

interface Props {
  launch: LaunchInfo;
  title: string;
  /**
   * One short line instead of the full block, for pages students work in on phones. Inside the LMS
   * frame the LMS already shows the activity's name as its heading, so the title is kept for screen
   * readers only and the course is left out.
   */
  compact?: boolean;
}

export function LaunchHeader({ launch, title, compact = false }: Props) {
  if (compact) {
    const framed = window.self !== window.top;
    const line = [
      framed ? null : launch.course.title,
      launch.user.name ? `Signed in as ${launch.user.name}` : null,
    ].filter(Boolean);
    return (
      <header className="launch-header-compact">
        <h1 className={framed ? 'visually-hidden' : undefined}>{title}</h1>
        {line.length > 0 && <p className="muted">{line.join(' · ')}</p>}
      </header>
    );
  }
  const where = [launch.course.title, launch.activity.title].filter(Boolean).join(' · ');
  return (
    <header>
      <h1>{title}</h1>
      {where && <p className="muted">{where}</p>}
      {launch.user.name && <p className="muted">Signed in as {launch.user.name}</p>}
    </header>
  );
}
