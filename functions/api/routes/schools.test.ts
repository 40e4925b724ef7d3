import { readFileSync } from 'node:fs';
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor, Actor as RouteActor } from '#core/identity/actor';
import type { AuditEntry } from '#core/process/model';
import type { School } from '#core/schools/model';
import { termCalendars } from '#core/schools/term-calendars';
import { SchoolStore, schoolItem } from '../../store/schools';
import type { ApiEvent } from '../app';
import type { Result } from '../responses';
import { answerProblems, routerFor } from '../router';
import { schoolImports } from '../school-imports';
import { createSchoolRoutes, type SchoolRoutesDependencies, type SchoolWithCalendar } from './schools';

const NOW = '2026-10-05T09:15:00.000Z';
const ddb = mockClient(DynamoDBClient);
const demo = (file: string) => readFileSync(new URL(`../../../config/demo-schools/${file}`, import.meta.url), 'utf8');

const actors = {
  partnershipAdministrator: {
    kind: 'person',
    userId: 'u-robin',
    name: 'Robin Ellis',
    role: 'partnership-administrator',
    organisation: 'riverside-partnership',
  },
  councilAdministrator: {
    kind: 'person',
    userId: 'u-jo',
    name: 'Jo Patel',
    role: 'administrator',
    organisation: 'riverside-council',
  },
  keyAdult: {
    kind: 'person',
    userId: 'u-kim',
    name: 'Kim Walsh',
    role: 'school-key-adult',
    organisation: 'riverside-primary',
    schoolUrn: '100001',
  },
  police: { kind: 'person', userId: 'u-pc', name: 'PC Jay Moss', role: 'police', organisation: 'riverside-police' },
  frontDoor: {
    kind: 'person',
    userId: 'u-fd',
    name: 'Alex Morgan',
    role: 'front-door',
    organisation: 'riverside-council',
  },
} satisfies Record<string, Actor>;

interface AuditCall {
  actor: Actor;
  action: AuditEntry['action'];
  what: string;
}

let audits: AuditCall[];

let told: { actor: Actor; schools: SchoolWithCalendar[] }[];

function routes(options: Pick<SchoolRoutesDependencies, 'calendars'> = {}) {
  const store = new SchoolStore(new DynamoDBClient({ region: 'eu-west-2' }), 'table', { backoff: async () => {} });
  const route = routerFor(
    createSchoolRoutes({
      store,
      now: () => new Date(NOW),
      audit: async (actor, action, what) => {
        audits.push({ actor, action, what });
      },
      onSchoolsChanged: async (actor, schools) => {
        told.push({ actor, schools });
        return schools.length;
      },
      imports: schoolImports,
      ...options,
    }),
  );
  // Through the API's error middleware, which answers the Problems the routes throw and audits refusals.
  return (actor: RouteActor, _method: string, _parts: string[], event: ApiEvent): Promise<Result> =>
    answerProblems(
      () => route(actor, event),
      async ({ what }) => {
        audits.push({ actor, action: 'refused', what });
      },
    );
}

function request(
  method: string,
  path: string,
  options: { body?: unknown; query?: Record<string, string> } = {},
): [string, string[], ApiEvent] {
  const event: ApiEvent = {
    rawPath: path,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    headers: {},
    queryStringParameters: options.query,
    isBase64Encoded: false,
    requestContext: { http: { method } },
  };
  return [method, path.split('/').filter(Boolean), event];
}

async function call(
  actor: Actor,
  method: string,
  path: string,
  options: { body?: unknown; query?: Record<string, string>; calendars?: SchoolRoutesDependencies['calendars'] } = {},
): Promise<Result> {
  const result = await routes(options.calendars ? { calendars: options.calendars } : {})(
    actor,
    ...request(method, path, options),
  );
  if (!result) throw new Error(`${method} ${path} is not a schools route`);
  return result;
}

const bodyOf = (result: Result) => JSON.parse(result.body as string);

/** What the store wrote with BatchWriteItem: entity type and body of each item put, in order. */
function batchWrites() {
  return ddb.commandCalls(BatchWriteItemCommand).flatMap((c) =>
    Object.values(c.args[0].input.RequestItems!).flatMap((requests) =>
      requests
        .filter((r) => r.PutRequest)
        .map((r) => ({
          entityType: r.PutRequest!.Item!.entityType!.S,
          body: JSON.parse(r.PutRequest!.Item!.body!.S!),
        })),
    ),
  );
}

/** The keys the store deleted with BatchWriteItem. */
function batchDeletes() {
  return ddb
    .commandCalls(BatchWriteItemCommand)
    .flatMap((c) =>
      Object.values(c.args[0].input.RequestItems!).flatMap((requests) =>
        requests.filter((r) => r.DeleteRequest).map((r) => r.DeleteRequest!.Key!.PK!.S),
      ),
    );
}

const reads = () =>
  ddb.commandCalls(GetItemCommand).length +
  ddb.commandCalls(QueryCommand).length +
  ddb.commandCalls(BatchGetItemCommand).length;

