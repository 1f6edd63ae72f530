/** Builds every model's indexes: unique and TTL indexes must exist before the first request relies on them. */
import { AccessToken } from './accessToken.js';
import { Attempt } from './attempt.js';
import { CaseImage } from './caseImage.js';
import { CaseVersion } from './caseVersion.js';
import { CoursePerson } from './coursePerson.js';
import { GradeSync } from './gradeSync.js';
import { Invitation } from './invitation.js';
import { Launch } from './launch.js';
import { LearningRecord } from './learningRecord.js';
import { LibraryCase } from './libraryCase.js';
import { LoginState } from './loginState.js';
import { Placement } from './placement.js';
import { PlatformRegistration } from './platformRegistration.js';

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
  LoginState,
  Placement,
  PlatformRegistration,
];

/** Creates the indexes of all of Upstream's models (idempotent). */
export async function ensureIndexes(): Promise<void> {
  await Promise.all(MODELS.map((model) => model.init()));
}
