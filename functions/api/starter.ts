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

export class StepFunctionsStarter implements EventStarter {
  private client: Promise<SFNClient> | undefined;

  /** `sfn`: a client, or a function making one when the first event is started (`StepFunctionsStarter.lazyClient`). */
  constructor(
    private readonly sfn: SFNClient | (() => Promise<SFNClient>),
    private readonly stateMachineArns: Record<string, string>,
    private readonly pollMs = 150,
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
    const [sfn, { DescribeExecutionCommand, StartExecutionCommand }] = await Promise.all([
      this.connect(),
      stepFunctionsSdk(),
    ]);
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }),
    );
    if (!executionArn) throw new Error('Step Functions returned no execution ARN');
    const deadline = Date.now() + waitMs;
    for (;;) {
      const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      if (d.status === 'SUCCEEDED')
        return { status: 'succeeded', output: JSON.parse(d.output ?? '{}') as EventResponse };
      if (d.status && d.status !== 'RUNNING' && d.status !== 'PENDING_REDRIVE')
        return { status: 'failed', error: d.error ?? d.status };
      if (Date.now() >= deadline) return { status: 'running' };
      await new Promise((r) => setTimeout(r, this.pollMs));
    }
  }
}
