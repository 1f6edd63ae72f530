/**
 * The emulator's own pages, rendered on the server: the course page (pick platform, course and
 * person; launch activities into a frame; add activities; see the gradebook) and the tool
 * registration page. Plain HTML forms that work without scripts; labelled, keyboard-usable.
 */
import { escapeHtml as e } from './http.js';
import type { PlatformProfile } from './platforms.js';
import {
  courseActivities,
  courseLineItems,
  gradeKey,
  PROFILES,
  type Course,
  type CourseRole,
  type Site,
  type SiteUser,
} from './state.js';

export interface HomeView {
  basePath: string;
  platform: PlatformProfile;
  site: Site;
  course: Course;
  user: SiteUser;
  role: CourseRole;
  /** The launch initiation URL to open in the tool frame right away, if any. */
  launchUrl: string | undefined;
  notice: string | undefined;
}

const ROLE_NAMES: Record<Site['profile'], Record<CourseRole, string>> = {
  moodle: { student: 'Student', teacher: 'Teacher', ta: 'Non-editing teacher' },
  canvas: { student: 'Student', teacher: 'Teacher', ta: 'TA' },
};

/** The header every emulator page shares. */
export function pageHeader(basePath: string, profile: Site['profile']): string {
  return `<a class="skip" href="#main">Skip to content</a>
<header class="top">
<p class="brand">Upstream LMS emulator</p>
<nav aria-label="Emulator"><ul>
<li><a href="${basePath}?profile=moodle"${profile === 'moodle' ? ' aria-current="page"' : ''}>Moodle course</a></li>
<li><a href="${basePath}?profile=canvas"${profile === 'canvas' ? ' aria-current="page"' : ''}>Canvas course</a></li>
<li><a href="${basePath}/registrations?profile=${profile}">Tool registrations</a></li>
</ul></nav>
</header>`;
}

/** The login-initiation URL of an activity (what the launch button opens in the frame). */
export function activityLaunchUrl(
  basePath: string,
  site: Site,
  courseId: string,
  activityId: string,
  userId: string,
): string {
  return site.profile === 'moodle'
    ? `${basePath}/moodle/mod/lti/launch.php?id=${encodeURIComponent(activityId)}&user=${encodeURIComponent(userId)}`
    : `${basePath}/canvas/courses/${encodeURIComponent(courseId)}/external_tools/retrieve?assignment_id=${encodeURIComponent(activityId)}&user=${encodeURIComponent(userId)}`;
}

function pickers(view: HomeView): string {
  const { site, course, user, basePath } = view;
  const profiles = PROFILES.map(
    (p) =>
      `<option value="${p}"${p === site.profile ? ' selected' : ''}>${p === 'moodle' ? 'Moodle 5.0' : 'Canvas'}</option>`,
  ).join('');
  const courses = [...site.courses.values()]
    .map(
      (c) =>
        `<option value="${e(c.id)}"${c.id === course.id ? ' selected' : ''}>${e(c.label)}: ${e(c.title)}</option>`,
    )
    .join('');
  const people = course.enrolments
    .map(({ userId, role }) => {
      const person = site.users.get(userId)!;
      return `<option value="${e(person.id)}"${person.id === user.id ? ' selected' : ''}>${e(person.givenName)} ${e(person.familyName)} (${ROLE_NAMES[site.profile][role]})</option>`;
    })
    .join('');
  return `<form method="get" action="${basePath}" class="picker">
<fieldset><legend>Platform, course and person</legend>
<div class="field"><label for="profile">Platform</label><select id="profile" name="profile">${profiles}</select></div>
<div class="field"><label for="course">Course</label><select id="course" name="course">${courses}</select></div>
<div class="field"><label for="user">Signed in as</label><select id="user" name="user">${people}</select></div>
<button type="submit">Switch</button>
</fieldset>
</form>`;
}

function activityList(view: HomeView): string {
  const { site, course, user, basePath } = view;
  const items = courseActivities(site, course.id).map((activity) => {
    const column = courseLineItems(site, course.id).find(
      (i) => i.activityId === activity.id && i.coupled,
    );
    const custom = Object.entries(activity.custom)
      .map(([k, v]) => `<span class="tag">${e(k)}=${e(v)}</span>`)
      .join(' ');
    const url = new URL(
      activityLaunchUrl(basePath, site, course.id, activity.id, user.id),
      'http://x',
    );
    const hidden = [...url.searchParams]
      .map(([k, v]) => `<input type="hidden" name="${e(k)}" value="${e(v)}">`)
      .join('');
    return `<li>
<h3>${e(activity.title)}</h3>
<p class="hint">${custom || 'No custom parameters'}</p>
<p class="hint">${column ? `Graded: ${e(String(column.scoreMaximum))} points` : 'No gradebook column'} · ${activity.origin === 'hand' ? 'added by hand' : 'added by deep linking'}</p>
<form method="get" action="${e(url.pathname)}" target="tool-frame" data-label="${e(activity.title)}">${hidden}
<button type="submit">Launch<span class="visually-hidden"> ${e(activity.title)}</span></button>
</form>
</li>`;
  });
  return items.length
    ? `<ul class="activities">${items.join('')}</ul>`
    : '<p>No activities yet.</p>';
}

