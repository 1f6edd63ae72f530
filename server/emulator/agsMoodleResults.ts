/**
 * Moodle's score and result resources (mod/lti/service/gradebookservices): a score answers 200 with
 * an empty body, a refused one carries its reason in the status line with the body `[]`; results
 * leave out a zero grade (PHP's empty()) and date their timestamp in whole seconds.
 */
import type { Request, Response } from 'express';
import { applyScore, positiveInt } from './ags.js';
import { mediaType, sendMoodleServiceError } from './http.js';
import { MEDIA_TYPES } from './platforms.js';
import type { EmulatorState, LineItem, Site, ToolRegistration } from './state.js';

/** The accept/content type is absent or exactly one of `formats` (Moodle compares whole strings). */
export function typeAllowed(value: string | undefined, formats: string[]): boolean {
  const v = (value ?? '').trim();
  return v === '' || formats.includes(v);
}

/**
 * A line item that services.php found in the course and owned by the token's tool, with what its
 * resources answer with.
 */
export interface CheckedItem {
  site: Site;
  siteUrl: string;
  tool: ToolRegistration;
  item: LineItem;
}

/** POST .../lineitem/scores: one score, Moodle's rules (see ags.ts). */
export function scoresResource(
  req: Request,
  res: Response,
  state: EmulatorState,
  { site, item }: CheckedItem,
): void {
  if (req.method !== 'POST') {
    sendMoodleServiceError(req, res, 405, 'GET requests are not allowed.');
    return;
  }
  if (mediaType(req.get('content-type')) !== MEDIA_TYPES.score) {
    sendMoodleServiceError(req, res, 400, 'No context or unsupported content type');
    return;
  }
  const rawText = typeof req.body === 'string' ? req.body : '';
  const outcome = applyScore(site, item, rawText);
  if (!outcome.ok) {
    // The message goes in the status line; the body is the `[]` the resource had prepared. Before
    // 4.1 a repeated timestamp threw `new \Exception(null, 409)`: no message at all.
    const bare = outcome.status === 409 && state.settings.moodleScoreRefusals === 'bare';
    sendMoodleServiceError(req, res, outcome.status, bare ? '' : outcome.message, '[]');
    return;
  }
  state.stats.scoresAccepted++;
  res.status(200).type(`${MEDIA_TYPES.score}; charset=utf-8`).send('');
}

/** GET .../lineitem/results: results as Moodle lists them. */
export function resultsResource(
  req: Request,
  res: Response,
  { site, siteUrl, tool, item }: CheckedItem,
): void {
  if (req.method !== 'GET' || !typeAllowed(req.get('accept'), [MEDIA_TYPES.resultContainer])) {
    sendMoodleServiceError(req, res, 400, 'Invalid request made.');
    return;
  }
  const endpoint = `${siteUrl}/mod/lti/services.php/${item.courseId}/lineitems/${item.id}/lineitem`;
  const userFilter = typeof req.query.user_id === 'string' ? req.query.user_id : undefined;
  let grades = [...site.grades.values()].filter(
    (g) => g.lineItemId === item.id && (!userFilter || g.userId === userFilter),
  );
  const limit = positiveInt(req.query.limit);
  if (limit) grades = grades.slice(Number(req.query.from ?? 0) || 0).slice(0, limit);
  const results = grades.map((grade) => {
    const json: Record<string, unknown> = {
      id: `${endpoint}/results?type_id=${tool.typeId}&user_id=${grade.userId}`,
      userId: grade.userId,
    };
    // PHP's empty(): a grade of 0 is left out, as Moodle does.
    if (grade.score) {
      json.resultScore = grade.score;
      json.resultMaximum = item.scoreMaximum;
      if (grade.comment) json.comment = grade.comment;
      json.scoreOf = `${endpoint}?type_id=${tool.typeId}`;
      json.timestamp = new Date(Math.floor(grade.timestampMs / 1000) * 1000)
        .toISOString()
        .replace('.000Z', '+00:00');
    }
    return json;
  });
  res.type(`${MEDIA_TYPES.resultContainer}; charset=utf-8`).send(JSON.stringify(results));
}
