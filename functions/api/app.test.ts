import { DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { DescribeExecutionCommand, ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CaseRecord, EventResponse } from '#core/process/model';
import { enteredCare, IhaHarness, people } from '#test/support/iha';
import { partnership, workingDaysFor, type Runtime } from '../runtime';
import { createDecide, type DecideOutput } from '../decide/handler';
import { CaseStore } from '../store/reads';
import { caseItem } from '../store/transaction';
import { createApi, type ApiEvent } from './app';
import type { Claims } from './claims';
import type { Result } from './responses';
import { StepFunctionsStarter, type EventStarter, type StartOutcome } from './starter';

const NOW = '2026-12-14T10:00:05.000Z';
const ddb = mockClient(DynamoDBClient);

const runtime: Runtime = {
  tableName: 'table',
  partnership,
  workingDays: workingDaysFor(partnership),
  clock: { now: () => new Date(NOW) },
  caseCodeKey: async () => 'k',
};

/** Records every start, and answers with whatever the test says. */
class FakeStarter implements EventStarter {
  readonly calls: { process: string; name: string; input: any; waitMs: number }[] = [];
  constructor(private readonly answer: (name: string, input: any) => StartOutcome) {}
  async startAndWait(process: string, name: string, input: unknown, waitMs: number): Promise<StartOutcome> {
    this.calls.push({ process, name, input, waitMs });
    return this.answer(name, input);
  }
}

const applied = (name: string, input: any): StartOutcome => ({
  status: 'succeeded',
  repeated: false,
  output: { eventId: name, caseId: input.event.caseId, caseCode: 'IHA-TEST-CODE', outcome: 'applied', message: 'Child entered care', stage: 'awaitingRequest', clocks: [] },
});

function apiWith(starter: EventStarter = new FakeStarter(applied)) {
  return createApi({ runtime, store: new CaseStore(new DynamoDBClient({ region: 'eu-west-2' }), 'table'), starter, waitMs: 50 });
}

const claimsOf = {
  frontDoor: { sub: 'u-fd', name: 'Alex Morgan', email: 'alex.morgan@riverside.example.gov.uk', 'cognito:groups': ['front-door'], 'custom:organisation': 'riverside-council' },
  health: { sub: 'u-h', name: 'Priya Shah', email: 'priya.shah@riverside-health.example.nhs.uk', 'cognito:groups': ['health'], 'custom:organisation': 'riverside-health' },
  otherHealth: { sub: 'u-nh', name: 'Jo Bright', email: 'jo.bright@northvale-health.example.nhs.uk', 'cognito:groups': ['health'], 'custom:organisation': 'northvale-health' },
  schoolKeyAdult: { sub: 'u-s', name: 'Kim Walsh', email: 'kim.walsh@riverside-primary.example.sch.uk', 'cognito:groups': ['school-key-adult'], 'custom:organisation': 'riverside-primary', 'custom:schoolUrn': '100001' },
  commissioner: { sub: 'u-com', name: 'Chris Dale', email: 'chris.dale@riverside-icb.example.nhs.uk', 'cognito:groups': ['commissioner'], 'custom:organisation': 'riverside-icb' },
} satisfies Record<string, Claims>;

function request(method: string, rawPath: string, options: { claims?: Claims; body?: unknown; headers?: Record<string, string> } = {}): ApiEvent {
  return {
    rawPath,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    headers: options.headers ?? {},
    queryStringParameters: undefined,
    isBase64Encoded: false,
    requestContext: { http: { method }, ...(options.claims ? { authorizer: { jwt: { claims: options.claims } } } : {}) },
  };
}

const bodyOf = (result: Result) => JSON.parse(result.body as string);
const OPEN_CASE = '/processes/initial-health-assessment/cases';

/** The audit items the API put directly (reads and refusals). */
function auditPuts() {
  return ddb.commandCalls(PutItemCommand).map((c) => {
    const item = c.args[0].input.Item!;
    return { entityType: item.entityType?.S, pk: item.PK?.S, body: JSON.parse(item.body!.S!) };
  });
}

/** A real case, opened through the IHA rules (Mon 14 Dec 2026, Riverside council, Riverside health and ICB). */
function storedCase(): CaseRecord {
  const h = new IhaHarness();
  h.apply('childEnteredCare', enteredCare(), people.frontDoor, '2026-12-14T10:00:00Z');
  return h.record!;
}

beforeEach(() => {
  ddb.reset();
});

describe('who is asking', () => {
  it('without claims the answer is 401 and nothing is read or written', async () => {
    const result = await apiWith()(request('GET', '/me'));
    expect(result.statusCode).toBe(401);
    expect(bodyOf(result).error.code).toBe('notSignedIn');
    expect(ddb.calls()).toHaveLength(0);
  });

  it.each([
    ['claims without a role', { ...claimsOf.frontDoor, 'cognito:groups': ['volunteers'] }],
    ['claims without an organisation', { ...claimsOf.frontDoor, 'custom:organisation': '' }],
  ])('%s are not signed in', async (_name, claims) => {
    expect((await apiWith()(request('GET', '/me', { claims }))).statusCode).toBe(401);
  });

  it.each([
    ['a Cognito array', ['front-door']],
    ["API Gateway's flattened form", '[front-door]'],
    ["API Gateway's flattened form with two groups", '[everyone front-door]'],
  ])('groups as %s give the role', async (_name, groups) => {
    const result = await apiWith()(request('GET', '/me', { claims: { ...claimsOf.frontDoor, 'cognito:groups': groups } }));
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toEqual({ userId: 'u-fd', name: 'Alex Morgan', role: 'front-door', organisation: 'riverside-council' });
  });

  it('a flattened group claim is enough to record a child entering care', async () => {
    const starter = new FakeStarter(applied);
    const result = await apiWith(starter)(request('POST', OPEN_CASE, { claims: { ...claimsOf.frontDoor, 'cognito:groups': '[front-door]' }, body: enteredCare() }));
    expect(result.statusCode).toBe(201);
    expect(starter.calls).toHaveLength(1);
    expect(starter.calls[0]!.input.event.actor).toMatchObject({ role: 'front-door', organisation: 'riverside-council' });
  });

  it("a police case system's client-credentials token is the police role only when its client is configured", async () => {
    // Prepare: a Cognito access token of the riverside-police case-system client.
    const claims = { sub: 'police-client-id', token_use: 'access', client_id: 'police-client-id', scope: 'righttime/police' };
    const configured = createApi({ runtime, store: new CaseStore(new DynamoDBClient({ region: 'eu-west-2' }), 'table'), starter: new FakeStarter(applied), waitMs: 50, machineClients: { 'police-client-id': 'riverside-police' } });
    // Act
    const known = await configured(request('GET', '/me', { claims }));
    const unknown = await apiWith()(request('GET', '/me', { claims }));
    // Assess
    expect(known.statusCode).toBe(200);
    expect(bodyOf(known)).toEqual({ userId: 'client:police-client-id', name: 'riverside-police case system', role: 'police', organisation: 'riverside-police' });
    expect(unknown.statusCode).toBe(401);
  });
});

describe('POST /processes/initial-health-assessment/cases', () => {
  it('refuses bad input field by field, starts nothing and writes nothing', async () => {
    // Prepare
    const starter = new FakeStarter(applied);
    const body = enteredCare({
      child: { name: 'Test Child', dateOfBirth: '01/06/2015' },
      legalBasis: 'voluntary',
      socialWorker: { name: 'Sam Okafor', email: 'sam.okafor at riverside' },
    });
    // Act
    const result = await apiWith(starter)(request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body }));
    // Assess
    expect(result.statusCode).toBe(400);
    const { error } = bodyOf(result);
    expect(error.code).toBe('invalidEvent');
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { path: 'child.dateOfBirth', message: 'must be a date written YYYY-MM-DD' },
        { path: 'legalBasis', message: expect.stringContaining('section20') },
        { path: 'socialWorker.email', message: expect.stringMatching(/email/i) },
      ]),
    );
    expect(error.issues).toHaveLength(3);
    expect(starter.calls).toEqual([]);
    expect(ddb.calls()).toHaveLength(0);
  });

  it('refuses a field it does not know, naming it, and starts nothing', async () => {
    const starter = new FakeStarter(applied);
    const result = await apiWith(starter)(request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: { ...enteredCare(), religion: 'none' } }));
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).error.issues).toEqual([{ path: 'religion', message: 'is not a field this record accepts, so it was not stored' }]);
    expect(starter.calls).toEqual([]);
    expect(ddb.calls()).toHaveLength(0);
  });

  it.each([
    ['no body', undefined],
    ['a JSON array', [1, 2]],
  ])('refuses %s', async (_name, body) => {
    const starter = new FakeStarter(applied);
    const result = await apiWith(starter)(request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body }));
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).error.code).toBe('invalidBody');
    expect(starter.calls).toEqual([]);
  });

  it('refuses an event that does not open a case', async () => {
    const starter = new FakeStarter(applied);
    const result = await apiWith(starter)(request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: { type: 'requestSentToHealth', sentAt: NOW, consentIncluded: true } }));
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).error.issues).toEqual([{ path: 'type', message: 'must be one of childEnteredCare' }]);
    expect(starter.calls).toEqual([]);
  });

  it('a school Key Adult is refused with 403, and the refusal is audited once', async () => {
    // Prepare
    const starter = new FakeStarter(applied);
    // Act
    const result = await apiWith(starter)(request('POST', OPEN_CASE, { claims: claimsOf.schoolKeyAdult, body: enteredCare() }));
    // Assess
    expect(result.statusCode).toBe(403);
    expect(bodyOf(result).error.code).toBe('notPermitted');
    expect(starter.calls).toEqual([]);
    expect(ddb.calls()).toHaveLength(1);
    const [audit] = auditPuts();
    expect(audit).toMatchObject({
      entityType: 'Audit',
      body: { action: 'refused', at: NOW, what: 'Child entered care: role not permitted', actor: { userId: 'u-s', role: 'school-key-adult', organisation: 'riverside-primary' } },
    });
    // the audit keeps identity, role and organisation only: no name or email of the person
    expect(JSON.stringify(audit)).not.toContain('Kim Walsh');
    expect(JSON.stringify(audit)).not.toContain('kim.walsh@');
  });

  it('starts the execution with the event, and answers 201 with the case location', async () => {
    const starter = new FakeStarter(applied);
    const result = await apiWith(starter)(request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: enteredCare() }));
    expect(result.statusCode).toBe(201);
    const [call] = starter.calls;
    expect(call).toMatchObject({ process: 'initial-health-assessment', waitMs: 50 });
    expect(call!.name).toMatch(/^evt-[0-9a-f]{32}$/);
    expect(call!.input).toEqual({
      event: {
        eventId: call!.name,
        type: 'childEnteredCare',
        process: 'initial-health-assessment',
        caseId: expect.stringMatching(/^iha-[a-z0-9]{4}-[a-z0-9]{4}$/),
        // no timestamps: the rules step stamps them, so a resend is the very same input
        actor: { kind: 'person', userId: 'u-fd', name: 'Alex Morgan', role: 'front-door', organisation: 'riverside-council' },
        payload: enteredCare(),
      },
      attempt: 0,
    });
    expect(result.headers!.location).toBe(`/cases/${call!.input.event.caseId}`);
  });

  it('the same request twice starts an execution of the same name, so Step Functions applies it once', async () => {
    const starter = new FakeStarter(applied);
    const api = apiWith(starter);
    await api(request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: enteredCare() }));
    // the same fields in another order are the same request
    const { caseReference, ...rest } = enteredCare();
    await api(request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: { ...rest, caseReference } }));
    expect(starter.calls).toHaveLength(2);
    expect(starter.calls[1]!.name).toBe(starter.calls[0]!.name);
  });

  it('a different request gets a different execution name', async () => {
    const starter = new FakeStarter(applied);
    const api = apiWith(starter);
    await api(request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: enteredCare() }));
    await api(request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: enteredCare({ legalBasis: 'interimCareOrder' }) }));
    expect(starter.calls[1]!.name).not.toBe(starter.calls[0]!.name);
  });

  it('with an Idempotency-Key, the execution is named from the key rather than the body', async () => {
    const starter = new FakeStarter(applied);
    const api = apiWith(starter);
    await api(request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: enteredCare() }));
    await api(request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: enteredCare(), headers: { 'idempotency-key': 'form-7f3a' } }));
    // the same key with a changed body: same name (Step Functions will then report a conflict)
    await api(request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: enteredCare({ legalBasis: 'interimCareOrder' }), headers: { 'idempotency-key': 'form-7f3a' } }));
    const [fromBody, fromKey, sameKey] = starter.calls.map((c) => c.name);
    expect(fromKey).toMatch(/^evt-[0-9a-f]{32}$/);
    expect(fromKey).not.toBe(fromBody);
    expect(sameKey).toBe(fromKey);
  });

  it('refuses an Idempotency-Key that is not valid', async () => {
    const starter = new FakeStarter(applied);
    const result = await apiWith(starter)(request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: enteredCare(), headers: { 'idempotency-key': 'has spaces in it' } }));
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).error.issues[0].path).toBe('Idempotency-Key');
    expect(starter.calls).toEqual([]);
  });

  it('still running after the wait: 202 with a Location to follow', async () => {
    const starter = new FakeStarter(() => ({ status: 'running' }));
    const result = await apiWith(starter)(request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: enteredCare() }));
    expect(result.statusCode).toBe(202);
    const name = starter.calls[0]!.name;
    expect(result.headers!.location).toBe(`/events/${name}`);
    expect(bodyOf(result)).toMatchObject({ eventId: name, status: 'processing' });
  });

  it('a key reused for a different request: 409', async () => {
    const result = await apiWith(new FakeStarter(() => ({ status: 'conflict' })))(request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: enteredCare() }));
    expect(result.statusCode).toBe(409);
    expect(bodyOf(result).error.code).toBe('idempotencyKeyReused');
  });

  it('an execution that failed: 503, and says sending again is safe', async () => {
    const result = await apiWith(new FakeStarter(() => ({ status: 'failed', error: 'States.TaskFailed' })))(request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: enteredCare() }));
    expect(result.statusCode).toBe(503);
    expect(bodyOf(result).error.message).toContain('safe');
  });

  it("the rules' rejection comes back with its status and issues", async () => {
    const issues = [{ path: 'enteredCareAt', message: 'cannot be in the future' }];
    const starter = new FakeStarter((name, input) => ({
      status: 'succeeded',
      repeated: false,
      output: {
        eventId: name,
        caseId: input.event.caseId,
        outcome: 'rejected',
        message: 'The record of the child entering care is not valid',
        rejection: { status: 400, code: 'ruleNotMet', message: 'The record of the child entering care is not valid', issues },
      } satisfies EventResponse,
    }));
    const result = await apiWith(starter)(request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: enteredCare() }));
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result)).toEqual({
      error: { code: 'ruleNotMet', message: 'The record of the child entering care is not valid', issues },
      eventId: starter.calls[0]!.name,
    });
  });

  it('a repeated execution is reported as a duplicate with 200', async () => {
    const starter = new FakeStarter((name, input) => ({ ...(applied(name, input) as Extract<StartOutcome, { status: 'succeeded' }>), repeated: true }));
    const result = await apiWith(starter)(request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: enteredCare() }));
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result).outcome).toBe('duplicate');
  });
});