function addActivityForms(view: HomeView): string {
  const { site, course, user, basePath, role } = view;
  if (role === 'student') return '';
  const tools = [...site.tools.values()].filter((t) => t.status === 'active');
  const toolOptions = tools
    .map((t) => `<option value="${e(t.clientId)}">${e(t.name)} (${e(t.clientId)})</option>`)
    .join('');
  const dlTools = tools.filter((t) => t.deepLinkUrl);
  const dlAction =
    site.profile === 'moodle'
      ? `${basePath}/moodle/mod/lti/contentitem.php`
      : `${basePath}/canvas/courses/${e(course.id)}/external_tools/resource_selection`;
  const placement =
    site.profile === 'canvas'
      ? `<div class="field"><label for="dl-placement">Placement</label><select id="dl-placement" name="placement"><option value="assignment_selection">Assignment (graded)</option><option value="link_selection">Module item</option></select></div>`
      : '';
  const canDeepLink = site.profile === 'canvas' || role === 'teacher';
  return `<section aria-labelledby="add-h">
<h2 id="add-h">Add an activity</h2>
${
  canDeepLink && dlTools.length
    ? `<form method="get" action="${dlAction}" target="tool-frame" data-label="deep linking">
<fieldset><legend>With Deep Linking (the tool opens below)</legend>
<input type="hidden" name="course" value="${e(course.id)}"><input type="hidden" name="user" value="${e(user.id)}">
<div class="field"><label for="dl-tool">Tool</label><select id="dl-tool" name="tool">${dlTools.map((t) => `<option value="${e(t.clientId)}">${e(t.name)}</option>`).join('')}</select></div>
${placement}
<button type="submit">Add with Deep Linking</button>
</fieldset></form>`
    : `<p class="hint">${canDeepLink ? 'No active tool offers deep linking.' : 'Only editing teachers can add activities in Moodle.'}</p>`
}
${
  tools.length
    ? `<form method="post" action="${basePath}/activities">
<fieldset><legend>By hand</legend>
<input type="hidden" name="profile" value="${site.profile}"><input type="hidden" name="course" value="${e(course.id)}"><input type="hidden" name="user" value="${e(user.id)}">
<div class="field"><label for="hand-tool">Tool</label><select id="hand-tool" name="tool">${toolOptions}</select></div>
<div class="field"><label for="hand-title">Title</label><input type="text" id="hand-title" name="title" required maxlength="200"></div>
<div class="field"><label for="hand-case">Custom parameter case</label><input type="text" id="hand-case" name="case" aria-describedby="hand-case-hint" maxlength="200"><p class="hint" id="hand-case-hint">Sent as custom case=&lt;id&gt;, e.g. damp-housing-and-asthma</p></div>
<div class="field"><label for="hand-points">Points (empty: not graded)</label><input type="number" id="hand-points" name="points" min="0" step="any" value="100"></div>
<button type="submit" class="secondary">Add activity</button>
</fieldset></form>`
    : ''
}
</section>`;
}

function gradebook(view: HomeView): string {
  const { site, course } = view;
  const columns = courseLineItems(site, course.id).filter((i) => i.column);
  const hiddenCount = courseLineItems(site, course.id).length - columns.length;
  const students = course.enrolments
    .filter((en) => en.role === 'student')
    .map((en) => site.users.get(en.userId)!);
  const head = columns
    .map(
      (c) =>
        `<th scope="col">${e(c.label)} <span class="hint">(out of ${e(String(c.scoreMaximum))})</span></th>`,
    )
    .join('');
  const rows = students
    .map((student) => {
      const cells = columns
        .map((c) => {
          const grade = site.grades.get(gradeKey(c.id, student.id));
          if (!grade) return '<td>–</td>';
          const score =
            grade.score === null
              ? `– <span class="hint">(${e(grade.gradingProgress)})</span>`
              : e(String(Math.round(grade.score * 100) / 100));
          const feedback = grade.comment ? `<span class="feedback">${e(grade.comment)}</span>` : '';
          return `<td>${score}${feedback}</td>`;
        })
        .join('');
      return `<tr><th scope="row">${e(student.givenName)} ${e(student.familyName)}</th>${cells}</tr>`;
    })
    .join('');
  return `<section aria-labelledby="grades-h">
<h2 id="grades-h">Gradebook</h2>
<table><caption>Scores in ${e(course.label)}, with the tool's comments${hiddenCount ? `; ${hiddenCount} line item(s) attached to existing assignments have no column of their own` : ''}</caption>
<thead><tr><th scope="col">Student</th>${head}</tr></thead><tbody>${rows}</tbody></table>
</section>`;
}

/** The course page. */
export function renderHome(view: HomeView): string {
  const { site, course, basePath, platform } = view;
  const refresh = `${basePath}?profile=${site.profile}&course=${encodeURIComponent(course.id)}&user=${encodeURIComponent(view.user.id)}`;
  const forwarding =
    site.profile === 'canvas'
      ? `<iframe name="post_message_forwarding" title="Platform storage (no visible content)" src="${basePath}/canvas/post_message_forwarding" hidden></iframe>`
      : '';
  return `${pageHeader(basePath, site.profile)}
<main id="main" data-emulator-page data-refresh-url="${e(refresh)}"${site.profile === 'canvas' ? ' data-frame-resize' : ''}>
<h1>${e(platform.name)}: ${e(course.title)}</h1>
${view.notice ? `<p role="status">${e(view.notice)}</p>` : ''}
${pickers(view)}
<section aria-labelledby="activities-h"><h2 id="activities-h">Activities</h2>${activityList(view)}</section>
<section aria-labelledby="tool-h"><h2 id="tool-h">Tool</h2>
<p id="frame-status" class="hint" role="status">${view.launchUrl ? 'Launching…' : 'Launch an activity to open the tool here.'}</p>
<iframe class="tool" id="tool-frame" name="tool-frame" title="Tool" src="${e(view.launchUrl ?? 'about:blank')}" allow="clipboard-write; fullscreen"></iframe>
${forwarding}
</section>
${addActivityForms(view)}
${gradebook(view)}
</main>`;
}