function writesSent() {
  return ddb.commandCalls(BatchWriteItemCommand).length + ddb.commandCalls(TransactWriteItemsCommand).length;
}

const riversidePrimary: School = {
  urn: '100001',
  name: 'Riverside Primary School',
  localAuthorityCode: '330',
  phase: 'primary',
  keyAdult: { name: 'Kim Walsh', email: 'kim.walsh@riverside-primary.example.sch.uk', phone: '01632 960123' },
  deputy: { name: 'Dev Patel', email: 'dev.patel@riverside-primary.example.sch.uk', phone: '01632 960124' },
  termCalendarId: 'la-330',
  extraInsetDays: [],
  startOfDay: '08:30',
  holidayCover: true,
  updatedAt: '2026-09-01T08:00:00.000Z',
};

/** A valid PUT body for Riverside Primary. */
const change = (overrides: Record<string, unknown> = {}) => ({
  name: 'Riverside Primary School',
  localAuthorityCode: '330',
  phase: 'primary',
  keyAdult: { name: 'Dev Patel', email: 'dev.patel@riverside-primary.example.sch.uk', phone: '01632 960124' },
  deputy: { name: 'Kim Walsh', email: 'kim.walsh@riverside-primary.example.sch.uk', phone: '01632 960123' },
  termCalendarId: 'la-330',
  extraInsetDays: ['2026-11-27'],
  startOfDay: '08:45',
  holidayCover: false,
  ...overrides,
});

beforeEach(() => {
  ddb.reset();
  ddb.on(BatchGetItemCommand).resolves({ Responses: { table: [] } });
  ddb.on(QueryCommand).resolves({ Items: [] });
  ddb.on(GetItemCommand).resolves({});
  told = [];
  ddb.on(BatchWriteItemCommand).resolves({});
  ddb.on(TransactWriteItemsCommand).resolves({});
  audits = [];
});

describe('routing', () => {
  it('answers 404 for a path that is not a schools route', async () => {
    const result = await routes()(actors.partnershipAdministrator, ...request('GET', '/cases/iha-7k3f-9q2m'));
    expect(result.statusCode).toBe(404);
    expect(JSON.parse(result.body as string).code).toBe('notFound');
  });

  it('answers 404 for an unknown method on a schools path', async () => {
    expect((await call(actors.partnershipAdministrator, 'DELETE', '/schools/100001')).statusCode).toBe(404);
    expect((await call(actors.partnershipAdministrator, 'GET', '/schools/100001/notifications')).statusCode).toBe(404);
  });
});