describe('resending over Step Functions (StepFunctionsStarter over a mocked SFN client)', () => {
  const sfn = mockClient(SFNClient);
  const STATE_MACHINE = 'arn:aws:states:eu-west-2:111122223333:stateMachine:righttime-initial-health-assessment';

  /** Behaves as Step Functions does with names: a second start of a name fails with ExecutionAlreadyExists. */
  function stepFunctionsWithMemory() {
    sfn.reset();
    const executions = new Map<string, string>();
    sfn.on(StartExecutionCommand).callsFake((command: { name: string; input: string }) => {
      if (executions.has(command.name)) throw new ExecutionAlreadyExists({ message: 'Execution Already Exists', $metadata: {} });
      executions.set(command.name, command.input);
      return { executionArn: `${STATE_MACHINE.replace(':stateMachine:', ':execution:')}:${command.name}`, startDate: new Date() };
    });
    sfn.on(DescribeExecutionCommand).callsFake((command: { executionArn: string }) => {
      const name = command.executionArn.split(':').at(-1)!;
      const started = JSON.parse(executions.get(name)!);
      const output: EventResponse = { eventId: name, caseId: started.event.caseId, outcome: 'applied', message: 'Child entered care' };
      return { status: 'SUCCEEDED', input: executions.get(name), output: JSON.stringify(output) };
    });
    return executions;
  }

  function apiAt(clock: { now: () => Date }) {
    return createApi({
      runtime: { ...runtime, clock },
      store: new CaseStore(new DynamoDBClient({ region: 'eu-west-2' }), 'table'),
      starter: new StepFunctionsStarter(new SFNClient({ region: 'eu-west-2' }), { 'initial-health-assessment': STATE_MACHINE }, 1),
      waitMs: 50,
    });
  }

  it('the same request sent again a few seconds later is recognised as a duplicate, not a conflict', async () => {
    // Prepare: the first send is applied; the client did not see the answer and sends again 3 s later
    const executions = stepFunctionsWithMemory();
    let now = new Date('2026-12-14T10:00:05.000Z');
    const api = apiAt({ now: () => now });
    const first = await api(request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: enteredCare() }));
    expect(first.statusCode).toBe(201);
    now = new Date('2026-12-14T10:00:08.000Z');
    // Act
    const again = await api(request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: enteredCare() }));
    // Assess
    expect(executions.size).toBe(1);
    expect(again.statusCode).toBe(200);
    expect(bodyOf(again).outcome).toBe('duplicate');
  });

  it('sent again at the same instant, it is a duplicate', async () => {
    stepFunctionsWithMemory();
    const api = apiAt({ now: () => new Date(NOW) });
    await api(request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: enteredCare() }));
    const again = await api(request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: enteredCare() }));
    expect(again.statusCode).toBe(200);
    expect(bodyOf(again).outcome).toBe('duplicate');
  });

  it('an Idempotency-Key reused for a different request is a conflict (409)', async () => {
    stepFunctionsWithMemory();
    const api = apiAt({ now: () => new Date(NOW) });
    const headers = { 'idempotency-key': 'form-7f3a' };
    await api(request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: enteredCare(), headers }));
    const reused = await api(request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: enteredCare({ legalBasis: 'interimCareOrder' }), headers }));
    expect(reused.statusCode).toBe(409);
  });
});

