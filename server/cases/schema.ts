/**
 * The case module format (config/cases/*.yaml), as zod schemas with their inferred types.
 * This file says what a case may contain; semantic checks that need the whole graph (dangling targets,
 * reachability, reachable maxima) live in validate.ts. Pure: no I/O.
 */
import { z } from 'zod';

const kebabId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
  error: 'must be kebab-case (lower-case letters, digits and hyphens)',
});

/** A competency id of the framework in config/competencies.yaml (UP1 ... UP7). */
export const competencyId = z
  .string()
  .regex(/^UP[1-9]$/, { error: 'must be a competency id such as UP1' });
export type CompetencyId = z.infer<typeof competencyId>;

/** The study's eight themes (DESIGN.md), by number. */
export const themeNumber = z.number().int().min(1).max(8);

const markdown = z.string().trim().min(1, { error: 'must not be empty' });

const isoDate = z.iso.date({ error: 'must be a date such as 2026-11-26' });

/** Points per competency, e.g. { UP1: 2, UP3: 1 }. Negative values are penalties (harmful choices). */
export const competencyPoints = z.record(competencyId, z.number().finite());
export type CompetencyPoints = z.infer<typeof competencyPoints>;

/** Points per competency that a step can award at most: positive. */
const possiblePoints = z
  .record(competencyId, z.number().positive({ error: 'must be greater than 0' }))
  .refine((points) => Object.keys(points).length > 0, {
    error: 'must name at least one competency',
  });

/** A fact for the patient facts panel, which accumulates what the student has learnt. */
export const fact = z.strictObject({ label: z.string().min(1), value: z.string().min(1) });
export type Fact = z.infer<typeof fact>;

/** A case image's id, made by the library on upload (server/library/images.ts). */
export const CASE_IMAGE_ID = /^img-[0-9a-f]{24}$/;
/** Longer alt text belongs in the step's body: screen readers read alt text in one go. */
export const MAX_ALT_LENGTH = 300;
export const MAX_CAPTION_LENGTH = 500;

/** An image shown with a step: one of the case's uploaded images, with its alt text. */
export const image = z.strictObject({
  id: z
    .string({
      error: "needs the id of one of the case's images (copy its reference from the case editor)",
    })
    .regex(CASE_IMAGE_ID, {
      error:
        'must be an image id such as img-0123456789abcdef01234567 (copy it from the case images)',
    }),
  alt: z
    .string({ error: 'every image needs alt text' })
    .trim()
    .min(1, { error: 'every image needs alt text' })
    .max(MAX_ALT_LENGTH, { error: `must be at most ${MAX_ALT_LENGTH} characters` }),
  caption: z
    .string()
    .trim()
    .min(1, { error: 'must not be empty (leave the caption out instead)' })
    .max(MAX_CAPTION_LENGTH, { error: `must be at most ${MAX_CAPTION_LENGTH} characters` })
    .optional(),
});
export type CaseImageRef = z.infer<typeof image>;

/** Conditions over the attempt so far. */
export type Condition =
  | { chose: { step: string; option: string } }
  | { flag: string }
  | { score: { competency: CompetencyId; atLeast?: number; below?: number } }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const condition: z.ZodType<Condition> = z.lazy(() =>
  z.union(
    [
      z.strictObject({ chose: z.strictObject({ step: kebabId, option: kebabId }) }),
      z.strictObject({ flag: kebabId }),
      z.strictObject({
        score: z
          .strictObject({
            competency: competencyId,
            atLeast: z.number().optional(),
            below: z.number().optional(),
          })
          .refine((s) => s.atLeast !== undefined || s.below !== undefined, {
            error: 'needs atLeast or below',
          }),
      }),
      z.strictObject({ all: z.array(condition).min(1) }),
      z.strictObject({ any: z.array(condition).min(1) }),
      z.strictObject({ not: condition }),
    ],
    { error: 'a condition must be exactly one of chose, flag, score, all, any or not' },
  ),
);

/** Where a step leads: one step, or the first branch whose condition holds, else `otherwise`. */
export const next = z.union(
  [
    kebabId,
    z.strictObject({
      branches: z.array(z.strictObject({ when: condition, to: kebabId })).min(1),
      otherwise: kebabId,
    }),
  ],
  { error: 'must be a step id, or { branches: [{ when, to }], otherwise }' },
);
export type Next = z.infer<typeof next>;

const stepBase = {
  id: kebabId,
  title: z.string().trim().min(1),
  /** Markdown shown above the step's task. */
  body: markdown.optional(),
  images: z.array(image).optional(),
  /** Facts added to the patient facts panel when the student reaches this step. */
  facts: z.array(fact).optional(),
  /** The student may go back from this step to the previous one (never to change a scored answer). */
  allowBack: z.boolean().optional(),
};