describe('POST /schools/import', () => {
  it.each([
    ['a school Key Adult', actors.keyAdult],
    ['the police', actors.police],
    ["a council's administrator (the directory is partnership-wide)", actors.councilAdministrator],
  ])('%s is refused with 403, the refusal is audited, and nothing is read or written', async (_who, actor) => {
    // Act
    const result = await call(actor, 'POST', '/schools/import', {
      body: { register: demo('register.csv'), contacts: demo('contacts.csv') },
    });
    // Assess
    expect(result.statusCode).toBe(403);
    expect(bodyOf(result).code).toBe('notPermitted');
    expect(audits).toEqual([{ actor, action: 'refused', what: 'school directory import: not permitted' }]);
    expect(ddb.calls()).toHaveLength(0);
  });

  it('loads the demo files: one batch of 8 schools and one audit entry naming how many', async () => {
    // Act
    const result = await call(actors.partnershipAdministrator, 'POST', '/schools/import', {
      body: { register: demo('register.csv'), contacts: demo('contacts.csv') },
    });
    // Assess
    expect(result.statusCode).toBe(200);
    // no school was in the directory before, so no open notification had a school to update
    expect(bodyOf(result)).toEqual({
      loaded: 8,
      problems: [],
      leftOut: [],
      localAuthorityCodes: ['330'],
      removed: [],
      openNotificationsUpdated: 0,
    });
    const written = batchWrites();
    expect(written.filter((w) => w.entityType === 'School').map((w) => w.body.urn)).toEqual([
      '100001',
      '100002',
      '100003',
      '100004',
      '100005',
      '100006',
      '100007',
      '100008',
    ]);
    expect(written.filter((w) => w.entityType === 'Audit').map((w) => w.body)).toEqual([
      {
        auditId: expect.any(String),
        at: NOW,
        actor: { userId: 'u-robin', role: 'partnership-administrator', organisation: 'riverside-partnership' },
        action: 'change',
        what: 'school directory import: 8 schools loaded',
      },
    ]);
    expect(ddb.commandCalls(BatchWriteItemCommand)).toHaveLength(1);
    expect(ddb.commandCalls(TransactWriteItemsCommand)).toHaveLength(0);
  });

  it('refuses a file with bad rows with 400, each problem at file:line, and writes nothing', async () => {
    // Prepare: register line 3 has a 5-digit URN and line 6 an unknown phase; contacts line 4 a bad email
    const register = demo('register.csv')
      .replace('100002,330', '10002,330')
      .replace(',Open,Nursery,', ',Open,Kindergarten,');
    const contacts = demo('contacts.csv').replace('hannah.clarke@oakfield.example.sch.uk', 'hannah.clarke at oakfield');
    // Act
    const result = await call(actors.partnershipAdministrator, 'POST', '/schools/import', {
      body: { register, contacts },
    });
    // Assess
    expect(result.statusCode).toBe(400);
    const problem = bodyOf(result);
    expect(problem.code).toBe('invalidRows');
    expect(problem.detail).toContain('nothing was loaded');
    expect(problem.issues).toEqual([
      { path: 'register:3', message: "URN '10002' is not 6 digits" },
      { path: 'register:6', message: expect.stringContaining("unknown phase 'Kindergarten'") },
      { path: 'contacts:4', message: "KeyAdultEmail 'hannah.clarke at oakfield' is not an email address" },
    ]);
    // the register row of 100002 names URN 10002, so its contacts row is for a school not in the register: left out, listed
    expect(bodyOf(result).leftOut).toEqual([
      {
        file: 'contacts',
        line: 3,
        urn: '100002',
        reason: expect.stringContaining('URN 100002 is not in this register file'),
      },
    ]);
    expect(writesSent()).toBe(0);
  });

  it('with partial: true, writes the valid schools and one audit entry, and reports the problems', async () => {
    // Prepare: Oakfield (100003) has a bad start of day; Riverside Primary already has an extra INSET day set through the API
    const contacts = demo('contacts.csv').replace(',,08:45,yes', ',,8.45,yes');
    ddb
      .on(BatchGetItemCommand)
      .resolves({ Responses: { table: [schoolItem({ ...riversidePrimary, extraInsetDays: ['2026-11-27'] }) as any] } });
    // Act
    const result = await call(actors.partnershipAdministrator, 'POST', '/schools/import', {
      body: { register: demo('register.csv'), contacts, partial: true },
    });
    // Assess
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toEqual({
      loaded: 7,
      problems: [{ file: 'contacts', line: 4, urn: '100003', reason: "StartOfDay '8.45' is not a time written HH:MM" }],
      leftOut: [],
      localAuthorityCodes: ['330'],
      removed: [],
      openNotificationsUpdated: 0,
    });
    const written = batchWrites();
    const schools = written.filter((w) => w.entityType === 'School').map((w) => w.body as School);
    expect(schools.map((s) => s.urn)).toEqual(['100001', '100002', '100004', '100005', '100006', '100007', '100008']);
    expect(schools.find((s) => s.urn === '100001')!.extraInsetDays).toEqual(['2026-11-27']);
    expect(written.filter((w) => w.entityType === 'Audit').map((w) => w.body.what)).toEqual([
      'school directory import: 7 schools loaded (partial load; 1 problem reported)',
    ]);
    expect(ddb.commandCalls(TransactWriteItemsCommand)).toHaveLength(0);
  });

  it('retries the writes DynamoDB leaves unprocessed', async () => {
    // Prepare: the first batch comes back with two writes unprocessed
    ddb
      .on(BatchWriteItemCommand)
      .callsFakeOnce((input: any) => ({ UnprocessedItems: { table: input.RequestItems.table.slice(-2) } }))
      .resolves({});
    // Act
    const result = await call(actors.partnershipAdministrator, 'POST', '/schools/import', {
      body: { register: demo('register.csv'), contacts: demo('contacts.csv') },
    });
    // Assess
    expect(result.statusCode).toBe(200);
    const calls = ddb.commandCalls(BatchWriteItemCommand);
    expect(calls).toHaveLength(2);
    expect(
      calls[1]!.args[0].input.RequestItems!.table!.map((r) => JSON.parse(r.PutRequest!.Item!.body!.S!).urn),
    ).toEqual(['100007', '100008']);
    expect(reads()).toBeGreaterThan(0); // the stored schools of local authority 330 and the imported calendars were read first
  });

  it('a file that cannot be read is refused even with partial: true', async () => {
    const result = await call(actors.partnershipAdministrator, 'POST', '/schools/import', {
      body: { register: 'URN,Name\n100001,Oak\n', contacts: demo('contacts.csv'), partial: true },
    });
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).issues).toEqual([
      {
        path: 'register:1',
        message: expect.stringContaining(
          'no column EstablishmentName, LA (code), EstablishmentStatus (name), PhaseOfEducation (name)',
        ),
      },
    ]);
    expect(writesSent()).toBe(0);
  });

  it('refuses a body that is not the two files, naming the fields', async () => {
    const result = await call(actors.partnershipAdministrator, 'POST', '/schools/import', {
      body: { register: 42, partial: 'yes', spreadsheet: 'x' },
    });
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).issues).toEqual(
      expect.arrayContaining([
        { path: 'register', message: 'must be the register export as CSV text' },
        {
          path: 'contacts',
          message:
            'is required: the contacts file as CSV text (contacts), or its bytes base64-encoded (contactsBase64)',
        },
        { path: 'partial', message: 'must be true or false' },
        { path: 'spreadsheet', message: 'is not a field this record accepts, so it was not stored' },
      ]),
    );
    expect(ddb.calls()).toHaveLength(0);
  });

  it('refuses a body that is not JSON', async () => {
    const [method, parts, event] = request('POST', '/schools/import');
    const result = await routes()(actors.partnershipAdministrator, method, parts, {
      ...event,
      body: 'URN,EstablishmentName',
    });
    expect(result!.statusCode).toBe(400);
    expect(bodyOf(result!).code).toBe('invalidBody');
  });
});

