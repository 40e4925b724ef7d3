/** Lookups for the rules as a registry: named adapters, built once from the API's stores; an event declares the ones it needs. */
import { BatchWriteItemCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { catalogueOf, definitionOf } from '#core/process/catalogue';
import { needsLookups, type ProcessDefinition } from '#core/process/definition';
import { enteredCare } from '#test/support/initial-health-assessment';
import { ihaVersion2 } from '#test/support/versions';
import { processCatalogue } from '#workflows/catalogue';
import * as ihaParts from '#workflows/initial-health-assessment/index';
import * as oeParts from '#workflows/operation-encompass/index';
import { partnership, type Runtime, workingDaysFor } from '../runtime';
import { CaseStore } from '../store/reads';
import type { SchoolStore } from '../store/schools';
import { StagingStore } from '../store/staging';
import { createApi } from './app';
import { type ApiDependencies, lookupsFor } from './context';
import type { EventStarter, StartOutcome } from './starter';

const iha = definitionOf(ihaParts);
const operationEncompass = definitionOf(oeParts);

const ddb = mockClient(DynamoDBClient);
beforeEach(() => {
  ddb.reset();
  ddb.on(GetItemCommand).resolves({});
  ddb.on(BatchWriteItemCommand).resolves({});
});

const runtime: Runtime = {
  tableName: 'table',
  partnership,
  workingDays: workingDaysFor(partnership),
  clock: { now: () => new Date('2026-12-14T10:00:05Z') },
  caseCodeKey: async () => 'k',
};
const starter: EventStarter = {
  startAndWait: async (_process, _name, input: any): Promise<StartOutcome> => ({
    status: 'succeeded',
    output: { eventId: input.event.eventId, caseId: input.event.caseId, outcome: 'applied', message: 'ok' },
  }),
};
const deps = (extra: Partial<ApiDependencies> = {}): ApiDependencies => ({
  runtime,
  store: new CaseStore(new DynamoDBClient({ region: 'eu-west-2' }), 'table'),
  staging: new StagingStore(new DynamoDBClient({ region: 'eu-west-2' }), 'table'),
  starter,
  ...extra,
});

/** A test-only IHA version whose opening looks up the duty rota (a lookup that is not the school's). */
const withRota = (names: string[] = ['rota']): ProcessDefinition => ({
  ...ihaVersion2,
  events: ihaVersion2.events.map((e) =>
    e.type === 'childEnteredCare'
      ? {
          ...e,
          contextFor: needsLookups(names, async (p: { caseReference: string }, lookups) => ({
            rota: await lookups[names[0]!]!(p.caseReference),
            seen: Object.keys(lookups),
          })),
        }
      : e,
  ),
});

describe('lookups for the rules', () => {
  it('school still works: from the directory when there is one, finding nothing without it', async () => {
    const schools = {
      get: async (urn: string) => (urn === '100001' ? { urn, name: 'Riverside Primary' } : undefined),
      getTermCalendar: async () => undefined,
    } as unknown as SchoolStore;
    expect(await lookupsFor(deps()).school('100001')).toBeUndefined();
    const found = await lookupsFor(deps({ schools })).school('100001');
    expect(found).toMatchObject({ urn: '100001', name: 'Riverside Primary' });
    expect(await lookupsFor(deps({ schools })).school('999999')).toBeUndefined();
  });

  it('another lookup is one adapter, built once from the dependencies', async () => {
    let built = 0;
    const lookups = lookupsFor(
      deps({
        lookupAdapters: {
          rota: () => {
            built++;
            return async (team) => ({ team, onDuty: 'duty-social-worker' });
          },
        },
      }),
    );
    expect(built).toBe(1);
    expect(await lookups.rota!('north')).toEqual({ team: 'north', onDuty: 'duty-social-worker' });
    expect(Object.keys(lookups).sort()).toEqual(['caseByCode', 'rota', 'school']);
  });

  it('an event that declares a lookup with no adapter stops the API at start, naming it', () => {
    const catalogue = catalogueOf([iha, withRota(['meetingMembers']), operationEncompass]);
    expect(() => createApi(deps({ runtime: { ...runtime, catalogue } }))).toThrow(
      "Lookups with no adapter (add one to lookupAdapters): initial-health-assessment childEnteredCare: lookup 'meetingMembers'",
    );
    expect(() => lookupsFor(deps())).not.toThrow(); // the real catalogue declares nothing missing
    expect(processCatalogue.processes.length).toBeGreaterThan(0);
  });

  it('through the API: a declared lookup is made with its adapter and its facts staged for the rules, with no route code; the rules see only what they declared', async () => {
    // Prepare: a catalogue whose IHA opening looks up the rota, and the rota's adapter
    const catalogue = catalogueOf([iha, withRota(), operationEncompass]);
    const api = createApi(
      deps({
        runtime: { ...runtime, catalogue },
        lookupAdapters: { rota: () => async (ref) => ({ ref, onDuty: 'duty-social-worker' }) },
      }),
    );
    // Act
    const result = await api({
      rawPath: '/processes/initial-health-assessment/cases',
      body: JSON.stringify(enteredCare()),
      headers: {},
      queryStringParameters: undefined,
      isBase64Encoded: false,
      requestContext: {
        http: { method: 'POST' },
        authorizer: {
          jwt: {
            claims: {
              sub: 'u-fd',
              name: 'Alex Morgan',
              email: 'alex.morgan@riverside.example.gov.uk',
              'cognito:groups': ['front-door'],
              'custom:organisation': 'riverside-council',
            },
          },
        },
      },
    } as never);
    // Assess
    expect(result.statusCode).toBe(201);
    const staged = ddb.commandCalls(BatchWriteItemCommand).flatMap((c) =>
      Object.values(c.args[0].input.RequestItems!)
        .flat()
        .map((w) => JSON.parse(w.PutRequest!.Item!.body!.S!)),
    );
    expect(staged.map((s) => s.context)).toEqual([
      { rota: { ref: 'RCC-1001', onDuty: 'duty-social-worker' }, seen: ['rota'] },
    ]);
  });
});
