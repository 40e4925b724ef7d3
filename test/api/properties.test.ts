/**
 * Property-based tests over every route of the route table, on the real platform (DynamoDB Local and
 * the synthesized state machines): arbitrary, oversized and over-sharing bodies, odd strings and dates,
 * and malformed or huge path parameters and queries, sent as several demo users. Every answer is a 4xx
 * (a GET naming real things may answer 200), never a 5xx; a 400 names at least one field; and the table
 * is unchanged afterwards but for the audit of refusals and reads.
 *
 * Every fuzzed body is invalid by construction (a body built from a valid one always carries a field the
 * API does not know), so nothing may be written; zod still checks every other field and names each.
 * Odd dates in otherwise valid bodies, which the rules then judge, are a property of their own at the end.
 *
 * The seed is random on each run and printed with any failure; FUZZ_SEED=<n> repeats a run, and
 * FUZZ_DEBUG=1 prints what each route answered (status and error code, with counts).
 */

import { readFileSync } from 'node:fs';
import { type AttributeValue, ScanCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '#functions/api/app';
import { type ApiDependencies, apiContext } from '#functions/api/context';
import type { Route } from '#functions/api/http';
import { openApiDocument } from '#functions/api/openapi';
import { apiEvent, loadDemoSchools } from '#local/demo';
import type { Platform } from '#local/platform';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { testPlatform } from '../support/platform';

const IHA = 'initial-health-assessment';
const OE = 'operation-encompass';
/**
 * Front door, health, a Key Adult, the police case system, a commissioner, a council's and the partnership's
 * administrators, and the council's case system.
 */
const USERS = ['alex', 'priya', 'kim', 'pc', 'chris', 'jo', 'robin', 'casesystem'] as const;
const RUNS = 100;
/** fast-check's seed: random each run (more inputs over time), printed with any failure; FUZZ_SEED=<n> repeats a run. */
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
/** The routes fuzzed, one property each (a route added to the table must be added here: a test checks). */
const FUZZED = [
  'GET /processes',
  'POST /processes/{process}/cases',
  'POST /cases/{caseId}/events',
  'GET /cases/{caseId}',
  'POST /processes/{process}/submissions',
  'GET /events/{eventId}',
  'GET /schools/{urn}',
  'PUT /schools/{urn}',
  'POST /schools/import',
  'GET /me',
  'GET /audit',
  'GET /audit.csv',
  'GET /processes/{process}/clocks',
  'GET /processes/{process}/figures',
  'GET /cases/{caseId}/timeline',
  'GET /cases/{caseId}/related',
  'GET /cases/{caseId}/audit',
  'GET /cases/{caseId}/audit.csv',
  'GET /schools/{urn}/notifications',
  'GET /schools',
  'GET /term-calendars',
  'POST /term-calendars/import',
  'GET /my/cases',
  'GET /my/clocks',
  'GET /openapi.json',
  'GET /measures',
  'GET /board/{year}',
  'GET /feeds/{council}/events',
];
const KiB = 1024;
const MiB = 1024 * KiB;

let platform: Platform;
let routes: Route[];
let tableBefore: string[];
/** Path parameter values that name real things; a GET naming only these may answer 200. */
const real: Record<string, string[]> = {
  process: [IHA, OE],
  caseId: [],
  eventId: [],
  urn: ['100001'],
  year: ['2027'],
  council: ['riverside-council'],
};
/** Bodies that would be valid (or nearly) for each route: the over-sharing and odd-value bodies start from these. */
const templates: Record<string, Record<string, unknown>[]> = {};
/** Every field name any request body of the API knows (from the OpenAPI document): an extra field is never one of these. */
const knownFields = new Set<string>(['type']);

const demoFile = (file: string) => readFileSync(new URL(`../../config/demo-schools/${file}`, import.meta.url), 'utf8');
const incident = {
  forceIncidentReference: 'RP-27-000999',
  attendedAt: '2027-02-01T08:00:00Z',
  children: [
    {
      name: 'Jesse Example',
      dateOfBirth: '2017-06-14',
      schoolUrn: '100001',
      present: true,
      welfareCheck: true,
      policeContact: { desk: 'Public Protection Unit', phone: '01632 960100' },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Sending and judging
// ---------------------------------------------------------------------------------------------

interface Request {
  method: string;
  path: string;
  user: string;
  body?: string;
  base64?: boolean;
  query?: Record<string, string>;
}

interface Answer {
  status: number | 'threw';
  body: unknown;
}

async function send(request: Request): Promise<Answer> {
  const event = {
    ...apiEvent(request.method, request.path, request.user),
    body: request.body,
    isBase64Encoded: !!request.base64,
    queryStringParameters: request.query ?? {},
  };
  try {
    const result = await platform.api(event);
    let body: unknown = result.body;
    try {
      body = JSON.parse(result.body as string);
    } catch {
      // not JSON: kept as text
    }
    return { status: result.statusCode, body };
  } catch (error) {
    return { status: 'threw', body: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

/** What is wrong with an answer, or undefined: a 4xx (or 200 for a GET naming only real things), a 400 naming a field. */
function wrongWith(answer: Answer, mayRead: boolean): string | undefined {
  if (answer.status === 'threw') return 'the API threw';
  if (answer.status >= 500) return `answered ${answer.status}`;
  if (answer.status < 400 && !(mayRead && answer.status === 200)) return `answered ${answer.status}, not a 4xx`;
  if (answer.status === 400) {
    const issues = (answer.body as { issues?: { path?: unknown }[] } | undefined)?.issues ?? [];
    if (!issues.some((i) => typeof i.path === 'string' && i.path.length > 0)) return 'answered 400 naming no field';
  }
  return undefined;
}

const shorten = (text: string | undefined, max = 160) =>
  text === undefined
    ? '(none)'
    : text.length > max
      ? `${JSON.stringify(text.slice(0, max))}… (${text.length} chars)`
      : JSON.stringify(text);
const describeFailure = (request: Request, answer: Answer, why: string) =>
  `${why}: ${request.method} ${shorten(request.path, 120)} as ${request.user}${request.base64 ? ' (base64)' : ''}, query ${shorten(JSON.stringify(request.query ?? {}), 80)}, body ${shorten(request.body)} -> ${answer.status} ${shorten(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body), 300)}`;

/** The table, item by item, canonically; audit items (every refusal and read is audited) left out. */
async function tableDump(): Promise<string[]> {
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const out = await platform.db.send(
      new ScanCommand({ TableName: platform.runtime.tableName, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  const canonical = (value: unknown): string =>
    Array.isArray(value)
      ? `[${value.map(canonical).join(',')}]`
      : value && typeof value === 'object'
        ? `{${Object.keys(value)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
            .join(',')}}`
        : JSON.stringify(value);
  return items
    .filter((item) => item.entityType?.S !== 'Audit')
    .map(canonical)
    .sort();
}

// ---------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------

/** Control, invisible, bidirectional and non-BMP characters, lone surrogates, and the path's own punctuation. */
const oddChar = fc.constantFrom(
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u200b',
  '\u200d',
  '\u200e',
  '\u202e',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ufffd',
  '\ud800',
  '\udfff',
  '\t',
  '\n',
  '\r',
  '😀',
  'é',
  'ß',
  '/',
  '?',
  '#',
  '%',
  '..',
  ' ',
  '"',
  '\\',
  '<script>',
);
const oddString = fc
  .array(fc.oneof(oddChar, fc.string({ maxLength: 4 })), { maxLength: 12 })
  .map((parts) => parts.join(''));

const oddDates = [
  '0001-01-01',
  '0217-03-01',
  '217-03-01',
  '9999-12-31',
  '0000-01-01',
  '2027-02-29',
  '2028-02-29',
  '2027-13-01',
  '2027-00-10',
  '2027-02-00',
  '2027-2-1',
  '+002027-02-01',
  '1900-01-01',
  '2099-12-31',
  '2100-01-01',
  '2027-02-01T10:00:00Z',
];
const oddInstants = [
  '0001-01-01T00:00:00Z',
  '0217-06-01T12:00:00Z',
  '9999-12-31T23:59:59Z',
  '9999-12-31T23:59:59.999+14:00',
  '0001-01-01T00:00:00-23:59',
  '+275760-09-13T00:00:00Z',
  '2027-06-30T23:59:60Z',
  '2027-02-01T09:00:00.123456789Z',
  '2027-03-28T01:30:00+01:00',
  '2027-10-31T01:30:00+01:00',
  '2027-02-01T09:00:00',
  '2027-02-01',
  '2027-02-01T24:00:00Z',
];
const oddDate = fc.constantFrom(...oddDates, ...oddInstants);

/** A field name the API does not know, some of them awkward as property names. */
const unknownField = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 12 }),
    fc.constantFrom(
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      ' ',
      'religion',
      'diagnosis',
      'suspect',
      'ethnicity',
      'offence',
      'a.b',
      '\u200b',
      '\ud800',
      'Type',
      'TYPE',
      '😀',
    ),
  )
  .filter((k) => !knownFields.has(k));

/** Every leaf of a JSON value mapped by a function of the leaf. */
function mapLeaves(value: unknown, f: (leaf: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => mapLeaves(v, f));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapLeaves(v, f)]));
  return f(value);
}

/** Extra fields on the body, or on one of its nested objects too. */
const withExtras = (
  template: Record<string, unknown>,
  extras: Record<string, unknown>,
  nested: boolean,
): Record<string, unknown> => {
  const body: Record<string, unknown> = { ...template, ...extras };
  const inner = nested
    ? Object.entries(template).find(([, v]) => v && typeof v === 'object' && !Array.isArray(v))
    : undefined;
  if (inner) body[inner[0]] = { ...(inner[1] as object), ...extras };
  return body;
};
const extras = fc.dictionary(unknownField, fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 3 });
const depth = fc.oneof(fc.integer({ min: 100, max: 5_000 }), fc.integer({ min: 5_000, max: 200_000 }));

interface Body {
  text?: string;
  base64?: boolean;
}

/** Bodies for a route: arbitrary JSON and text, deep and huge ones, and its own bodies over-shared or with odd values. */
function bodies(routeKey: string): fc.Arbitrary<Body> {
  const own = templates[routeKey]?.length ? templates[routeKey]! : [exampleEntryIntoCare()];
  const template = fc.constantFrom(...own);
  const json = (value: unknown): Body => ({ text: JSON.stringify(value) });
  return fc.oneof(
    fc.constant<Body>({}),
    fc.jsonValue().map(json),
    fc
      .dictionary(fc.oneof(unknownField, fc.string()), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1, maxKeys: 6 })
      .map(json),
    fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({ text })),
    fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ text: Buffer.from(bytes).toString('base64'), base64: true })),
    depth.map((n) => ({ text: `${'{"a":'.repeat(n)}1${'}'.repeat(n)}` })),
    depth.map((n) => ({ text: `{"type":${'['.repeat(n)}${']'.repeat(n)}}` })),
    // Beyond each body limit: 64 KiB, 2 MiB, 5 MiB; in ASCII and in two-byte characters (the limit is in bytes).
    fc
      .tuple(fc.constantFrom(64 * KiB, 2 * MiB, 5 * MiB), fc.constantFrom('x', 'é'), template)
      .map(([limit, char, t]) => json({ ...t, note: char.repeat(Math.ceil((limit + 1) / Buffer.byteLength(char))) })),
    // Over-sharing: the route's own body with fields it does not know, at the top and nested.
    fc.tuple(template, extras, fc.boolean()).map(([t, e, nested]) => json(withExtras(t, e, nested))),
    // Odd strings in every string field (control and invisible characters, lone surrogates).
    fc
      .tuple(template, oddString, extras)
      .map(([t, s, e]) => json({ ...(mapLeaves(t, (leaf) => (typeof leaf === 'string' ? s : leaf)) as object), ...e })),
    // Odd dates in every date field: year 1, 217, 9999, 30 February, leap seconds.
    fc.tuple(template, oddDate, extras).map(([t, d, e]) =>
      json({
        ...(mapLeaves(t, (leaf) => (typeof leaf === 'string' && /^\d{4}-\d\d-\d\d/.test(leaf) ? d : leaf)) as object),
        ...e,
      }),
    ),
    // Numbers and booleans as strings, digit strings as numbers.
    fc.tuple(template, extras).map(([t, e]) =>
      json({
        ...(mapLeaves(t, (leaf) =>
          typeof leaf === 'number' || typeof leaf === 'boolean'
            ? String(leaf)
            : typeof leaf === 'string' && /^\d+$/.test(leaf)
              ? Number(leaf)
              : leaf,
        ) as object),
        ...e,
      }),
    ),
  );
}

