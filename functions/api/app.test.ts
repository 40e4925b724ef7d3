import {
  BatchWriteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { ExecutionAlreadyExists, SFNClient, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CaseRecord, EventResponse } from '#core/process/model';
import { enteredCare, IhaHarness } from '#test/support/initial-health-assessment';
import { people } from '#test/support/process-harness';
import { type DecideOutput, planDecision } from '../decide/handler';
import { partnership, type Runtime, workingDaysFor } from '../runtime';
import { CaseStore } from '../store/reads';
import { type IdempotencyRecord, idempotencyItem, StagingStore, stagingKey } from '../store/staging';
import { caseItem } from '../store/transaction';
import { type ApiEvent, createApi } from './app';
import type { Claims } from './claims';
import { figureReports } from './figures';
import type { Result } from './responses';
import { type EventStarter, type StartOutcome, StepFunctionsStarter } from './starter';

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

const applied = (_name: string, input: any): StartOutcome => ({
  status: 'succeeded',
  output: {
    eventId: input.event.eventId,
    caseId: input.event.caseId,
    caseCode: 'IHA-TEST-CODE',
    outcome: 'applied',
    message: 'Child entered care',
    stage: 'awaitingRequest',
    clocks: [],
  },
});

/** The whole API, as the pages and the local runtime run it: its figures too (./figures.ts). */
function apiWith(starter: EventStarter = new FakeStarter(applied)) {
  return createApi({
    figures: figureReports,
    runtime,
    store: new CaseStore(new DynamoDBClient({ region: 'eu-west-2' }), 'table'),
    staging: new StagingStore(new DynamoDBClient({ region: 'eu-west-2' }), 'table'),
    starter,
    waitMs: 50,
  });
}

/** The bodies of the requests the API staged for their executions (BatchWriteItem). */
function stagedBodies(): any[] {
  return ddb.commandCalls(BatchWriteItemCommand).flatMap((c) =>
    Object.values(c.args[0].input.RequestItems!)
      .flat()
      .map((w) => JSON.parse(w.PutRequest!.Item!.body!.S!)),
  );
}

/** A person's Idempotency-Key as the table remembers it. */
function rememberKey(userId: string, key: string, record: IdempotencyRecord) {
  ddb
    .on(GetItemCommand, { Key: { PK: { S: stagingKey.idempotency(userId, key).PK }, SK: { S: 'KEY' } } })
    .resolves({ Item: idempotencyItem(userId, key, record) as never });
}

const claimsOf = {
  frontDoor: {
    sub: 'u-fd',
    name: 'Alex Morgan',
    email: 'alex.morgan@riverside.example.gov.uk',
    'cognito:groups': ['front-door'],
    'custom:organisation': 'riverside-council',
  },
  frontDoorColleague: {
    sub: 'u-fd2',
    name: 'Ola Ade',
    email: 'ola.ade@riverside.example.gov.uk',
    'cognito:groups': ['front-door'],
    'custom:organisation': 'riverside-council',
  },
  healthColleague: {
    sub: 'u-h2',
    name: 'Sam Lee',
    email: 'sam.lee@riverside-health.example.nhs.uk',
    'cognito:groups': ['health'],
    'custom:organisation': 'riverside-health',
  },
  health: {
    sub: 'u-h',
    name: 'Priya Shah',
    email: 'priya.shah@riverside-health.example.nhs.uk',
    'cognito:groups': ['health'],
    'custom:organisation': 'riverside-health',
  },
  otherHealth: {
    sub: 'u-nh',
    name: 'Jo Bright',
    email: 'jo.bright@northvale-health.example.nhs.uk',
    'cognito:groups': ['health'],
    'custom:organisation': 'northvale-health',
  },
  schoolKeyAdult: {
    sub: 'u-s',
    name: 'Kim Walsh',
    email: 'kim.walsh@riverside-primary.example.sch.uk',
    'cognito:groups': ['school-key-adult'],
    'custom:organisation': 'riverside-primary',
    'custom:schoolUrn': '100001',
  },
  commissioner: {
    sub: 'u-com',
    name: 'Chris Dale',
    email: 'chris.dale@riverside-icb.example.nhs.uk',
    'cognito:groups': ['commissioner'],
    'custom:organisation': 'riverside-icb',
  },
} satisfies Record<string, Claims>;

function request(
  method: string,
  rawPath: string,
  options: { claims?: Claims; body?: unknown; headers?: Record<string, string> } = {},
): ApiEvent {
  return {
    rawPath,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    headers: options.headers ?? {},
    queryStringParameters: undefined,
    isBase64Encoded: false,
    requestContext: {
      http: { method },
      ...(options.claims ? { authorizer: { jwt: { claims: options.claims } } } : {}),
    },
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
  ddb.on(BatchWriteItemCommand).resolves({});
  ddb.on(GetItemCommand).resolves({});
});

describe('who is asking', () => {
  it('without claims the answer is 401 and nothing is read or written', async () => {
    const result = await apiWith()(request('GET', '/me'));
    expect(result.statusCode).toBe(401);
    expect(bodyOf(result).code).toBe('notSignedIn');
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
    const result = await apiWith()(
      request('GET', '/me', { claims: { ...claimsOf.frontDoor, 'cognito:groups': groups } }),
    );
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toEqual({
      userId: 'u-fd',
      name: 'Alex Morgan',
      role: 'front-door',
      organisation: 'riverside-council',
    });
  });

  it('a flattened group claim is enough to record a child entering care', async () => {
    const starter = new FakeStarter(applied);
    const result = await apiWith(starter)(
      request('POST', OPEN_CASE, {
        claims: { ...claimsOf.frontDoor, 'cognito:groups': '[front-door]' },
        body: enteredCare(),
      }),
    );
    expect(result.statusCode).toBe(201);
    expect(starter.calls).toHaveLength(1);
    expect(stagedBodies()[0].actor).toMatchObject({ role: 'front-door', organisation: 'riverside-council' });
  });

  it("a police case system's client-credentials token is the police role only when its client is configured", async () => {
    // Prepare: a Cognito access token of the riverside-police case-system client.
    const claims = {
      sub: 'police-client-id',
      token_use: 'access',
      client_id: 'police-client-id',
      scope: 'righttime/police',
    };
    const configured = createApi({
      runtime,
      store: new CaseStore(new DynamoDBClient({ region: 'eu-west-2' }), 'table'),
      staging: new StagingStore(new DynamoDBClient({ region: 'eu-west-2' }), 'table'),
      starter: new FakeStarter(applied),
      waitMs: 50,
      machineClients: { 'police-client-id': 'riverside-police' },
    });
    // Act
    const known = await configured(request('GET', '/me', { claims }));
    const unknown = await apiWith()(request('GET', '/me', { claims }));
    // Assess
    expect(known.statusCode).toBe(200);
    expect(bodyOf(known)).toEqual({
      userId: 'client:police-client-id',
      name: 'riverside-police case system',
      role: 'police',
      organisation: 'riverside-police',
    });
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
    const problem = bodyOf(result);
    expect(problem.code).toBe('invalidEvent');
    expect(problem.issues).toEqual(
      expect.arrayContaining([
        { path: 'child.dateOfBirth', message: 'must be a date written YYYY-MM-DD' },
        { path: 'legalBasis', message: expect.stringContaining('section20') },
        { path: 'socialWorker.email', message: expect.stringMatching(/email/i) },
      ]),
    );
    expect(problem.issues).toHaveLength(3);
    expect(starter.calls).toEqual([]);
    expect(ddb.calls()).toHaveLength(0);
  });

  it('refuses a field it does not know, naming it, and starts nothing', async () => {
    const starter = new FakeStarter(applied);
    const result = await apiWith(starter)(
      request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: { ...enteredCare(), religion: 'none' } }),
    );
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).issues).toEqual([
      { path: 'religion', message: 'is not a field this record accepts, so it was not stored' },
    ]);
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
    expect(bodyOf(result).code).toBe('invalidBody');
    expect(starter.calls).toEqual([]);
  });

  it('refuses an event that does not open a case', async () => {
    const starter = new FakeStarter(applied);
    const result = await apiWith(starter)(
      request('POST', OPEN_CASE, {
        claims: claimsOf.frontDoor,
        body: { type: 'requestSentToHealth', sentAt: NOW, consentIncluded: true },
      }),
    );
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).issues).toEqual([{ path: 'type', message: 'must be one of childEnteredCare' }]);
    expect(starter.calls).toEqual([]);
  });

  it('a school Key Adult is refused with 403, and the refusal is audited once', async () => {
    // Prepare
    const starter = new FakeStarter(applied);
    // Act
    const result = await apiWith(starter)(
      request('POST', OPEN_CASE, { claims: claimsOf.schoolKeyAdult, body: enteredCare() }),
    );
    // Assess
    expect(result.statusCode).toBe(403);
    expect(bodyOf(result).code).toBe('notPermitted');
    expect(starter.calls).toEqual([]);
    expect(ddb.calls()).toHaveLength(1);
    const [audit] = auditPuts();
    expect(audit).toMatchObject({
      entityType: 'Audit',
      body: {
        action: 'refused',
        at: NOW,
        what: 'Child entered care: role not permitted',
        actor: { userId: 'u-s', role: 'school-key-adult', organisation: 'riverside-primary' },
      },
    });
    // the audit keeps identity, role and organisation only: no name or email of the person
    expect(JSON.stringify(audit)).not.toContain('Kim Walsh');
    expect(JSON.stringify(audit)).not.toContain('kim.walsh@');
  });

  it('starts the execution with ids only; who sent what is staged in the table, and it answers 201 with the case location', async () => {
    const starter = new FakeStarter(applied);
    const result = await apiWith(starter)(
      request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: enteredCare() }),
    );
    expect(result.statusCode).toBe(201);
    const [call] = starter.calls;
    expect(call).toMatchObject({ process: 'initial-health-assessment', waitMs: 50 });
    const eventId = call!.input.event.eventId as string;
    expect(eventId).toMatch(/^evt-[0-9a-f]{32}$/);
    expect(call!.name).toBe(`${eventId}-${call!.input.event.staged}`);
    expect(call!.input).toEqual({
      event: {
        eventId,
        type: 'childEnteredCare',
        process: 'initial-health-assessment',
        caseId: expect.stringMatching(/^iha-[a-z0-9]{4}-[a-z0-9]{4}$/),
        staged: expect.stringMatching(/^[0-9a-f]{12}$/),
      },
      attempt: 0,
    });
    // no name or date of birth in the execution input (Step Functions keeps it for 90 days)
    expect(JSON.stringify(call!.input)).not.toContain(enteredCare().child.name);
    expect(JSON.stringify(call!.input)).not.toContain(enteredCare().child.dateOfBirth);
    const [staged] = stagedBodies();
    // the payload as the schema parsed it (instants in UTC to the millisecond), marked so the rules parse it no more
    expect(staged).toMatchObject({
      actor: { userId: 'u-fd', role: 'front-door', organisation: 'riverside-council' },
      payload: { ...enteredCare(), enteredCareAt: '2026-12-14T10:00:00.000Z' },
      validatedBy: { version: 1 },
    });
    expect(result.headers!.location).toBe(`/cases/${call!.input.event.caseId}`);
  });

  it('opening the same child twice is the same event (the natural key), whoever sends it and in whatever field order', async () => {
    const starter = new FakeStarter(applied);
    const api = apiWith(starter);
    await api(request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: enteredCare() }));
    const { caseReference, ...rest } = enteredCare();
    await api(request('POST', OPEN_CASE, { claims: claimsOf.frontDoorColleague, body: { ...rest, caseReference } }));
    const [first, second] = starter.calls;
    expect(second!.input.event.eventId).toBe(first!.input.event.eventId);
    // each attempt has its own execution name, so a failed attempt never blocks the next
    expect(second!.name).not.toBe(first!.name);
  });

  it('without a key, a request on a case is a new event each time, even with the same body', async () => {
    const starter = new FakeStarter(applied);
    const api = apiWith(starter);
    const body = { type: 'appointmentBooked', appointmentOn: '2027-01-13' };
    await api(request('POST', '/cases/iha-7k3f-9q2m/events', { claims: claimsOf.health, body }));
    await api(request('POST', '/cases/iha-7k3f-9q2m/events', { claims: claimsOf.health, body }));
    expect(starter.calls[1]!.input.event.eventId).not.toBe(starter.calls[0]!.input.event.eventId);
  });

  it('with an Idempotency-Key, a resend is the same event; the key is scoped to the person', async () => {
    const starter = new FakeStarter(applied);
    const api = apiWith(starter);
    const body = { type: 'appointmentBooked', appointmentOn: '2027-01-13' };
    const headers = { 'idempotency-key': 'form-7f3a' };
    await api(request('POST', '/cases/iha-7k3f-9q2m/events', { claims: claimsOf.health, body, headers }));
    await api(request('POST', '/cases/iha-7k3f-9q2m/events', { claims: claimsOf.health, body, headers }));
    await api(request('POST', '/cases/iha-7k3f-9q2m/events', { claims: claimsOf.healthColleague, body, headers }));
    const [first, resend, colleague] = starter.calls.map((c) => c.input.event.eventId);
    expect(resend).toBe(first);
    expect(colleague).not.toBe(first);
    // the key and the request's fingerprint travel staged, to be remembered if the event applies
    expect(stagedBodies()[0]).toMatchObject({
      idempotency: { key: 'form-7f3a', fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
  });

  it('refuses an Idempotency-Key that is not valid', async () => {
    const starter = new FakeStarter(applied);
    const result = await apiWith(starter)(
      request('POST', OPEN_CASE, {
        claims: claimsOf.frontDoor,
        body: enteredCare(),
        headers: { 'idempotency-key': 'has spaces in it' },
      }),
    );
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).issues[0].path).toBe('Idempotency-Key');
    expect(starter.calls).toEqual([]);
  });

  it('still running after the wait: 202 with a Location to follow', async () => {
    const starter = new FakeStarter(() => ({ status: 'running' }));
    const result = await apiWith(starter)(
      request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: enteredCare() }),
    );
    expect(result.statusCode).toBe(202);
    const eventId = starter.calls[0]!.input.event.eventId;
    expect(result.headers!.location).toBe(`/events/${eventId}`);
    expect(bodyOf(result)).toMatchObject({ eventId, status: 'processing' });
  });

  it('a key remembered for a different request: 409 naming the header, and nothing starts', async () => {
    // Prepare: the person's key was used (and applied) for another request within 24 hours
    rememberKey('u-h', 'form-7f3a', {
      fingerprint: 'f'.repeat(64),
      eventId: 'evt-earlier',
      expiresAt: Date.parse(NOW) / 1000 + 3600,
    });
    const starter = new FakeStarter(applied);
    // Act
    const result = await apiWith(starter)(
      request('POST', '/cases/iha-7k3f-9q2m/events', {
        claims: claimsOf.health,
        body: { type: 'appointmentBooked', appointmentOn: '2027-01-13' },
        headers: { 'idempotency-key': 'form-7f3a' },
      }),
    );
    // Assess
    expect(result.statusCode).toBe(409);
    expect(bodyOf(result)).toMatchObject({ code: 'idempotencyKeyReused', issues: [{ path: 'Idempotency-Key' }] });
    expect(starter.calls).toEqual([]);
  });

  it('a key whose 24 hours have passed may name a new request', async () => {
    rememberKey('u-h', 'form-7f3a', {
      fingerprint: 'f'.repeat(64),
      eventId: 'evt-earlier',
      expiresAt: Date.parse(NOW) / 1000 - 1,
    });
    const starter = new FakeStarter(applied);
    const result = await apiWith(starter)(
      request('POST', '/cases/iha-7k3f-9q2m/events', {
        claims: claimsOf.health,
        body: { type: 'appointmentBooked', appointmentOn: '2027-01-13' },
        headers: { 'idempotency-key': 'form-7f3a' },
      }),
    );
    expect(result.statusCode).toBe(200);
    expect(starter.calls).toHaveLength(1);
  });

  it('an execution that failed: 503, and says sending again is safe', async () => {
    const result = await apiWith(new FakeStarter(() => ({ status: 'failed', error: 'States.TaskFailed' })))(
      request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: enteredCare() }),
    );
    expect(result.statusCode).toBe(503);
    expect(bodyOf(result).detail).toContain('safe');
  });

  it('a store that cannot stage the request: 503, and nothing starts', async () => {
    ddb.on(BatchWriteItemCommand).rejects(new Error('connect ECONNREFUSED'));
    const starter = new FakeStarter(applied);
    const result = await apiWith(starter)(
      request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: enteredCare() }),
    );
    expect(result.statusCode).toBe(503);
    expect(starter.calls).toEqual([]);
  });

  it("the rules' rejection comes back with its status and issues", async () => {
    const issues = [{ path: 'enteredCareAt', message: 'cannot be in the future' }];
    const starter = new FakeStarter((_name, input) => ({
      status: 'succeeded',
      output: {
        eventId: input.event.eventId,
        caseId: input.event.caseId,
        outcome: 'rejected',
        message: 'The record of the child entering care is not valid',
        rejection: {
          status: 400,
          code: 'ruleNotMet',
          message: 'The record of the child entering care is not valid',
          issues,
        },
      } satisfies EventResponse,
    }));
    const result = await apiWith(starter)(
      request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: enteredCare() }),
    );
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result)).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The record of the child entering care is not valid',
      code: 'ruleNotMet',
      issues,
      eventId: starter.calls[0]!.input.event.eventId,
    });
  });

  it('an event the data says already applied is reported as a duplicate with 200', async () => {
    const starter = new FakeStarter((name, input) => {
      const out = applied(name, input) as Extract<StartOutcome, { status: 'succeeded' }>;
      return { ...out, output: { ...out.output, outcome: 'duplicate' } };
    });
    const result = await apiWith(starter)(
      request('POST', OPEN_CASE, { claims: claimsOf.frontDoor, body: enteredCare() }),
    );
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result).outcome).toBe('duplicate');
  });
});

