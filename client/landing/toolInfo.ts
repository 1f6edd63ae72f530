/** Public facts about this installation, from GET /api/tool. */
import { apiRequest } from '../shared/api.js';

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
    moodleSettings: Array<{ field: string; value: string; why: string }>;
  };
  emulator: { home: string; launchAsStudent: string; launchAsInstructor: string } | null;
  cases: Array<{
    id: string;
    title: string;
    /** The case's stated length in minutes. */
    minutes: number;
    competencies: Array<{ id: string; title: string }>;
  }>;
}

export function fetchToolInfo(): Promise<ToolInfo> {
  return apiRequest<ToolInfo>(null, '/tool');
}