describe('POST /cases/{id}/events', () => {
  /**
   * Runs the real decide step on the event, with the case as the state machine would load it, and
   * answers with its response: what Step Functions would return.
   */
  class DecidingStarter implements EventStarter {
    readonly outputs: DecideOutput[] = [];
    readonly names: string[] = [];
    constructor(private readonly record: CaseRecord) {}
    async startAndWait(_process: string, name: string, input: any): Promise<StartOutcome> {
      this.names.push(name);
      const output = await createDecide(runtime)({ ...input, loaded: { Item: caseItem(this.record) } });
      this.outputs.push(output);
      return { status: 'succeeded', repeated: false, output: output.response as EventResponse };
    }
  }

  it('hands the event to the execution without reading the case first (one read, in the execution)', async () => {
    // Prepare
    const record = storedCase();
    const starter = new DecidingStarter(record);
    // Act
    const result = await apiWith(starter)(request('POST', `/cases/${record.caseId}/events`, { claims: claimsOf.health, body: { type: 'appointmentBooked', appointmentOn: '2027-01-13' } }));
    // Assess
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toMatchObject({ outcome: 'applied', caseId: record.caseId, message: 'Appointment recorded' });
    expect(ddb.calls()).toHaveLength(0);
    expect(starter.outputs[0]!.write).toBe(true);
  });

  it('a health user of an organisation not on the case is refused with 403, and the execution audits the refusal', async () => {
    // Prepare
    const record = storedCase();
    const starter = new DecidingStarter(record);
    // Act
    const result = await apiWith(starter)(request('POST', `/cases/${record.caseId}/events`, { claims: claimsOf.otherHealth, body: { type: 'appointmentBooked', appointmentOn: '2027-01-13' } }));
    // Assess
    expect(result.statusCode).toBe(403);
    expect(bodyOf(result).error.code).toBe('notPermitted');
    const [decided] = starter.outputs;
    expect(decided!.outcome).toBe('rejected');
    const written = decided!.transactItems.map((i) => ('Put' in i ? JSON.parse((i.Put.Item.body as { S: string }).S) : i));
    expect(written).toContainEqual(expect.objectContaining({ action: 'refused', caseId: record.caseId, actor: { userId: 'u-nh', role: 'health', organisation: 'northvale-health' } }));
    // the case itself is not written
    expect(decided!.transactItems.some((i) => 'Put' in i && (i.Put.Item.SK as { S: string }).S === 'CASE')).toBe(false);
  });

  it('a case id of no known process is 404, and nothing starts', async () => {
    const starter = new FakeStarter(applied);
    const result = await apiWith(starter)(request('POST', '/cases/cpc-aaaa-bbbb/events', { claims: claimsOf.health, body: { type: 'appointmentBooked', appointmentOn: '2027-01-13' } }));
    expect(result.statusCode).toBe(404);
    expect(starter.calls).toEqual([]);
  });

  it('an event without a type is 400', async () => {
    const starter = new FakeStarter(applied);
    const result = await apiWith(starter)(request('POST', '/cases/iha-aaaa-bbbb/events', { claims: claimsOf.health, body: { appointmentOn: '2027-01-13' } }));
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).error.issues).toEqual([{ path: 'type', message: 'is required' }]);
    expect(starter.calls).toEqual([]);
  });
});

