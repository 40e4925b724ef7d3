/**
 * A council's term dates loaded at run time reach Operation Encompass deadlines through the synthesized
 * state machine: the school's snapshot carries the imported calendar's dates (the rules step reads no
 * store), and when the council's dates change, the school's open notification counts its deadline again.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiEvent } from '#local/demo';
import type { Platform } from '#local/platform';
import { testPlatform } from '../support/platform';

let platform: Platform;
const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url));
const call = async (method: string, path: string, user: string, body?: unknown) => {
  const res = await platform.api(apiEvent(method, path, user, body));
  return { status: res.statusCode, body: JSON.parse(res.body as string) };
};

/** Northvale's 2026/27 terms as first given (October half term from Friday 23 October), before the council corrected them. */
const FIRST_DRAFT = [
  'Type,Name,Start,End',
  'Term,Autumn term,2026-09-01,2026-12-18',
  'Half term,October half term,2026-10-23,2026-10-30',
  'Term,Spring term,2027-01-04,2027-03-26',
  'Half term,February half term,2027-02-15,2027-02-19',
  'Term,Summer term,2027-04-12,2027-07-22',
  'Half term,May half term,2027-05-31,2027-06-04',
].join('\r\n');

beforeAll(async () => {
  // Thursday 22 October 2026, 21:30 BST: police attended at 21:00.
  platform = await testPlatform({ startAt: new Date('2026-10-22T20:30:00Z'), frozen: true });
});

afterAll(async () => {
  await platform?.stop();
});

describe('an imported term calendar and an open notification', () => {
  let caseId = '';

  it('loads the council calendar and the register export, then a notification counts to the next school day by it', async () => {
    // Prepare: Northvale's calendar (la-331) as first given, and its schools
    expect(
      (
        await call('POST', '/term-calendars/import', 'robin', {
          calendarId: 'la-331',
          name: 'Northvale LA 331',
          format: 'csv',
          text: FIRST_DRAFT,
        })
      ).status,
    ).toBe(201);
    const imported = await call('POST', '/schools/import', 'robin', {
      registerBase64: fixture('schools/gias-northvale-331-windows-1252.csv').toString('base64'),
      contactsBase64: fixture('schools/contacts-northvale-331-utf8-bom.csv').toString('base64'),
    });
    expect(imported.status).toBe(200);
    expect(imported.body.loaded).toBe(5);
    // Act: a child of St Thomas à Becket (start of day 08:40, holiday cover)
    const sent = await call('POST', '/processes/operation-encompass/submissions', 'pc', {
      forceIncidentReference: 'RP-26-NV-0001',
      attendedAt: '2026-10-22T20:00:00Z',
      children: [
        {
          name: 'Noah Example',
          dateOfBirth: '2018-05-04',
          schoolUrn: '200101',
          present: true,
          welfareCheck: true,
          policeContact: { desk: 'Public Protection Unit', phone: '01632 960100' },
        },
      ],
    });
    expect(sent.status).toBe(200);
    caseId = sent.body.results[0].caseId;
    await platform.settle();
    // Assess: half term from Friday 23 October in that calendar: the next school day is Monday 2 November, 08:40 GMT
    const record = (await platform.store.getCase(caseId))!;
    expect(record.clocks['key-adult-told']!.dueAt).toBe('2026-11-02T08:40:00.000Z');
    expect((record.details as { school: { termCalendar?: { id: string } } }).school.termCalendar?.id).toBe('la-331');
  });

  it("the council's corrected dates (half term from Monday 26 October) bring the open notification's deadline to Friday 23 October", async () => {
    // Act: the council's file, loaded as it publishes it
    const loaded = await call('POST', '/term-calendars/import', 'robin', {
      calendarId: 'la-331',
      format: 'ics',
      base64: fixture('term-dates/northvale-2026-27.ics').toString('base64'),
    });
    await platform.settle();
    // Assess: Friday 23 October, 08:40 BST
    expect(loaded.status).toBe(200);
    expect(loaded.body).toMatchObject({ schoolsFollowing: 5, openNotificationsUpdated: 1 });
    const record = (await platform.store.getCase(caseId))!;
    expect(record.clocks['key-adult-told']!.dueAt).toBe('2026-10-23T07:40:00.000Z');
    const timeline = await platform.store.timeline(caseId);
    expect(timeline.map((t) => t.summary).join('\n')).toMatch(
      /The school's days changed in the directory: to be acknowledged before .*23 Oct.* \(was .*2 Nov/,
    );
  });
});
