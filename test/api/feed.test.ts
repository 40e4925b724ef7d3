/**
 * GET /feeds/{council}/events (issue 18), through the local platform: the API, the CDK-synthesized state
 * machines and DynamoDB Local. A child enters care; the clock is moved past the request's reminder and its
 * deadline; the request and the assessment are recorded. The council's case system reads its feed in pages
 * with `since` and gets every clock event once, in order, with no personal data; what has not settled yet
 * (younger than FEED_SETTLE_MS) waits; another council's case system, the council's own administrator and a
 * Key Adult get the feed's 404; every page read is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '#core/identity/actor';
import type { PartnershipConfig } from '#core/partnership/config';
import type { ApiEvent } from '#functions/api/http';
import { partnership as configured } from '#functions/runtime';
import { FEED_SETTLE_MS, type FeedEntry } from '#functions/store/feed';
import { apiEvent } from '#local/demo';
import type { Platform } from '#local/platform';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { withQuery } from '../support/disclosure';
import { testPlatform } from '../support/platform';

const COUNCIL = 'riverside-council';
/** Another council: the partnership's own second council if it has one, else one added for this test. */
const OTHER =
  configured.organisations.find((o) => o.kind === 'council' && o.id !== 'riverside-council')?.id ?? 'feedtest-council';
const CHILD = { name: 'Feed Example', dateOfBirth: '2016-02-29' };
const REFERENCE = 'RCC-FEED-1';

/** The configured partnership with a second council, so "another council" is a real one. */
const twoCouncils: PartnershipConfig = configured.organisations.some((o) => o.id === OTHER)
  ? configured
  : {
      ...configured,
      organisations: [
        ...configured.organisations,
        {
          ...configured.organisations.find((o) => o.id === COUNCIL)!,
          id: OTHER,
          name: 'Feed Test Council',
          localAuthorityCode: '999',
        },
      ],
    };

/** A signed-in actor that is no demo user: another council's case system. */
function asSomeone(method: string, path: string, who: { sub: string; role: Role; organisation: string }): ApiEvent {
  const event = apiEvent(method, path, 'casesystem');
  return withQuery({
    ...event,
    requestContext: {
      http: { method },
      authorizer: {
        jwt: {
          claims: {
            sub: who.sub,
            name: 'A case system',
            'cognito:groups': [who.role],
            'custom:organisation': who.organisation,
          },
        },
      },
    },
  });
}

let platform: Platform;
let caseId = '';

const get = async (path: string, user = 'casesystem') => {
  const res = await platform.api(withQuery(apiEvent('GET', path, user)));
  return { status: res.statusCode, body: JSON.parse(res.body as string), raw: res.body as string };
};
const post = async (path: string, user: string, body: unknown) => {
  const res = await platform.api(apiEvent('POST', path, user, body));
  expect(res.statusCode, res.body as string).toBeLessThan(300);
  return JSON.parse(res.body as string);
};
/** Time moves on past the feed's settling, so everything committed so far may be read. */
const settleFeed = () => platform.advanceTo(new Date(platform.clock.now().getTime() + FEED_SETTLE_MS + 1000));

