/**
 * The competency framework format (config/competencies.yaml): seven competencies mapped to the
 * study's themes and to external frameworks, with level descriptors and the score bands that pick them.
 */
import { z } from 'zod';
import { competencyId, themeNumber } from './schema.js';

export const LEVEL_IDS = ['not-yet', 'developing', 'competent', 'exemplary'] as const;
export type LevelId = (typeof LEVEL_IDS)[number];

const level = z.strictObject({
  id: z.enum(LEVEL_IDS),
  label: z.string().trim().min(1),
  /** The lowest percentage of the possible score that earns this level. */
  minPercent: z.number().min(0).max(100),
});

const mapping = z.strictObject({
  /** E.g. "CanMEDS 2015", "GMC Outcomes for Graduates 2018", "AAMC DEI Competencies 2022". */
  framework: z.string().trim().min(1),
  /** The identifier or section, e.g. "Health Advocate 1.1" or "paragraph 20(d)". */
  reference: z.string().trim().min(1),
  /** The wording, quoted or closely summarised from the source. */
  text: z.string().trim().min(1),
  url: z.url({ protocol: /^https?$/ }),
});

const competency = z.strictObject({
  id: competencyId,
  title: z.string().trim().min(1),
  description: z.string().trim().min(1),
  themes: z.array(themeNumber).min(1),
  mappings: z.array(mapping).min(1),
  /** What each level looks like for this competency, used in feedback and gradebook comments. */
  levels: z.strictObject({
    'not-yet': z.string().trim().min(1),
    developing: z.string().trim().min(1),
    competent: z.string().trim().min(1),
    exemplary: z.string().trim().min(1),
  }),
});

export const framework = z
  .strictObject({
    levels: z.array(level).length(4),
    competencies: z.array(competency).min(1),
  })
  .refine((f) => f.levels.map((l) => l.id).join() === LEVEL_IDS.join(), {
    error: `levels must be listed in order: ${LEVEL_IDS.join(', ')}`,
    path: ['levels'],
  })
  .refine(
    (f) =>
      f.levels[0]?.minPercent === 0 &&
      f.levels.every((l, i, all) => i === 0 || l.minPercent > all[i - 1]!.minPercent),
    {
      error: 'level bands must start at 0 and rise',
      path: ['levels'],
    },
  );

export type Framework = z.infer<typeof framework>;
export type Competency = z.infer<typeof competency>;
