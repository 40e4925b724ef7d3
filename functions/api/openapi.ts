/**
 * The API described in OpenAPI 3.1, generated from what the API itself runs: the route table (paths,
 * methods, summaries, who may call them, path parameters) and the catalogue's zod schemas (the request
 * bodies of opening a case, recording an event and sending a batch). Nothing here is written by hand
 * twice: a new route or a new event type appears in the document as soon as it is in the table or the
 * catalogue. `functions/api/openapi.test.ts` checks the document is valid OpenAPI 3.1 and names exactly the
 * routes of the table.
 */

import type { EventSpec, ReadableProcess } from '#core/process/definition';
import { aboutChild } from '#core/schema/about-child';
import { URN_PATTERN } from '#core/schema/index';
import * as z from '#core/schema/zod';
import { contracts } from '#workflows/contracts';
import { FEED_CURSOR } from '../store/feed';
import { BODY_LIMIT, type Route } from './http';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { OPEN_CLOCK_STATES, WORKLIST_SORTS } from './worklist-query';

type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  security: Record<string, string[]>[];
  paths: Record<string, Record<string, unknown>>;
  components: {
    securitySchemes: Record<string, unknown>;
    schemas: Record<string, JsonSchema>;
    responses: Record<string, unknown>;
  };
}

const ERROR_STATUSES = {
  400: 'badRequest',
  401: 'notSignedIn',
  403: 'notPermitted',
  404: 'notFound',
  409: 'conflict',
  413: 'bodyTooLarge',
  415: 'unsupportedMediaType',
  422: 'nothingRecorded',
  503: 'notApplied',
} as const;
type ErrorStatus = keyof typeof ERROR_STATUSES;

const ERROR_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400:
    'Bad input: each field in error is named in `issues[].path` with its reason (an unknown field is ' +
    'refused by name); nothing was written',
  401: 'No valid bearer token (with a role and an organisation)',
  403:
    'Your role may never use this route (the answer names no record), ' +
    "or your organisation may not open this process's cases, or the opening names another organisation " +
    'where it must name yours (that field is in `issues`); nothing was recorded and the attempt is audited',
  404: 'Not found, or not yours to see (answered exactly alike; a refusal is audited)',
  409: 'A conflict: the case already exists with other details, or an Idempotency-Key reused for a different request',
  413: 'The request body is larger than this route takes',
  415: 'The body was not sent as JSON (Content-Type must be application/json, or absent); nothing was written',
  422:
    'The rules refused every item of the batch: each reason is in `issues` (by item), ' +
    'each outcome in `results`; nothing was recorded',
  503:
    'Not applied just now (the store is restarting or the execution failed); ' +
    'nothing was recorded and the same request can be sent again (see Retry-After)',
};

/** The audit's date range: London days, both included. */
const AUDIT_RANGE = [
  {
    name: 'from',
    description: 'The first London day of the selection (YYYY-MM-DD; absent: from the first entry)',
    schema: { type: 'string', format: 'date' },
  },
  {
    name: 'to',
    description: 'The last London day of the selection (YYYY-MM-DD, included; absent: to the last entry)',
    schema: { type: 'string', format: 'date' },
  },
];

/** The audit's pages: newest first, from the cursor of the page before. */
const AUDIT_PAGES = [
  {
    name: 'limit',
    description: 'How many entries a page holds (default 50)',
    schema: { type: 'integer', minimum: 1, maximum: 200 },
  },
  {
    name: 'cursor',
    description: 'Where the page starts: the `next` of the page before, as it was given (absent: the first page)',
    schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,1600}$' },
  },
];

/** Figures of one council (or 'no-council': cases no council is on) instead of the partnership's. */
const COUNCIL_PARAMETER = {
  name: 'council',
  description:
    "One council's figures (its id in the partnership directory; 'no-council' for cases no council is on) " +
    "instead of the partnership's, suppressed together with them; 400 for a council the partnership does " +
    'not have, 404 for one the reader may not read',
  schema: { type: 'string' } as JsonSchema,
};