describe('GET /cases/{id}', () => {
  it('a reader whose organisation is on the case sees it, and the read is audited', async () => {
    // Prepare
    const record = storedCase();
    ddb.on(GetItemCommand).resolves({ Item: caseItem(record) as any });
    // Act
    const result = await apiWith()(request('GET', `/cases/${record.caseId}`, { claims: claimsOf.health }));
    // Assess
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toMatchObject({ caseId: record.caseId, caseCode: record.caseCode, stage: 'awaitingRequest' });
    const get = ddb.commandCalls(GetItemCommand)[0]!.args[0].input;
    expect(get).toMatchObject({ TableName: 'table', Key: { PK: { S: `CASE#${record.caseId}` }, SK: { S: 'CASE' } }, ConsistentRead: true });
    expect(auditPuts()).toEqual([
      {
        entityType: 'Audit',
        pk: `CASE#${record.caseId}`,
        body: expect.objectContaining({ action: 'read', what: 'case record', caseId: record.caseId, actor: { userId: 'u-h', role: 'health', organisation: 'riverside-health' } }),
      },
    ]);
  });

  it('a health user of an organisation not on the case is refused, and the refusal is audited', async () => {
    const record = storedCase();
    ddb.on(GetItemCommand).resolves({ Item: caseItem(record) as any });
    const result = await apiWith()(request('GET', `/cases/${record.caseId}`, { claims: claimsOf.otherHealth }));
    expect(result.statusCode).toBe(403);
    expect(result.body).not.toContain('Test Child');
    expect(auditPuts().map((a) => a.body)).toEqual([expect.objectContaining({ action: 'refused', caseId: record.caseId, actor: { userId: 'u-nh', role: 'health', organisation: 'northvale-health' } })]);
  });

  it('a commissioner cannot read a case, even one their ICB is on', async () => {
    const record = storedCase();
    ddb.on(GetItemCommand).resolves({ Item: caseItem(record) as any });
    const result = await apiWith()(request('GET', `/cases/${record.caseId}`, { claims: claimsOf.commissioner }));
    expect(result.statusCode).toBe(403);
    expect(auditPuts().map((a) => a.body.action)).toEqual(['refused']);
  });

  it('an unknown case is 404, and the attempt is audited', async () => {
    ddb.on(GetItemCommand).resolves({});
    const result = await apiWith()(request('GET', '/cases/iha-aaaa-bbbb', { claims: claimsOf.health }));
    expect(result.statusCode).toBe(404);
    expect(auditPuts().map((a) => [a.body.action, a.body.caseId])).toEqual([['refused', 'iha-aaaa-bbbb']]);
  });

  it('a malformed case id is 400 without a read', async () => {
    const result = await apiWith()(request('GET', '/cases/Robert%20Tables', { claims: claimsOf.health }));
    expect(result.statusCode).toBe(400);
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('GET /processes/initial-health-assessment/figures', () => {
  it('a commissioner gets case codes and figures, and no child names', async () => {
    // Prepare: the stored case holds the child's name, date of birth and the council's reference
    const record = storedCase();
    expect(JSON.stringify(record)).toContain('Test Child');
    ddb.on(QueryCommand).resolves({ Items: [caseItem(record) as any] });
    // Act
    const result = await apiWith()(request('GET', '/processes/initial-health-assessment/figures', { claims: claimsOf.commissioner }));
    // Assess
    expect(result.statusCode).toBe(200);
    const body = bodyOf(result);
    expect(body).toMatchObject({ process: 'initial-health-assessment', cases: 1, clocks: { 'initial-health-assessment': { running: 1 }, 'request-to-health': { running: 1 } } });
    expect(body.caseFigures.map((c: { caseCode: string }) => c.caseCode)).toEqual([record.caseCode]);
    for (const personal of ['Test Child', '2015-06-01', 'RCC-1001', 'Sam Okafor', 'sam.okafor@', record.caseId]) expect(result.body).not.toContain(personal);
    const query = ddb.commandCalls(QueryCommand)[0]!.args[0].input;
    expect(query).toMatchObject({ IndexName: 'GSI2', ExpressionAttributeValues: { ':pk': { S: 'CASES#initial-health-assessment' } } });
    expect(auditPuts().map((a) => a.body)).toEqual([expect.objectContaining({ action: 'read', what: 'Initial health assessment figures (pseudonymous)' })]);
  });

  it('a front-door worker is refused the figures, and the refusal is audited', async () => {
    const result = await apiWith()(request('GET', '/processes/initial-health-assessment/figures', { claims: claimsOf.frontDoor }));
    expect(result.statusCode).toBe(403);
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(0);
    expect(auditPuts().map((a) => a.body.action)).toEqual(['refused']);
  });
});

describe('POST /processes/operation-encompass/submissions', () => {
  const police = { sub: 'c-police', name: 'Riverside Police case system', 'cognito:groups': ['police'], 'custom:organisation': 'riverside-police' };
  const pupil = (i: number) => ({
    name: `Pupil Number ${i} With A Longer Name`,
    dateOfBirth: '2015-05-05',
    schoolUrn: 'not known',
    present: true,
    welfareCheck: true,
    policeContact: { desk: 'Public Protection Unit, Riverside Police Headquarters', phone: '01632 960100' },
  });

  it('accepts a batch of 1,000 children (the most the schema allows) and starts one execution per child', async () => {
    const starter = new FakeStarter((name, input) => ({ status: 'succeeded', repeated: false, output: { eventId: name, caseId: input.event.caseId, caseCode: 'OE-TEST-CODE', outcome: 'applied', message: 'ok' } }));
    const body = { forceIncidentReference: 'RP-1', attendedAt: '2026-12-14T09:00:00Z', children: Array.from({ length: 1000 }, (_, i) => pupil(i)) };
    expect(JSON.stringify(body).length).toBeGreaterThan(64 * 1024);
    const result = await apiWith(starter)(request('POST', '/processes/operation-encompass/submissions', { claims: police, body }));
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result).received).toBe(1000);
    expect(new Set(starter.calls.map((c) => c.name)).size).toBe(1000);
    expect(starter.calls.every((c) => c.waitMs === 0)).toBe(true);
  });

  it('refuses 1,001 children, naming the field, and starts nothing', async () => {
    const starter = new FakeStarter(applied);
    const body = { forceIncidentReference: 'RP-1', attendedAt: '2026-12-14T09:00:00Z', children: Array.from({ length: 1001 }, (_, i) => pupil(i)) };
    const result = await apiWith(starter)(request('POST', '/processes/operation-encompass/submissions', { claims: police, body }));
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).error.issues.map((i: { path: string }) => i.path)).toEqual(['children']);
    expect(starter.calls).toEqual([]);
  });
});
