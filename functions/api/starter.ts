/** Starting the short execution that applies one event, and waiting briefly for its outcome. */
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { EventResponse } from '#core/process/model';

export type StartOutcome = { status: 'succeeded'; output: EventResponse } | { status: 'running' } | { status: 'failed'; error: string };

export interface EventStarter {
  /**
   * Start an execution named `name` (unique per attempt: the event's id and an attempt id) and wait up to
   * `waitMs` for its outcome. Exactly-once lives in the data (the event's own record in the commit), not
   * in execution names, so a failed attempt never blocks a retry.
   */
  startAndWait(process: string, name: string, input: unknown, waitMs: number): Promise<StartOutcome>;
}

export class StepFunctionsStarter implements EventStarter {
  constructor(
    private readonly sfn: SFNClient,
    private readonly stateMachineArns: Record<string, string>,
    private readonly pollMs = 150,
  ) {}

  async startAndWait(process: string, name: string, input: unknown, waitMs: number): Promise<StartOutcome> {
    const stateMachineArn = this.stateMachineArns[process];
    if (!stateMachineArn) throw new Error(`No state machine for process ${process}`);
    const { executionArn } = await this.sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
    if (!executionArn) throw new Error('Step Functions returned no execution ARN');
    const deadline = Date.now() + waitMs;
    for (;;) {
      const d = await this.sfn.send(new DescribeExecutionCommand({ executionArn }));
      if (d.status === 'SUCCEEDED') return { status: 'succeeded', output: JSON.parse(d.output ?? '{}') as EventResponse };
      if (d.status && d.status !== 'RUNNING' && d.status !== 'PENDING_REDRIVE') return { status: 'failed', error: d.error ?? d.status };
      if (Date.now() >= deadline) return { status: 'running' };
      await new Promise((r) => setTimeout(r, this.pollMs));
    }
  }
}
