/** The authorize step of every case library route: staff of the course, with their scope. */
import type { Request, Response } from 'express';
import { courseScopeOf, type CourseScope } from '../../data/scope.js';
import type { Author } from '../../library/drafts.js';
import type { LaunchRecord } from '../../models/launch.js';
import { launchOf } from '../authenticate.js';
import { authorize } from '../policies.js';

export interface LibraryContext {
  launch: LaunchRecord;
  scope: CourseScope;
  /** Who a saved draft or a published version is recorded as written by. */
  author: Author;
}

/** The authorized launch and its course; 403 for a learner, whatever the request holds. */
export function libraryContext(_req: Request, res: Response): LibraryContext {
  const launch = launchOf(res);
  authorize(launch, 'library:use');
  return {
    launch,
    scope: courseScopeOf(launch),
    author: { userId: launch.userId, name: launch.name },
  };
}