/** Every entry from a cursor on, a page of `limit` at a time, and the cursors the pages gave. */
async function readAll(limit: number, since?: string) {
  const entries: FeedEntry[] = [];
  const cursors: (string | null)[] = [];
  let cursor = since;
  for (let page = 0; page < 100; page++) {
    const res = await get(`/feeds/${COUNCIL}/events?limit=${limit}${cursor ? `&since=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    entries.push(...res.body.events);
    cursors.push(res.body.next);
    if (res.body.events.length < limit) return { entries, cursors, next: res.body.next as string | null };
    cursor = res.body.next;
  }
  throw new Error('the feed never ended');
}

beforeAll(async () => {
  // Monday 11 January 2027, 09:00 (GMT): the child entered care at 08:30. The request to health is due by
  // the end of the 5th working day (Monday 18 January), its reminder at the end of the 3rd (Thursday 14th).
  platform = await testPlatform({
    startAt: new Date('2027-01-11T09:00:00.000Z'),
    frozen: true,
    partnership: twoCouncils,
  });
  const opened = await post(
    '/processes/initial-health-assessment/cases',
    'alex',
    exampleEntryIntoCare({ caseReference: REFERENCE, child: CHILD, enteredCareAt: '2027-01-11T08:30:00Z' }),
  );
  caseId = opened.caseId;
  await platform.settle();
});

afterAll(async () => platform?.stop());

describe("a council's feed of clock events", () => {
  it('waits until a commit has settled, then gives its entries', async () => {
    // Act: read at once, and again after the settling time.
    const atOnce = await get(`/feeds/${COUNCIL}/events`);
    await settleFeed();
    const settled = await get(`/feeds/${COUNCIL}/events`);
    // Assess
    expect(atOnce.status).toBe(200);
    expect(atOnce.body).toEqual({ events: [], next: null });
    expect(settled.body.events.map((e: FeedEntry) => [e.clockId, e.event])).toEqual([
      ['initial-health-assessment', 'started'],
      ['request-to-health', 'started'],
    ]);
    expect(settled.body.next).toBe(settled.body.events[1].id);
  });

  it('gives every clock event once, in order, page by page with since', async () => {
    // Prepare: past the request's reminder and deadline (Tuesday 19 January), then the request sent late,
    // and the assessment completed in time (Friday 22 January).
    await platform.advanceTo(new Date('2027-01-19T10:00:00.000Z'));
    await post(`/cases/${caseId}/events`, 'alex', {
      type: 'requestSentToHealth',
      sentAt: '2027-01-19T10:00:00Z',
      consentIncluded: true,
    });
    await platform.advanceTo(new Date('2027-01-22T15:00:00.000Z'));
    await post(`/cases/${caseId}/events`, 'priya', {
      type: 'assessmentCompleted',
      completedOn: '2027-01-22',
      practitioner: { name: 'Dr Helen Ward' },
      healthPlanShared: true,
    });
    await platform.settle();
    await settleFeed();
    // Act: all at once, and two at a time from the start.
    const whole = await readAll(500);
    const paged = await readAll(2);
    // Assess: the same entries, each once, in the order of their ids (commit order).
    expect(paged.entries).toEqual(whole.entries);
    const ids = whole.entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(paged.next).toBe(ids.at(-1));
    // What happened, in order: the reminder before the breach, the late request, the assessment met and
    // the first review's clock started.
    expect(whole.entries.map((e) => [e.clockId, e.event])).toEqual([
      ['initial-health-assessment', 'started'],
      ['request-to-health', 'started'],
      ['request-to-health', 'dueSoon'],
      ['request-to-health', 'breached'],
      ['request-to-health', 'metLate'],
      ['initial-health-assessment', 'met'],
      ['review-health-assessment-1', 'started'],
    ]);
    const reminder = whole.entries.find((e) => e.event === 'dueSoon' && e.clockId === 'request-to-health')!;
    expect(reminder).toMatchObject({
      council: COUNCIL,
      process: 'initial-health-assessment',
      caseId,
      checkpointId: 'request-reminder',
      // The end of the 3rd working day, Thursday 14 January; due by the end of Monday 18th.
      at: '2027-01-14T23:59:59.999Z',
      dueAt: '2027-01-18T23:59:59.999Z',
      source: 'localTarget',
    });
    expect(reminder.caseCode.toLowerCase()).toBe(caseId);
    // Read on from a cursor in the middle: exactly the rest.
    const middle = ids[2]!;
    expect((await readAll(3, middle)).entries).toEqual(whole.entries.slice(3));
    // From an instant: that instant's entries and after.
    const fromInstant = (await readAll(500, reminder.recordedAt)).entries;
    expect(fromInstant[0]?.recordedAt).toBe(reminder.recordedAt);
    expect(fromInstant.at(-1)).toEqual(whole.entries.at(-1));
    // Read again from the last cursor: nothing new, and the same cursor to come back with.
    const after = await get(`/feeds/${COUNCIL}/events?since=${ids.at(-1)}`);
    expect(after.body).toEqual({ events: [], next: ids.at(-1) });
  });

  it('carries codes, ids, the clock’s words and instants: no name, date of birth or reference', async () => {
    const res = await get(`/feeds/${COUNCIL}/events?limit=500`);
    expect(res.body.events.length).toBeGreaterThan(0);
    expect(res.raw).not.toContain(CHILD.name);
    expect(res.raw).not.toContain(CHILD.dateOfBirth);
    expect(res.raw).not.toContain(REFERENCE);
    expect(res.raw).not.toContain('Helen Ward');
    expect(res.raw).not.toContain('sam.okafor');
  });

  it("another council's feed holds none of this council's cases", async () => {
    const other = await platform.api(
      asSomeone('GET', `/feeds/${OTHER}/events`, { sub: 'c-northvale', role: 'case-system', organisation: OTHER }),
    );
    expect(other.statusCode).toBe(200);
    expect(JSON.parse(other.body as string)).toEqual({ events: [], next: null });
  });

  it("answers 404, as for no feed at all, to anyone but the council's own case system, and audits it", async () => {
    // Prepare
    const none = await get('/feeds/nowhere-council/events');
    expect(none.status).toBe(404);
    const refused = [
      await platform.api(
        asSomeone('GET', `/feeds/${COUNCIL}/events`, { sub: 'c-northvale', role: 'case-system', organisation: OTHER }),
      ),
      await platform.api(withQuery(apiEvent('GET', `/feeds/${COUNCIL}/events`, 'jo'))), // the council's administrator
      await platform.api(withQuery(apiEvent('GET', `/feeds/${COUNCIL}/events`, 'kim'))), // a Key Adult
      await platform.api(withQuery(apiEvent('GET', `/feeds/${COUNCIL}/events`, 'alex'))), // the council's front door
    ];
    // Assess: each the same answer as a feed that does not exist.
    for (const res of refused) {
      expect(res.statusCode).toBe(404);
      expect(JSON.parse(res.body as string)).toEqual(none.body);
    }
    const kimAudit = await platform.store.auditOfActor('u-kim-keyadult');
    expect(kimAudit.some((a) => a.action === 'refused' && a.what.includes(`feed of clock events of ${COUNCIL}`))).toBe(
      true,
    );
  });

  it.each([
    ['since', 'since=yesterday'],
    ['since', 'since=2027-01-11T09:00:00Z'],
    ['since', 'since=2027-01-11T09:00:00.000Z_IHA_1_0'],
    ['limit', 'limit=0'],
    ['limit', 'limit=501'],
    ['limit', 'limit=ten'],
    ['limit', 'limit=1.5'],
  ])('a bad %s (%s) is a 400 naming it', async (field, query) => {
    const res = await get(`/feeds/${COUNCIL}/events?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual([field]);
  });

  it('audits each page read: who, which council, from which cursor; no personal data', async () => {
    // Prepare
    const before = (await platform.store.auditOfActor('c-riverside-council-case-system')).length;
    const first = await get(`/feeds/${COUNCIL}/events?limit=1`);
    // Act
    await get(`/feeds/${COUNCIL}/events?limit=1&since=${first.body.next}`);
    // Assess
    const audit = await platform.store.auditOfActor('c-riverside-council-case-system');
    expect(audit.length - before).toBe(2);
    const read = audit.find((a) => a.what.includes(`since ${first.body.next}`))!;
    expect(read).toMatchObject({
      action: 'read',
      actor: { userId: 'c-riverside-council-case-system', role: 'case-system', organisation: COUNCIL },
    });
    expect(read.what).toBe(`feed of clock events of ${COUNCIL} since ${first.body.next}: 1 entries`);
    expect(read.caseId).toBeUndefined();
  });
});