describe('resending over Step Functions (StepFunctionsStarter over a mocked SFN client)', () => {
  const sfn = mockClient(SFNClient);
  const STATE_MACHINE = 'arn:aws:states:eu-west-2:111122223333:stateMachine:righttime-initial-health-assessment';

  /** Step Functions with names remembered (a second start of a name fails): the first execution fails, later ones succeed. */
  function stepFunctionsFailingFirst() {
    sfn.reset();
    const executions: string[] = [];
    sfn.on(StartSyncExecutionCommand).callsFake((command: { name: string; input: string }) => {
      if (executions.includes(command.name))
        throw new ExecutionAlreadyExists({ message: 'Execution Already Exists', $metadata: {} });
      executions.push(command.name);
      const executionArn = `${STATE_MACHINE.replace(':stateMachine:', ':express:')}:${command.name}`;
      if (executions.length === 1)
        return {
          executionArn,
          status: 'FAILED',
          error: 'DynamoDb.InternalServerErrorException',
          startDate: new Date(),
        };
      const output: EventResponse = {
        eventId: command.name.slice(0, 36),
        caseId: 'iha-7k3f-9q2m',
        outcome: 'applied',
        message: 'Appointment recorded',
      };
      return { executionArn, status: 'SUCCEEDED', output: JSON.stringify(output), startDate: new Date() };
    });
    return executions;
  }

  it('a retry after a 503 really runs again, and succeeds', async () => {
    // Prepare: the first attempt fails (the store was down)
    const executions = stepFunctionsFailingFirst();
    const api = createApi({
      runtime,
      store: new CaseStore(new DynamoDBClient({ region: 'eu-west-2' }), 'table'),
      staging: new StagingStore(new DynamoDBClient({ region: 'eu-west-2' }), 'table'),
      starter: new StepFunctionsStarter(new SFNClient({ region: 'eu-west-2' }), {
        'initial-health-assessment': STATE_MACHINE,
      }),
      waitMs: 50,
    });
    const send = () =>
      api(
        request('POST', '/cases/iha-7k3f-9q2m/events', {
          claims: claimsOf.health,
          body: { type: 'appointmentBooked', appointmentOn: '2027-01-13' },
          headers: { 'idempotency-key': 'form-7f3a' },
        }),
      );
    const first = await send();
    expect(first.statusCode).toBe(503);
    // Act
    const retry = await send();
    // Assess: a new execution of the same event, applied
    expect(retry.statusCode).toBe(200);
    expect(executions).toHaveLength(2);
    expect(executions[0]!.slice(0, 36)).toBe(executions[1]!.slice(0, 36));
  });
});