/** A path parameter: a real value, or random, odd, malformed percent-encoding, or very long. */
function parameter(name: string): fc.Arbitrary<{ text: string; real: boolean }> {
  const fuzzed = (text: string) => ({ text, real: false });
  return fc.oneof(
    {
      arbitrary: fc
        .constantFrom(...(real[name]?.length ? real[name]! : ['x']))
        .map((text) => ({ text, real: (real[name] ?? []).includes(text) })),
      weight: 3,
    },
    { arbitrary: fc.string().map((s) => fuzzed(encodeURIComponent(s))), weight: 1 },
    { arbitrary: oddString.map(fuzzed), weight: 1 },
    {
      arbitrary: fc
        .tuple(
          fc.string({ maxLength: 6 }),
          fc.constantFrom('%E0%A4%A', '%', '%%', '%zz', '%E0%A4', '%ED%A0%80', '%C0%AF', '%FF', '%u0041', '%00'),
        )
        .map(([s, bad]) => fuzzed(encodeURIComponent(s) + bad)),
      weight: 2,
    },
    {
      arbitrary: fc
        .tuple(fc.constantFrom(...(real[name]?.length ? real[name]! : ['x'])), fc.integer({ min: 100, max: 100_000 }))
        .map(([r, n]) => fuzzed(r + 'a'.repeat(n))),
      weight: 1,
    },
  );
}

