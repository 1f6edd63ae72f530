/** The step map's facts: edges with what leads along them, unreachable steps and dead ends. */
import { describe, expect, it } from 'vitest';
import type { CaseModule } from '../../../server/cases/schema.js';
import { stepMap } from '../../../server/cases/stepMap.js';
import { completeCase } from './fixtures.js';

const narrative = (id: string, next: unknown) => ({
  id,
  kind: 'narrative',
  title: `Title of ${id}`,
  body: 'text',
  next,
});
const debrief = (id: string) => ({ id, kind: 'debrief', title: `Title of ${id}`, body: 'end' });
const option = (id: string, next?: string) => ({ id, text: `Option ${id}`, feedback: 'why', next });

/** Only the fields the step map reads; the rest of a case does not change its graph. */
const caseOf = (start: string, steps: unknown[]) => ({ start, steps }) as unknown as CaseModule;

describe('stepMap', () => {
  const branching = caseOf('intro', [
    narrative('intro', 'choose'),
    {
      id: 'choose',
      kind: 'single-choice',
      title: 'Choose',
      prompt: 'Which?',
      options: [option('safe', 'debrief'), option('risky', 'loop-a'), option('plain')],
      next: 'debrief',
    },
    // A loop with no way out: both steps are dead ends.
    narrative('loop-a', 'loop-b'),
    narrative('loop-b', 'loop-a'),
    // Nothing leads here, and it leads only to a step that does not exist.
    narrative('orphan', 'nowhere'),
    debrief('debrief'),
  ]);

  it('lists every step with its kind and title, in the order of the case', () => {
    const map = stepMap(branching);
    expect(map.start).toBe('intro');
    expect(map.nodes.map((n) => [n.id, n.kind])).toEqual([
      ['intro', 'narrative'],
      ['choose', 'single-choice'],
      ['loop-a', 'narrative'],
      ['loop-b', 'narrative'],
      ['orphan', 'narrative'],
      ['debrief', 'debrief'],
    ]);
    expect(map.nodes[1]!.title).toBe('Choose');
  });

  it('labels each edge with the options that lead along it and drops missing targets', () => {
    expect(stepMap(branching).edges).toEqual([
      { from: 'intro', to: 'choose', via: [{ kind: 'next' }] },
      {
        from: 'choose',
        to: 'debrief',
        via: [
          { kind: 'option', option: 'safe', text: 'Option safe' },
          { kind: 'option', option: 'plain', text: 'Option plain' },
        ],
      },
      {
        from: 'choose',
        to: 'loop-a',
        via: [{ kind: 'option', option: 'risky', text: 'Option risky' }],
      },
      { from: 'loop-a', to: 'loop-b', via: [{ kind: 'next' }] },
      { from: 'loop-b', to: 'loop-a', via: [{ kind: 'next' }] },
    ]);
  });

  it('names the unreachable step and the dead ends', () => {
    const map = stepMap(branching);
    expect(map.unreachable).toEqual(['orphan']);
    expect(map.deadEnds).toEqual(['loop-a', 'loop-b', 'orphan']);
  });

  it('labels branches with their condition and the otherwise', () => {
    const when = { chose: { step: 'intro', option: 'x' } };
    const map = stepMap(
      caseOf('intro', [
        narrative('intro', { branches: [{ when, to: 'a' }], otherwise: 'b' }),
        debrief('a'),
        debrief('b'),
      ]),
    );
    expect(map.edges).toEqual([
      { from: 'intro', to: 'a', via: [{ kind: 'branch', when }] },
      { from: 'intro', to: 'b', via: [{ kind: 'otherwise' }] },
    ]);
    expect(map.unreachable).toEqual([]);
    expect(map.deadEnds).toEqual([]);
  });

  it('marks every step unreachable when the start step does not exist', () => {
    const map = stepMap(caseOf('missing', [narrative('a', 'b'), debrief('b')]));
    expect(map.unreachable).toEqual(['a', 'b']);
    expect(map.deadEnds).toEqual([]);
  });

  it('finds nothing wrong in the complete fixture case, which branches three ways', () => {
    const caseModule = completeCase();
    const map = stepMap(caseModule);
    expect(map.nodes).toHaveLength(caseModule.steps.length);
    expect(map.unreachable).toEqual([]);
    expect(map.deadEnds).toEqual([]);
    const kinds = new Set(map.edges.flatMap((e) => e.via.map((v) => v.kind)));
    expect(kinds).toEqual(new Set(['next', 'option', 'branch', 'otherwise']));
  });
});
