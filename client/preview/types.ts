/**
 * The preview API types (POST /api/preview/answers, /start, /step, /back), declared once in the API
 * contract (server/api/preview/contract.ts) and imported here as types only. The try-out's attempt
 * and feedback have the player's own shapes.
 */
export type {
  AnswerKey,
  CaseBody,
  CaseRef,
  OptionKey,
  Points,
  PreviewState,
  PreviewView,
  StateBody,
  StepAnswers,
  StepBody,
  StepKey,
  StepTarget,
} from '../../server/api/contract.js';