/** The query parameters routes read (the route table does not carry them); a key that names no route fails the test. */
export const QUERY_PARAMETERS: Record<string, { name: string; description: string; schema: JsonSchema }[]> = {
  'GET /cases/{caseId}': [
    {
      name: 'include',
      description: "The case's timeline too, in the same answer and the same audited read",
      schema: { type: 'string', enum: ['timeline'] },
    },
  ],
  'GET /processes/{process}/clocks': [
    {
      name: 'dueWithinDays',
      description:
        'Only clocks due by the end of the London day this many days from today (for a process whose ' +
        "dates are given by the ISO week, by the end of that day's week)",
      schema: { type: 'integer', minimum: 0, maximum: 366 },
    },
    { name: 'overdue', description: 'Only clocks already overdue', schema: { type: 'string', enum: ['true'] } },
  ],
  'GET /processes/{process}/figures': [COUNCIL_PARAMETER],
  'GET /board/{year}': [COUNCIL_PARAMETER],
  'GET /schools': [
    {
      name: 'la',
      description: "The local authority's code, e.g. 330",
      schema: { type: 'string', pattern: '^\\d{3}$' },
    },
  ],
  'GET /audit': [
    { name: 'actor', description: "The person's user id", schema: { type: 'string' } },
    ...AUDIT_RANGE,
    ...AUDIT_PAGES,
  ],
  'GET /audit.csv': [
    { name: 'actor', description: "The person's user id", schema: { type: 'string' } },
    ...AUDIT_RANGE,
  ],
  'GET /cases/{caseId}/audit': [...AUDIT_RANGE, ...AUDIT_PAGES],
  'GET /feeds/{council}/events': [
    {
      name: 'since',
      description:
        'Where to read on from: the `next` of the page before, as it was given, or an instant (UTC, with ' +
        'milliseconds: from that instant on). Absent: from the oldest entry kept (90 days)',
      schema: { type: 'string', pattern: FEED_CURSOR.source },
    },
    {
      name: 'limit',
      description: 'How many entries a page holds (default 100)',
      schema: { type: 'integer', minimum: 1, maximum: 500 },
    },
  ],
  'GET /cases/{caseId}/audit.csv': AUDIT_RANGE,
  'GET /my/clocks': [
    {
      name: 'limit',
      description: 'How many clocks a page holds (default 50)',
      schema: { type: 'integer', minimum: 1, maximum: 200 },
    },
    {
      name: 'cursor',
      description: 'Where the page starts: the `next` of the page before, as it was given (absent: the first page)',
      schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,400}$' },
    },
    {
      name: 'q',
      description:
        "A search over the cases you may read, as you may read them: a case code or a reference (exactly), a child's " +
        'name (a part of it) or date of birth (2015-02-01, 1/2/2015 or 1 February 2015) where you may read them. ' +
        'A case you may not read is never found: the answer is the same as no match',
      schema: { type: 'string', minLength: 2, maxLength: 100 },
    },
    {
      name: 'process',
      description: 'Only clocks of this process (an id from GET /processes)',
      schema: { type: 'string' },
    },
    {
      name: 'state',
      description: 'Only clocks in this state',
      schema: { type: 'string', enum: [...OPEN_CLOCK_STATES] },
    },
    {
      name: 'clock',
      description: 'Only these clocks (clock ids from GET /processes, separated by commas)',
      schema: { type: 'string' },
    },
    {
      name: 'provider',
      description: 'Only cases this organisation is on (a health provider, a school, a council: its id)',
      schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,79}$' },
    },
    {
      name: 'lead',
      description: 'Only cases this lead practitioner holds (their email address)',
      schema: { type: 'string' },
    },
    {
      name: 'sort',
      description: 'due (the default): due soonest first; newest: the newest cases first',
      schema: { type: 'string', enum: [...WORKLIST_SORTS] },
    },
  ],
};

/** Path parameters with a fixed form (others are any string the handler checks). */
const PATH_PARAMETER_SCHEMAS: Record<string, JsonSchema> = {
  urn: { type: 'string', pattern: URN_PATTERN.source },
};

const PATH_PARAMETER_DESCRIPTIONS: Record<string, string> = {
  process: 'A process id from GET /processes',
  caseId: 'A case id (the pseudonymous case code, in lower case)',
  eventId: 'An event id, from the answer that received the event',
  council: "A council's organisation id (its case system reads its own feed only)",
  urn: "A school's unique reference number (6 digits)",
};