/** Inputs always tried, whatever the seed: the deepest nesting where a type is read, malformed percent-encoding, the largest body. */
const nastyBodies: Body[] = [
  { text: `{"type":${'['.repeat(10_000)}${']'.repeat(10_000)}}` },
  { text: `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}` },
  { text: JSON.stringify({ note: 'x'.repeat(5 * MiB + 1) }) },
  { text: '{"type":"\\ud800","__proto__":{"polluted":true}}' },
];

const queries = fc.dictionary(
  fc.oneof(fc.constantFrom('dueWithinDays', 'overdue', 'la', 'actor', 'since', 'limit'), fc.string({ maxLength: 8 })),
  fc.oneof(
    oddString,
    fc.constantFrom('-1', '1e3', '367', 'NaN', '0x10', ' 7', 'true', ''),
    fc.string({ maxLength: 2000 }),
  ),
  { maxKeys: 3 },
);

// ---------------------------------------------------------------------------------------------
// The platform, a real case, and the table before
// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  platform = await testPlatform({ startAt: new Date('2027-02-01T10:00:00Z'), frozen: true });
  routes = apiRoutes(
    apiContext({
      runtime: platform.runtime,
      store: platform.store,
      starter: platform.stepFunctions,
      staging: {},
      schools: platform.schools,
    } as unknown as ApiDependencies),
  );
  await loadDemoSchools(platform);

  // One real IHA case, opened by the front door, so case routes have a real id to fuzz bodies against.
  const opened = await send({
    method: 'POST',
    path: `/processes/${IHA}/cases`,
    user: 'alex',
    body: JSON.stringify(exampleEntryIntoCare({ caseReference: 'RCC-PROP-1', enteredCareAt: '2027-02-01T09:00:00Z' })),
  });
  expect(opened.status).toBe(201);
  const { caseId, eventId } = opened.body as { caseId: string; eventId: string };
  real.caseId!.push(caseId);
  real.eventId!.push(eventId);
  const school = await send({ method: 'GET', path: '/schools/100001', user: 'robin' });
  expect(school.status).toBe(200);
  const { urn: _urn, updatedAt: _updatedAt, ...editableSchool } = school.body as Record<string, unknown>;

  Object.assign(templates, {
    'POST /processes/{process}/cases': [
      exampleEntryIntoCare({ caseReference: 'RCC-PROP-2', enteredCareAt: '2027-02-01T09:00:00Z' }),
      {
        type: 'policeNotification',
        forceIncidentReference: incident.forceIncidentReference,
        attendedAt: incident.attendedAt,
        child: incident.children[0],
      },
    ],
    'POST /cases/{caseId}/events': [
      { type: 'requestSentToHealth', sentAt: '2027-02-01T09:45:00Z', consentIncluded: true },
      { type: 'appointmentBooked', appointmentOn: '2027-02-05' },
      {
        type: 'assessmentCompleted',
        completedOn: '2027-02-01',
        practitioner: { name: 'Dr Helen Ward' },
        healthPlanShared: true,
        delayReason: { code: 'healthCapacity' },
      },
      { type: 'placementMoved', movedOn: '2027-02-01', area: 'outOfArea', icb: 'northvale-icb' },
      { type: 'childLeftCare', leftOn: '2027-02-01', reason: 'returnedToFamily' },
      { type: 'acknowledged', supportOffered: true },
      { type: 'schoolIdentified', schoolUrn: '100003' },
    ],
    'POST /processes/{process}/submissions': [incident],
    'POST /schools/import': [
      { register: demoFile('register.csv'), contacts: demoFile('contacts.csv') },
      {
        registerBase64: Buffer.from(demoFile('register.csv')).toString('base64'),
        contactsBase64: Buffer.from(demoFile('contacts.csv')).toString('base64'),
      },
    ],
    'POST /term-calendars/import': [
      {
        calendarId: 'la-331',
        name: 'Northvale LA 331',
        format: 'csv',
        text: 'Type,Name,Start,End\nTerm,Autumn term,2026-09-01,2026-12-18\n',
      },
    ],
    'PUT /schools/{urn}': [editableSchool],
  });
  const collect = (schema: unknown): void => {
    if (Array.isArray(schema)) {
      for (const item of schema) collect(item);
      return;
    }
    if (!schema || typeof schema !== 'object') return;
    for (const [k, v] of Object.entries(schema)) {
      if (k === 'properties' && v && typeof v === 'object') for (const field of Object.keys(v)) knownFields.add(field);
      collect(v);
    }
  };
  collect(openApiDocument(routes).components.schemas);
  // The school routes' bodies are not in the document (their schemas are the route module's own).
  for (const t of [
    ...templates['POST /schools/import']!,
    ...templates['PUT /schools/{urn}']!,
    ...templates['POST /term-calendars/import']!,
  ])
    collect({ properties: mapLeaves(t, () => null) });
  for (const f of ['name', 'email', 'phone', 'partial']) knownFields.add(f);

  await platform.settle();
  tableBefore = await tableDump();
});

