/** Competency weights belong to a case: a placement may only weigh the competencies its case assesses. */
import type { CaseModule } from '../../cases/schema.js';
import { errors } from '../../errors.js';
import type { InitialSettings } from './customParameters.js';

/** The weights for competencies `caseModule` does not assess, by id. */
function foreignWeights(caseModule: CaseModule, weights: Record<string, number>): string[] {
  return Object.keys(weights).filter((id) => !caseModule.competencies.includes(id));
}

/** Refuses weights for competencies the case does not assess, naming them (API input). */
export function checkWeights(caseModule: CaseModule, weights: Record<string, number>): void {
  const foreign = foreignWeights(caseModule, weights);
  if (foreign.length)
    throw errors.badRequest(
      `Invalid request. grading.weights: "${caseModule.title}" does not assess ${foreign.join(', ')}; it assesses ${caseModule.competencies.join(', ')}.`,
    );
}

/**
 * Settings from custom parameters, with weights the case cannot use dropped: parameters typed by
 * hand are forgiving (see customParameters.ts), so the case's own weights apply instead.
 */
export function settingsFor(caseModule: CaseModule, settings: InitialSettings): InitialSettings {
  const { weights } = settings.grading;
  return foreignWeights(caseModule, weights).length
    ? { ...settings, grading: { ...settings.grading, weights: {} } }
    : settings;
}
