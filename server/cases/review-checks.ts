/**
 * The validator's checks that a case says how current and how reviewed it is (issue 16): a review-by
 * date still ahead, the reviews it had, its changes, a facilitator guide, the date each source was
 * checked, and the markers' aids on each free-text step. All warnings: a case missing them still
 * works for students, but is not ready to be used without them (`cases validate --strict`).
 */
import { quoted, type CheckContext, type Finding } from './check-context.js';
import { LEVEL_IDS } from './competencies.js';

/** `today` is an ISO date (YYYY-MM-DD), so dates compare as strings. */
export function reviewFindings(context: CheckContext, today: string): Finding[] {
  const { caseModule } = context;
  const findings: Finding[] = [];
  const warn = (finding: Omit<Finding, 'severity'>) =>
    findings.push({ ...finding, severity: 'warning' });
  // A missing field has no line to point at, so its finding names no field: the message does.
  if (caseModule.reviewBy === undefined) {
    warn({
      message: 'reviewBy is missing: give the date by which the case must be reviewed again',
    });
  } else if (caseModule.reviewBy < today) {
    warn({
      field: 'reviewBy',
      message: `reviewBy ${caseModule.reviewBy} has passed (today is ${today}): review the case and set a new date`,
    });
  }
  const missing: [field: 'reviews' | 'changes' | 'facilitatorGuide', says: string][] = [
    [
      'reviews',
      'who reviewed the case and how (status not-yet for a review that has not happened)',
    ],
    ['changes', 'what changed in each version and the review finding each change answers'],
    ['facilitatorGuide', 'a guide for a group debrief, with timings and questions'],
  ];
  for (const [field, says] of missing) {
    if (caseModule[field] === undefined) warn({ message: `${field} is missing: ${says}` });
  }
  const unchecked = caseModule.references.filter((r) => r.checked === undefined).map((r) => r.id);
  if (unchecked.length > 0) {
    warn({
      field: 'references',
      message: `${unchecked.length === 1 ? 'reference' : 'references'} ${quoted(unchecked)} ${unchecked.length === 1 ? 'has' : 'have'} no checked date (when the source was last checked)`,
    });
  }
  for (const step of caseModule.steps) {
    if (step.kind !== 'free-text') continue;
    if (step.automaticNotYet === undefined) {
      warn({
        step: step.id,
        field: 'automaticNotYet',
        message: 'automaticNotYet is missing: what makes an answer "not yet" whatever else it does',
      });
    }
    step.rubric.forEach((criterion, i) => {
      const bare = criterion.levels.filter((level) => level.example === undefined);
      if (bare.length === 0) return;
      const levels = bare
        .map((level) => level.level)
        .sort((a, b) => LEVEL_IDS.indexOf(a) - LEVEL_IDS.indexOf(b));
      warn({
        step: step.id,
        field: `rubric[${i}]`,
        message: `criterion "${criterion.id}": no example answer for ${levels.join(', ')}`,
      });
    });
  }
  return findings;
}
