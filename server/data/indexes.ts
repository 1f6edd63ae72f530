/** Builds every model's indexes: unique and TTL indexes must exist before the first request relies on them. */
import { AccessToken } from '../models/accessToken.js';
import { Attempt } from '../models/attempt.js';
import { CaseImage } from '../models/caseImage.js';
import { CaseVersion } from '../models/caseVersion.js';
import { CoursePerson } from '../models/coursePerson.js';
import { GradeSync } from '../models/gradeSync.js';
import { Invitation } from '../models/invitation.js';
import { Launch } from '../models/launch.js';
import { LearningRecord } from '../models/learningRecord.js';
import { LibraryCase } from '../models/libraryCase.js';
import { Placement } from '../models/placement.js';
import { PlatformRegistration } from '../models/platformRegistration.js';
import { SpentLogin } from '../models/spentLogin.js';

const MODELS = [
  AccessToken,
  Attempt,
  CaseImage,
  CaseVersion,
  CoursePerson,
  GradeSync,
  Invitation,
  Launch,
  LearningRecord,
  LibraryCase,
  Placement,
  PlatformRegistration,
  SpentLogin,
];

/** Creates the indexes of all of Upstream's models (idempotent). */
export async function ensureIndexes(): Promise<void> {
  await Promise.all(MODELS.map((model) => model.init()));
}