afterAll(async () => {
  await platform?.stop();
});

// ---------------------------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------------------------

describe('every route, fuzzed', () => {
  it('the route table has the routes these properties need', () => {
    // Prepare / Act
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    // Assess: every route is fuzzed below (one property each); these templates name real routes.
    expect(keys.length).toBeGreaterThan(10);
    for (const key of Object.keys(templates)) expect(keys).toContain(key);
  });

  it.each(FUZZED)(
    '%s: only 4xx (never 5xx), a 400 names a field',
    async (key) => {
      // Prepare
      const route = routes.find((r) => `${r.method} ${r.path}` === key);
      expect(route, `${key} is in the route table`).toBeDefined();
      const names = [...route!.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      const failures: string[] = [];
      const seen = new Map<string, number>();
      const request = fc.record({
        user: fc.constantFrom(...USERS),
        params: fc.tuple(...names.map(parameter)),
        body: bodies(key),
        query: queries,
      });
      // Act
      await fc.assert(
        fc.asyncProperty(request, async ({ user, params, body, query }) => {
          let i = 0;
          const path = route!.path.replace(/\{[^}]+\}/g, () => params[i++]!.text);
          const sent: Request = {
            method: route!.method,
            path,
            user,
            query,
            ...(body.text !== undefined ? { body: body.text } : {}),
            ...(body.base64 ? { base64: true } : {}),
          };
          const answer = await send(sent);
          const code = (answer.body as { code?: string } | undefined)?.code ?? '';
          seen.set(`${answer.status} ${code}`, (seen.get(`${answer.status} ${code}`) ?? 0) + 1);
          const why = wrongWith(answer, route!.method === 'GET' && params.every((p) => p.real));
          if (why) failures.push(describeFailure(sent, answer, why));
        }),
        {
          numRuns: RUNS,
          seed: SEED,
          examples: nastyBodies.map(
            (body) =>
              [
                {
                  user: 'alex',
                  params: names.map((n) =>
                    n === 'urn'
                      ? { text: '100001', real: true }
                      : n === 'process'
                        ? { text: IHA, real: true }
                        : { text: '%E0%A4%A', real: false },
                  ),
                  body,
                  query: {},
                },
              ] as [never],
          ),
        },
      );
      if (process.env.FUZZ_DEBUG) console.log(`FUZZ ${key}: ${[...seen].map(([k, v]) => `${k} x${v}`).join(', ')}`);
      // Assess
      expect(failures.slice(0, 10), `${failures.length} of ${RUNS} requests (FUZZ_SEED=${SEED})`).toEqual([]);
    },
    60_000,
  );

  /** The routes that take a body, each with real path parameters and people who may send it, so the body itself is judged. */
  const senders: Record<string, { params: Record<string, string>; users: string[] }[]> = {
    'POST /processes/{process}/cases': [
      { params: { process: IHA }, users: ['alex'] },
      { params: { process: OE }, users: ['pc'] },
    ],
    'POST /cases/{caseId}/events': [{ params: {}, users: ['alex', 'priya', 'jo'] }],
    'POST /processes/{process}/submissions': [{ params: { process: OE }, users: ['pc'] }],
    'POST /schools/import': [{ params: {}, users: ['robin'] }],
    'POST /term-calendars/import': [{ params: {}, users: ['robin'] }],
    'PUT /schools/{urn}': [{ params: { urn: '100001' }, users: ['robin'] }],
  };

  it.each(Object.keys(senders))(
    '%s, sent by people who may: every fuzzed body is a 4xx naming a field',
    async (key) => {
      // Prepare
      const route = routes.find((r) => `${r.method} ${r.path}` === key)!;
      const failures: string[] = [];
      const seen = new Map<string, number>();
      const request = fc.record({
        sender: fc
          .constantFrom(...senders[key]!)
          .chain((s) => fc.record({ params: fc.constant(s.params), user: fc.constantFrom(...s.users) })),
        body: bodies(key),
      });
      // Act
      await fc.assert(
        fc.asyncProperty(request, async ({ sender: { params, user }, body }) => {
          const path = route.path.replace(/\{([^}]+)\}/g, (_m, name: string) => params[name] ?? real[name]![0]!);
          const sent: Request = {
            method: route.method,
            path,
            user,
            ...(body.text !== undefined ? { body: body.text } : {}),
            ...(body.base64 ? { base64: true } : {}),
          };
          const answer = await send(sent);
          const code = (answer.body as { code?: string } | undefined)?.code ?? '';
          seen.set(`${answer.status} ${code}`, (seen.get(`${answer.status} ${code}`) ?? 0) + 1);
          const why = wrongWith(answer, false);
          if (why) failures.push(describeFailure(sent, answer, why));
        }),
        {
          numRuns: 100,
          seed: SEED,
          examples: nastyBodies.map(
            (body) =>
              [{ sender: { params: senders[key]![0]!.params, user: senders[key]![0]!.users[0]! }, body }] as [never],
          ),
        },
      );
      if (process.env.FUZZ_DEBUG)
        console.log(`FUZZ BODY ${key}: ${[...seen].map(([k, v]) => `${k} x${v}`).join(', ')}`);
      // Assess
      expect(failures.slice(0, 10), `${failures.length} of 100 requests (FUZZ_SEED=${SEED})`).toEqual([]);
    },
    60_000,
  );

  it('every route of the table is fuzzed above', () => {
    // Prepare
    const fuzzed = new Set(FUZZED);
    // Act
    const table = routes.map((r) => `${r.method} ${r.path}`);
    // Assess: a route added to the table must be added to the list above.
    expect(table.filter((k) => !fuzzed.has(k))).toEqual([]);
    expect([...fuzzed].filter((k) => !table.includes(k))).toEqual([]);
  });

  it('left the table as it was, but for the audit of refusals and reads', async () => {
    // Prepare: the fuzzing above has run (the tests of this file run in order).
    await platform.settle();
    // Act
    const after = await tableDump();
    // Assess: the dump holds the seeded case (so it is a real comparison), and nothing was added, changed or removed.
    expect(tableBefore.some((item) => item.includes('"entityType":{"S":"Case"}'))).toBe(true);
    expect(after.filter((item) => !tableBefore.includes(item))).toEqual([]);
    expect(tableBefore.filter((item) => !after.includes(item))).toEqual([]);
  });
});

