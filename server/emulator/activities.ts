/**
 * Commands that change a site's courses: adding an activity (a resource link) and creating line
 * items (gradebook columns). Used by the UI, by deep linking and by AGS alike.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Activity, LineItem, Site, ToolRegistration } from './state.js';

export interface NewActivity {
  courseId: string;
  tool: ToolRegistration;
  title: string;
  description?: string;
  url?: string;
  custom?: Record<string, string>;
  origin: Activity['origin'];
  /** The gradebook column to make with the activity; none when undefined. */
  column?: { scoreMaximum: number; label?: string; resourceId?: string; tag?: string };
}

/** A stable UUID-shaped id derived from a seed, so seeded data looks the same after a reset. */
export function stableUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Adds an activity to a course, with its own gradebook column when asked. */
export function addActivity(site: Site, input: NewActivity): Activity {
  const id = String(site.counters.activity++);
  // Moodle's resource link id is the lti instance id (not the course module id); Canvas uses a UUID.
  const resourceLinkId =
    site.profile === 'moodle' ? String(site.counters.instance++) : randomUUID();
  const activity: Activity = {
    id,
    resourceLinkId,
    courseId: input.courseId,
    clientId: input.tool.clientId,
    title: input.title,
    description: input.description ?? '',
    url: input.url ?? input.tool.targetLinkUri,
    custom: input.custom ?? {},
    origin: input.origin,
  };
  site.activities.set(id, activity);
  if (input.column) {
    createLineItem(site, {
      courseId: input.courseId,
      clientId: input.tool.clientId,
      // Both platforms name the activity's own column after the activity.
      label: input.title,
      scoreMaximum: input.column.scoreMaximum,
      resourceId: input.column.resourceId ?? '',
      tag: input.column.tag ?? '',
      activityId: id,
      coupled: true,
      column: true,
    });
  }
  return activity;
}

/** A line item as its maker describes it: no id or creation time yet, and dates only if it has any. */
export type NewLineItem = Omit<LineItem, 'id' | 'createdAt' | 'startDateTime' | 'endDateTime'> &
  Partial<Pick<LineItem, 'startDateTime' | 'endDateTime'>>;

/** Creates a line item with the site's next id. */
export function createLineItem(site: Site, input: NewLineItem): LineItem {
  const item: LineItem = {
    id: String(site.counters.lineItem++),
    courseId: input.courseId,
    clientId: input.clientId,
    label: input.label,
    scoreMaximum: input.scoreMaximum,
    resourceId: input.resourceId,
    tag: input.tag,
    activityId: input.activityId,
    coupled: input.coupled,
    column: input.column,
    startDateTime: input.startDateTime,
    endDateTime: input.endDateTime,
    createdAt: new Date().toISOString(),
  };
  site.lineItems.set(item.id, item);
  return item;
}

/** The activity's own line item (the one made with it), if it has one. */
export function coupledLineItem(site: Site, activityId: string): LineItem | undefined {
  return [...site.lineItems.values()].find((i) => i.activityId === activityId && i.coupled);
}

/** Deletes a line item and its grades. */
export function deleteLineItem(site: Site, itemId: string): void {
  site.lineItems.delete(itemId);
  for (const [key, grade] of site.grades) if (grade.lineItemId === itemId) site.grades.delete(key);
}
