/**
 * Crisis escalation: the synthesized state machine, run by aws-local-stepfunctions against DynamoDB
 * Local under the controllable clock. A Red-rated young person on a paediatric ward becomes medically
 * fit on a Friday evening; Silver, Gold, discharge home with intensive home treatment. Every alert's
 * instant and recipients are asserted (GMT all through: UTC = London time).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiEvent } from '#local/demo';
import type { Platform } from '#local/platform';
import { examplePresentation } from '#workflows/crisis-escalation/example';
import { testPlatform } from '../support/platform';

const CRISIS = '/processes/crisis-escalation/cases';
const CHAIR = 'bronze.chair@riverside-health.example.nhs.uk';
const CRISIS_TEAM = 'camhs.crisis.team@riverside-health.example.nhs.uk';
const HOME_TREATMENT = 'intensive.home.treatment@riverside-health.example.nhs.uk';
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

async function call(platform: Platform, method: string, path: string, user: string, body?: unknown) {
  const result = await platform.api(apiEvent(method, path, user, body));
  return { status: result.statusCode, body: JSON.parse(result.body as string), raw: result.body as string };
}

const meeting = (heldAt: string, extra: Record<string, unknown> = {}) => ({
  heldAt,
  organisationsPresent: ['riverside-health', 'riverside-council', 'riverside-icb'],
  decisions: 'Agreed the support the young person asked for',
  plan: 'Ward and crisis team review together each morning',
  ...extra,
});

describe('crisis escalation, end to end on the local runtime', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await testPlatform({ startAt: new Date('2027-02-03T14:05:00Z'), frozen: true });
  });
  afterAll(async () => platform?.stop());

  it('a Red-rated young person medically fit on a Friday evening: Silver on Saturday, Gold on Monday, home with intensive home treatment', async () => {
    // Prepare: presented Wed 3 Feb 2027 14:00 on a paediatric ward, very urgent, rated Red.
    const at = async (iso: string) => platform.advanceTo(new Date(iso));
    const event = async (user: string, body: Record<string, unknown>) => {
      const res = await call(platform, 'POST', `/cases/${caseId}/events`, user, body);
      expect(res.status, res.raw).toBe(200);
      await platform.settle();
      return res.body;
    };
    const opened = await call(
      platform,
      'POST',
      CRISIS,
      'priya',
      examplePresentation({
        caseReference: 'CAMHS-SM-1',
        youngPerson: { name: 'Ellis Jones', dateOfBirth: '2011-03-09' },
        presentedAt: '2027-02-03T14:00:00Z',
      }),
    );
    expect(opened.status, opened.raw).toBe(201);
    const { caseId, caseCode } = opened.body;
    await platform.settle();
    const sent = () => platform.inbox.find({ caseCode }).map((m) => [m.createdAt, m.address, m.subject]);

    await at('2027-02-03T16:30:00Z');
    await event('priya', { type: 'crisisAssessed', assessedAt: '2027-02-03T16:30:00Z' }); // within 4 hours (due 18:00)
    await at('2027-02-04T10:00:00Z');
    await event('rhys', { type: 'bronzeMeetingHeld', ...meeting('2027-02-04T10:00:00Z') }); // first meeting: due end of Thu 4 Feb
    await at('2027-02-05T11:00:00Z');
    await event('rhys', { type: 'bronzeMeetingHeld', ...meeting('2027-02-05T11:00:00Z') });

    // Act: medically fit Friday 5 Feb 18:00.
    await at('2027-02-05T18:00:00Z');
    const fit = await event('priya', { type: 'medicallyFit', fitAt: '2027-02-05T18:00:00Z' });
    expect(fit.clocks.find((c: { id: string }) => c.id === 'delayed-discharge').dueAt).toBe('2027-02-06T18:00:00.000Z');
    // Saturday: a Bronze meeting at 10:00; the Silver escalation at 18:00.
    await at('2027-02-06T10:00:00Z');
    await event('rhys', { type: 'bronzeMeetingHeld', ...meeting('2027-02-06T10:00:00Z') });
    await at('2027-02-08T10:00:00Z'); // no Bronze meeting on Sunday
    await event('rhys', { type: 'bronzeMeetingHeld', ...meeting('2027-02-08T09:00:00Z') });
    await event('rhys', { type: 'silverMeetingHeld', ...meeting('2027-02-08T10:00:00Z'), outcome: 'resolved' });
    await at('2027-02-09T09:00:00Z'); // Gold at Mon 18:00 (72 hours), whatever the plan
    const gold = await call(platform, 'GET', `/cases/${caseId}`, 'rhys');
    expect(gold.body.details.level).toBe('gold');
    expect(gold.body.clocks.find((c: { id: string }) => c.id === 'gold-meeting').dueAt).toBe(
      '2027-02-09T18:00:00.000Z',
    );
    await event('rhys', { type: 'goldMeetingHeld', ...meeting('2027-02-09T09:00:00Z'), outcome: 'resolved' });
    await at('2027-02-09T14:00:00Z');
    const home = await event('priya', {
      type: 'discharged',
      dischargedAt: '2027-02-09T14:00:00Z',
      outcome: 'homeWithHomeTreatment',
    });
    expect(home.message).toContain('planned to end on Tue 23 Mar 2027');

    // Assess: each alert at its instant, to its recipients.
    const fri = (addresses: string[], at: string, subject: string) => addresses.map((a) => [at, a, subject]);
    expect(sent()).toEqual([
      [
        '2027-02-03T14:05:00.000Z',
        CRISIS_TEAM, // told when recorded, 5 minutes after presenting
        `A young person in crisis: face-to-face assessment for ${caseCode} due by 6pm on 3 February 2027`,
      ],
      ...fri(
        [...SILVER, CHAIR],
        '2027-02-06T18:00:00.000Z',
        `Escalated to Silver: ${caseCode} still in an acute bed after being medically fit`,
      ),
      ['2027-02-07T23:59:59.999Z', CHAIR, `Bronze MDT meeting for ${caseCode} was due by 11:59pm on 7 February 2027`],
      ...fri(
        [...GOLD, CHAIR],
        '2027-02-08T18:00:00.000Z',
        `Escalated to Gold: ${caseCode} still in an acute bed after being medically fit`,
      ),
      ...fri([...GOLD, CHAIR], '2027-02-09T14:00:00.000Z', `Case ${caseCode} stepped down from Gold to Bronze`),
      ['2027-02-09T14:00:00.000Z', HOME_TREATMENT, `Intensive home treatment for ${caseCode} from 9 February 2027`],
    ]);

    // The package: a week's notice (09:00 on Tue 16 Mar), its end at the team's 08:00 opening on Tue 23 Mar.
    await at('2027-03-23T09:00:00Z');
    expect(sent().slice(-3)).toEqual([
      [
        '2027-03-16T09:00:00.000Z',
        HOME_TREATMENT,
        `Intensive home treatment for ${caseCode} ends at 8am on 23 March 2027`,
      ],
      [
        '2027-03-23T08:00:00.000Z',
        HOME_TREATMENT,
        `Intensive home treatment for ${caseCode} reaches its planned end today`,
      ],
      ['2027-03-23T08:00:00.000Z', CHAIR, `Intensive home treatment for ${caseCode} reaches its planned end today`],
    ]);
    await event('priya', { type: 'homeTreatmentEnded', endedOn: '2027-03-23', nextSupport: 'Locality CAMHS team' });

    // The timeline: every escalation and step down with its reason.
    const timeline = await call(platform, 'GET', `/cases/${caseId}/timeline`, 'rhys');
    const levels = (timeline.body.timeline as { kind: string; at: string; summary: string }[]).filter(
      (t) => (t.kind === 'escalated' && t.summary.startsWith('Escalated from')) || t.kind === 'deescalated',
    );
    expect(levels.map((t) => [t.at, t.summary.split('.')[0]])).toEqual([
      [
        '2027-02-06T18:00:00.000Z',
        'Escalated from Bronze to Silver: still in an acute bed 24 hours after being medically fit for discharge',
      ],
      [
        '2027-02-08T18:00:00.000Z',
        'Escalated from Silver to Gold: still in an acute bed 72 hours after being medically fit for discharge',
      ],
      [
        '2027-02-09T14:00:00.000Z',
        'Stepped down from Gold to Bronze: left hospital: home with intensive home treatment',
      ],
    ]);
    const closed = await call(platform, 'GET', `/cases/${caseId}`, 'priya');
    expect(closed.body.status).toBe('closed');
    expect(closed.body.details.hoursDelayed).toBe(92); // Fri 18:00 to Tue 14:00
    expect(Object.fromEntries(closed.body.clocks.map((c: { id: string; status: string }) => [c.id, c.status]))).toEqual(
      {
        'crisis-assessment': 'met',
        'bronze-first-meeting': 'met',
        'bronze-mdt': 'notApplicable',
        'delayed-discharge': 'metLate',
        'silver-meeting': 'met',
        'gold-meeting': 'met',
        'intensive-home-treatment': 'met',
      },
    );
    for (const m of platform.inbox.find({ caseCode }))
      expect(`${m.subject} ${m.body}`).not.toMatch(/Ellis|2011-03-09|CAMHS-SM-1/);

    // The working group and commissioners: counts and hours; no names, dates of birth or case codes in the
    // figures; case codes only with the clocks' states and ISO weeks in the open clocks; no case.
    for (const user of ['wyn', 'chris']) {
      const figures = await call(platform, 'GET', '/processes/crisis-escalation/figures', user);
      expect(figures.status).toBe(200);
      expect(figures.raw).not.toContain(caseCode);
      expect(figures.raw).not.toMatch(/Ellis|Jones|2011-03-09|dateOfBirth|youngPerson|CAMHS-SM-1|caseFigures/);
      // One presentation in February: 1 to 4 is shown as 'fewer than 5', the median and total withheld.
      expect(figures.body.byMonth.rows).toEqual([
        expect.objectContaining({
          month: '2027-02',
          presentations: 'fewer than 5',
          escalationsToGold: 'fewer than 5',
          hoursDelayedDischarge: { median: 'withheld', total: 'withheld', stillInAcuteBed: 0 },
        }),
      ]);
      expect(figures.body.asOf).toBe('2027-W12');
      const clocks = await call(platform, 'GET', '/processes/crisis-escalation/clocks', user);
      expect(clocks.status).toBe(200);
      expect(clocks.raw).not.toMatch(/Ellis|2011-03-09/);
      // No instant finer than the ISO week.
      expect(clocks.raw).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect((await call(platform, 'GET', `/cases/${caseId}`, user)).status).toBe(404);
    }
  });

  it('Silver recording the matter unresolved escalates to Gold at once, told to Gold by the state machine', async () => {
    const now = platform.clock.now();
    const presentedAt = new Date(now.getTime() - 3_600_000).toISOString();
    const opened = await call(
      platform,
      'POST',
      CRISIS,
      'rhys',
      examplePresentation({ caseReference: 'CAMHS-SM-2', presentedAt, urgency: 'urgent', rating: 'amber' }),
    );
    expect(opened.status, opened.raw).toBe(201);
    const { caseId, caseCode } = opened.body;
    const fitAt = now.toISOString();
    // Health staff of another area's organisation learn nothing of the case (404, as for none); the working group records nothing (403).
    expect(
      (await call(platform, 'POST', `/cases/${caseId}/events`, 'dan', { type: 'medicallyFit', fitAt })).status,
    ).toBe(404);
    expect(
      (await call(platform, 'POST', `/cases/${caseId}/events`, 'wyn', { type: 'medicallyFit', fitAt })).status,
    ).toBe(403);
    expect(
      (await call(platform, 'POST', `/cases/${caseId}/events`, 'priya', { type: 'medicallyFit', fitAt })).status,
    ).toBe(200);
    const silverAt = new Date(now.getTime() + 24 * 3_600_000);
    await platform.advanceTo(silverAt);
    const unresolvedAt = new Date(silverAt.getTime() + 2 * 3_600_000);
    await platform.advanceTo(unresolvedAt);
    const res = await call(platform, 'POST', `/cases/${caseId}/events`, 'rhys', {
      type: 'silverMeetingHeld',
      ...meeting(unresolvedAt.toISOString()),
      outcome: 'unresolved',
    });
    expect(res.status, res.raw).toBe(200);
    await platform.settle();
    const gold = platform.inbox.find({ caseCode }).filter((m) => m.subject.startsWith('Escalated to Gold'));
    expect(gold.map((m) => [m.createdAt, m.address]).sort()).toEqual(
      [...GOLD, CHAIR].map((a) => [unresolvedAt.toISOString(), a]).sort(),
    );
    expect(res.body.clocks.find((c: { id: string }) => c.id === 'gold-meeting').dueAt).toBe(
      new Date(unresolvedAt.getTime() + 24 * 3_600_000).toISOString(),
    );
    // 72 hours after medically fit nothing more reaches Gold.
    await platform.advanceTo(new Date(now.getTime() + 73 * 3_600_000));
    expect(platform.inbox.find({ caseCode }).filter((m) => m.subject.startsWith('Escalated to Gold'))).toHaveLength(4);
  });
});

describe('a presentation reference is kept apart for each organisation that records it', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await testPlatform({ startAt: new Date('2026-10-28T00:00:00Z'), frozen: true });
  });
  afterAll(async () => platform?.stop());

  it('the same presentation reference from two organisations opens two cases: neither learns of the other’s case (no 409 naming its code)', async () => {
    const presentation = examplePresentation({
      caseReference: 'CAMHS-SHARED',
      healthProvider: 'northvale-health',
      presentedAt: '2026-10-27T09:00:00Z',
    });
    const byNorthvale = await call(platform, 'POST', '/processes/crisis-escalation/cases', 'dan', presentation);
    expect(byNorthvale.status, byNorthvale.raw).toBe(201);
    // Each provider's staff open cases naming their own organisation (naming another is refused: test/api/permissions.test.ts).
    const byRiverside = await call(platform, 'POST', '/processes/crisis-escalation/cases', 'priya', {
      ...presentation,
      healthProvider: 'riverside-health',
      youngPerson: { name: 'Sam Other', dateOfBirth: '2012-01-01' },
    });
    expect(byRiverside.status, byRiverside.raw).toBe(201);
    expect(byRiverside.raw).not.toContain(byNorthvale.body.caseCode);
    expect(byRiverside.body.caseId).not.toBe(byNorthvale.body.caseId);
    // The same organisation sending it again (the same request is a duplicate, 200; another one) is told its own case is open (409)
    expect((await call(platform, 'POST', '/processes/crisis-escalation/cases', 'dan', presentation)).body.outcome).toBe(
      'duplicate',
    );
    const again = await call(platform, 'POST', '/processes/crisis-escalation/cases', 'dan', {
      ...presentation,
      presentedAt: '2026-10-27T09:30:00Z',
    });
    expect([again.status, again.body.code]).toEqual([409, 'caseExists']);
    expect(again.raw).toContain(byNorthvale.body.caseCode);
  });
});