describe('odd dates in otherwise valid bodies, judged by the rules', () => {
  it('year 1, 217, 9999, 30 February and leap seconds: never a 5xx, and a 400 names the field', async () => {
    // Prepare: bodies a permitted person could send, with one odd date or instant each.
    const caseId = real.caseId![0]!;
    let n = 0;
    const cases = fc.oneof(
      fc.tuple(oddDate, fc.constantFrom('enteredCareAt', 'dateOfBirth')).map(([d, field]) => {
        const entry = exampleEntryIntoCare({ caseReference: `RCC-DATE-${++n}`, enteredCareAt: '2027-02-01T09:00:00Z' });
        return {
          method: 'POST',
          path: `/processes/${IHA}/cases`,
          user: 'alex',
          value:
            field === 'dateOfBirth'
              ? { ...entry, child: { ...(entry.child as object), dateOfBirth: d } }
              : { ...entry, enteredCareAt: d },
        };
      }),
      oddDate.map((d) => ({
        method: 'POST',
        path: `/cases/${caseId}/events`,
        user: 'alex',
        value: { type: 'requestSentToHealth', sentAt: d, consentIncluded: true },
      })),
      oddDate.map((d) => ({
        method: 'POST',
        path: `/cases/${caseId}/events`,
        user: 'priya',
        value: { type: 'appointmentBooked', appointmentOn: d },
      })),
      oddDate.map((d) => ({
        method: 'POST',
        path: `/cases/${caseId}/events`,
        user: 'alex',
        value: { type: 'placementMoved', movedOn: d, area: 'inArea', icb: 'riverside-icb' },
      })),
      fc.tuple(oddDate, fc.constantFrom('attendedAt', 'dateOfBirth')).map(([d, field]) => ({
        method: 'POST',
        path: `/processes/${OE}/submissions`,
        user: 'pc',
        value:
          field === 'attendedAt'
            ? { ...incident, forceIncidentReference: `RP-27-D${++n}`, attendedAt: d }
            : {
                ...incident,
                forceIncidentReference: `RP-27-D${++n}`,
                children: [{ ...incident.children[0]!, dateOfBirth: d }],
              },
      })),
    );
    const failures: string[] = [];
    // Act
    await fc.assert(
      fc.asyncProperty(cases, async ({ method, path, user, value }) => {
        const sent: Request = { method, path, user, body: JSON.stringify(value) };
        const answer = await send(sent);
        // A valid body may be applied (200, 201, 202): only a 5xx, a throw or a 400 naming no field is wrong.
        const failedChildren = (
          (answer.body as { results?: { outcome?: string; rejection?: { status?: number } }[] })?.results ?? []
        ).filter((r) => r.outcome === 'failed' || (r.rejection?.status ?? 0) >= 500);
        const why = failedChildren.length
          ? `a child of the batch failed: ${JSON.stringify(failedChildren)}`
          : answer.status !== 'threw' && answer.status < 300
            ? undefined
            : wrongWith(answer, false);
        if (why) failures.push(describeFailure(sent, answer, why));
      }),
      { numRuns: 50 },
    );
    await platform.settle();
    // Assess
    expect(failures.slice(0, 10), `${failures.length} of 50 requests`).toEqual([]);
  }, 60_000);
});
