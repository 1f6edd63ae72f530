/**
 * The item analysis as CSV (GET /api/analysis.csv), written with the class export's formula-safe
 * cells (dashboard/csv.ts): one row per option of each step (one row for a step without options),
 * newest case version first. Columns: Version, Step, Kind, Reached, Answered, Awaiting marking,
 * Facility, Discrimination, Discrimination n, Discrimination note, Median seconds, Stopped here,
 * Option, Chosen, Percent, Best, Harmful, Harmful times, Harmful students. Step and option values
 * repeat on every row of the step, so a spreadsheet can filter and pivot them. Empty: no value.
 */
import type { StepAnalysis } from '../../analytics/itemAnalysis.js';
import { toCsv, type Cell } from '../dashboard/csv.js';
import type { ActivityAnalysis } from './contract.js';

export const ITEM_HEADERS = [
  'Version',
  'Step',
  'Kind',
  'Reached',
  'Answered',
  'Awaiting marking',
  'Facility',
  'Discrimination',
  'Discrimination n',
  'Discrimination note',
  'Median seconds',
  'Stopped here',
  'Option',
  'Chosen',
  'Percent',
  'Best',
  'Harmful',
  'Harmful times',
  'Harmful students',
];

function stepRows(version: number, s: StepAnalysis): Cell[][] {
  const step: Cell[] = [
    version,
    s.title,
    s.kind,
    s.reached,
    s.answered,
    s.awaitingMarking,
    s.facility,
    s.discrimination.r,
    s.discrimination.n,
    s.discrimination.note,
    s.medianSeconds,
    s.stoppedHere,
  ];
  if (!s.choices) return [[...step, null, null, null, null, null, null, null]];
  return s.choices.map((c) => {
    const harm = s.harmful.find((h) => h.optionId === c.id);
    return [
      ...step,
      c.text,
      c.count,
      c.percent,
      c.best,
      c.harmful,
      harm?.times ?? null,
      harm?.students ?? null,
    ];
  });
}

/** The placement's item analysis as a CSV file. */
export function itemsCsv(analysis: ActivityAnalysis): string {
  return toCsv([
    ITEM_HEADERS,
    ...analysis.versions.flatMap((v) => v.steps.flatMap((s) => stepRows(v.caseVersion, s))),
  ]);
}
