/**
 * Runs the synthesized state machine definitions with aws-local-stepfunctions. Each Task state is mapped,
 * by its name, to a local adapter: the rules Lambda is the same handler module called in-process, the
 * DynamoDB tasks call DynamoDB Local, and the scheduler tasks need nothing because the local scheduler
 * reads the timer rows the transaction wrote.
 */
import { BatchGetItemCommand, TransactWriteItemsCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { StateMachine } from 'aws-local-stepfunctions';
import type { EventStarter, StartOutcome } from '#functions/api/starter';
import type { EventResponse } from '#core/process/model';
import { SDK_ERROR, STATE } from '#infra/state-names';
import { errorKind } from '#functions/observability';

export type TaskAdapter = (input: any) => Promise<any>;

class NamedError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export interface LocalStepFunctionsOptions {
  definitions: Record<string, object>;
  db: DynamoDBClient;
  tableName: string;
  decide: (input: unknown) => Promise<unknown>;
  /** Called after every execution ends (to deliver the outbox, wake the scheduler…). */
  afterExecution?: (process: string, outcome: StartOutcome) => void;
  /** Counts DynamoDB round trips made by the state machine's tasks (for the benchmark). */
  onRoundTrip?: (kind: 'read' | 'transactWrite') => void;
}


export class LocalStepFunctions implements EventStarter {
  private readonly machines = new Map<string, StateMachine>();
  /** Executions running now, by name: a second start of a running one waits for the same outcome. */
  private readonly running = new Map<string, Promise<StartOutcome>>();
  private readonly handlers: Record<string, TaskAdapter>;
  private inFlight = 0;
  private readonly idleWaiters: (() => void)[] = [];
  readonly stats = { started: 0, succeeded: 0, failed: 0 };

  constructor(private readonly options: LocalStepFunctionsOptions) {
    for (const [process, definition] of Object.entries(options.definitions)) {
      this.machines.set(process, new StateMachine(definition as any, { validationOptions: { checkArn: false, checkPaths: false } }));
    }
    const { db, tableName } = options;
    this.handlers = {
      [STATE.loadCase]: async (input) => {
        options.onRoundTrip?.('read');
        // The template names the table by its CloudFormation reference; here it is the local table.
        const [request] = Object.values(input.RequestItems as Record<string, object>);
        const out = await db.send(new BatchGetItemCommand({ RequestItems: { [tableName]: request as never } }));
        return { Responses: { [tableName]: out.Responses?.[tableName] ?? [] } };
      },
      [STATE.applyRules]: async (input) => options.decide(input),
      [STATE.commit]: async (input) => {
        options.onRoundTrip?.('transactWrite');
        try {
          await db.send(new TransactWriteItemsCommand({ TransactItems: input.TransactItems.map((i: any) => withTable(i, tableName)) }));
          return {};
        } catch (error) {
          const e = error as Error & { CancellationReasons?: { Code?: string }[] };
          if (e.name === 'TransactionCanceledException') {
            throw new NamedError(SDK_ERROR.transactionCanceled, `Transaction cancelled: ${(e.CancellationReasons ?? []).map((r) => r.Code).join(', ')}`);
          }
          throw error;
        }
      },
      [STATE.createSchedule]: async () => ({}),
      [STATE.updateSchedule]: async () => ({}),
      [STATE.startNow]: async () => ({}),
      [STATE.deleteSchedule]: async () => ({}),
    };
  }

  get processes(): string[] {
    return [...this.machines.keys()];
  }

  async startAndWait(process: string, name: string, input: unknown): Promise<StartOutcome> {
    const machine = this.machines.get(process);
    if (!machine) throw new Error(`No state machine for process ${process}`);
    // Like Step Functions: starting a running execution again (same name) joins it. A finished one is
    // forgotten: names are unique per attempt, and a failed attempt must never block a retry.
    const existing = this.running.get(name);
    if (existing) return existing;
    const stateMachineArn = `arn:aws:states:eu-west-2:000000000000:stateMachine:righttime-${process}`;
    this.stats.started++;
    this.inFlight++;
    const done = (async (): Promise<StartOutcome> => {
      try {
        const execution = machine.run(input as any, {
          overrides: { taskResourceLocalHandlers: this.handlers },
          context: {
            Execution: { Id: `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`, Name: name, Input: input as any, StartTime: new Date().toISOString() },
            StateMachine: { Id: stateMachineArn, Name: `righttime-${process}` },
          } as any,
        });
        const output = (await execution.result) as unknown as EventResponse;
        this.stats.succeeded++;
        return { status: 'succeeded', output };
      } catch (error) {
        this.stats.failed++;
        const e = error as Error & { cause?: unknown };
        console.error(JSON.stringify({ level: 'error', where: 'local-step-functions', process, execution: name, ...errorKind(e) }));
        return { status: 'failed', error: e.message };
      }
    })();
    this.running.set(name, done);
    const outcome = await done.finally(() => this.running.delete(name));
    this.inFlight--;
    if (this.inFlight === 0) this.idleWaiters.splice(0).forEach((w) => w());
    this.options.afterExecution?.(process, outcome);
    return outcome;
  }

  /** Resolves when no execution is running. */
  idle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((r) => this.idleWaiters.push(r));
  }
}

function withTable(item: Record<string, any>, tableName: string) {
  const [kind, body] = Object.entries(item)[0]!;
  return { [kind]: { ...body, TableName: tableName } };
}
