/**
 * Stored attempt state is checked when it is read: a document damaged in the database is refused
 * with a clear error naming what is wrong, logged, and the server goes on serving everyone else.
 */
import { Types } from 'mongoose';
import { describe, expect, it, vi } from 'vitest';
import { checkAttemptStates, checkedState } from '../../../server/data/attemptState.js';
import type { AppError } from '../../../server/errors.js';
import { errorHandler } from '../../../server/errorHandling.js';
import type { Logger } from '../../../server/logger.js';
import { Attempt } from '../../../server/models/attempt.js';
import { LTI, useFakePlatform } from '../../helpers/fakePlatform.js';
import { launch, ltikFrom } from '../../helpers/ltiFlow.js';
import { useUpstream } from '../../helpers/upstream.js';

const upstream = useUpstream({ EMULATOR: 'off' });
const platform = useFakePlatform();
const CASE = 'damp-housing-and-asthma';

/** A student's player API in the course's activity. */
async function player(sub: string) {
  const res = await launch(upstream.url, platform, {
    sub,
    [`${LTI}context`]: { id: 'course-state', title: 'Population Health' },
    [`${LTI}resource_link`]: { id: 'rl-state', title: 'Housing and asthma' },
    [`${LTI}custom`]: { case: CASE },
  });
  const ltik = ltikFrom(res);
  return async (method: string, path: string) => {
    const answer = await fetch(`${upstream.url}/api/player${path}`, {
      method,
      headers: { Authorization: `Bearer ${ltik}` },
    });
    return {
      status: answer.status,
      body: (await answer.json()) as {
        id: string;
        error: { id: string; message: string };
      },
    };
  };
}

describe('a stored attempt whose state is damaged', () => {
  it('is refused with an error naming the damaged field, and other students play on', async () => {
    const damaged = await player('student-damaged');
    const started = await damaged('POST', '/attempts');
    expect(started.status).toBe(201);
    const id = started.body.id;
    // As a hand edit or a failed migration might leave it: the path is no longer a list of step ids.
    await Attempt.collection.updateOne(
      { _id: new Types.ObjectId(id) },
      { $set: { 'state.path': 'intro' } },
    );

    for (const path of ['', `/attempts/${id}`]) {
      const read = await damaged('GET', path);
      expect(read.status).toBe(500);
      expect(read.body.error.id).toBe('attempt_unreadable');
      expect(read.body.error.message).toContain(`The saved attempt ${id} cannot be read`);
      expect(read.body.error.message).toContain('path:');
    }

    const other = await player('student-fine');
    expect((await other('POST', '/attempts')).status).toBe(201);
    expect((await other('GET', '')).status).toBe(200);
  });
});

describe('the stored state check', () => {
  const valid = { path: ['intro'], responses: {}, marks: {}, flags: [], facts: [], scores: {} };

  it('passes a state the engine wrote, and an attempt read without its state', () => {
    expect(checkedState({ _id: 'a1', state: valid })).toEqual(valid);
    expect(() => checkAttemptStates([{ _id: 'a1' }])).not.toThrow();
    expect(() => checkAttemptStates(null)).not.toThrow();
  });

  it('names every kind of damage without quoting the stored values', () => {
    const answer = 'my private free-text answer';
    const damaged = {
      ...valid,
      responses: { intro: { kind: 'free-text', text: 7 } },
      marks: { intro: { c1: 'brilliant' } },
      facts: [{ label: answer }],
    };
    const check = () => checkAttemptStates([{ _id: 'a2', state: damaged }]);
    expect(check).toThrow(/The saved attempt a2 cannot be read: its stored state is damaged/);
    expect(check).toThrow(/responses\.intro/);
    expect(check).toThrow(/marks\.intro\.c1/);
    expect(check).toThrow(/facts\.0\.value/);
    expect(check).not.toThrow(new RegExp(answer));
    expect(() => checkedState({ _id: 'a3', state: null })).toThrow(/state: /);
  });

  it('is logged by the error handler, which says no more than the error', () => {
    const logger = { error: vi.fn() } as unknown as Logger;
    const json = vi.fn();
    const res = { headersSent: false, status: vi.fn(() => ({ json })) };
    let thrown: AppError | undefined;
    try {
      checkedState({ _id: 'a4', state: { ...valid, flags: 'x' } });
    } catch (error) {
      thrown = error as AppError;
    }
    errorHandler(logger)(
      thrown,
      { method: 'GET', path: '/api/player' } as never,
      res as never,
      () => {},
    );
    expect(logger.error).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'attempt_unreadable', message: thrown!.message }),
      'stored data cannot be read',
    );
    expect(res.status).toHaveBeenCalledWith(500);
    expect(json).toHaveBeenCalledWith({
      error: { id: 'attempt_unreadable', message: thrown!.message },
    });
  });
});