export const choiceOption = z.strictObject({
  id: kebabId,
  text: z.string().trim().min(1),
  /** Why this option is better or worse: shown after answering. Required on every option. */
  feedback: markdown,
  score: competencyPoints.optional(),
  /** Marks a choice that could harm the patient; the feedback says so plainly. */
  harmful: z.boolean().optional(),
  setFlags: z.array(kebabId).optional(),
  facts: z.array(fact).optional(),
  /** Overrides the step's `next` when this option is chosen (single-choice only). */
  next: kebabId.optional(),
});
export type ChoiceOption = z.infer<typeof choiceOption>;

const narrativeStep = z.strictObject({
  ...stepBase,
  kind: z.literal('narrative'),
  body: markdown,
  next,
});

const singleChoiceStep = z.strictObject({
  ...stepBase,
  kind: z.literal('single-choice'),
  prompt: markdown,
  options: z.array(choiceOption).min(2),
  /** The most each competency can earn here; the best option must reach it. */
  points: possiblePoints,
  next,
});

const multiSelectStep = z.strictObject({
  ...stepBase,
  kind: z.literal('multi-select'),
  prompt: markdown,
  options: z.array(choiceOption).min(2),
  minSelections: z.number().int().min(1).optional(),
  maxSelections: z.number().int().min(1).optional(),
  /** Earned per competency: the sum over the chosen options, kept within 0 and these points. */
  points: possiblePoints,
  next,
});

const rankingStep = z.strictObject({
  ...stepBase,
  kind: z.literal('ranking'),
  prompt: markdown,
  items: z.array(z.strictObject({ id: kebabId, text: z.string().trim().min(1) })).min(3),
  /** The expert priority order (item ids, first = highest priority). */
  expertOrder: z.array(kebabId).min(3),
  /** Explains the expert order; shown after answering. */
  feedback: markdown,
  /** Full points for the expert order, less in proportion to the distance from it. */
  points: possiblePoints,
  next,
});

const matchingStep = z.strictObject({
  ...stepBase,
  kind: z.literal('matching'),
  prompt: markdown,
  /** E.g. the patient's needs. */
  left: z.array(z.strictObject({ id: kebabId, text: z.string().trim().min(1) })).min(2),
  /** E.g. services and organisations; may hold distractors. */
  right: z.array(z.strictObject({ id: kebabId, text: z.string().trim().min(1) })).min(2),
  /** left id -> right id. */
  answer: z.record(kebabId, kebabId),
  /** left id -> why that pairing is right; shown after answering. */
  feedback: z.record(kebabId, markdown),
  /** Earned in proportion to the correct pairs. */
  points: possiblePoints,
  next,
});

export const screeningQuestion = z.strictObject({
  id: kebabId,
  /** The screening tool's domain, e.g. "Housing instability". */
  domain: z.string().trim().min(1),
  text: z.string().trim().min(1),
  /** What the patient says. */
  answer: markdown,
  facts: z.array(fact).optional(),
  /** Reveals a need that drives this patient's illness: asking it counts towards coverage. */
  relevant: z.boolean().optional(),
  /** Intrusive or irrelevant here (e.g. immigration status when it changes nothing): asking it costs sensitivity. */
  intrusive: z.boolean().optional(),
  /** Ask only after these questions (e.g. safety questions after explaining confidentiality). */
  askAfter: z.array(kebabId).optional(),
  feedback: markdown,
});

const screeningStep = z.strictObject({
  ...stepBase,
  kind: z.literal('screening'),
  prompt: markdown,
  /** The validated instrument the questions come from, e.g. "AHC HRSN". */
  tool: z.string().trim().min(1),
  questions: z.array(screeningQuestion).min(3),
  /** The student may ask at most this many (time in a real consultation is short). */
  maxQuestions: z.number().int().min(1).optional(),
  points: z.strictObject({
    /** Share of the relevant questions asked. */
    coverage: possiblePoints,
    /** Full when no intrusive question was asked. */
    sensitivity: possiblePoints.optional(),
    /** Full when every askAfter order was respected. */
    order: possiblePoints.optional(),
  }),
  next,
});

export const rubricLevel = z.strictObject({
  /** One of the framework's levels. */
  level: z.enum(['not-yet', 'developing', 'competent', 'exemplary']),
  descriptor: markdown,
  points: z.number().min(0),
  /** A short answer (1-3 sentences) at this level, for markers only: to students it is an answer key. */
  example: markdown.optional(),
});

export const rubricCriterion = z.strictObject({
  id: kebabId,
  title: z.string().trim().min(1),
  competency: competencyId,
  levels: z.array(rubricLevel).min(2),
});
export type RubricCriterion = z.infer<typeof rubricCriterion>;

const freeTextStep = z.strictObject({
  ...stepBase,
  kind: z.literal('free-text'),
  prompt: markdown,
  minWords: z.number().int().min(0).optional(),
  maxWords: z.number().int().min(1),
  /** Marked by an instructor; each criterion evidences one competency. */
  rubric: z
    .array(rubricCriterion, {
      error: 'a free-text step needs a rubric: a list of criteria, each with its levels',
    })
    .min(1, { error: 'a free-text step needs a rubric with at least one criterion' }),
  /** Shown to the student after submission. */
  modelAnswer: markdown.optional(),
  /** What makes the answer "not yet" whatever else it does, e.g. details that identify a real patient. */
  automaticNotYet: z.array(markdown).min(1).optional(),
  next,
});

