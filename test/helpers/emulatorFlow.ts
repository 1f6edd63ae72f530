/**
 * Drives a whole launch over HTTP through the built-in emulator, as a browser with cookies would:
 * the emulator's login form, the tool's login, the emulator's authorization page and its
 * auto-submitting form, the tool's launch, and the page's first API call.
 */

export interface FlowResult {
  /** The tool's answer to the launch form post. */
  launch: Response;
  ltik: string | null;
}

/** The action and fields of the first <form> in an HTML page. */
export function firstForm(html: string): { action: string; fields: Record<string, string> } {
  const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new Error(`no form in page: ${html.slice(0, 300)}`);
  const decode = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&#34;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const fields: Record<string, string> = {};
  for (const input of form[2]!.matchAll(/<input[^>]*>/gi)) {
    const name = /name="([^"]*)"/.exec(input[0])?.[1];
    const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
    if (name) fields[decode(name)] = decode(value);
  }
  return { action: decode(form[1]!), fields };
}

const cookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

/** Starts a launch at the emulator (admin API) and follows it to the tool's page. */
export async function launchThroughEmulator(
  emulator: string,
  request: {
    profile: 'moodle' | 'canvas';
    course: string;
    user: string;
    activity?: string;
    tool?: string;
  },
): Promise<FlowResult> {
  const started = await fetch(`${emulator}/api/launches`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
  });
  if (!started.ok)
    throw new Error(`emulator refused the launch: ${started.status} ${await started.text()}`);
  const login = (await started.json()) as { action: string; fields: Record<string, string> };
  const loginAnswer = await fetch(login.action, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams(login.fields),
  });
  const cookie = cookieOf(loginAnswer);
  let next = loginAnswer.headers.get('location');
  if (!next) {
    // The platform-storage page: it would store state and nonce, then go on to `next`.
    const settings = /id="lti-storage">(.*?)<\/script>/s.exec(await loginAnswer.text());
    next = settings ? (JSON.parse(settings[1]!) as { next: string }).next : null;
  }
  if (!next) throw new Error(`the tool's login did not continue: ${loginAnswer.status}`);
  let auth = await fetch(next, { redirect: 'manual' });
  while (auth.status === 302)
    auth = await fetch(new URL(auth.headers.get('location')!, next), { redirect: 'manual' });
  const form = firstForm(await auth.text());
  const launch = await fetch(form.action, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
    body: new URLSearchParams(form.fields),
  });
  const location = launch.headers.get('location') ?? '';
  return { launch, ltik: new URLSearchParams(location.split('#')[1] ?? '').get('ltik') };
}