const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Send the same key with a retry: the request is recorded once. ' +
    'A key reused for a different request is a 409 (keys are remembered for 24 hours).',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,64}$' },
};

/** The largest body a route takes (as its handler passes it to parseJsonBody). */
function bodyLimitOf(route: Route): number {
  if (route.path.endsWith('/submissions')) return BODY_LIMIT.submission;
  if (route.path === '/schools/import' || route.path === '/term-calendars/import') return BODY_LIMIT.directoryImport;
  return BODY_LIMIT.record;
}

const pathParametersOf = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);

/**
 * A zod schema as a JSON Schema (draft 2020-12, as OpenAPI 3.1 takes it): what a client sends (`io:
 * 'input'`); checks zod cannot express in JSON Schema (refinements) are left out, so the API may still
 * refuse a body the schema admits, naming the field. Definitions zod puts in `$defs` are moved to the
 * document's components under the given prefix, so references resolve from the document root.
 */
function jsonSchemaOf(schema: z.core.$ZodType, prefix: string, shared: Record<string, JsonSchema>): JsonSchema {
  const {
    $schema: _dialect,
    $defs,
    ...rest
  } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema & {
    $defs?: Record<string, JsonSchema>;
  };
  const rename = (ref: string) => ref.replace(/^#\/\$defs\//, `#/components/schemas/${prefix}.`);
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === 'object')
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? rename(v) : rewrite(v)]),
      );
    return value;
  };
  for (const [name, definition] of Object.entries($defs ?? {}))
    shared[`${prefix}.${name}`] = rewrite(definition) as JsonSchema;
  return rewrite(rest) as JsonSchema;
}

/** An event's payload with its `type`: a const, required when recording on a case, optional when opening one. */
function withType(payload: JsonSchema, type: string, required: boolean): JsonSchema {
  const typeSchema = { type: 'string', const: type };
  if (payload.type === 'object' && payload.properties && typeof payload.properties === 'object') {
    return {
      ...payload,
      properties: { type: typeSchema, ...(payload.properties as JsonSchema) },
      ...(required ? { required: ['type', ...((payload.required as string[] | undefined) ?? [])] } : {}),
    };
  }
  // Not a plain object schema: the type alongside it (such a schema cannot forbid unknown fields anyway).
  return {
    allOf: [{ type: 'object', properties: { type: typeSchema }, ...(required ? { required: ['type'] } : {}) }, payload],
  };
}

const rolesText = (roles: readonly string[]) => roles.join(', ');

/** An opening's payload with the `aboutChild` block every opening may carry (functions/api/routes/cases.ts). */
function withAboutChild(payload: JsonSchema): JsonSchema {
  const ref = { $ref: '#/components/schemas/aboutChild' };
  if (payload.type === 'object' && payload.properties && typeof payload.properties === 'object')
    return { ...payload, properties: { ...(payload.properties as JsonSchema), aboutChild: ref } };
  return { allOf: [{ type: 'object', properties: { aboutChild: ref } }, payload] };
}

function eventSchemas(
  processes: readonly ReadableProcess[],
  opening: boolean,
  shared: Record<string, JsonSchema>,
): JsonSchema[] {
  const refs: JsonSchema[] = [];
  if (opening && processes.length) {
    shared.aboutChild = {
      title: 'About the child (optional, a council only)',
      description:
        "Beside any opening's own fields: the council's person id for the child (kept only as a keyed " +
        "child key that links the child's cases for those who may read each) and equality monitoring. " +
        'Sent by anyone not of a council, it is refused (400 naming aboutChild).',
      ...jsonSchemaOf(aboutChild, 'aboutChild', shared),
    };
  }
  for (const p of processes) {
    for (const e of p.events.filter((spec: EventSpec) => (spec.opensCase ?? false) === opening)) {
      const name = `${p.id}.${e.type}`;
      const payload = withType(jsonSchemaOf(e.schema, name, shared), e.type, !opening);
      shared[name] = {
        title: e.title,
        description:
          `${p.title}: ${e.title}. Recorded by: ${rolesText(e.allowedRoles)}.` +
          (opening ? ` Opens a case; \`type\` may be left out (it defaults to '${e.type}').` : ''),
        ...(opening ? withAboutChild(payload) : payload),
      };
      refs.push({ $ref: `#/components/schemas/${name}` });
    }
  }
  return refs;
}

