import { ExecutionAlreadyExists, SFNClient, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EventResponse } from '#core/process/model';
import { StepFunctionsStarter } from './starter';

const sfn = mockClient(SFNClient);
const STATE_MACHINE = 'arn:aws:states:eu-west-2:111122223333:stateMachine:righttime-initial-health-assessment';
const NAME = 'evt-0123456789abcdef0123456789abcdef';
const EXECUTION = `arn:aws:states:eu-west-2:111122223333:execution:righttime-initial-health-assessment:${NAME}`;
const input = { event: { eventId: NAME, type: 'childEnteredCare' }, attempt: 0 };
const response: EventResponse = {
  eventId: NAME,
  caseId: 'iha-7k3f-9q2m',
  caseCode: 'IHA-7K3F-9Q2M',
  outcome: 'applied',
  message: 'Child entered care',
};

function starter() {
  return new StepFunctionsStarter(new SFNClient({ region: 'eu-west-2' }), {
    'initial-health-assessment': STATE_MACHINE,
  });
}

const alreadyExists = () =>
  new ExecutionAlreadyExists({ message: `Execution Already Exists: '${EXECUTION}'`, $metadata: {} });

beforeEach(() => {
  sfn.reset();
});

describe('StepFunctionsStarter (Express, started synchronously)', () => {
  it('starts the execution named after the event and answers with its output, in one call', async () => {
    // Prepare
    sfn.on(StartSyncExecutionCommand).resolves({
      executionArn: EXECUTION,
      status: 'SUCCEEDED',
      output: JSON.stringify(response),
      startDate: new Date(),
      stopDate: new Date(),
    });
    // Act
    const outcome = await starter().startAndWait('initial-health-assessment', NAME, input, 5_000);
    // Assess
    expect(outcome).toEqual({ status: 'succeeded', output: response });
    expect(sfn.commandCalls(StartSyncExecutionCommand).map((c) => c.args[0].input)).toEqual([
      { stateMachineArn: STATE_MACHINE, name: NAME, input: JSON.stringify(input) },
    ]);
    expect(sfn.calls()).toHaveLength(1);
  });

  it('a name already used is passed on as an error (names are unique per attempt, so a retry never meets one)', async () => {
    sfn.on(StartSyncExecutionCommand).rejects(alreadyExists());
    await expect(starter().startAndWait('initial-health-assessment', NAME, input, 5_000)).rejects.toThrow(
      'Execution Already Exists',
    );
  });

  it.each([
    ['FAILED with an error', { status: 'FAILED' as const, error: 'States.TaskFailed' }, 'States.TaskFailed'],
    ['TIMED_OUT without an error', { status: 'TIMED_OUT' as const }, 'TIMED_OUT'],
  ])('an execution %s has failed', async (_name, answer, error) => {
    sfn.on(StartSyncExecutionCommand).resolves({ executionArn: EXECUTION, startDate: new Date(), ...answer });
    const outcome = await starter().startAndWait('initial-health-assessment', NAME, input, 5_000);
    expect(outcome).toEqual({ status: 'failed', error });
  });

  it('still running when the wait is over: running, and the call is abandoned', async () => {
    let signal: AbortSignal | undefined;
    sfn.on(StartSyncExecutionCommand).callsFake(
      () => new Promise(() => {}), // never answers within the wait
    );
    const send = SFNClient.prototype.send as (...args: unknown[]) => Promise<unknown>;
    const client = new SFNClient({ region: 'eu-west-2' });
    client.send = ((command: unknown, options?: { abortSignal?: AbortSignal }) => {
      signal = options?.abortSignal;
      return send.call(client, command, options);
    }) as typeof client.send;
    const started = Date.now();
    const outcome = await new StepFunctionsStarter(client, {
      'initial-health-assessment': STATE_MACHINE,
    }).startAndWait('initial-health-assessment', NAME, input, 30);
    expect(outcome).toEqual({ status: 'running' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(29);
    expect(signal?.aborted).toBe(true);
  });

  it('any other error from StartSyncExecution is passed on', async () => {
    sfn.on(StartSyncExecutionCommand).rejects(new Error('ThrottlingException'));
    await expect(starter().startAndWait('initial-health-assessment', NAME, input, 5_000)).rejects.toThrow(
      'ThrottlingException',
    );
  });

  it('a process without a state machine is an error, and nothing is started', async () => {
    await expect(starter().startAndWait('child-protection-conference', NAME, input, 5_000)).rejects.toThrow(
      /No state machine for process child-protection-conference/,
    );
    expect(sfn.calls()).toHaveLength(0);
  });
});

describe('StepFunctionsStarter with a client made at the first start', () => {
  it('makes the client once, when the first event is started, and again only after making it failed', async () => {
    // Prepare: a factory that fails once, then makes the (mocked) client
    sfn.on(StartSyncExecutionCommand).resolves({
      executionArn: EXECUTION,
      status: 'SUCCEEDED',
      output: JSON.stringify(response),
      startDate: new Date(),
    });
    let made = 0;
    const factory = async () => {
      made++;
      if (made === 1) throw new Error('the SDK could not be loaded');
      return new SFNClient({ region: 'eu-west-2' });
    };
    const lazy = new StepFunctionsStarter(factory, { 'initial-health-assessment': STATE_MACHINE });
    expect(made).toBe(0);
    // Act / Assess: the first start fails with the factory; the next ones make the client once and reuse it
    await expect(lazy.startAndWait('initial-health-assessment', NAME, input, 5_000)).rejects.toThrow(
      'the SDK could not be loaded',
    );
    expect(await lazy.startAndWait('initial-health-assessment', NAME, input, 5_000)).toEqual({
      status: 'succeeded',
      output: response,
    });
    expect(await lazy.startAndWait('initial-health-assessment', NAME, input, 5_000)).toEqual({
      status: 'succeeded',
      output: response,
    });
    expect(made).toBe(2);
    expect(sfn.commandCalls(StartSyncExecutionCommand)).toHaveLength(2);
  });
});
