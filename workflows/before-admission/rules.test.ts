/**
 * Before admission's rules, in memory: who is told before and at each deadline (the register lead, the
 * key worker once named, Silver at a missed community review), messages without the young person's
 * details, an admission before the community review kept and told, bad input refused naming the field.
 */
import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '#core/calendar/index';
import { figuresAnswer } from '#core/figures/answer';
import type { Actor } from '#core/identity/actor';
import { definitionOf } from '#core/process/catalogue';
import { ProcessHarness } from '#test/support/process-harness';
import type { BeforeAdmissionDetails } from './contract';
import { exampleAtRisk, keyWorker } from './example';
import * as parts from './index';
import { figureCounts } from './views';

const beforeAdmission = definitionOf(parts);

const priya: Actor = {
  kind: 'person',
  userId: 'u-priya-health',
  name: 'Priya Shah',
  role: 'health',
  organisation: 'riverside-health',
};
const LEAD = 'bronze.chair@riverside-health.example.nhs.uk';
const JO = keyWorker.email;
const SILVER = [
  'silver.commissioning@riverside-icb.example.nhs.uk',
  'silver.operations@riverside-health.example.nhs.uk',
  'head.of.service.children@riverside.example.gov.uk',
];

function rated(overrides: Record<string, unknown> = {}, at = '2026-12-21T10:00:00Z') {
  const h = new ProcessHarness<BeforeAdmissionDetails>(beforeAdmission);
  const d = h.apply('atRiskOfAdmission', exampleAtRisk({ ratedAt: at, ...overrides }), priya, at);
  expect(d.outcome, JSON.stringify(d.response)).toBe('applied');
  return h;
}

describe('who is told', () => {
  it('nothing recorded after a Red rating on Mon 21 Dec 2026: the register lead before and at each deadline, Silver at the missed review', () => {
    const h = rated();
    h.runUntil('2026-12-31T00:00:00Z');
    const sent = h.outbox
      .map((m) => [m.dueAt, m.recipientRole, m.address])
      .sort((a, b) => `${a}`.localeCompare(`${b}`));
    expect(sent).toEqual(
      [
        ['2026-12-21T10:00:00Z', 'registerLead', LEAD],
        ['2026-12-24T23:59:59.999Z', 'registerLead', LEAD],
        ['2026-12-26T23:59:59.999Z', 'registerLead', LEAD],
        ['2026-12-28T23:59:59.999Z', 'registerLead', LEAD],
        ['2026-12-30T09:00:00.000Z', 'registerLead', LEAD],
        ['2026-12-30T23:59:59.999Z', 'registerLead', LEAD],
        ['2026-12-30T23:59:59.999Z', 'registerLead', LEAD],
        ...SILVER.map((a) => ['2026-12-30T23:59:59.999Z', 'silverMembers', a]),
      ].sort((a, b) => `${a}`.localeCompare(`${b}`)),
    );
    expect(h.record!.clocks['community-care-review']!.status).toBe('breached');
    for (const m of h.outbox) expect(`${m.subject}\n${m.body}`).not.toMatch(/Rowan|Price|2012-05-14|CAMHS-4001/);
    for (const m of h.outbox) expect(`${m.subject}\n${m.body}`).not.toMatch(/fail|high-risk|refus/i);
  });

  it('a key worker named at the rating is told at once and before each deadline, with the register lead', () => {
    const h = rated({ keyWorker });
    expect(h.record!.clocks['key-worker-named']).toBeUndefined();
    h.runUntil('2026-12-25T00:00:00Z');
    expect(h.outbox.filter((m) => m.address === JO).map((m) => m.dueAt)).toEqual([
      '2026-12-21T10:00:00Z',
      '2026-12-24T23:59:59.999Z',
    ]);
  });

  it('a key worker named later stops the key worker clock on time', () => {
    const h = rated();
    const d = h.apply('keyWorkerNamed', { keyWorker }, priya, '2026-12-23T11:00:00Z');
    expect(d.outcome).toBe('applied');
    expect(h.record!.clocks['key-worker-named']!.status).toBe('met');
    expect(h.outbox.at(-1)).toMatchObject({ recipientRole: 'keyWorker', address: JO });
  });
});