const debriefStep = z.strictObject({
  ...stepBase,
  kind: z.literal('debrief'),
  /** Key learning points. */
  body: markdown,
  /** Reference ids (from the case's references) for further reading. */
  furtherReading: z.array(kebabId).min(1),
});

export const STEP_KINDS = [
  'narrative',
  'single-choice',
  'multi-select',
  'ranking',
  'matching',
  'screening',
  'free-text',
  'debrief',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** Names the kind that was given and the valid ones, instead of zod's generic discriminator message. */
function unknownKindMessage(input: unknown): string {
  const kind =
    typeof input === 'object' && input !== null ? (input as { kind?: unknown }).kind : undefined;
  const given = kind === undefined ? 'missing' : `${JSON.stringify(kind)} is not a step kind`;
  return `${given}; use one of ${STEP_KINDS.join(', ')}`;
}

export const step = z.discriminatedUnion(
  'kind',
  [
    narrativeStep,
    singleChoiceStep,
    multiSelectStep,
    rankingStep,
    matchingStep,
    screeningStep,
    freeTextStep,
    debriefStep,
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union' ? unknownKindMessage(issue.input) : undefined,
  },
);
export type Step = z.infer<typeof step>;
export type StepOf<K extends StepKind> = Extract<Step, { kind: K }>;

export const reference = z
  .strictObject({
    id: kebabId,
    /** Vancouver-style citation. */
    citation: z.string().trim().min(1),
    doi: z
      .string()
      .regex(/^10\.\d{4,9}\/\S+$/, { error: 'must be a DOI such as 10.1136/bmjinnov-2021-000910' })
      .optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
    /** When the source was last checked (a statistic may have been superseded since). */
    checked: isoDate.optional(),
  })
  .refine((r) => r.doi !== undefined || r.url !== undefined, {
    error: 'a reference needs a doi or a url',
  });
export type Reference = z.infer<typeof reference>;

export const review = z.strictObject({
  kind: z.enum(['clinical', 'lived-experience', 'educational']),
  status: z.enum(['done', 'not-yet']),
  /** Who reviewed, described honestly (a role and how they were engaged), never an invented name. */
  by: z.string().trim().min(1),
  date: isoDate.optional(),
  summary: markdown,
});
export type Review = z.infer<typeof review>;

export const change = z.strictObject({
  version: z.number().int().min(1),
  date: isoDate,
  items: z
    .array(
      z.strictObject({
        change: z.string().trim().min(1),
        /** The review finding the change answers, e.g. "Review §2 asylum, error: rebook scored +1". */
        finding: z.string().trim().min(1),
      }),
    )
    .min(1),
});

export const facilitatorGuide = z.strictObject({
  /** The length of the whole debrief. */
  minutes: z.number().int().min(1),
  outline: z.array(z.strictObject({ minutes: z.number().int().min(1), activity: markdown })).min(1),
  questions: z.array(markdown).min(3, { error: 'needs at least 3 questions' }),
  notes: markdown.optional(),
});
export type FacilitatorGuide = z.infer<typeof facilitatorGuide>;

export const caseModule = z.strictObject({
  id: kebabId,
  /** Whole number, raised when the content changes; attempts stay on the version they started. */
  version: z.number().int().min(1),
  title: z.string().trim().min(1),
  summary: markdown,
  themes: z.array(themeNumber).min(1),
  /** The competencies this case assesses. */
  competencies: z.array(competencyId).min(1),
  /** Relative weight of each assessed competency in the overall score (default: equal). */
  weights: z.record(competencyId, z.number().positive()).optional(),
  estimatedMinutes: z.number().int().min(5).max(120),
  /** Year of study, e.g. "Years 3-5 (clinical)". */
  audience: z.string().trim().min(1),
  learningObjectives: z.array(z.string().trim().min(1)).min(1),
  contentWarnings: z.array(z.string().trim().min(1)).optional(),
  /** Where practice differs outside the UK. */
  internationalNote: markdown,
  references: z.array(reference).min(1),
  lastReviewed: isoDate,
  /** The date by which the case must be reviewed again. */
  reviewBy: isoDate.optional(),
  /** Who reviewed the case and how; a review that has not happened says so (status not-yet). */
  reviews: z.array(review).min(1).optional(),
  /** What changed in each version, and the review finding each change answers. */
  changes: z.array(change).min(1).optional(),
  /** For instructors who run a group debrief after the case; opened from the case picker. */
  facilitatorGuide: facilitatorGuide.optional(),
  /** The first step. */
  start: kebabId,
  steps: z.array(step).min(2),
});
export type CaseModule = z.infer<typeof caseModule>;
