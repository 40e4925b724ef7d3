/**
 * Runs the synthesized state machine definitions with aws-local-stepfunctions. Each Task state is mapped,
 * by its name, to a local adapter: the rules Lambda (which reads and commits itself) is the same handler
 * module called in-process, and the scheduler tasks need nothing because the local scheduler reads the
 * wake-up items the commit wrote.
 */
import { StateMachine } from 'aws-local-stepfunctions';
import type { EventResponse } from '#core/process/model';
import type { EventStarter, StartOutcome } from '#functions/api/starter';
import { errorKind } from '#functions/observability';
import { STATE } from '#infra/state-names';
import type { OperationsMeter } from './meter';

/** What the runner passes between states: JSON (its own type, which the package does not export by name). */
type Json = Parameters<StateMachine['run']>[0];
export type TaskAdapter = (input: Json) => Promise<Json>;
/** One entry of an execution's event log (the runner's types do not export it by name). */
export type EventLog = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

export interface LocalStepFunctionsOptions {
  definitions: Record<string, object>;
  decide: (input: unknown) => Promise<unknown>;
  /** Called after every execution ends (to deliver the outbox, wake the scheduler…). */
  afterExecution?: (process: string, outcome: StartOutcome) => void;
  /**
   * Tests: every entry of each execution's event log (execution started and ended, each state entered
   * and exited, with its input and output), as Step Functions history would keep it. An execution's
   * entries are all given before its startAndWait resolves.
   */
  onExecutionEvent?: (process: string, execution: string, event: EventLog) => void;
  /** Counts each execution, its duration and its schedule calls (local/meter.ts). */
  meter?: OperationsMeter;
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
      this.machines.set(
        process,
        new StateMachine(definition as ConstructorParameters<typeof StateMachine>[0], {
          validationOptions: { checkArn: false, checkPaths: false },
        }),
      );
    }
    this.handlers = {
      [STATE.applyRules]: async (input) => (await options.decide(input)) as Json,
      [STATE.createSchedule]: async () => {
        options.meter?.task('create');
        return {};
      },
      [STATE.updateSchedule]: async () => {
        options.meter?.task('update');
        return {};
      },
      [STATE.startNow]: async () => {
        options.meter?.task('startNow');
        return {};
      },
      [STATE.deleteSchedule]: async () => {
        options.meter?.task('delete');
        return {};
      },
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
    const run = async (): Promise<StartOutcome> => {
      try {
        const execution = machine.run(input as Json, {
          overrides: { taskResourceLocalHandlers: this.handlers },
          context: {
            Execution: {
              Id: `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`,
              Name: name,
              Input: input as Json,
              StartTime: new Date().toISOString(),
            },
            StateMachine: { Id: stateMachineArn, Name: `righttime-${process}` },
          },
        });
        const onEvent = this.options.onExecutionEvent;
        const logged = onEvent
          ? (async () => {
              for await (const event of execution.eventLogs) onEvent(process, name, event);
            })()
          : undefined;
        let output: EventResponse;
        try {
          output = (await execution.result) as unknown as EventResponse;
        } finally {
          // The log closes with the execution, succeeded or failed: every entry is given before the answer.
          await logged;
        }
        this.stats.succeeded++;
        return { status: 'succeeded', output };
      } catch (error) {
        this.stats.failed++;
        const e = error as Error & { cause?: unknown };
        console.error(
          JSON.stringify({ level: 'error', where: 'local-step-functions', process, execution: name, ...errorKind(e) }),
        );
        return { status: 'failed', error: e.message };
      }
    };
    const meter = this.options.meter;
    const done = meter ? meter.execution(process, input, run) : run();
    this.running.set(name, done);
    const outcome = await done.finally(() => this.running.delete(name));
    this.inFlight--;
    if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    this.options.afterExecution?.(process, outcome);
    return outcome;
  }

  /** Resolves when no execution is running. */
  idle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((r) => this.idleWaiters.push(r));
  }
}
