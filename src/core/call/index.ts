// The call statecharts: what the renderer adapter imports.
export { callMachine, type CallMachine } from './callMachine.ts';
export {
  callPhase, canHangUp, canOverride, checkInAlertLevel, currentPhraseKey, holdAt, holdElapsed, isOnHold, lockRemaining, ruleStatus,
  type CallPhase, type CallSnapshot, type RuleId, type RuleState, type RuleStatus,
} from './selectors.ts';
export * from './types.ts';
export {
  callbackMachine, callbackRemaining, type TaskKind,
  type CallbackContext, type CallbackEmitted, type CallbackEvent, type CallbackInput, type CallbackMachine, type CallbackOutcome,
} from './callbackMachine.ts';
export {
  isHeld, phoneMachine, savedTasks, type SavedTask,
  type CallRef, type NewCall, type PhoneContext, type PhoneEmitted, type PhoneEvent, type PhoneInput, type PhoneMachine, type PhoneSnapshot,
  type RegistrationState, type RegistrationStatus, type TaskRef,
} from './phoneMachine.ts';
export {
  callView, coachingView, focusCall, inCall, phoneView, rulesView, type CallView, type CoachingView, type PhoneView, type RulesView, type TaskView,
} from './views.ts';
