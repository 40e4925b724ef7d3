/**
 * The right people told, checked through the API against hand-worked cases on the local runtime (the
 * synthesized state machines against DynamoDB Local, under the controllable clock). Each alert goes to
 * the people who act on it, and a missed meeting is never silent:
 *
 * - Family Help: the week-14 warning reaches the lead practitioner and their team leader; the week-16
 *   alert (the episode not concluded in 16 weeks) the team leader only, who talks it through with the lead
 *   practitioner. Team Around the Family reviews count from allocation, every 6 weeks, so the first falls on
 *   the family plan's own deadline (the plan is reviewed as it is due), and each reaches the lead practitioner.
 * - Crisis escalation: Gold's members and the Bronze chair are told when a case goes to Gold, not Silver's
 *   (Gold now holds it). A Silver meeting not yet due when Gold is reached is no longer needed: nobody is told
 *   it was missed and its state is "not needed", not overdue. One already past its due instant was missed:
 *   Silver's members and the chair were told when it fell due, and it stays overdue. Each Bronze meeting of
 *   the cadence not recorded tells the chair and is counted in the case's summary.
 *
 * Every instant is hand-worked in the comments (GMT = UTC; BST = UTC+1 from 29 Mar 2026).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonDateOf } from '#core/calendar/index';
import { apiEvent } from '#local/demo';
import type { Platform } from '#local/platform';
import { examplePresentation } from '#workflows/crisis-escalation/example';
import { councilLead, exampleAllocation, exampleRequest, teamLeader } from '#workflows/supporting-families/example';
import { testPlatform } from '../support/platform';

const SAM = 'sam.okafor@riverside.example.gov.uk';
const TAYLOR = 'taylor.green@riverside.example.gov.uk';
const CHAIR = 'bronze.chair@riverside-health.example.nhs.uk';
const SILVER = [
  'silver.commissioning@riverside-icb.example.nhs.uk',
  'silver.operations@riverside-health.example.nhs.uk',
  'head.of.service.children@riverside.example.gov.uk',
];
const GOLD = [
  'gold.nursing@riverside-icb.example.nhs.uk',
  'gold.coo@riverside-health.example.nhs.uk',
  'gold.dcs@riverside.example.gov.uk',
];

type Clock = { id: string; dueAt: string; state: string; late?: { amount: number; unit: string } };

async function call(platform: Platform, method: string, path: string, user: string, body?: unknown) {
  const result = await platform.api(apiEvent(method, path, user, body));
  return { status: result.statusCode, body: JSON.parse(result.body as string), raw: result.body as string };
}

/** Each message of a case: when, to whom, its subject with the case code as {caseCode}. */
const sent = (platform: Platform, caseCode: string) =>
  platform.inbox
    .find({ caseCode })
    .map((m) => [m.createdAt, m.address, m.subject.replace(caseCode, '{caseCode}')] as [string, string, string]);

