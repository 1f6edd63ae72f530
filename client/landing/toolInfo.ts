/** Public facts about this installation, from GET /api/tool. */
import { apiRequest } from '../shared/api.js';

export interface ToolInfo {
  name: string;
  registration: {
    dynamicRegistration: string;
    canvasJson: string;
    jwks: string;
    login: string;
    launch: string;
  };
  emulator: { home: string; launchAsStudent: string; launchAsInstructor: string } | null;
}

export function fetchToolInfo(): Promise<ToolInfo> {
  return apiRequest<ToolInfo>(null, '/tool');
}