describe('GET /schools/{urn}', () => {
  beforeEach(() => {
    ddb.on(GetItemCommand).resolves({ Item: schoolItem(riversidePrimary) as any });
  });

  it('a Key Adult reads their own school, and the read is audited', async () => {
    const result = await call(actors.keyAdult, 'GET', '/schools/100001');
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toEqual(riversidePrimary);
    expect(audits).toEqual([{ actor: actors.keyAdult, action: 'read', what: 'school 100001 record' }]);
  });

  it("a Key Adult is refused another school's record (404, as a school not in the directory; audited), and nothing is read", async () => {
    const result = await call(actors.keyAdult, 'GET', '/schools/100002');
    expect(result.statusCode).toBe(404);
    expect(bodyOf(result)).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'There is no school 100002 in the directory',
      code: 'schoolNotFound',
      issues: [],
    });
    expect(audits).toEqual([
      { actor: actors.keyAdult, action: 'refused', what: 'school 100002 record: not permitted' },
    ]);
    expect(ddb.calls()).toHaveLength(0);
  });

  it.each([
    ['the police', actors.police],
    ['the front door', actors.frontDoor],
    ['a Key Adult without a school', { ...actors.keyAdult, schoolUrn: undefined }],
    ["a council's administrator", actors.councilAdministrator],
  ])('%s is refused (404, audited)', async (_who, actor) => {
    const result = await call(actor, 'GET', '/schools/100001');
    expect(result.statusCode).toBe(404);
    expect(bodyOf(result).code).toBe('schoolNotFound');
    expect(audits).toEqual([{ actor, action: 'refused', what: 'school 100001 record: not permitted' }]);
    expect(ddb.calls()).toHaveLength(0);
  });

  it('the partnership administrator reads any school; one not in the directory is 404', async () => {
    expect((await call(actors.partnershipAdministrator, 'GET', '/schools/100001')).statusCode).toBe(200);
    ddb.on(GetItemCommand).resolves({});
    const missing = await call(actors.partnershipAdministrator, 'GET', '/schools/100099');
    expect(missing.statusCode).toBe(404);
    expect(audits.map((a) => a.what)).toEqual(['school 100001 record', 'school 100099 record: not in the directory']);
  });

  it('a URN that is not 6 digits is 400', async () => {
    const result = await call(actors.partnershipAdministrator, 'GET', '/schools/10001');
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).issues).toEqual([{ path: 'urn', message: 'must be 6 digits' }]);
  });
});

