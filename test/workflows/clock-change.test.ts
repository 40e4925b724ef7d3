/**
 * Deadlines across the October 2026 clock change, on the synthesized state machines (aws-local-stepfunctions,
 * DynamoDB Local, the controllable clock), through the API: a Supporting Families episode's weeks and a crisis
 * escalation's Silver and Gold. Every instant is computed by hand: London is BST (UTC+1) until 02:00 BST on
 * Sun 25 Oct 2026, then GMT (UTC).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiEvent } from '#local/demo';
import type { Platform } from '#local/platform';
import { examplePresentation } from '#workflows/crisis-escalation/example';
import { exampleAllocation, exampleRequest } from '#workflows/supporting-families/example';
import { testPlatform } from '../support/platform';

const SILVER = [
  'head.of.service.children@riverside.example.gov.uk',
  'silver.commissioning@riverside-icb.example.nhs.uk',
  'silver.operations@riverside-health.example.nhs.uk',
];
const GOLD = [
  'gold.coo@riverside-health.example.nhs.uk',
  'gold.dcs@riverside.example.gov.uk',
  'gold.nursing@riverside-icb.example.nhs.uk',
];
const CHAIR = 'bronze.chair@riverside-health.example.nhs.uk';

describe('deadlines across the October 2026 clock change', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await testPlatform({ startAt: new Date('2026-10-23T08:00:00Z'), frozen: true });
  });
  afterAll(async () => platform?.stop());

  async function call(method: string, path: string, user: string, body?: unknown) {
    const result = await platform.api(apiEvent(method, path, user, body));
    return { status: result.statusCode, body: JSON.parse(result.body as string), raw: result.body as string };
  }
  const at = async (iso: string) => {
    await platform.advanceTo(new Date(iso));
    await platform.settle();
  };

  it('a Supporting Families episode allocated at 10:00 BST on Fri 23 Oct 2026: its weeks end at 23:59:59.999 GMT on Fridays', async () => {
    // Act: requested 09:00 BST, decided 09:30, allocated 10:00 BST (09:00Z)
    const opened = await call(
      'POST',
      '/processes/supporting-families/cases',
      'alex',
      exampleRequest({ familyReference: 'FAM-OCT', requestedAt: '2026-10-23T08:00:00Z' }),
    );
    expect(opened.status, opened.raw).toBe(201);
    const { caseId } = opened.body;
    await at('2026-10-23T08:30:00Z');
    expect(
      (
        await call('POST', `/cases/${caseId}/events`, 'alex', {
          type: 'frontDoorDecision',
          route: 'intensiveEpisode',
          reason: 'Three needs',
          childInNeed: false,
        })
      ).status,
    ).toBe(200);
    await at('2026-10-23T09:00:00Z');
    const allocated = await call('POST', `/cases/${caseId}/events`, 'taylor', {
      type: 'leadPractitionerAllocated',
      ...exampleAllocation('2026-10-23T09:00:00Z'),
    });
    expect(allocated.status, allocated.raw).toBe(200);
    await platform.settle();
    // Assess: week N ends at the end of Friday N weeks on, GMT after 25 Oct (a 7 × 24 h count from BST would say 22:59:59.999Z)
    expect(allocated.body.message).toBe('Lead practitioner allocated; week 16 ends Fri 12 Feb 2027 at 23:59');
    const read = await call('GET', `/cases/${caseId}`, 'taylor');
    const upcoming = Object.fromEntries(
      (read.body.upcoming as { clockId: string; checkpoint: string; dueAt: string }[]).map((u) => [
        `${u.clockId}/${u.checkpoint}`,
        u.dueAt,
      ]),
    );
    expect(upcoming).toEqual({
      'assessment/assessment-due': '2026-11-20T23:59:59.999Z', // week 4: Fri 20 Nov 2026
      'episode/team-around-the-family-review': '2026-12-04T09:00:00.000Z', // week 6, 09:00 GMT
      'family-plan/plan-due': '2026-12-04T23:59:59.999Z', // week 6: Fri 4 Dec 2026
      'episode/week-14': '2027-01-29T23:59:59.999Z', // Fri 29 Jan 2027
      'episode/week-16': '2027-02-12T23:59:59.999Z', // Fri 12 Feb 2027
      'episode/week-20': '2027-03-12T23:59:59.999Z', // Fri 12 Mar 2027 (GMT until 28 Mar)
    });
  });

  it('crisis: medically fit 18:00 BST Sat 24 Oct 2026; Silver 24 real hours later (17:00 GMT Sun 25 Oct), Gold at 72 (17:00 GMT Tue 27 Oct), each level told then', async () => {
    await at('2026-10-24T08:00:00Z');
    const opened = await call(
      'POST',
      '/processes/crisis-escalation/cases',
      'priya',
      examplePresentation({ caseReference: 'CAMHS-OCT', presentedAt: '2026-10-24T08:00:00Z', urgency: 'urgent' }),
    );
    expect(opened.status, opened.raw).toBe(201);
    const { caseId, caseCode } = opened.body;
    await at('2026-10-24T17:00:00Z');
    expect(
      (await call('POST', `/cases/${caseId}/events`, 'priya', { type: 'medicallyFit', fitAt: '2026-10-24T17:00:00Z' }))
        .status,
    ).toBe(200);
    await at('2026-10-28T00:00:00Z');
    const escalations = platform.inbox
      .find({ caseCode })
      .filter((m) => m.subject.startsWith('Escalated to'))
      .map((m) => [m.createdAt, m.subject.slice(0, 'Escalated to Silver'.length), m.address])
      .sort((a, b) => `${a[0]}${a[2]}`.localeCompare(`${b[0]}${b[2]}`));
    expect(escalations).toEqual([
      ...[...SILVER, CHAIR].sort().map((address) => ['2026-10-25T17:00:00.000Z', 'Escalated to Silver', address]),
      ...[...GOLD, CHAIR].sort().map((address) => ['2026-10-27T17:00:00.000Z', 'Escalated to Gold: ', address]),
    ]);
  });
});