function requestBodyOf(
  route: Route,
  processes: readonly ReadableProcess[],
  shared: Record<string, JsonSchema>,
): Record<string, unknown> | undefined {
  if (route.method === 'GET') return undefined;
  const limit = `At most ${bodyLimitOf(route) / 1024} KiB (larger is a 413).`;
  let schema: JsonSchema = { type: 'object' };
  let what = 'A JSON object.';
  if (route.method === 'POST' && route.path === '/processes/{process}/cases') {
    schema = { oneOf: eventSchemas(processes, true, shared) };
    what =
      'The opening event of the process named in the path (one of these, each for its own process); ' +
      'unknown fields are refused by name.';
  } else if (route.method === 'POST' && route.path === '/cases/{caseId}/events') {
    schema = { oneOf: eventSchemas(processes, false, shared) };
    what = "One event of the case's process, with its `type`; unknown fields are refused by name.";
  } else if (route.method === 'POST' && route.path === '/processes/{process}/submissions') {
    const batches = processes
      .filter((p) => p.submission)
      .map((p) => {
        const name = `${p.id}.submission`;
        shared[name] = {
          title: p.submission!.title,
          description: `${p.title}: ${p.submission!.title}. Sent by: ${rolesText(p.submission!.allowedRoles)}.`,
          ...jsonSchemaOf(p.submission!.schema, name, shared),
        };
        return { $ref: `#/components/schemas/${name}` };
      });
    schema = batches.length === 1 ? batches[0]! : { oneOf: batches };
    what =
      'A batch for the process named in the path (processes without one answer 404); ' +
      'unknown fields are refused by name.';
  } else if (route.body) {
    // A route that declares its body: the zod schema its handler parses it with.
    shared[route.body.name] = jsonSchemaOf(route.body.schema, route.body.name, shared);
    schema = { $ref: `#/components/schemas/${route.body.name}` };
    what = `${route.body.description} Unknown fields are refused by name.`;
  }
  return { required: true, description: `${what} ${limit}`, content: { 'application/json': { schema } } };
}

/** The answers a route gives: its successes, and the problems it can give (all with the same Problem body). */
function responsesOf(route: Route, hasBody: boolean): Record<string, unknown> {
  const key = `${route.method} ${route.path}`;
  const ok = (description: string) => ({
    description,
    // A .csv route answers text/csv (the audit's CSV); every other route JSON.
    content: route.path.endsWith('.csv')
      ? { 'text/csv': { schema: { type: 'string' } } }
      : { 'application/json': { schema: { type: ['object', 'array'] } } },
  });
  const successes: Record<string, unknown> =
    key === 'POST /processes/{process}/cases'
      ? {
          200: ok('The same request was already received (a duplicate): nothing more was done'),
          201: {
            ...ok('The case was opened'),
            headers: { Location: { description: 'The case', schema: { type: 'string' } } },
          },
          202: {
            ...ok('Received; still being applied: follow the event link for the outcome'),
            headers: { Location: { description: "The event's outcome", schema: { type: 'string' } } },
          },
        }
      : key === 'POST /cases/{caseId}/events'
        ? {
            200: ok('The event was applied (or was a duplicate)'),
            202: {
              ...ok('Received; still being applied: follow the event link for the outcome'),
              headers: { Location: { description: "The event's outcome", schema: { type: 'string' } } },
            },
          }
        : { 200: ok(route.summary) };
  const errors = new Set<ErrorStatus>([401, 503]);
  if (route.roles !== 'any signed-in user') errors.add(403);
  if (pathParametersOf(route.path).length) for (const s of [400, 404] as const) errors.add(s);
  if (QUERY_PARAMETERS[key]) errors.add(400);
  if (hasBody) for (const s of [400, 413, 415] as const) errors.add(s);
  if (key === 'POST /processes/{process}/submissions') errors.add(422);
  if (key === 'POST /processes/{process}/cases' || key === 'POST /cases/{caseId}/events') errors.add(409);
  return {
    ...successes,
    ...Object.fromEntries(
      [...errors].sort().map((s) => [String(s), { $ref: `#/components/responses/${ERROR_STATUSES[s]}` }]),
    ),
  };
}