describe('PUT /schools/{urn}', () => {
  beforeEach(() => {
    ddb
      .on(GetItemCommand, { Key: { PK: { S: 'SCHOOL#100001' }, SK: { S: 'SCHOOL' } } })
      .resolves({ Item: schoolItem(riversidePrimary) as any });
  });

  it('saves the school and its audit entry in one transaction', async () => {
    // Act
    const result = await call(actors.partnershipAdministrator, 'PUT', '/schools/100001', { body: change() });
    // Assess
    expect(result.statusCode).toBe(200);
    const saved: School = { urn: '100001', ...(change() as Omit<School, 'urn' | 'updatedAt'>), updatedAt: NOW };
    // the school's open notifications hear of it (here the test's onSchoolsChanged counts the schools it is given)
    expect(bodyOf(result)).toEqual({ ...saved, openNotificationsUpdated: 1 });
    expect(told).toEqual([{ actor: actors.partnershipAdministrator, schools: [saved] }]);
    const transactions = ddb.commandCalls(TransactWriteItemsCommand);
    expect(transactions).toHaveLength(1);
    const items = transactions[0]!.args[0].input.TransactItems!.map((t) => t.Put!.Item!);
    expect(items.map((i) => i.entityType!.S)).toEqual(['School', 'Audit']);
    expect(items[0]).toMatchObject({
      PK: { S: 'SCHOOL#100001' },
      SK: { S: 'SCHOOL' },
      GSI2PK: { S: 'SCHOOLS#330' },
      GSI2SK: { S: '100001' },
    });
    expect(JSON.parse(items[0]!.body!.S!)).toEqual(saved);
    expect(JSON.parse(items[1]!.body!.S!)).toEqual({
      auditId: expect.any(String),
      at: NOW,
      actor: { userId: 'u-robin', role: 'partnership-administrator', organisation: 'riverside-partnership' },
      action: 'change',
      what: 'school 100001 updated',
    });
    expect(ddb.commandCalls(BatchWriteItemCommand)).toHaveLength(0);
  });

  it('a school not yet in the directory is added (201), audited as created', async () => {
    ddb.on(GetItemCommand).resolves({});
    const result = await call(actors.partnershipAdministrator, 'PUT', '/schools/100009', {
      body: change({ name: 'Brookside Infant School' }),
    });
    expect(result.statusCode).toBe(201);
    expect(result.headers!.location).toBe('/schools/100009');
    const audit = JSON.parse(
      ddb.commandCalls(TransactWriteItemsCommand)[0]!.args[0].input.TransactItems![1]!.Put!.Item!.body!.S!,
    );
    expect(audit).toMatchObject({ action: 'create', what: 'school 100009 added' });
  });

  it('refuses bad fields with their paths and writes nothing', async () => {
    // Act
    const result = await call(actors.partnershipAdministrator, 'PUT', '/schools/100001', {
      body: change({
        localAuthorityCode: '33',
        phase: 'Primary',
        keyAdult: { name: '', email: 'kim at school', phone: '+1 202 555 0100' },
        termCalendarId: 'academy-elsewhere',
        extraInsetDays: ['27/11/2026'],
        startOfDay: '8.45',
        holidayCover: 'yes',
        urn: '100002',
      }),
    });
    // Assess
    expect(result.statusCode).toBe(400);
    const problem = bodyOf(result);
    expect(problem.code).toBe('invalidSchool');
    expect(problem.issues.map((i: { path: string }) => i.path).sort()).toEqual(
      [
        'extraInsetDays.0',
        'holidayCover',
        'keyAdult.email',
        'keyAdult.name',
        'keyAdult.phone',
        'localAuthorityCode',
        'phase',
        'startOfDay',
        'termCalendarId',
        'urn',
      ].sort(),
    );
    expect(problem.issues).toEqual(
      expect.arrayContaining([
        { path: 'termCalendarId', message: 'must be a known term calendar (la-330, la-338, academy-riverbank)' },
        { path: 'urn', message: 'is not a field this record accepts, so it was not stored' },
      ]),
    );
    expect(writesSent()).toBe(0);
  });

  it.each([
    ['a school Key Adult, even for their own school', actors.keyAdult],
    ['the police', actors.police],
    ["a council's administrator", actors.councilAdministrator],
  ])('%s is refused (404, audited) and nothing is written', async (_who, actor) => {
    const result = await call(actor, 'PUT', '/schools/100001', { body: change() });
    expect(result.statusCode).toBe(404);
    expect(bodyOf(result).code).toBe('schoolNotFound');
    expect(audits).toEqual([{ actor, action: 'refused', what: 'school 100001 change: not permitted' }]);
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('GET /schools?la=', () => {
  it("lists a local authority's schools from the index, and audits the read", async () => {
    ddb.on(QueryCommand).resolves({ Items: [schoolItem(riversidePrimary) as any] });
    const result = await call(actors.partnershipAdministrator, 'GET', '/schools', { query: { la: '330' } });
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toEqual({ localAuthorityCode: '330', schools: [riversidePrimary] });
    expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({
      IndexName: 'GSI2',
      ExpressionAttributeValues: { ':pk': { S: 'SCHOOLS#330' } },
    });
    expect(audits).toEqual([
      { actor: actors.partnershipAdministrator, action: 'read', what: 'school directory of local authority 330' },
    ]);
  });

  it.each([
    [undefined, 'is required'],
    [{ la: 'Riverside' }, 'must be 3 digits'],
  ])('query %j is 400', async (query, message) => {
    const result = await call(actors.partnershipAdministrator, 'GET', '/schools', query ? { query } : {});
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).issues).toEqual([{ path: 'la', message }]);
  });

  it.each([
    ['a Key Adult', actors.keyAdult],
    ["a council's administrator, even of that authority", actors.councilAdministrator],
  ])('is refused to %s (403: the list names no school; audited)', async (_who, actor) => {
    const result = await call(actor, 'GET', '/schools', { query: { la: '330' } });
    expect(result.statusCode).toBe(403);
    expect(audits).toEqual([{ actor, action: 'refused', what: 'school directory list: not permitted' }]);
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('POST /schools/import: real extracts, as the register gives them', () => {
  const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/schools/${name}`, import.meta.url));
  const base64 = (name: string) => fixture(name).toString('base64');
  const calendars = {
    ...termCalendars,
    'la-331': { id: 'la-331', name: 'Northvale LA 331', schoolYears: termCalendars['la-330']!.schoolYears },
  };
  const stored = (urn: string, localAuthorityCode: string, name: string): School => ({
    ...riversidePrimary,
    urn,
    name,
    localAuthorityCode,
    termCalendarId: `la-${localAuthorityCode}`,
  });

  it("reads the files' bytes (Windows-1252 register, UTF-8 contacts with a BOM): names intact, closed schools left out and listed with their line", async () => {
    // Act
    const result = await call(actors.partnershipAdministrator, 'POST', '/schools/import', {
      body: {
        registerBase64: base64('gias-northvale-331-windows-1252.csv'),
        contactsBase64: base64('contacts-northvale-331-utf8-bom.csv'),
      },
      calendars,
    });
    // Assess
    expect(result.statusCode).toBe(200);
    const answer = bodyOf(result);
    expect(answer).toMatchObject({ loaded: 5, problems: [], localAuthorityCodes: ['331'], removed: [] });
    expect(answer.leftOut.filter((l: { file: string }) => l.file === 'register')).toEqual([
      {
        file: 'register',
        line: 5,
        urn: '200104',
        name: 'Northvale Infant School',
        reason: 'the register lists it as Closed',
      },
      {
        file: 'register',
        line: 7,
        urn: '200106',
        name: 'Fenwick Church of England Primary School',
        reason: 'the register lists it as Closed',
      },
    ]);
    const names = batchWrites()
      .filter((w) => w.entityType === 'School')
      .map((w) => w.body.name);
    expect(names).toEqual([
      'St Thomas à Becket Catholic Primary School',
      'St Bede\u2019s Catholic Primary School',
      'Brontë Primary School',
      'Northvale Academy, Sixth Form & Café',
      'Riverbend Free School',
    ]);
  });

  it('the same register decoded wrongly upstream and sent as text is refused, naming the line and column; nothing is written', async () => {
    const garbled = fixture('gias-northvale-331-windows-1252.csv').toString('utf8');
    const result = await call(actors.partnershipAdministrator, 'POST', '/schools/import', {
      body: { register: garbled, contactsBase64: base64('contacts-northvale-331-utf8-bom.csv') },
      calendars,
    });
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).issues).toEqual([
      { path: 'register:2:37', message: expect.stringContaining('replacement character') },
      { path: 'register:3:34', message: expect.stringContaining('replacement character') },
      { path: 'register:4:32', message: expect.stringContaining('replacement character') },
      { path: 'register:6:63', message: expect.stringContaining('replacement character') },
    ]);
    expect(writesSent()).toBe(0);
  });

  it("replaces the schools of the authority the extract names: a school it lists as closed, or no longer lists, is removed; another authority's schools are not read or touched", async () => {
    // Prepare: the directory holds Northvale Infant (now closed) and Old Mill (gone from the register) in 331
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': { S: 'SCHOOLS#331' } } }).resolves({
      Items: [
        schoolItem(stored('200104', '331', 'Northvale Infant School')) as any,
        schoolItem(stored('200199', '331', 'Old Mill Primary School')) as any,
      ],
    });
    // Act
    const result = await call(actors.partnershipAdministrator, 'POST', '/schools/import', {
      body: {
        registerBase64: base64('gias-northvale-331-windows-1252.csv'),
        contactsBase64: base64('contacts-northvale-331-utf8-bom.csv'),
      },
      calendars,
    });
    // Assess
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result).removed).toEqual([
      {
        urn: '200104',
        name: 'Northvale Infant School',
        localAuthorityCode: '331',
        reason: 'the register lists it as closed (line 5)',
      },
      {
        urn: '200199',
        name: 'Old Mill Primary School',
        localAuthorityCode: '331',
        reason: 'not in the register file for local authority 331',
      },
    ]);
    expect(batchDeletes()).toEqual(['SCHOOL#200104', 'SCHOOL#200199']);
    const queried = ddb.commandCalls(QueryCommand).map((c) => c.args[0].input.ExpressionAttributeValues?.[':pk']?.S);
    expect(queried).toContain('SCHOOLS#331');
    expect(queried).not.toContain('SCHOOLS#330');
    expect(
      batchWrites()
        .filter((w) => w.entityType === 'Audit')
        .map((w) => w.body.what),
    ).toEqual([
      'school directory import: 5 schools loaded; 2 schools of local authority 331 removed (200104, 200199: closed or no longer in the register)',
    ]);
  });

  it('several register files in one import (one per local authority), as a list of bytes', async () => {
    const riverside = Buffer.from(demo('register.csv'), 'utf8').toString('base64');
    const contacts = Buffer.from(
      demo('contacts.csv') +
        fixture('contacts-northvale-331-utf8-bom.csv')
          .toString('utf8')
          .replace(/^\uFEFF[^\n]*\n/, '')
          .replace(/^100001,.*\r?\n/m, ''),
      'utf8',
    ).toString('base64');
    const result = await call(actors.partnershipAdministrator, 'POST', '/schools/import', {
      body: { registerBase64: [riverside, base64('gias-northvale-331-windows-1252.csv')], contactsBase64: contacts },
      calendars,
    });
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toMatchObject({ loaded: 13, problems: [], localAuthorityCodes: ['330', '331'] });
    expect(bodyOf(result).leftOut).toEqual([
      {
        file: 'register',
        fileNumber: 2,
        line: 5,
        urn: '200104',
        name: 'Northvale Infant School',
        reason: 'the register lists it as Closed',
      },
      {
        file: 'register',
        fileNumber: 2,
        line: 7,
        urn: '200106',
        name: 'Fenwick Church of England Primary School',
        reason: 'the register lists it as Closed',
      },
      {
        file: 'contacts',
        line: 13,
        urn: '200104',
        reason: 'the register lists URN 200104 as closed (register file 2 line 5)',
      },
    ]);
  });

  it.each([
    [
      { registerBase64: 'not base64!', contacts: 'URN\n' },
      [{ path: 'registerBase64', message: "must be the file's bytes, base64-encoded" }],
    ],
    [
      { register: 'URN\n', registerBase64: 'VVJO', contacts: 'URN\n' },
      [
        {
          path: 'registerBase64',
          message: 'send the file once: as text (register) or as bytes (registerBase64), not both',
        },
      ],
    ],
    [{ registerBase64: [], contactsBase64: 'VVJO' }, [{ path: 'registerBase64', message: expect.any(String) }]],
    [
      { partial: true },
      [
        { path: 'register', message: expect.stringContaining('is required') },
        { path: 'contacts', message: expect.stringContaining('is required') },
      ],
    ],
  ])('refuses %j, naming the field', async (body, issues) => {
    const result = await call(actors.partnershipAdministrator, 'POST', '/schools/import', { body });
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).issues).toEqual(issues);
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('term calendars: GET /term-calendars and POST /term-calendars/import', () => {
  const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/term-dates/${name}`, import.meta.url));
  const northvaleSchool: School = {
    ...riversidePrimary,
    urn: '200101',
    name: 'St Thomas à Becket Catholic Primary School',
    localAuthorityCode: '331',
    termCalendarId: 'la-331',
  };

  it.each([
    ['a school Key Adult', actors.keyAdult],
    ["a council's administrator", actors.councilAdministrator],
    ['the police', actors.police],
  ])('%s is refused both (403, audited), and nothing is read or written', async (_who, actor) => {
    expect((await call(actor, 'GET', '/term-calendars')).statusCode).toBe(403);
    expect(
      (
        await call(actor, 'POST', '/term-calendars/import', {
          body: { calendarId: 'la-331', name: 'Northvale', format: 'csv', text: 'Type\n' },
        })
      ).statusCode,
    ).toBe(403);
    expect(audits.map((a) => a.what)).toEqual([
      'term calendars list: not permitted',
      'term dates import: not permitted',
    ]);
    expect(ddb.calls()).toHaveLength(0);
  });

  it("loads a council's CSV into a new calendar (201): saved with its audit entry in one transaction, the bank holiday listed as left out", async () => {
    // Act
    const result = await call(actors.partnershipAdministrator, 'POST', '/term-calendars/import', {
      body: {
        calendarId: 'la-331',
        name: 'Northvale LA 331',
        format: 'csv',
        base64: fixture('northvale-2026-27.csv').toString('base64'),
      },
    });
    // Assess
    expect(result.statusCode).toBe(201);
    const answer = bodyOf(result);
    expect(answer).toMatchObject({
      imported: ['2026/27'],
      schoolsFollowing: 0,
      openNotificationsUpdated: 0,
      leftOut: [{ line: 9, reason: expect.stringContaining('Early May bank holiday') }],
    });
    expect(answer.calendar.schoolYears[0].terms).toHaveLength(6);
    expect(answer.calendar.schoolYears[0].insetDays).toEqual([
      '2026-09-01',
      '2026-09-02',
      '2027-01-04',
      '2027-06-07',
      '2027-07-22',
    ]);
    const items = ddb.commandCalls(TransactWriteItemsCommand)[0]!.args[0].input.TransactItems!.map((t) => t.Put!.Item!);
    expect(items.map((i) => i.entityType!.S)).toEqual(['TermCalendar', 'Audit']);
    expect(items[0]).toMatchObject({ PK: { S: 'TERMCAL#la-331' }, GSI2PK: { S: 'TERMCALS' } });
    expect(JSON.parse(items[0]!.body!.S!)).toEqual({ ...answer.calendar, updatedAt: NOW });
    expect(JSON.parse(items[1]!.body!.S!)).toMatchObject({
      action: 'create',
      what: 'term calendar la-331 created: school year 2026/27 from a CSV file',
    });
  });

  it("a new year of a shipped calendar keeps its other years; the schools following it are told, with the calendar's dates", async () => {
    // Prepare: Riverside Primary follows la-330 (shipped: 2025/26 to 2027/28)
    ddb
      .on(QueryCommand, {
        IndexName: 'GSI1',
        ExpressionAttributeValues: { ':pk': { S: 'SCHOOLS-OF-CALENDAR#la-330' } },
      })
      .resolves({ Items: [schoolItem(riversidePrimary) as any] });
    const ics = fixture('northvale-2026-27.ics');
    // Act: Riverside republishes 2026/27 (here, with Northvale's dates)
    const result = await call(actors.partnershipAdministrator, 'POST', '/term-calendars/import', {
      body: { calendarId: 'la-330', format: 'ics', text: ics.toString('utf8') },
    });
    // Assess
    expect(result.statusCode).toBe(200);
    const answer = bodyOf(result);
    expect(answer.calendar.name).toBe('Riverside LA 330');
    expect(answer.calendar.schoolYears.map((y: { year: string }) => y.year)).toEqual(['2025/26', '2026/27', '2027/28']);
    expect(answer.calendar.schoolYears[1]).toEqual({
      ...answer.calendar.schoolYears[1],
      terms: expect.arrayContaining([{ name: 'Autumn term, first half', start: '2026-09-01', end: '2026-10-23' }]),
    });
    expect(answer).toMatchObject({ schoolsFollowing: 1, openNotificationsUpdated: 1 });
    expect(told).toEqual([
      { actor: actors.partnershipAdministrator, schools: [{ ...riversidePrimary, termCalendar: answer.calendar }] },
    ]);
    expect(
      JSON.parse(ddb.commandCalls(TransactWriteItemsCommand)[0]!.args[0].input.TransactItems![1]!.Put!.Item!.body!.S!),
    ).toMatchObject({
      action: 'change',
      what: 'term calendar la-330 updated: school year 2026/27 from an iCalendar file',
    });
  });

  it('refuses a file with problems (400, each at format:line) and writes nothing', async () => {
    const result = await call(actors.partnershipAdministrator, 'POST', '/term-calendars/import', {
      body: {
        calendarId: 'la-331',
        name: 'Northvale',
        format: 'csv',
        text: 'Type,Name,Start,End\nTerm,Autumn,Tuesday 2 September 2026,18/12/2026\nTrip,Museum,2026-10-01,2026-10-01\n',
      },
    });
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result)).toMatchObject({
      code: 'invalidTermDates',
      issues: [
        { path: 'csv:2', message: 'Start 2 September 2026 is a Wednesday, not a Tuesday' },
        { path: 'csv:3', message: expect.stringContaining("Type 'Trip'") },
      ],
    });
    expect(writesSent()).toBe(0);
  });

  it.each([
    [
      { calendarId: 'la-331', format: 'csv', text: 'x' },
      [{ path: 'name', message: 'is required for a new term calendar (there is no la-331 yet)' }],
    ],
    [
      { calendarId: 'Northvale', name: 'Northvale', format: 'xlsx' },
      [
        { path: 'calendarId', message: expect.stringContaining('must be a term calendar id') },
        { path: 'format', message: expect.stringContaining('must be csv') },
        { path: 'text', message: expect.stringContaining('is required') },
      ],
    ],
  ])('refuses %j, naming the fields', async (body, issues) => {
    const result = await call(actors.partnershipAdministrator, 'POST', '/term-calendars/import', { body });
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).issues).toEqual(issues);
    expect(writesSent()).toBe(0);
  });

  it('lists the shipped calendars and the imported ones (an imported one of a shipped id replaces it), and audits the read', async () => {
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': { S: 'TERMCALS' } } }).resolves({
      Items: [
        {
          body: { S: JSON.stringify({ id: 'la-331', name: 'Northvale LA 331', schoolYears: [], updatedAt: NOW }) },
        } as any,
      ],
    });
    const result = await call(actors.partnershipAdministrator, 'GET', '/term-calendars');
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result).calendars.map((c: { id: string; source: string }) => [c.id, c.source])).toEqual([
      ['academy-riverbank', 'shipped'],
      ['la-330', 'shipped'],
      ['la-331', 'imported'],
      ['la-338', 'shipped'],
    ]);
    expect(audits).toEqual([{ actor: actors.partnershipAdministrator, action: 'read', what: 'term calendars' }]);
  });

  it("a school may follow an imported calendar (PUT), and its open notifications are told with that calendar's dates", async () => {
    // Prepare
    const imported = {
      id: 'la-331',
      name: 'Northvale LA 331',
      schoolYears: termCalendars['la-330']!.schoolYears,
      updatedAt: NOW,
    };
    ddb
      .on(QueryCommand, { ExpressionAttributeValues: { ':pk': { S: 'TERMCALS' } } })
      .resolves({ Items: [{ body: { S: JSON.stringify(imported) } } as any] });
    ddb
      .on(GetItemCommand, { Key: { PK: { S: 'SCHOOL#200101' }, SK: { S: 'SCHOOL' } } })
      .resolves({ Item: schoolItem({ ...northvaleSchool, termCalendarId: 'la-330' }) as any });
    ddb
      .on(GetItemCommand, { Key: { PK: { S: 'TERMCAL#la-331' }, SK: { S: 'TERMCAL' } } })
      .resolves({ Item: { body: { S: JSON.stringify(imported) } } as any });
    // Act
    const result = await call(actors.partnershipAdministrator, 'PUT', '/schools/200101', {
      body: change({ name: northvaleSchool.name, localAuthorityCode: '331', termCalendarId: 'la-331' }),
    });
    // Assess
    expect(result.statusCode).toBe(200);
    const item = ddb.commandCalls(TransactWriteItemsCommand)[0]!.args[0].input.TransactItems![0]!.Put!.Item!;
    expect(item).toMatchObject({ GSI1PK: { S: 'SCHOOLS-OF-CALENDAR#la-331' }, GSI1SK: { S: '200101' } });
    expect(told[0]!.schools[0]!.termCalendar).toEqual({
      id: 'la-331',
      name: 'Northvale LA 331',
      schoolYears: imported.schoolYears,
    });
  });
});
