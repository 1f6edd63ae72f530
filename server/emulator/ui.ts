/**
 * Routes of the emulator's browser-facing pages: the course page, the direct "launch as" links,
 * adding activities by hand, the launch-initiation pages of each platform, tool registration and
 * Canvas's post_message_forwarding frame.
 */
import express, { type Request, type Response } from 'express';
import { addActivity } from './activities.js';
import { escapeHtml, param, sendPage } from './http.js';
import type { PlatformKeys } from './keys.js';
import { sendLaunchStart, startLaunch } from './launch.js';
import { activityLaunchUrl, renderHome } from './pages.js';
import type { PlatformProfile } from './platforms.js';
import { issueRegistrationToken } from './platformConfiguration.js';
import { renderRegistrationFrame, renderRegistrations } from './registrationPages.js';
import {
  courseActivities,
  PROFILES,
  roleInCourse,
  type EmulatorState,
  type Profile,
} from './state.js';

interface Dependencies {
  state: () => EmulatorState;
  platforms: Record<Profile, PlatformProfile>;
  keys: PlatformKeys;
  basePath: string;
  registrationUrl: string;
}

function profileParam(req: Request): Profile {
  const value = param(req, 'profile');
  return PROFILES.includes(value as Profile) ? (value as Profile) : 'moodle';
}

