/**
 * The API contract: the types of what each JSON route accepts and returns, one module per area
 * (server/api/<area>/contract.ts), gathered here. The presenters are annotated with these types and
 * the client imports them from this module only, with `import type` (the boundary rule in
 * .config/boundaries.js), so a change on one side fails the build of the other
 * (test/unit/contract.test.ts shows it). Types only: nothing here reaches a browser bundle.
 */
export type { ErrorBody } from '../errors.js';
export type * from './player/contract.js';
export type * from './grades/contract.js';
export type * from './dashboard/contract.js';
export type * from './marking/contract.js';
export type * from './placement/contract.js';
export type * from './deeplink/contract.js';
export type * from './preview/contract.js';
export type * from './library/contract.js';
export type * from './analysis/contract.js';
export type * from './launch/contract.js';
export type * from './tool/contract.js';
