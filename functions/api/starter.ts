/** Starting the short execution that applies one event, and waiting briefly for its outcome. */
import { DescribeExecutionCommand, ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { EventResponse } from '#core/process/model';

export type StartOutcome =
  | { status: 'succeeded'; output: EventResponse; repeated: boolean }
  | { status: 'running' }
  | { status: 'failed'; error: string }
  | { status: 'conflict' };

export interface EventStarter {
  /** Start an execution named `name`; the same name with different input is a conflict, with the same input a repeat. */
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
    const body = JSON.stringify(input);
    const executionArn = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
    let repeated = false;
    try {
      await this.sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: body }));
    } catch (error) {
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
      const existing = await this.sfn.send(new DescribeExecutionCommand({ executionArn }));
      if (existing.input !== body) return { status: 'conflict' };
      repeated = true;
    }
    const deadline = Date.now() + waitMs;
    for (;;) {
      const d = await this.sfn.send(new DescribeExecutionCommand({ executionArn }));
      if (d.status === 'SUCCEEDED') return { status: 'succeeded', output: JSON.parse(d.output ?? '{}') as EventResponse, repeated };
      if (d.status && d.status !== 'RUNNING' && d.status !== 'PENDING_REDRIVE') return { status: 'failed', error: d.error ?? d.status };
      if (Date.now() >= deadline) return { status: 'running' };
      await new Promise((r) => setTimeout(r, this.pollMs));
    }
  }
}
