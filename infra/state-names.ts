/**
 * Names of the states in every process's state machine. The local runtime maps each Task state to a
 * local adapter by these names, so they are shared here rather than written twice.
 */
export const STATE = {
  applyRules: 'Apply the process rules',
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
  scheduleConflict: 'Scheduler.ConflictException',
  scheduleNotFound: 'Scheduler.ResourceNotFoundException',
  executionExists: 'Sfn.ExecutionAlreadyExistsException',
} as const;

/** Errors the rules step throws that the state machine retries (by the error's name, as Lambda reports it). */
export const RULES_ERROR = {
  /** The case kept changing through the step's own attempts (functions/decide/handler.ts ConcurrentChanges). */
  concurrentChanges: 'ConcurrentChanges',
  /** DynamoDB busy beyond the SDK's own retries. */
  storeBusy: [
    'ProvisionedThroughputExceededException',
    'ThrottlingException',
    'RequestLimitExceeded',
    'InternalServerError',
  ],
} as const;

/**
 * The state machine's retry of ConcurrentChanges: each attempt is a new invocation with its own budget
 * (functions/decide/handler.ts CONFLICT_RETRY), after a full-jitter wait of up to 1, 2, 4 s.
 */
export const CONFLICT_RETRY_POLICY = {
  maxAttempts: 3,
  intervalSeconds: 1,
  backoffRate: 2,
  maxDelaySeconds: 8,
} as const;
