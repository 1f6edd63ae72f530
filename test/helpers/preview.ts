/** Calls the preview API (answer key and try-out) as a staff launch, for the preview suites. */
import mongoose from 'mongoose';
import { api } from '../security/api.js';
import type { PresentedStep } from './answers.js';

export const libraryCase = (caseId: string) => ({ source: 'library', caseId });

export interface PreviewState {
  path: string[];
  responses: Record<string, unknown>;
}

/** What /api/preview/start, /step and /back answer. */
export interface PreviewAnswer {
  state: PreviewState;
  attempt: {
    id: string;
    status: 'in-progress' | 'finished';
    canGoBack: boolean;
    step: PresentedStep & { title: string };
    progress: { path: Array<{ id: string }> };
    facts: Array<{ label: string; value: string }>;
    result: null | { overall: { percent: number } };
  };
  feedback?: null | { stepId: string; earned: unknown[] };
}

/** A POST to /api/preview<path> as the ltik's launch, with the whole answer kept. */
export const previewPost = <T = PreviewAnswer>(
  baseUrl: string,
  ltik: string,
  path: string,
  body: unknown,
) => api<T>(baseUrl, ltik, 'POST', `/api/preview${path}`, body);

/** Documents in every collection of the database, by collection name. */
export async function documentCounts(): Promise<Record<string, number>> {
  const db = mongoose.connection.db!;
  const collections = await db.listCollections().toArray();
  const counts: Record<string, number> = {};
  for (const { name } of collections) counts[name] = await db.collection(name).countDocuments();
  return counts;
}
