/**
 * The emulator's admin JSON API for tests (under /emulator/api/): inspect the gradebooks, count
 * requests, change settings (the Canvas throttle, AGS fault injection), activate dynamically
 * registered tools, start launches and registrations without a browser, enrol synthetic students
 * (roster.ts), and reset everything to the seed.
 */
import express from 'express';
import { z } from 'zod';
import { courseTotal } from './courseTotal.js';
import { agsFaultsSchema, configureFaults } from './faults.js';
import type { PlatformKeys } from './keys.js';
import { startLaunch } from './launch.js';
import type { PlatformProfile } from './platforms.js';
import { issueRegistrationToken } from './platformConfiguration.js';
import { rosterRoutes } from './roster.js';
import {
  courseActivities,
  courseLineItems,
  emptyStats,
  PROFILES,
  type EmulatorState,
  type Profile,
  type Site,
  type ToolRegistration,
} from './state.js';

interface Dependencies {
  state: () => EmulatorState;
  reset: () => void;
  platforms: Record<Profile, PlatformProfile>;
  keys: PlatformKeys;
}

const profileSchema = z.enum(['moodle', 'canvas']);

const settingsSchema = z.object({
  canvasRateLimit: z
    .object({ limit: z.number().int().min(0), windowMs: z.number().int().min(1) })
    .nullable()
    .optional(),
  agsFaults: agsFaultsSchema.optional(),
  moodleScoreRefusals: z.enum(['reason', 'bare']).optional(),
});

const activateSchema = z.object({
  profile: profileSchema.optional(),
  clientId: z.string().min(1),
  /** false puts the tool back to Pending (to test how a tool handles it). */
  active: z.boolean().default(true),
  acceptGrades: z.enum(['always', 'delegate']).optional(),
});

const launchSchema = z.object({
  profile: profileSchema,
  course: z.string().min(1),
  user: z.string().min(1),
  activity: z.string().optional(),
  tool: z.string().optional(),
  placement: z.string().optional(),
});

/** Gradebook setup > Weights: a column's overridden weight in Moodle's course total (0 leaves it out). */
const weightSchema = z.strictObject({
  course: z.string().min(1),
  column: z.string().min(1),
  weight: z.number().min(0).nullable(),
});

const registrationTokenSchema = z.object({ profile: profileSchema, update: z.string().optional() });

function presentTool(tool: ToolRegistration): Record<string, unknown> {
  return {
    clientId: tool.clientId,
    deploymentId: tool.deploymentId,
    typeId: tool.typeId,
    name: tool.name,
    source: tool.source,
    status: tool.status,
    loginUrl: tool.loginUrl,
    targetLinkUri: tool.targetLinkUri,
    deepLinkUrl: tool.deepLinkUrl ?? null,
    redirectUris: tool.redirectUris,
    jwksUrl: tool.jwksUrl,
    scopes: tool.scopes,
    customParameters: tool.customParameters,
    acceptGrades: tool.acceptGrades,
    createdAt: tool.createdAt,
    updatedAt: tool.updatedAt,
  };
}

function presentGradebook(site: Site): Record<string, unknown> {
  return {
    courses: [...site.courses.values()].map((course) => ({
      id: course.id,
      label: course.label,
      title: course.title,
      activities: courseActivities(site, course.id).map((a) => ({
        id: a.id,
        resourceLinkId: a.resourceLinkId,
        title: a.title,
        url: a.url,
        custom: a.custom,
        clientId: a.clientId,
        origin: a.origin,
      })),
      columns: courseLineItems(site, course.id).map((item) => ({
        id: item.id,
        label: item.label,
        scoreMaximum: item.scoreMaximum,
        resourceId: item.resourceId,
        tag: item.tag,
        activityId: item.activityId ?? null,
        coupled: item.coupled,
        column: item.column,
        weightOverride: item.weightOverride ?? null,
        clientId: item.clientId,
      })),
      courseTotal: courseTotal(site, course.id),
      scores: [...site.grades.values()]
        .filter((g) => site.lineItems.get(g.lineItemId)?.courseId === course.id)
        .map((g) => ({
          lineItemId: g.lineItemId,
          userId: g.userId,
          score: g.score,
          scoreGiven: g.scoreGiven,
          scoreMaximum: g.scoreMaximum,
          comment: g.comment,
          comments: g.comments,
          activityProgress: g.activityProgress,
          gradingProgress: g.gradingProgress,
          timestamp: g.timestamp,
          receivedAt: g.receivedAt,
          history: g.history,
        })),
    })),
  };
}