/** The whole document, from a route table and the processes of the catalogue. */
export function openApiDocument(
  routes: readonly Route[],
  processes: readonly ReadableProcess[] = contracts,
): OpenApiDocument {
  const schemas: Record<string, JsonSchema> = {
    Problem: {
      type: 'object',
      description:
        'Every refusal and failure, as an RFC 9457 problem (application/problem+json): `code` says what kind ' +
        'of problem it is, `detail` says it to a person, and `issues` names each field at fault with its reason',
      required: ['type', 'title', 'status', 'detail', 'code', 'issues'],
      properties: {
        type: {
          type: 'string',
          const: 'about:blank',
          description: 'The problem has no type URI of its own: `code` says what kind it is',
        },
        title: { type: 'string', description: "The status's phrase", examples: ['Not Found'] },
        status: { type: 'integer', description: 'The HTTP status', examples: [404] },
        detail: {
          type: 'string',
          description: 'What went wrong, for a person',
          examples: ['There is no case iha-7k3f-9q2m'],
        },
        code: { type: 'string', description: 'What kind of problem, for a program', examples: ['caseNotFound'] },
        issues: {
          type: 'array',
          description: 'Each field at fault and why (empty when no field is)',
          items: {
            type: 'object',
            required: ['path', 'message'],
            properties: {
              path: {
                type: 'string',
                description:
                  "The field, dotted (e.g. 'child.dateOfBirth'); '(body)' for the body as a whole; a header's " +
                  "name (e.g. 'Idempotency-Key')",
              },
              message: { type: 'string' },
            },
          },
        },
        eventId: { type: 'string', description: 'Present when an event was received and refused by the rules' },
      },
    },
  };
  const responses = Object.fromEntries(
    (Object.keys(ERROR_STATUSES).map(Number) as ErrorStatus[]).map((s) => [
      ERROR_STATUSES[s],
      {
        description: ERROR_DESCRIPTIONS[s],
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
      },
    ]),
  );
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    const requestBody = requestBodyOf(route, processes, schemas);
    const processIds = processes.map((p) => p.id);
    const parameters = [
      ...pathParametersOf(route.path).map((name) => ({
        name,
        in: 'path',
        required: true,
        description: PATH_PARAMETER_DESCRIPTIONS[name] ?? name,
        schema:
          name === 'process'
            ? { type: 'string', enum: processIds }
            : (PATH_PARAMETER_SCHEMAS[name] ?? { type: 'string' }),
      })),
      ...(QUERY_PARAMETERS[key] ?? []).map((q) => ({ ...q, in: 'query', required: false })),
      ...(key === 'POST /processes/{process}/cases' || key === 'POST /cases/{caseId}/events' ? [IDEMPOTENCY_KEY] : []),
    ];
    const who = Array.isArray(route.roles) ? rolesText(route.roles) : route.roles;
    const operations = paths[route.path] ?? {};
    paths[route.path] = operations;
    operations[route.method.toLowerCase()] = {
      operationId: `${route.method.toLowerCase()}${route.path
        .replace(/\{([^}]+)\}/g, 'By-$1')
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean)
        .map((w) => w[0]!.toUpperCase() + w.slice(1))
        .join('')}`,
      summary: route.summary,
      description: `Who: ${who}.`,
      ...(parameters.length ? { parameters } : {}),
      ...(requestBody ? { requestBody } : {}),
      responses: responsesOf(route, !!requestBody),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'RightTime API',
      version: '1',
      description:
        "RightTime keeps the clocks of children's services processes in England. " +
        'Every route needs a bearer token (a Cognito ID token for people; ' +
        'a client-credentials access token with scope righttime/police for police case systems, ' +
        "righttime/feeds for a council's case system). " +
        'Bodies are JSON objects; unknown fields are refused by name. ' +
        'Generated from the route table and the process catalogue.',
    },
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A signed JWT carrying the role (group) and organisation',
        },
      },
      schemas,
      responses,
    },
  };
}
