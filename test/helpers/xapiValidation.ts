/** Learning Locker's xAPI 1.0.3 statement validator, as the xAPI tests use it. */
import validation from '@learninglocker/xapi-validation';
import type { Statement } from '@xapi/xapi';

type Validate = typeof validation.default;
// CommonJS compiled from an ES module: loaders differ on whether its function is the import or its `default`.
const validate: Validate =
  typeof validation === 'function' ? (validation as Validate) : validation.default;

/** The validator's warnings, as text: [] for a valid statement. */
export const warningsOf = (statement: Statement) =>
  validate(statement).map((warning) => String(warning.message ?? warning));
