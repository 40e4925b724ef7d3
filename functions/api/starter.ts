/** Starting the short execution that applies one event, and waiting briefly for its outcome. */
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { EventResponse } from '#core/process/model';
import { stepFunctions } from '../aws-sdk';

/**
 * The Step Functions SDK, loaded when the first event is started rather than with the API's module: a
 * cold start that only reads (a case, figures, the directory) does not load it (about a fifth of the
 * API bundle's cold load, `npm run bench`). Node caches the module, so later starts pay nothing.
 */
const stepFunctionsSdk = async () => stepFunctions();

export type StartOutcome =
  | { status: 'succeeded'; output: EventResponse }
  | { status: 'running' }
  | { status: 'failed'; error: string };

export interface EventStarter {
  /**
   * Start an execution named `name` (unique per attempt: the event's id and an attempt id) and wait up to
   * `waitMs` for its outcome. Exactly-once lives in the data (the event's own record in the commit), not
   * in execution names, so a failed attempt never blocks a retry.
   */
  startAndWait(process: string, name: string, input: unknown, waitMs: number): Promise<StartOutcome>;
}

/**
 * Starts the process's Express state machine synchronously (StartSyncExecution): one call answers with the
 * execution's outcome, with no polling of the control plane and no execution history kept (no state's data
 * outlives the call). Express runs an execution at least once; exactly-once lives in the data, so that is
 * safe (docs/decisions.md, "Express executions, started synchronously").
 *
 * The wait is bounded: when `waitMs` passes first, the call is abandoned and the answer is "running" (the
 * API answers 202 and the client retries with the same key). Whether or not the abandoned execution went
 * on to commit, the retry finds the event's own record or applies it: either way, exactly once.
 */
export class StepFunctionsStarter implements EventStarter {
  private client: Promise<SFNClient> | undefined;

  /** `sfn`: a client, or a function making one when the first event is started (`StepFunctionsStarter.lazyClient`). */
  constructor(
    private readonly sfn: SFNClient | (() => Promise<SFNClient>),
    private readonly stateMachineArns: Record<string, string>,
  ) {}

  /** A client made with the SDK's defaults when the first event is started. */
  static readonly lazyClient = async (): Promise<SFNClient> => new (await stepFunctionsSdk()).SFNClient({});

  private connect(): Promise<SFNClient> {
    if (typeof this.sfn !== 'function') return Promise.resolve(this.sfn);
    // A client that could not be made (the SDK failed to load) is tried again on the next start.
    this.client ??= this.sfn().catch((error: unknown) => {
      this.client = undefined;
      throw error;
    });
    return this.client;
  }

  async startAndWait(process: string, name: string, input: unknown, waitMs: number): Promise<StartOutcome> {
    const stateMachineArn = this.stateMachineArns[process];
    if (!stateMachineArn) throw new Error(`No state machine for process ${process}`);
    const [sfn, { StartSyncExecutionCommand }] = await Promise.all([this.connect(), stepFunctionsSdk()]);
    const abandon = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The wait's end answers "running" whether or not the client honours the signal at once.
    const waitOver = new Promise<StartOutcome>((resolve) => {
      timer = setTimeout(() => {
        abandon.abort();
        resolve({ status: 'running' });
      }, waitMs);
    });
    const call = async () =>
      sfn.send(new StartSyncExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }), {
        abortSignal: abandon.signal,
      });
    const started = call().then(
      (answer): StartOutcome =>
        answer.status === 'SUCCEEDED'
          ? { status: 'succeeded', output: JSON.parse(answer.output ?? '{}') as EventResponse }
          : { status: 'failed', error: answer.error ?? answer.status ?? 'FAILED' },
      (error: unknown): StartOutcome => {
        if (abandon.signal.aborted) return { status: 'running' };
        throw error;
      },
    );
    try {
      return await Promise.race([started, waitOver]);
    } finally {
      clearTimeout(timer);
    }
  }
}