describe('Family Help: the week-14 warning, the week-16 alert and the Team Around the Family reviews', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await testPlatform({ startAt: new Date('2026-01-05T09:00:00Z'), frozen: true });
  });
  afterAll(async () => platform?.stop());

  it('allocated Mon 5 Jan 2026: reviews from allocation, the first on the plan’s deadline; week 14 to the lead practitioner and team leader, week 16 to the team leader only', async () => {
    // Prepare: a request on Mon 5 Jan 2026 09:00, an intensive episode decided, Sam allocated at 14:00 (Taylor
    // his team leader); assessment and plan recorded in time, so no other alert is due.
    const event = async (user: string, body: Record<string, unknown>) => {
      const res = await call(platform, 'POST', `/cases/${caseId}/events`, user, body);
      expect(res.status, res.raw).toBe(200);
      await platform.settle();
      return res.body;
    };
    const opened = await call(
      platform,
      'POST',
      '/processes/supporting-families/cases',
      'alex',
      exampleRequest({ familyReference: 'FAM-TOLD-1', requestedAt: '2026-01-05T09:00:00Z' }),
    );
    expect(opened.status, opened.raw).toBe(201);
    const { caseId, caseCode } = opened.body;
    await event('alex', {
      type: 'frontDoorDecision',
      route: 'intensiveEpisode',
      reason: 'Three needs',
      childInNeed: false,
    });
    await platform.advanceTo(new Date('2026-01-05T14:00:00Z'));
    await event('taylor', {
      type: 'leadPractitionerAllocated',
      ...exampleAllocation('2026-01-05T14:00:00Z', councilLead, teamLeader),
    });

    // Assess: the plan is due by the end of Mon 16 Feb (6 weeks); the first review at 09:00 that same day.
    const allocated = await call(platform, 'GET', `/cases/${caseId}`, 'sam');
    const plan = (allocated.body.clocks as Clock[]).find((c) => c.id === 'family-plan')!;
    expect(plan.dueAt).toBe('2026-02-16T23:59:59.999Z');
    const reviews = (allocated.body.upcoming as { checkpoint: string; dueAt: string }[]).filter(
      (t) => t.checkpoint === 'team-around-the-family-review',
    );
    expect(reviews.map((t) => t.dueAt)).toEqual(['2026-02-16T09:00:00.000Z']);
    expect(londonDateOf(new Date(reviews[0]!.dueAt))).toBe(londonDateOf(new Date(plan.dueAt)));

    await platform.advanceTo(new Date('2026-01-26T15:00:00Z'));
    await event('sam', { type: 'assessmentCompleted', completedOn: '2026-01-26' });
    await platform.advanceTo(new Date('2026-02-09T15:00:00Z'));
    await event('sam', { type: 'planAgreed', agreedOn: '2026-02-09', familyNetworkMeetingOffered: true });

    // Act: to Tue 28 Apr 2026 12:00 BST, the day after week 16 ended, with no closure.
    await platform.advanceTo(new Date('2026-04-28T11:00:00Z'));

    // Assess: every message of the case, to whom and when.
    expect(sent(platform, caseCode)).toEqual([
      ['2026-01-05T14:00:00.000Z', SAM, 'You are the lead practitioner for episode {caseCode}'],
      // Reviews every 6 weeks from allocation: Mon 16 Feb 09:00 GMT, Mon 30 Mar 09:00 BST.
      ['2026-02-16T09:00:00.000Z', SAM, 'Episode {caseCode}: Team Around the Family review due today'],
      ['2026-03-30T08:00:00.000Z', SAM, 'Episode {caseCode}: Team Around the Family review due today'],
      // Week 14 ends at the end of Mon 13 Apr (BST): the lead practitioner and the team leader.
      [
        '2026-04-13T22:59:59.999Z',
        SAM,
        'Episode {caseCode} reaches week 14: closure is planned by 11:59pm on 27 April 2026',
      ],
      [
        '2026-04-13T22:59:59.999Z',
        TAYLOR,
        'Episode {caseCode} reaches week 14: closure is planned by 11:59pm on 27 April 2026',
      ],
      // Week 16 ends at the end of Mon 27 Apr: the team leader only.
      ['2026-04-27T22:59:59.999Z', TAYLOR, 'Episode {caseCode} is still open after 16 weeks'],
    ]);
    // The lead practitioner's and the team leader's worklists both say the episode is overdue, by a day.
    for (const user of ['sam', 'taylor']) {
      const list = await call(platform, 'GET', '/my/clocks', user);
      expect(list.status).toBe(200);
      const episode = (list.body.clocks as (Clock & { caseId: string; clockId: string })[]).find(
        (c) => c.caseId === caseId && c.clockId === 'episode',
      );
      expect([user, episode?.dueAt, episode?.state, episode?.late]).toEqual([
        user,
        '2026-04-27T22:59:59.999Z',
        'overdue',
        { amount: 1, unit: 'days' },
      ]);
    }
  });
});

