/**
 * The instructor's activity settings through the API, as the settings page does: read them, change
 * some, and PUT the whole form back (without the read-only fields the GET adds).
 */
import { expect } from 'vitest';

export type Settings = { grading: Record<string, unknown> } & Record<string, unknown>;

/** Applies `change` to the activity's current settings and saves them; returns the PUT's answer. */
export async function changeSettings<T = { settings: Settings; regraded: number }>(
  baseUrl: string,
  ltik: string,
  change: (settings: Settings) => Settings,
): Promise<T> {
  const headers = { Authorization: `Bearer ${ltik}`, 'Content-Type': 'application/json' };
  const current = (await (await fetch(`${baseUrl}/api/placement`, { headers })).json()) as {
    settings: Settings;
  };
  const { attemptsStarted: _started, caseId: _case, ...settings } = current.settings;
  const res = await fetch(`${baseUrl}/api/placement`, {
    method: 'PUT',
    headers,
    body: JSON.stringify(change(settings as Settings)),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}
