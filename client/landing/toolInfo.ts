/** Public facts about this installation, from GET /api/tool. */
import type { ToolInfo } from '../../server/api/contract.js';
import { apiRequest } from '../shared/api.js';

export type { ToolInfo };

export function fetchToolInfo(): Promise<ToolInfo> {
  return apiRequest<ToolInfo>(null, '/tool');
}
