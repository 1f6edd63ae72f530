/**
 * The AGS 2.0 calls Upstream makes: find and create line items, post scores. Line item URLs may carry
 * a query string (Moodle: .../lineitem?type_id=1), so /scores goes into the path, before the query.
 */
import { nextPage, platformFetch, type PlatformKey } from './http.js';
import { accessToken } from './tokens.js';

export const AGS_SCOPES = [
  'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
  'https://purl.imsglobal.org/spec/lti-ags/scope/score',
  'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
];

const MEDIA = {
  lineItem: 'application/vnd.ims.lis.v2.lineitem+json',
  container: 'application/vnd.ims.lis.v2.lineitemcontainer+json',
  score: 'application/vnd.ims.lis.v1.score+json',
};

export interface LineItem {
  id: string;
  label: string;
  scoreMaximum: number;
  resourceLinkId?: string;
  resourceId?: string;
  tag?: string;
}

export interface Score {
  userId: string;
  scoreGiven?: number;
  scoreMaximum: number;
  activityProgress: string;
  gradingProgress: string;
  comment?: string;
  timestamp: string;
  [extension: string]: unknown;
}

/** The URL of a line item's sub-resource: `/scores` or `/results` inserted before any query string. */
export function lineItemService(lineItemUrl: string, service: 'scores' | 'results'): string {
  const url = new URL(lineItemUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${service}`;
  return url.toString();
}

async function authorization(platform: PlatformKey): Promise<string> {
  // One token for every AGS call: fewer token requests than one per scope.
  return `Bearer ${await accessToken(platform, AGS_SCOPES)}`;
}

/** Line items of a container matching the filters, following pages. */
export async function findLineItems(
  platform: PlatformKey,
  container: string,
  filters: { resourceLinkId?: string; tag?: string },
): Promise<LineItem[]> {
  const url = new URL(container);
  if (filters.resourceLinkId) url.searchParams.set('resource_link_id', filters.resourceLinkId);
  if (filters.tag) url.searchParams.set('tag', filters.tag);
  const items: LineItem[] = [];
  let next: string | undefined = url.toString();
  for (let page = 0; next && page < 20; page++) {
    const res = await platformFetch(platform, next, {
      headers: { Accept: MEDIA.container, Authorization: await authorization(platform) },
    });
    items.push(...((await res.json()) as LineItem[]));
    next = nextPage(res.headers.get('link'));
  }
  // Some platforms ignore unknown filters: check them here too.
  return items.filter(
    (item) =>
      (!filters.tag || item.tag === filters.tag) &&
      (!filters.resourceLinkId ||
        !item.resourceLinkId ||
        item.resourceLinkId === filters.resourceLinkId),
  );
}

/** Creates a line item in a container. */
export async function createLineItem(
  platform: PlatformKey,
  container: string,
  item: Omit<LineItem, 'id'>,
): Promise<LineItem> {
  const res = await platformFetch(platform, container, {
    method: 'POST',
    headers: {
      'Content-Type': MEDIA.lineItem,
      Accept: MEDIA.lineItem,
      Authorization: await authorization(platform),
    },
    body: JSON.stringify(item),
  });
  return (await res.json()) as LineItem;
}

/** Reads one line item (the instructor's "test connection"). */
export async function readLineItem(platform: PlatformKey, lineItemUrl: string): Promise<LineItem> {
  const res = await platformFetch(platform, lineItemUrl, {
    headers: { Accept: MEDIA.lineItem, Authorization: await authorization(platform) },
  });
  return (await res.json()) as LineItem;
}

/** Deletes a line item (one Upstream created twice in a race). */
export async function deleteLineItem(platform: PlatformKey, lineItemUrl: string): Promise<void> {
  await platformFetch(platform, lineItemUrl, {
    method: 'DELETE',
    headers: { Authorization: await authorization(platform) },
  });
}

/** Posts a score to a line item. */
export async function postScore(
  platform: PlatformKey,
  lineItemUrl: string,
  score: Score,
): Promise<void> {
  await platformFetch(platform, lineItemService(lineItemUrl, 'scores'), {
    method: 'POST',
    headers: { 'Content-Type': MEDIA.score, Authorization: await authorization(platform) },
    body: JSON.stringify(score),
  });
}