describe('the time at risk ends', () => {
  it('admitted before a community review: kept, the register lead told, every clock closed', () => {
    const h = rated();
    const d = h.apply(
      'riskOfAdmissionEnded',
      { at: '2026-12-23T15:00:00Z', outcome: 'admitted' },
      priya,
      '2026-12-23T16:00:00Z',
    );
    expect(d.outcome).toBe('applied');
    expect(h.record!.status).toBe('closed');
    expect(h.record!.details.ended).toMatchObject({ outcome: 'admitted', withoutCommunityReview: true });
    expect(h.outbox.at(-1)).toMatchObject({
      recipientRole: 'registerLead',
      subject: expect.stringContaining('Admitted before'),
    });
    expect(h.timers).toEqual([]);
    expect(h.apply('communityReviewHeld', { heldOn: '2026-12-23' }, priya, '2026-12-23T17:00:00Z').outcome).not.toBe(
      'applied',
    );
  });

  it('no longer at risk after the review: no admission counted', () => {
    const h = rated();
    h.apply('communityReviewHeld', { heldOn: '2026-12-22' }, priya, '2026-12-22T16:00:00Z');
    h.apply(
      'riskOfAdmissionEnded',
      { at: '2027-01-10T10:00:00Z', outcome: 'stayingInCommunity' },
      priya,
      '2027-01-10T10:00:00Z',
    );
    expect(h.record!.details.ended).toMatchObject({ withoutCommunityReview: false });
  });
});

describe('bad input is refused naming the field, nothing recorded', () => {
  it.each([
    [{ ratedAt: '2026-11-01T10:00:00Z' }, 'ratedAt'],
    [{ youngPerson: { name: 'Rowan Price', dateOfBirth: '2008-01-01' } }, 'youngPerson.dateOfBirth'],
    [{ healthProvider: 'riverside-council' }, 'healthProvider'],
  ])('%j', (overrides, path) => {
    const h = new ProcessHarness<BeforeAdmissionDetails>(beforeAdmission);
    const d = h.apply('atRiskOfAdmission', exampleAtRisk(overrides), priya, '2026-12-21T10:00:00Z');
    expect(d.outcome).toBe('rejected');
    expect(JSON.stringify(d.response)).toContain(path);
    expect(h.record).toBeUndefined();
  });

  it('a community review dated before the rating', () => {
    const h = rated();
    const d = h.apply('communityReviewHeld', { heldOn: '2026-12-20' }, priya, '2026-12-22T10:00:00Z');
    expect(d.outcome).toBe('rejected');
    expect(JSON.stringify(d.response)).toContain('heldOn');
    expect(h.record!.details.communityReview).toBeUndefined();
  });
});

describe('figures', () => {
  it('counts each in its month, and small numbers pass the one suppression step', () => {
    const a = rated();
    a.apply('communityReviewHeld', { heldOn: '2026-12-30' }, priya, '2026-12-30T16:00:00Z');
    const b = rated({ caseReference: 'CAMHS-4002' });
    b.apply('riskOfAdmissionEnded', { at: '2027-01-04T10:00:00Z', outcome: 'admitted' }, priya, '2027-01-04T10:00:00Z');
    expect(figureCounts([a.record!, b.record!])).toEqual([
      expect.objectContaining({ month: '2026-12', ratedAtRisk: 2, communityReviews: 1, communityReviewsOnTime: 1 }),
      expect.objectContaining({ month: '2027-01', admittedWithoutCommunityReview: 1 }),
    ]);
    const records = [a.record!, b.record!];
    const answer = JSON.stringify(
      figuresAnswer(beforeAdmission, records, beforeAdmission.clocks, new Date('2027-01-05T00:00:00Z'), {
        workingDays: createWorkingDayCalendar(),
      }),
    );
    expect(answer).toContain('fewer than 5');
    expect(answer).not.toMatch(/Rowan|CAMHS-400|"2"|DSR-/);
  });
});