/** The /api router. */
export function adminRoutes(deps: Dependencies): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: '100kb' }));
  const profilesOf = (value: unknown): Profile[] => {
    const parsed = profileSchema.safeParse(value);
    return parsed.success ? [parsed.data] : [...PROFILES];
  };

  router.get('/gradebook', (req, res) => {
    const state = deps.state();
    res.json(
      Object.fromEntries(
        profilesOf(req.query.profile).map((p) => [p, presentGradebook(state.sites[p])]),
      ),
    );
  });

  router.post('/gradebook/weight', (req, res) => {
    const parsed = weightSchema.safeParse(req.body);
    const site = deps.state().sites.moodle;
    const item = parsed.success ? site.lineItems.get(parsed.data.column) : undefined;
    if (!parsed.success || !item || item.courseId !== parsed.data.course) {
      res.status(400).json({
        error: {
          id: 'bad_request',
          message:
            'course, column (a Moodle gradebook column of that course) and weight are required',
        },
      });
      return;
    }
    item.weightOverride = parsed.data.weight ?? undefined;
    res.json({ courseTotal: courseTotal(site, item.courseId) });
  });

  router.get('/stats', (_req, res) => {
    res.json(deps.state().stats);
  });

  router.post('/stats/reset', (_req, res) => {
    deps.state().stats = emptyStats();
    res.json(deps.state().stats);
  });

  router.get('/settings', (_req, res) => {
    res.json(deps.state().settings);
  });

  router.post('/settings', (req, res) => {
    const parsed = settingsSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({
        error: {
          id: 'bad_request',
          message: parsed.error.issues
            .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
            .join('; '),
        },
      });
      return;
    }
    const state = deps.state();
    if (parsed.data.canvasRateLimit !== undefined) {
      state.settings.canvasRateLimit = parsed.data.canvasRateLimit;
      state.throttle = { windowStart: 0, count: 0 };
    }
    if (parsed.data.agsFaults !== undefined) configureFaults(state, parsed.data.agsFaults);
    if (parsed.data.moodleScoreRefusals)
      state.settings.moodleScoreRefusals = parsed.data.moodleScoreRefusals;
    res.json(state.settings);
  });

  router.get('/registrations', (req, res) => {
    const state = deps.state();
    res.json(
      Object.fromEntries(
        profilesOf(req.query.profile).map((p) => [
          p,
          [...state.sites[p].tools.values()].map(presentTool),
        ]),
      ),
    );
  });

  router.post('/activate', (req, res) => {
    const parsed = activateSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: { id: 'bad_request', message: 'clientId is required' } });
      return;
    }
    const state = deps.state();
    const profiles = parsed.data.profile ? [parsed.data.profile] : [...PROFILES];
    const tool = profiles.map((p) => state.sites[p].tools.get(parsed.data.clientId)).find(Boolean);
    if (!tool) {
      res.status(404).json({ error: { id: 'not_found', message: 'No tool has this client id.' } });
      return;
    }
    tool.status = parsed.data.active ? 'active' : 'pending';
    if (parsed.data.acceptGrades) tool.acceptGrades = parsed.data.acceptGrades;
    res.json(presentTool(tool));
  });

  router.post('/launches', async (req, res) => {
    const parsed = launchSchema.safeParse(req.body);
    if (!parsed.success) {
      res
        .status(400)
        .json({ error: { id: 'bad_request', message: 'profile, course and user are required' } });
      return;
    }
    const { profile, course, user, activity, tool, placement } = parsed.data;
    const start = await startLaunch(deps.state(), deps.platforms[profile], deps.keys, {
      courseId: course,
      userId: user,
      activityId: activity,
      clientId: tool,
      placement,
    });
    if (!start.ok) {
      res.status(start.status).json({ error: { id: 'launch_refused', message: start.message } });
      return;
    }
    res.json({ action: start.action, fields: start.fields });
  });

  router.post('/registration-token', async (req, res) => {
    const parsed = registrationTokenSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: { id: 'bad_request', message: 'profile is required' } });
      return;
    }
    const state = deps.state();
    const update = parsed.data.update
      ? state.sites[parsed.data.profile].tools.get(parsed.data.update)
      : undefined;
    if (parsed.data.update && !update) {
      res.status(404).json({ error: { id: 'not_found', message: 'No tool has this client id.' } });
      return;
    }
    const start = await issueRegistrationToken(
      state,
      deps.platforms[parsed.data.profile],
      deps.keys,
      update,
    );
    res.json({
      openid_configuration: start.openidConfiguration,
      registration_token: start.registrationToken,
    });
  });

  router.post('/reset', (_req, res) => {
    deps.reset();
    res.json({ reset: true });
  });

  router.use(rosterRoutes(deps.state));

  router.use((_req, res) => {
    res
      .status(404)
      .json({ error: { id: 'not_found', message: 'This emulator API endpoint was not found.' } });
  });
  return router;
}
