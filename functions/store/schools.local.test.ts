/** The school directory on the real DynamoDB Local of the test run, in a table made from the synthesized definition. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AuditEntry } from '#core/process/model';
import { buildDirectory } from '#core/schools/directory-import';
import type { School } from '#core/schools/model';
import { ensureTable, localClient } from '#local/dynamodb-local';
import { synthesizedDefinitions } from '#local/synth';
import { CaseStore } from './reads';
import { SchoolStore } from './schools';

const NOW = new Date('2026-10-05T09:15:00Z');
const demo = (file: string) => readFileSync(new URL(`../../config/demo-schools/${file}`, import.meta.url), 'utf8');

let client: DynamoDBClient;
let tableName: string;
let store: SchoolStore;

const administrator = { userId: 'u-admin', role: 'administrator', organisation: 'riverside-council' };
const auditOf = (what: string, at = NOW.toISOString()): AuditEntry => ({
  auditId: randomUUID().slice(0, 8),
  at,
  actor: administrator,
  action: 'change',
  what,
});

function school(urn: string, overrides: Partial<School> = {}): School {
  return {
    urn,
    name: `School ${urn}`,
    localAuthorityCode: '331',
    phase: 'primary',
    termCalendarId: 'la-331',
    extraInsetDays: [],
    startOfDay: '08:30',
    holidayCover: true,
    updatedAt: NOW.toISOString(),
    ...overrides,
  };
}

beforeAll(async () => {
  client = localClient(inject('dynamoEndpoint'));
  tableName = `t-${randomUUID()}`;
  await ensureTable(client, tableName, synthesizedDefinitions().tableProperties);
  store = new SchoolStore(client, tableName);
});

afterAll(() => {
  client?.destroy();
});

describe('SchoolStore on DynamoDB Local', () => {
  it('loads the demo CSV files end to end, lists them by local authority, and audits the load once', async () => {
    // Prepare
    const directory = buildDirectory(demo('register.csv'), demo('contacts.csv'), { now: NOW });
    expect(directory.loaded).toBe(true);
    // Act
    await store.saveMany(directory.schools, auditOf('school directory import: 8 schools loaded'));
    // Assess
    const listed = await store.listByLocalAuthority('330');
    expect(listed).toEqual(directory.schools);
    expect(listed.map((s) => s.urn)).toEqual([
      '100001',
      '100002',
      '100003',
      '100004',
      '100005',
      '100006',
      '100007',
      '100008',
    ]);
    expect(await store.get('100001')).toMatchObject({
      name: 'Riverside Primary School',
      keyAdult: { name: 'Kim Walsh' },
      termCalendarId: 'la-330',
    });
    expect(await store.listByLocalAuthority('332')).toEqual([]);
    const audit = await new CaseStore(client, tableName).auditOfActor('u-admin');
    expect(audit.filter((a) => a.what === 'school directory import: 8 schools loaded')).toHaveLength(1);
  });

  it('writes the school item with its keys and index attributes, and its body as JSON', async () => {
    await store.save(school('200001'), auditOf('school 200001 updated'));
    const out = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': { S: 'SCHOOL#200001' } },
      }),
    );
    expect(out.Items).toHaveLength(1);
    expect(out.Items![0]).toMatchObject({
      PK: { S: 'SCHOOL#200001' },
      SK: { S: 'SCHOOL' },
      entityType: { S: 'School' },
      GSI2PK: { S: 'SCHOOLS#331' },
      GSI2SK: { S: '200001' },
      GSI1PK: { S: 'SCHOOLS-OF-CALENDAR#la-331' },
      GSI1SK: { S: '200001' },
    });
    expect(JSON.parse(out.Items![0]!.body!.S!)).toEqual(school('200001'));
  });

  it('save replaces the school and writes its audit entry in the same transaction', async () => {
    // Prepare
    await store.save(school('200002'), auditOf('school 200002 added'));
    // Act
    const at = '2026-10-05T10:00:00.000Z';
    await store.save(school('200002', { startOfDay: '08:45', updatedAt: at }), auditOf('school 200002 updated', at));
    // Assess
    expect(await store.get('200002')).toMatchObject({ startOfDay: '08:45', updatedAt: at });
    const audit = await new CaseStore(client, tableName).auditOfActor('u-admin');
    expect(audit.map((a) => a.what)).toEqual(expect.arrayContaining(['school 200002 added', 'school 200002 updated']));
  });

  it('a school that moves local authority leaves the old list', async () => {
    await store.save(
      school('200003', { localAuthorityCode: '333', termCalendarId: 'la-333' }),
      auditOf('school 200003 added'),
    );
    await store.save(
      school('200003', { localAuthorityCode: '334', termCalendarId: 'la-334' }),
      auditOf('school 200003 updated'),
    );
    expect(await store.listByLocalAuthority('333')).toEqual([]);
    expect((await store.listByLocalAuthority('334')).map((s) => s.urn)).toEqual(['200003']);
  });

  it('saveMany takes more than one batch (60 schools and the audit entry: requests of 25, 25 and 11) and lists them all in URN order', async () => {
    // Prepare
    const many = Array.from({ length: 60 }, (_, i) =>
      school(String(300100 - i), { localAuthorityCode: '335', termCalendarId: 'la-335' }),
    );
    // Act
    await store.saveMany(many, auditOf('school directory import: 60 schools loaded'));
    // Assess
    const listed = await store.listByLocalAuthority('335');
    expect(listed).toHaveLength(60);
    expect(listed.map((s) => s.urn)).toEqual([...many.map((s) => s.urn)].sort());
    const found = await store.getMany(['300100', '300041', '999999']);
    expect([...found.keys()].sort()).toEqual(['300041', '300100']);
  });

  it('saveMany removes the schools an import replaces, after the audit entry that names them, and lists the schools following a calendar', async () => {
    // Prepare: three schools of 336, two following la-336, one an academy calendar
    await store.saveMany(
      [
        school('400001', { localAuthorityCode: '336', termCalendarId: 'la-336' }),
        school('400002', { localAuthorityCode: '336', termCalendarId: 'la-336' }),
        school('400003', { localAuthorityCode: '336', termCalendarId: 'academy-fen' }),
      ],
      auditOf('school directory import: 3 schools loaded'),
    );
    expect((await store.listFollowing('la-336')).map((s) => s.urn)).toEqual(['400001', '400002']);
    // Act: the next extract keeps 400001 and 400003, and 400002 closed
    await store.saveMany(
      [school('400001', { localAuthorityCode: '336', termCalendarId: 'la-336', startOfDay: '08:50' })],
      auditOf('school directory import: 1 school loaded; 1 school removed'),
      [school('400002', { localAuthorityCode: '336' })],
    );
    // Assess
    expect((await store.listByLocalAuthority('336')).map((s) => [s.urn, s.startOfDay])).toEqual([
      ['400001', '08:50'],
      ['400003', '08:30'],
    ]);
    expect(await store.get('400002')).toBeUndefined();
    expect((await store.listFollowing('la-336')).map((s) => s.urn)).toEqual(['400001']);
    expect((await store.listFollowing('academy-fen')).map((s) => s.urn)).toEqual(['400003']);
    await expect(store.saveMany([school('400001')], auditOf('twice'), [school('400001')])).rejects.toThrow(
      /listed twice/,
    );
  });

  it('keeps imported term calendars: saved with their audit entry, read by id and listed together', async () => {
    // Prepare
    const calendar = {
      id: 'la-337',
      name: 'Fenland LA 337',
      schoolYears: [
        {
          year: '2026/27',
          terms: [{ name: 'Autumn 1', start: '2026-09-02', end: '2026-10-23' }],
          insetDays: ['2026-09-02'],
        },
      ],
      updatedAt: NOW.toISOString(),
    };
    // Act
    await store.saveTermCalendar(
      calendar,
      auditOf('term calendar la-337 created: school year 2026/27 from a CSV file'),
    );
    await store.saveTermCalendar(
      { ...calendar, id: 'academy-fen', name: 'Fen Academy Trust' },
      auditOf('term calendar academy-fen created'),
    );
    // Assess
    expect(await store.getTermCalendar('la-337')).toEqual(calendar);
    expect(await store.getTermCalendar('la-999')).toBeUndefined();
    expect((await store.listTermCalendars()).map((c) => c.id)).toEqual(['academy-fen', 'la-337']);
    const audit = await new CaseStore(client, tableName).auditOfActor('u-admin');
    expect(audit.map((a) => a.what)).toContain('term calendar la-337 created: school year 2026/27 from a CSV file');
  });

  it('get answers undefined for a school not in the directory', async () => {
    expect(await store.get('999999')).toBeUndefined();
  });
});