/** The emulator's page routes. */
export function uiRoutes(deps: Dependencies): express.Router {
  const router = express.Router();
  const { basePath } = deps;

  router.get('/', (req, res) => {
    const site = deps.state().sites[profileParam(req)];
    const courses = [...site.courses.values()];
    const course = site.courses.get(param(req, 'course') ?? '') ?? courses[0]!;
    const enrolment =
      course.enrolments.find((en) => en.userId === param(req, 'user')) ??
      course.enrolments.find((en) => en.role === 'student')!;
    const user = site.users.get(enrolment.userId)!;
    const launch = param(req, 'launch');
    const launchUrl =
      launch && site.activities.get(launch)?.courseId === course.id
        ? activityLaunchUrl(basePath, site, course.id, launch, user.id)
        : undefined;
    sendPage(res, {
      title: `${deps.platforms[site.profile].name} – ${course.label}`,
      basePath,
      // Only Canvas answers Platform Storage messages; Moodle 5.0 has no such support.
      scripts: site.profile === 'canvas' ? ['page.js', 'storage.js'] : ['page.js'],
      body: renderHome({
        basePath,
        platform: deps.platforms[site.profile],
        site,
        course,
        user,
        role: enrolment.role,
        launchUrl,
        notice: param(req, 'notice'),
      }),
    });
  });

  // Direct links for Upstream's landing page: launch the seeded activity as a student or teacher.
  router.get('/launch', (req, res) => {
    const site = deps.state().sites[profileParam(req)];
    const course = [...site.courses.values()][0]!;
    const wanted = param(req, 'role') === 'instructor' ? 'teacher' : 'student';
    const enrolment = course.enrolments.find((en) => en.role === wanted)!;
    const activity = courseActivities(site, course.id)[0];
    const query = new URLSearchParams({
      profile: site.profile,
      course: course.id,
      user: enrolment.userId,
    });
    if (activity) query.set('launch', activity.id);
    res.redirect(303, `${basePath}?${query.toString()}`);
  });

  router.post('/activities', (req, res) => {
    const site = deps.state().sites[profileParam(req)];
    const course = site.courses.get(param(req, 'course') ?? '');
    const user = param(req, 'user') ?? '';
    const tool = site.tools.get(param(req, 'tool') ?? '');
    const title = (param(req, 'title') ?? '').trim();
    const back = (notice: string) =>
      `${basePath}?${new URLSearchParams({ profile: site.profile, course: course?.id ?? '', user, notice }).toString()}`;
    if (
      !course ||
      !tool ||
      tool.status !== 'active' ||
      !title ||
      (roleInCourse(course, user) ?? 'student') === 'student'
    ) {
      res.redirect(
        303,
        back(
          'The activity could not be added: pick an active tool, a title, and sign in as a teacher.',
        ),
      );
      return;
    }
    const caseId = (param(req, 'case') ?? '').trim();
    const points = Number(param(req, 'points'));
    addActivity(site, {
      courseId: course.id,
      tool,
      title,
      custom: caseId ? { case: caseId } : {},
      origin: 'hand',
      column:
        param(req, 'points') && Number.isFinite(points) ? { scoreMaximum: points } : undefined,
    });
    res.redirect(303, back(`Added “${title}”.`));
  });

  const launchPage =
    (profile: Profile, read: (req: Request) => Parameters<typeof startLaunch>[3]) =>
    async (req: Request, res: Response) => {
      const state = deps.state();
      const start = await startLaunch(state, deps.platforms[profile], deps.keys, read(req));
      sendLaunchStart(req, res, basePath, deps.platforms[profile], start);
    };

  router.get(
    '/moodle/mod/lti/launch.php',
    launchPage('moodle', (req) => {
      const activity = deps.state().sites.moodle.activities.get(param(req, 'id') ?? '');
      return {
        courseId: activity?.courseId ?? '',
        userId: param(req, 'user') ?? '',
        activityId: param(req, 'id') ?? '',
        clientId: undefined,
        placement: undefined,
      };
    }),
  );
  router.get(
    '/moodle/mod/lti/contentitem.php',
    launchPage('moodle', (req) => {
      const site = deps.state().sites.moodle;
      const byType = [...site.tools.values()].find((t) => t.typeId === param(req, 'id'));
      return {
        courseId: param(req, 'course') ?? '',
        userId: param(req, 'user') ?? '',
        activityId: undefined,
        clientId: param(req, 'tool') ?? byType?.clientId,
        placement: undefined,
      };
    }),
  );
  router.get(
    '/canvas/courses/:courseId/external_tools/retrieve',
    launchPage('canvas', (req) => ({
      courseId: String(req.params.courseId),
      userId: param(req, 'user') ?? '',
      activityId: param(req, 'assignment_id') ?? '',
      clientId: undefined,
      placement: undefined,
    })),
  );
  router.get(
    '/canvas/courses/:courseId/external_tools/resource_selection',
    launchPage('canvas', (req) => ({
      courseId: String(req.params.courseId),
      userId: param(req, 'user') ?? '',
      activityId: undefined,
      clientId: param(req, 'tool'),
      placement: param(req, 'placement') ?? 'link_selection',
    })),
  );

  // Where a tool's launch_presentation.return_url leads.
  const returned = (req: Request, res: Response) =>
    sendPage(res, {
      title: 'Returned from the tool',
      basePath,
      body: `<main id="main"><h1>Returned from the tool</h1><p>${param(req, 'lti_msg') ? `Message from the tool: ${escapeHtml(param(req, 'lti_msg')!)}` : 'You are back in the course.'}</p></main>`,
    });
  router.get('/moodle/mod/lti/return.php', returned);
  router.get('/canvas/courses/:courseId/external_content/success/external_tool_redirect', returned);

  router.get('/canvas/post_message_forwarding', (_req, res) =>
    sendPage(res, {
      title: 'Platform storage',
      basePath,
      scripts: ['storage.js'],
      body: '<main><p>Platform storage frame</p></main>',
    }),
  );

  router.get('/registrations', (req, res) => {
    const site = deps.state().sites[profileParam(req)];
    sendPage(res, {
      title: 'Tool registrations',
      basePath,
      scripts: ['page.js'],
      body: renderRegistrations({
        basePath,
        site,
        defaultUrl: deps.registrationUrl,
        notice: param(req, 'registered')
          ? 'The tool registration page has closed.'
          : param(req, 'notice'),
      }),
    });
  });

  router.post('/registrations/start', async (req, res) => {
    const state = deps.state();
    const profile = profileParam(req);
    const site = state.sites[profile];
    let target: URL;
    try {
      target = new URL(param(req, 'url') ?? '');
    } catch {
      res.redirect(
        303,
        `${basePath}/registrations?profile=${profile}&notice=${encodeURIComponent('Enter the tool’s registration URL.')}`,
      );
      return;
    }
    const update = site.tools.get(param(req, 'update') ?? '');
    const start = await issueRegistrationToken(state, deps.platforms[profile], deps.keys, update);
    target.searchParams.set('openid_configuration', start.openidConfiguration);
    target.searchParams.set('registration_token', start.registrationToken);
    sendPage(res, {
      title: 'Registering a tool',
      basePath,
      scripts: ['page.js'],
      body: renderRegistrationFrame(basePath, site, target.toString()),
    });
  });

  router.post('/registrations/activate', (req, res) => {
    const profile = profileParam(req);
    const tool = deps.state().sites[profile].tools.get(param(req, 'clientId') ?? '');
    if (tool) tool.status = 'active';
    const notice = tool ? `${tool.name} is now active.` : 'No such tool.';
    res.redirect(
      303,
      `${basePath}/registrations?profile=${profile}&notice=${encodeURIComponent(notice)}`,
    );
  });

  return router;
}
