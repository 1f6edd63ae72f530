/** The heading block of a launched page: where the person is and as whom. */
import type { LaunchInfo } from './launch.js';

export function LaunchHeader({ launch, title }: { launch: LaunchInfo; title: string }) {
  const where = [launch.course.title, launch.activity.title].filter(Boolean).join(' · ');
  return (
    <header>
      <h1>{title}</h1>
      {where && <p className="muted">{where}</p>}
      {launch.user.name && <p className="muted">Signed in as {launch.user.name}</p>}
    </header>
  );
}
