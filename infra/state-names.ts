/**
 * Names of the states in every process's state machine. The local runtime maps each Task state to a
 * local adapter by these names, so they are shared here rather than written twice.
 */
export const STATE = {
  loadCase: 'Load case',
  applyRules: 'Apply the process rules',
  anythingToWrite: 'Anything to write?',
  commit: 'Commit in one transaction',
  countAttempt: 'Count attempt',
  tryAgain: 'Try again?',
  tooManyConflicts: 'Too many concurrent changes',
  wakeUp: 'Set the case wake-up?',
  createSchedule: 'Create schedule',
  updateSchedule: 'Move schedule',
  startNow: 'Start wake-up now',
  alreadyStarted: 'Already started',
  deleteSchedule: 'Delete schedule',
  alreadyGone: 'Already gone',
  done: 'Done',
} as const;

/** Errors as Step Functions names them for the AWS SDK integrations. */
export const SDK_ERROR = {
  transactionCanceled: 'DynamoDb.TransactionCanceledException',
  scheduleConflict: 'Scheduler.ConflictException',
  scheduleNotFound: 'Scheduler.ResourceNotFoundException',
  executionExists: 'Sfn.ExecutionAlreadyExistsException',
} as const;

export const MAX_COMMIT_ATTEMPTS = 5;
