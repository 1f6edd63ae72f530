/**
 * The tool API contract (GET /api/tool): public facts about this installation for the landing page.
 * Types only; see server/api/contract.ts.
 */

/** A case this installation offers, as a school weighs it before adopting: nothing of its answers. */
export interface OfferedCase {
  id: string;
  title: string;
  /** The case's stated length in minutes. */
  minutes: number;
  competencies: Array<{ id: string; title: string }>;
}

/** GET /api/tool. */
export interface ToolInfo {
  name: string;
  registration: {
    /** The CLI command that makes a single-use registration link. */
    invitationCommand: string;
    /** The bare dynamic registration URL is accepted (pending an administrator). */
    openRegistration: boolean;
    dynamicRegistration: string;
    canvasJson: string;
    jwks: string;
    login: string;
    launch: string;
    /** What Moodle's administrator sets on the tool's card after registering. */
    moodleSettings: Array<{ field: string; value: string; why: string }>;
  };
  /** The emulator's launch links, when it is on. */
  emulator: { home: string; launchAsStudent: string; launchAsInstructor: string } | null;
  cases: OfferedCase[];
}
