/**
 * The OpenAPI 3.1 document police case systems integrate against: valid OpenAPI 3.1 (checked by a
 * maintained validator), naming exactly the routes of the route table (both ways), served at
 * /openapi.json to anyone signed in, and with request bodies that are the catalogue's own schemas (a
 * real request validates against them; an unknown field does not).
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { createApi } from '#functions/api/app';
import { type OpenApiDocument, openApiDocument, QUERY_PARAMETERS } from '#functions/api/openapi';
import { apiEvent } from '#local/demo';
import { routeTable, routeTableDeps } from '#test/support/route-table';
import { catalogue } from '#workflows/catalogue';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';

/** Dependencies enough to build the route table and answer GET /openapi.json (which reads no store). */
const deps = routeTableDeps;
const routes = routeTable();
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

function operationsOf(document: OpenApiDocument): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((k) => METHODS.includes(k))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
}

/** A validator for one request body of the document, with its components. */
function bodyValidator(document: OpenApiDocument, method: string, path: string) {
  const operation = document.paths[path]![method.toLowerCase()] as {
    requestBody: { content: { 'application/json': { schema: unknown } } };
  };
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema({ $id: 'https://righttime.example/openapi.json', components: document.components }, 'openapi');
  const schema = JSON.parse(
    JSON.stringify(operation.requestBody.content['application/json'].schema).replaceAll(
      '"#/components/',
      '"https://righttime.example/openapi.json#/components/',
    ),
  );
  return ajv.compile(schema);
}

const incident = {
  forceIncidentReference: 'RP-27-000123',
  attendedAt: '2027-02-12T21:00:00Z',
  children: [
    {
      name: 'Leo Grant',
      dateOfBirth: '2017-06-14',
      schoolUrn: '100001',
      present: true,
      welfareCheck: true,
      policeContact: { desk: 'Public Protection Unit', phone: '01632 960100' },
    },
  ],
};

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    // Prepare
    const document = openApiDocument(routes);
    // Act
    const result = await new Validator().validate(document as unknown as Record<string, unknown>);
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
  });

  it('the validator does refuse a broken document (so "valid" above means something)', async () => {
    // Prepare: a response without its (required) description.
    const document = structuredClone(openApiDocument(routes)) as unknown as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    const me = document.paths['/me']!.get!;
    me.responses = { 200: { content: {} } };
    // Act
    const result = await new Validator().validate(document);
    // Assess
    expect(result.valid).toBe(false);
  });

  it('names exactly the routes of the route table, both ways', () => {
    // Prepare
    const table = routes.map((r) => `${r.method} ${r.path}`);
    // Act
    const documented = operationsOf(openApiDocument(routes));
    // Assess: nothing missing, nothing extra, no duplicates; /openapi.json itself is a route of the table.
    expect([...documented].sort()).toEqual([...table].sort());
    expect(new Set(table).size).toBe(table.length);
    expect(table).toContain('GET /openapi.json');
    for (const key of Object.keys(QUERY_PARAMETERS)) expect(table).toContain(key);
  });

  it('describes each route: its summary, its path parameters, bearer JWT security, the problem body', () => {
    // Prepare
    const document = openApiDocument(routes);
    for (const route of routes) {
      // Act
      const operation = document.paths[route.path]![route.method.toLowerCase()] as {
        summary: string;
        parameters?: { name: string; in: string; required: boolean }[];
        responses: Record<string, unknown>;
      };
      // Assess
      expect(operation.summary).toBe(route.summary);
      const inPath = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      expect((operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name)).toEqual(inPath);
      expect(operation.responses['401']).toEqual({ $ref: '#/components/responses/notSignedIn' });
      if (route.method !== 'GET')
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '413', '503']));
    }
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(document.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    expect(document.components.schemas.Problem).toMatchObject({
      required: ['type', 'title', 'status', 'detail', 'code', 'issues'],
    });
    expect(document.components.responses.notFound).toEqual({
      description: expect.any(String),
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
  });

  it('takes request bodies from the catalogue: every opening event, every other event with its type, every batch', () => {
    // Prepare
    const document = openApiDocument(routes);
    const refsOf = (path: string) =>
      (
        document.paths[path]!.post as {
          requestBody: { content: { 'application/json': { schema: { oneOf?: { $ref: string }[]; $ref?: string } } } };
        }
      ).requestBody.content['application/json'].schema;
    // Act
    const opening = refsOf('/processes/{process}/cases').oneOf!.map((s) => s.$ref);
    const recording = refsOf('/cases/{caseId}/events').oneOf!.map((s) => s.$ref);
    const batch = refsOf('/processes/{process}/submissions');
    // Assess
    const ref = (name: string) => `#/components/schemas/${name}`;
    expect(opening).toEqual(
      catalogue.flatMap((p) => p.events.filter((e) => e.opensCase).map((e) => ref(`${p.id}.${e.type}`))),
    );
    expect(recording).toEqual(
      catalogue.flatMap((p) => p.events.filter((e) => !e.opensCase).map((e) => ref(`${p.id}.${e.type}`))),
    );
    expect(batch).toEqual({ $ref: ref('operation-encompass.submission') });
    for (const p of catalogue) {
      for (const e of p.events.filter((spec) => !spec.opensCase)) {
        expect(document.components.schemas[`${p.id}.${e.type}`]).toMatchObject({
          properties: { type: { const: e.type } },
          required: expect.arrayContaining(['type']),
        });
      }
    }
  });

  it('admits real requests and refuses an unknown field, as the API does', () => {
    // Prepare
    const document = openApiDocument(routes);
    const opening = bodyValidator(document, 'POST', '/processes/{process}/cases');
    const recording = bodyValidator(document, 'POST', '/cases/{caseId}/events');
    const batch = bodyValidator(document, 'POST', '/processes/{process}/submissions');
    // Act / Assess: opening a case (with or without its type), recording events, a police batch.
    expect(opening(exampleEntryIntoCare()), JSON.stringify(opening.errors)).toBe(true);
    expect(opening({ type: 'childEnteredCare', ...exampleEntryIntoCare() })).toBe(true);
    expect(opening(exampleEntryIntoCare({ religion: 'x' }))).toBe(false);
    // Every opening may carry aboutChild (the council's person id, equality monitoring), checked as the API checks it.
    const about = { personId: 'LCS-1', ethnicity: 'WBRI', sex: '2', send: 'ehcPlan', careExperienced: false };
    expect(opening({ ...exampleEntryIntoCare(), aboutChild: about }), JSON.stringify(opening.errors)).toBe(true);
    expect(opening({ ...exampleEntryIntoCare(), aboutChild: { ...about, ethnicity: 'XXXX' } })).toBe(false);
    expect(opening({ ...exampleEntryIntoCare(), aboutChild: { religion: 'x' } })).toBe(false);
    expect(
      recording({ type: 'requestSentToHealth', sentAt: '2027-02-01T09:45:00Z', consentIncluded: true }),
      JSON.stringify(recording.errors),
    ).toBe(true);
    expect(recording({ type: 'acknowledged', supportOffered: true }), JSON.stringify(recording.errors)).toBe(true);
    expect(recording({ sentAt: '2027-02-01T09:45:00Z', consentIncluded: true })).toBe(false);
    expect(recording({ type: 'acknowledged', supportOffered: true, diagnosis: 'y' })).toBe(false);
    expect(batch(incident), JSON.stringify(batch.errors)).toBe(true);
    expect(batch({ ...incident, suspect: 'Mr X' })).toBe(false);
  });
});