describe('POST /cases/{id}/events', () => {
  /**
   * Plans the real rules step on the event, with the case as the rules step would read it, and
   * answers with its response: what Step Functions would return.
   */
  class DecidingStarter implements EventStarter {
    readonly outputs: DecideOutput[] = [];
    readonly names: string[] = [];
    constructor(private readonly record: CaseRecord) {}
    async startAndWait(_process: string, name: string, input: any): Promise<StartOutcome> {
      this.names.push(name);
      // What the rules step reads: the case and the request the API staged.
      const staged = ddb.commandCalls(BatchWriteItemCommand).flatMap((c) =>
        Object.values(c.args[0].input.RequestItems!)
          .flat()
          .map((w) => w.PutRequest!.Item!),
      );
      const output = await planDecision(runtime)({
        ...input,
        loaded: { Responses: { table: [caseItem(this.record), ...staged] } },
      });
      this.outputs.push(output);
      return { status: 'succeeded', output: output.response as EventResponse };
    }
  }

  it('hands the event to the execution without reading the case first (one read, in the execution)', async () => {
    // Prepare
    const record = storedCase();
    const starter = new DecidingStarter(record);
    // Act
    const result = await apiWith(starter)(
      request('POST', `/cases/${record.caseId}/events`, {
        claims: claimsOf.health,
        body: { type: 'appointmentBooked', appointmentOn: '2027-01-13' },
      }),
    );
    // Assess
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toMatchObject({
      outcome: 'applied',
      caseId: record.caseId,
      message: 'Appointment recorded',
    });
    expect(ddb.commandCalls(GetItemCommand)).toHaveLength(0);
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(0);
    expect(ddb.commandCalls(BatchWriteItemCommand)).toHaveLength(1);
    expect(starter.outputs[0]!.write).toBe(true);
  });

  it('a health user of an organisation not on the case gets 404, as for a case that does not exist, and the execution audits the refusal', async () => {
    // Prepare
    const record = storedCase();
    const starter = new DecidingStarter(record);
    // Act
    const result = await apiWith(starter)(
      request('POST', `/cases/${record.caseId}/events`, {
        claims: claimsOf.otherHealth,
        body: { type: 'appointmentBooked', appointmentOn: '2027-01-13' },
      }),
    );
    // Assess
    expect(result.statusCode).toBe(404);
    expect(bodyOf(result).code).toBe('caseNotFound');
    const [decided] = starter.outputs;
    expect(decided!.outcome).toBe('rejected');
    const written = decided!.transactItems.map((i) =>
      'Put' in i ? JSON.parse((i.Put.Item.body as { S: string }).S) : i,
    );
    expect(written).toContainEqual(
      expect.objectContaining({
        action: 'refused',
        caseId: record.caseId,
        actor: { userId: 'u-nh', role: 'health', organisation: 'northvale-health' },
      }),
    );
    // the case itself is not written
    expect(decided!.transactItems.some((i) => 'Put' in i && (i.Put.Item.SK as { S: string }).S === 'CASE')).toBe(false);
  });

  it('a case id of no known process is 404, and nothing starts', async () => {
    const starter = new FakeStarter(applied);
    const result = await apiWith(starter)(
      request('POST', '/cases/cpc-aaaa-bbbb/events', {
        claims: claimsOf.health,
        body: { type: 'appointmentBooked', appointmentOn: '2027-01-13' },
      }),
    );
    expect(result.statusCode).toBe(404);
    expect(starter.calls).toEqual([]);
  });

  it('an event without a type is 400', async () => {
    const starter = new FakeStarter(applied);
    const result = await apiWith(starter)(
      request('POST', '/cases/iha-aaaa-bbbb/events', {
        claims: claimsOf.health,
        body: { appointmentOn: '2027-01-13' },
      }),
    );
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).issues).toEqual([{ path: 'type', message: 'is required' }]);
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
    expect(bodyOf(result)).toMatchObject({
      caseId: record.caseId,
      caseCode: record.caseCode,
      stage: 'awaitingRequest',
    });
    const get = ddb.commandCalls(GetItemCommand)[0]!.args[0].input;
    expect(get).toMatchObject({
      TableName: 'table',
      Key: { PK: { S: `CASE#${record.caseId}` }, SK: { S: 'CASE' } },
      ConsistentRead: true,
    });
    expect(auditPuts()).toEqual([
      {
        entityType: 'Audit',
        pk: `CASE#${record.caseId}`,
        body: expect.objectContaining({
          action: 'read',
          what: 'case record',
          caseId: record.caseId,
          actor: { userId: 'u-h', role: 'health', organisation: 'riverside-health' },
        }),
      },
    ]);
  });

  it('a health user of an organisation not on the case gets 404, as for a case that does not exist, and the refusal is audited', async () => {
    const record = storedCase();
    ddb.on(GetItemCommand).resolves({ Item: caseItem(record) as any });
    const result = await apiWith()(request('GET', `/cases/${record.caseId}`, { claims: claimsOf.otherHealth }));
    expect(result.statusCode).toBe(404);
    expect(result.headers).toMatchObject({ 'content-type': 'application/problem+json' });
    expect(bodyOf(result)).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: `There is no case ${record.caseId}`,
      code: 'caseNotFound',
      issues: [],
    });
    expect(result.body).not.toContain('Test Child');
    expect(auditPuts().map((a) => a.body)).toEqual([
      expect.objectContaining({
        action: 'refused',
        caseId: record.caseId,
        actor: { userId: 'u-nh', role: 'health', organisation: 'northvale-health' },
      }),
    ]);
  });

  it('a commissioner cannot read a case, even one their ICB is on', async () => {
    const record = storedCase();
    ddb.on(GetItemCommand).resolves({ Item: caseItem(record) as any });
    const result = await apiWith()(request('GET', `/cases/${record.caseId}`, { claims: claimsOf.commissioner }));
    expect(result.statusCode).toBe(404);
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

  it('with ?include=timeline answers the case and its timeline in one read, audited once as both', async () => {
    const record = storedCase();
    ddb.on(GetItemCommand).resolves({ Item: caseItem(record) as any });
    const entry = {
      at: '2026-12-14T10:00:00Z',
      eventId: 'e-1',
      kind: 'childEnteredCare',
      summary: 'Entered care',
      by: { userId: 'u-fd', name: 'Ola Ade', role: 'front-door', organisation: 'riverside-council' },
    };
    ddb
      .on(QueryCommand)
      .resolves({ Items: [{ PK: { S: `CASE#${record.caseId}` }, body: { S: JSON.stringify(entry) } }] });
    const result = await apiWith()({
      ...request('GET', `/cases/${record.caseId}`, { claims: claimsOf.health }),
      queryStringParameters: { include: 'timeline' },
    });
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toMatchObject({ caseId: record.caseId, stage: 'awaitingRequest', timeline: [entry] });
    expect(auditPuts().map((a) => [a.body.action, a.body.what, a.body.caseId])).toEqual([
      ['read', 'case record and timeline', record.caseId],
    ]);
  });

  it('refuses an include it does not know, naming it, before any read', async () => {
    const result = await apiWith()({
      ...request('GET', '/cases/iha-aaaa-bbbb', { claims: claimsOf.health }),
      queryStringParameters: { include: 'audit' },
    });
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).issues).toEqual([{ path: 'include', message: "must be 'timeline' or left out" }]);
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('GET /processes/initial-health-assessment/figures', () => {
  it('a commissioner gets figures (every count suppressed), and no child names, case codes or per-case rows', async () => {
    // Prepare: the stored case holds the child's name, date of birth and the council's reference
    const record = storedCase();
    expect(JSON.stringify(record)).toContain('Test Child');
    ddb.on(QueryCommand).resolves({ Items: [caseItem(record) as any] });
    // Act
    const result = await apiWith()(
      request('GET', '/processes/initial-health-assessment/figures', { claims: claimsOf.commissioner }),
    );
    // Assess
    expect(result.statusCode).toBe(200);
    const body = bodyOf(result);
    expect(body).toMatchObject({ process: 'initial-health-assessment', dates: 'day' });
    expect(body.timeliness.clocks.total).toMatchObject({ open: 'fewer than 5' });
    expect(body).not.toHaveProperty('caseFigures');
    for (const personal of [
      'Test Child',
      '2015-06-01',
      'RCC-1001',
      'Sam Okafor',
      'sam.okafor@',
      record.caseId,
      record.caseCode,
    ])
      expect(result.body).not.toContain(personal);
    const query = ddb.commandCalls(QueryCommand)[0]!.args[0].input;
    expect(query).toMatchObject({
      IndexName: 'GSI2',
      ExpressionAttributeValues: { ':pk': { S: 'CASES#initial-health-assessment' } },
    });
    expect(auditPuts().map((a) => a.body)).toEqual([
      expect.objectContaining({ action: 'read', what: 'Initial health assessment figures (pseudonymous)' }),
    ]);
  });

  it('the dashboard figures: open, due soon, breaches by statutory or local target and by who holds the clock, reasons, months', async () => {
    // Prepare: one case still on time, one whose request went late for a reason and whose assessment is now past due
    const onTime = storedCase();
    const late = { ...storedCase(), caseId: 'iha-late-case', caseCode: 'IHA-LATE-CODE' };
    late.clocks = structuredClone(late.clocks);
    const requestClock = late.clocks['request-to-health']!;
    Object.assign(requestClock, {
      status: 'metLate',
      stoppedAt: '2026-12-23T10:00:00Z',
      history: [
        ...requestClock.history,
        { at: '2026-12-23T10:00:00Z', change: 'metLate', reason: 'Waiting for consent' },
      ],
    });
    late.clocks['initial-health-assessment']!.status = 'breached';
    ddb.on(QueryCommand).resolves({ Items: [caseItem(onTime) as any, caseItem(late) as any] });
    // Act
    const result = await apiWith()(
      request('GET', '/processes/initial-health-assessment/figures', { claims: claimsOf.commissioner }),
    );
    // Assess
    const { timeliness } = bodyOf(result);
    const byId = Object.fromEntries(timeliness.clocks.rows.map((c: { clockId: string }) => [c.clockId, c]));
    expect(byId['request-to-health']).toMatchObject({
      source: 'localTarget',
      owner: 'council',
      open: 'fewer than 5',
      breached: 'fewer than 5',
      metLate: 'fewer than 5',
    });
    expect(byId['initial-health-assessment']).toMatchObject({
      source: 'statutory',
      owner: 'healthProvider',
      open: 'fewer than 5',
      breached: 'fewer than 5',
      breachedOpen: 'fewer than 5',
    });
    expect(timeliness.breachReasons.rows).toEqual([
      { clockId: 'request-to-health', reason: 'Waiting for consent', clocks: 'fewer than 5' },
      { clockId: 'initial-health-assessment', reason: 'No reason recorded yet', clocks: 'fewer than 5' },
    ]);
    expect(timeliness.byMonth.rows).toEqual([
      { clockId: 'request-to-health', month: '2026-12', due: 'fewer than 5', withinTimescale: 0, share: 'withheld' },
      {
        clockId: 'initial-health-assessment',
        month: expect.any(String),
        due: 'fewer than 5',
        withinTimescale: 0,
        share: 'withheld',
      },
    ]);
    expect(timeliness.breaches.rows).toEqual([
      { rule: 'statutory', breaches: 'fewer than 5' },
      { rule: 'localTarget', breaches: 'fewer than 5' },
    ]);
    expect(timeliness.breachesByOwner.rows).toEqual([
      { owner: 'council', breaches: 'fewer than 5' },
      { owner: 'healthProvider', breaches: 'fewer than 5' },
    ]);
  });

  it('a front-door worker is refused the figures, and the refusal is audited', async () => {
    const result = await apiWith()(
      request('GET', '/processes/initial-health-assessment/figures', { claims: claimsOf.frontDoor }),
    );
    expect(result.statusCode).toBe(403);
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(0);
    expect(auditPuts().map((a) => a.body.action)).toEqual(['refused']);
  });
});

describe('POST /processes/operation-encompass/submissions', () => {
  const police = {
    sub: 'c-police',
    name: 'Riverside Police case system',
    'cognito:groups': ['police'],
    'custom:organisation': 'riverside-police',
  };
  const pupil = (i: number) => ({
    name: `Pupil Number ${i} With A Longer Name`,
    dateOfBirth: '2015-05-05',
    schoolUrn: 'not known',
    present: true,
    welfareCheck: true,
    policeContact: { desk: 'Public Protection Unit, Riverside Police Headquarters', phone: '01632 960100' },
  });

  it('accepts a batch of 1,000 children (the most the schema allows) and starts one execution per child', async () => {
    const starter = new FakeStarter((name, input) => ({
      status: 'succeeded',
      repeated: false,
      output: {
        eventId: name,
        caseId: input.event.caseId,
        caseCode: 'OE-TEST-CODE',
        outcome: 'applied',
        message: 'ok',
      },
    }));
    const body = {
      forceIncidentReference: 'RP-1',
      attendedAt: '2026-12-14T09:00:00Z',
      children: Array.from({ length: 1000 }, (_, i) => pupil(i)),
    };
    expect(JSON.stringify(body).length).toBeGreaterThan(64 * 1024);
    const result = await apiWith(starter)(
      request('POST', '/processes/operation-encompass/submissions', { claims: police, body }),
    );
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result).received).toBe(1000);
    expect(new Set(starter.calls.map((c) => c.name)).size).toBe(1000);
    expect(starter.calls.every((c) => c.waitMs === 0)).toBe(true);
  });

  it('refuses 1,001 children, naming the field, and starts nothing', async () => {
    const starter = new FakeStarter(applied);
    const body = {
      forceIncidentReference: 'RP-1',
      attendedAt: '2026-12-14T09:00:00Z',
      children: Array.from({ length: 1001 }, (_, i) => pupil(i)),
    };
    const result = await apiWith(starter)(
      request('POST', '/processes/operation-encompass/submissions', { claims: police, body }),
    );
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).issues.map((i: { path: string }) => i.path)).toEqual(['children']);
    expect(starter.calls).toEqual([]);
  });
});