describe('crisis escalation: who is told at Silver and Gold, and a missed meeting is never silent', () => {
  let platform: Platform;
  const meeting = (heldAt: string) => ({
    heldAt,
    organisationsPresent: ['riverside-health', 'riverside-council', 'riverside-icb'],
    decisions: 'Agreed who will visit and when',
    plan: 'Ward and crisis team review together each morning',
  });
  beforeAll(async () => {
    platform = await testPlatform({ startAt: new Date('2027-02-03T14:05:00Z'), frozen: true });
  });
  afterAll(async () => platform?.stop());

  async function present(reference: string, presentedAt: string) {
    const opened = await call(
      platform,
      'POST',
      '/processes/crisis-escalation/cases',
      'priya',
      examplePresentation({ caseReference: reference, presentedAt }),
    );
    expect(opened.status, opened.raw).toBe(201);
    await platform.settle();
    return opened.body as { caseId: string; caseCode: string };
  }
  async function event(caseId: string, user: string, body: Record<string, unknown>) {
    const res = await call(platform, 'POST', `/cases/${caseId}/events`, user, body);
    expect(res.status, res.raw).toBe(200);
    await platform.settle();
  }

  it('Gold before the Silver meeting fell due: Gold and the chair told, not Silver; the Silver meeting not needed; each Bronze meeting missed told and counted', async () => {
    // Prepare: presented Wed 3 Feb 2027 14:00, Red, on a paediatric ward; assessed 16:30; the first Bronze
    // meeting Thu 4 Feb 10:00 starts the daily cadence (next due by the end of Fri 5 Feb); medically fit Fri
    // 18:00. Silver at Sat 6 Feb 18:00 (24 hours): its meeting due by the end of Mon 8 Feb (1 working day).
    // Gold at Mon 8 Feb 18:00 (72 hours), before that: the Gold meeting due Tue 9 Feb 18:00 (24 hours).
    const { caseId, caseCode } = await present('CAMHS-TOLD-1', '2027-02-03T14:00:00Z');
    await platform.advanceTo(new Date('2027-02-03T16:30:00Z'));
    await event(caseId, 'priya', { type: 'crisisAssessed', assessedAt: '2027-02-03T16:30:00Z' });
    await platform.advanceTo(new Date('2027-02-04T10:00:00Z'));
    await event(caseId, 'rhys', { type: 'bronzeMeetingHeld', ...meeting('2027-02-04T10:00:00Z') });
    await platform.advanceTo(new Date('2027-02-05T18:00:00Z'));
    await event(caseId, 'priya', { type: 'medicallyFit', fitAt: '2027-02-05T18:00:00Z' });

    // Act: to Tue 9 Feb 09:00, with no meeting after Thursday's.
    await platform.advanceTo(new Date('2027-02-09T09:00:00Z'));

    // Assess: who was told what (the crisis team's first message aside).
    const told = (address: string) => [CHAIR, ...SILVER, ...GOLD].includes(address);
    const missed = (day: string) => [
      `2027-02-${day}T23:59:59.999Z`,
      CHAIR,
      `Bronze MDT meeting for {caseCode} was due by 11:59pm on ${Number(day)} February 2027`,
    ];
    const to = (addresses: string[], at: string, subject: string) => addresses.map((a) => [at, a, subject]);
    expect(sent(platform, caseCode).filter(([, address]) => told(address))).toEqual([
      missed('05'),
      ...to(
        [...SILVER, CHAIR],
        '2027-02-06T18:00:00.000Z',
        'Escalated to Silver: {caseCode} still in an acute bed after being medically fit',
      ),
      missed('06'),
      missed('07'),
      // Gold: its members and the Bronze chair; Silver's members are not told (Gold holds the case now).
      ...to(
        [...GOLD, CHAIR],
        '2027-02-08T18:00:00.000Z',
        'Escalated to Gold: {caseCode} still in an acute bed after being medically fit',
      ),
      // No 'Silver meeting was due' at the end of Mon 8 Feb: at Gold it was no longer needed.
      missed('08'),
    ]);
    // The case answer: the Silver meeting not needed (not missed), the Gold meeting next, four Bronze missed.
    const read = await call(platform, 'GET', `/cases/${caseId}`, 'rhys');
    const clock = (id: string) => (read.body.clocks as Clock[]).find((c) => c.id === id)!;
    expect(clock('silver-meeting')).toMatchObject({ dueAt: '2027-02-08T23:59:59.999Z', state: 'notNeeded' });
    expect(clock('silver-meeting').late).toBeUndefined();
    expect(read.body.summary).toEqual({
      level: 'gold',
      nextMeeting: expect.objectContaining({
        level: 'gold',
        clockId: 'gold-meeting',
        dueAt: '2027-02-09T18:00:00.000Z',
        state: 'inTime',
      }),
      bronzeMeetingsMissed: 4,
    });
    // Not silent on the record either: the timeline says why the Silver meeting is no longer needed.
    const timeline = await call(platform, 'GET', `/cases/${caseId}/timeline`, 'rhys');
    expect((timeline.body.timeline as { kind: string; summary: string }[]).map((t) => t.summary)).toContain(
      'Silver meeting no longer applies: escalated to Gold before a Silver meeting was recorded',
    );
  });

  it('a Silver meeting already missed when Gold is reached: Silver and the chair were told when it fell due, and it stays overdue', async () => {
    // Prepare: presented Tue 9 Feb 2027 08:00, medically fit 09:00. Silver at Wed 10 Feb 09:00: its meeting due by
    // the end of Thu 11 Feb (1 working day), not held. Gold at Fri 12 Feb 09:00 (72 hours).
    const { caseId, caseCode } = await present('CAMHS-TOLD-2', '2027-02-09T08:00:00Z');
    await event(caseId, 'priya', { type: 'medicallyFit', fitAt: '2027-02-09T09:00:00Z' });
    // Act
    await platform.advanceTo(new Date('2027-02-12T10:00:00Z'));
    // Assess: the missed Silver meeting told to Silver's members and the chair at its due instant; Gold told to Gold.
    const levels = sent(platform, caseCode).filter(([, , subject]) => /Silver|Gold/.test(subject));
    expect(levels).toEqual([
      ...[...SILVER, CHAIR].map((a) => [
        '2027-02-10T09:00:00.000Z',
        a,
        'Escalated to Silver: {caseCode} still in an acute bed after being medically fit',
      ]),
      ...[...SILVER, CHAIR].map((a) => [
        '2027-02-11T23:59:59.999Z',
        a,
        'Silver meeting for {caseCode} was due by 11:59pm on 11 February 2027',
      ]),
      ...[...GOLD, CHAIR].map((a) => [
        '2027-02-12T09:00:00.000Z',
        a,
        'Escalated to Gold: {caseCode} still in an acute bed after being medically fit',
      ]),
    ]);
    const read = await call(platform, 'GET', `/cases/${caseId}`, 'rhys');
    // Missed, and still shown as missed: 1 working day late when Gold was reached (due Thu, stopped Fri).
    expect((read.body.clocks as Clock[]).find((c) => c.id === 'silver-meeting')).toMatchObject({
      state: 'overdue',
      late: { amount: 1, unit: 'workingDays' },
    });
    // The first Bronze meeting, due by the end of Wed 10 Feb, was missed too: the chair told, and counted.
    expect(sent(platform, caseCode).filter(([, , s]) => s.startsWith('First Bronze'))).toEqual([
      [
        '2027-02-10T23:59:59.999Z',
        CHAIR,
        'First Bronze MDT meeting for {caseCode} was due by 11:59pm on 10 February 2027',
      ],
    ]);
    expect(read.body.summary.bronzeMeetingsMissed).toBe(1);
    expect(read.body.summary.nextMeeting).toMatchObject({ level: 'gold', clockId: 'gold-meeting' });
  });
});