describe('the school directory in the OpenAPI document', () => {
  const school = {
    name: 'Riverside Primary School',
    localAuthorityCode: '330',
    phase: 'primary',
    keyAdult: { name: 'Dev Patel', email: 'dev.patel@riverside-primary.example.sch.uk', phone: '01632 960124' },
    termCalendarId: 'la-330',
    extraInsetDays: ['2026-11-27'],
    startOfDay: '08:45',
    holidayCover: false,
  };

  it("describes the import's and a school record's bodies from the schemas the routes parse them with, and the URN's form", () => {
    // Prepare
    const document = openApiDocument(routes);
    const put = document.paths['/schools/{urn}']!.put as {
      parameters: { name: string; schema: unknown }[];
      requestBody: { content: { 'application/json': { schema: unknown } } };
    };
    const importing = document.paths['/schools/import']!.post as {
      requestBody: { content: { 'application/json': { schema: unknown } } };
    };
    // Act
    const record = bodyValidator(document, 'PUT', '/schools/{urn}');
    const load = bodyValidator(document, 'POST', '/schools/import');
    // Assess
    expect(put.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/schools.record' });
    expect(importing.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/schools.import',
    });
    expect(document.components.schemas['schools.record']).toMatchObject({
      required: expect.arrayContaining([
        'name',
        'localAuthorityCode',
        'phase',
        'termCalendarId',
        'startOfDay',
        'holidayCover',
      ]),
      properties: {
        localAuthorityCode: { pattern: '^\\d{3}$' },
        startOfDay: { pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' },
        phase: { enum: expect.arrayContaining(['primary']) },
      },
    });
    expect(put.parameters.find((p) => p.name === 'urn')!.schema).toEqual({ type: 'string', pattern: '^\\d{6}$' });
    expect(record(school), JSON.stringify(record.errors)).toBe(true);
    expect(record({ ...school, urn: '100001' })).toBe(false);
    expect(record({ ...school, localAuthorityCode: '33' })).toBe(false);
    expect(record({ ...school, startOfDay: '8.45' })).toBe(false);
    expect(
      load({ register: 'URN,EstablishmentName\n', contacts: 'URN\n', partial: true }),
      JSON.stringify(load.errors),
    ).toBe(true);
    expect(load({ register: 'URN\n' })).toBe(false);
    expect(load({ register: 'a', contacts: 'b', spreadsheet: 'c' })).toBe(false);
  });
});

describe('GET /openapi.json', () => {
  it('serves the document to anyone signed in', async () => {
    // Prepare
    const api = createApi(deps);
    for (const user of ['alex', 'pc', 'kim', 'chris']) {
      // Act
      const res = await api(apiEvent('GET', '/openapi.json', user));
      // Assess
      expect(res.statusCode).toBe(200);
      expect(res.headers?.['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(res.body as string)).toEqual(JSON.parse(JSON.stringify(openApiDocument(routes))));
    }
  });

  it('needs a token, as every route does', async () => {
    // Prepare
    const api = createApi(deps);
    const event = apiEvent('GET', '/openapi.json', 'alex');
    delete event.requestContext.authorizer;
    // Act
    const res = await api(event);
    // Assess
    expect(res.statusCode).toBe(401);
  });
});
