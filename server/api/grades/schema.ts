/** Input schemas of the grades API, with their inferred types. */
import { Types } from 'mongoose';
import { z } from 'zod';

/** POST /api/grades/retry: the failed deliveries to send again; none named: every failed one. */
export const retryBody = z.strictObject({
  ids: z
    .array(z.string().refine(Types.ObjectId.isValid, { error: 'must be a delivery id' }))
    .max(2000)
    .optional(),
});
export type RetryBody = z.infer<typeof retryBody>;
