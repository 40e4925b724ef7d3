/**
 * Before admission's deadlines, computed by hand. Working days in England: 25 and 28 Dec 2026, 1 Jan
 * 2027, Good Friday 26 Mar and Easter Monday 29 Mar 2027 are bank holidays; the council's closure days
 * (29 to 31 Dec 2026, in the test partnership) are not the ICB's and are not skipped. London is GMT (UTC)
 * until 28 Mar 2027 and from 31 Oct 2027, BST (UTC+1) between. The community review is 5 working days
 * from the rating (a national standard: no one's closure days), due at the end of its 5th working day;
 * the first all-agency meeting 7 calendar days, at the end of the same weekday a week on; the weekly
 * meeting's occurrences at the end of the London day each week after the first meeting. Rules level,
 * in memory.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '#core/identity/actor';
import { PartnershipConfigError } from '#core/partnership/config';
import { checkPartnership as checkAgainst, definitionOf } from '#core/process/catalogue';
import { ProcessHarness, testPartnership } from '#test/support/process-harness';
import { processCatalogue } from '../catalogue';
import { COMMUNITY_REVIEW, FIRST_MEETING, KEY_WORKER, WEEKLY_MEETING } from './clocks';
import type { BeforeAdmissionDetails } from './contract';
import { exampleAtRisk } from './example';
import * as parts from './index';

const beforeAdmission = definitionOf(parts);

const priya: Actor = {
  kind: 'person',
  userId: 'u-priya-health',
  name: 'Priya Shah',
  role: 'health',
  organisation: 'riverside-health',
};

function applied<D extends { outcome: string; response: unknown }>(d: D): D {
  expect(d.outcome, JSON.stringify(d.response)).toBe('applied');
  return d;
}

function rated(ratedAt: string, overrides: Record<string, unknown> = {}, partnership = testPartnership) {
  const h = new ProcessHarness<BeforeAdmissionDetails>(beforeAdmission, partnership);
  applied(h.apply('atRiskOfAdmission', exampleAtRisk({ ratedAt, ...overrides }), priya, ratedAt));
  return h;
}

const alertsOf = (h: ProcessHarness<BeforeAdmissionDetails>, clockId: string) =>
  Object.fromEntries(h.timers.filter((t) => t.clockId === clockId).map((t) => [t.checkpointId, t.dueAt]));

const MET = {
  organisationsPresent: ['riverside-health', 'riverside-council', 'riverside-icb'],
  decisions: 'Agreed extra support at home',
  plan: 'Key worker visits twice a week',
};

describe('the community Care (Education) and Treatment Review: 5 working days from the rating', () => {
  it.each([
    [
      '2026-12-21T10:00:00Z',
      'Mon 21 Dec 2026: 22, 23, 24 (3), 25 and 28 Dec bank holidays, 29 (4), 30 (5: the council’s closure day counts)',
      '2026-12-24T23:59:59.999Z',
      '2026-12-30T09:00:00.000Z',
      '2026-12-30T23:59:59.999Z',
    ],
    [
      '2026-12-30T15:00:00Z',
      'Wed 30 Dec 2026: 31 (1), 1 Jan bank holiday, Mon 4 (2), 5 (3), 6 (4), Thu 7 Jan (5)',
      '2027-01-05T23:59:59.999Z',
      '2027-01-07T09:00:00.000Z',
      '2027-01-07T23:59:59.999Z',
    ],
    [
      '2027-03-25T09:00:00Z',
      'Thu 25 Mar 2027: Good Friday and Easter Monday off, clocks forward Sun 28; Tue 30 (1), 31, Thu 1 Apr (3), ' +
        'Fri 2, Mon 5 Apr (5) in BST',
      '2027-04-01T22:59:59.999Z',
      '2027-04-05T08:00:00.000Z',
      '2027-04-05T22:59:59.999Z',
    ],
    [
      '2027-10-29T10:00:00Z',
      'Fri 29 Oct 2027 (BST): clocks back Sun 31; Mon 1 Nov (1), 2, Wed 3 (3), 4, Fri 5 Nov (5) in GMT',
      '2027-11-03T23:59:59.999Z',
      '2027-11-05T09:00:00.000Z',
      '2027-11-05T23:59:59.999Z',
    ],
  ])('rated %s (%s)', (ratedAt, _worked, reminder, dueToday, due) => {
    const h = rated(ratedAt);
    expect(h.record!.clocks[COMMUNITY_REVIEW]!.dueAt).toBe(due);
    expect(alertsOf(h, COMMUNITY_REVIEW)).toEqual({
      'review-reminder': reminder,
      'review-due-today': dueToday,
      'review-due': due,
    });
    // The key worker's local target is the same 5 working days (the ICB has no closure days here).
    expect(h.record!.clocks[KEY_WORKER]!.dueAt).toBe(due);
  });

  it('held on its 5th working day is on time; the day after is not', () => {
    const onTime = rated('2026-12-21T10:00:00Z');
    applied(onTime.apply('communityReviewHeld', { heldOn: '2026-12-30' }, priya, '2026-12-30T16:00:00Z'));
    expect(onTime.record!.clocks[COMMUNITY_REVIEW]!.status).toBe('met');
    expect(onTime.record!.details.communityReview).toEqual({ heldOn: '2026-12-30', onTime: true });
    const late = rated('2026-12-21T10:00:00Z');
    late.runUntil('2026-12-31T10:00:00Z');
    applied(late.apply('communityReviewHeld', { heldOn: '2026-12-31' }, priya, '2026-12-31T10:00:00Z'));
    expect(late.record!.details.communityReview).toEqual({ heldOn: '2026-12-31', onTime: false });
  });
});

describe('the first all-agency meeting (7 days) and the weekly meeting after it', () => {
  it.each([
    [
      '2026-12-21T10:00:00Z',
      'Mon 21 Dec 2026: reminder Sat 26, due Mon 28 Dec (a bank holiday counts)',
      '2026-12-26T23:59:59.999Z',
      '2026-12-28T23:59:59.999Z',
    ],
    [
      '2027-03-25T09:00:00Z',
      'Thu 25 Mar 2027: across the clocks going forward, due Thu 1 Apr BST',
      '2027-03-30T22:59:59.999Z',
      '2027-04-01T22:59:59.999Z',
    ],
    [
      '2027-10-29T10:00:00Z',
      'Fri 29 Oct 2027: across the clocks going back, due Fri 5 Nov GMT',
      '2027-11-03T23:59:59.999Z',
      '2027-11-05T23:59:59.999Z',
    ],
  ])('rated %s (%s)', (ratedAt, _worked, reminder, due) => {
    const h = rated(ratedAt);
    expect(alertsOf(h, FIRST_MEETING)).toEqual({ 'meeting-reminder': reminder, 'meeting-due': due });
  });

  it('from a first meeting on Thu 25 Mar 2027 (GMT), the weekly meeting falls at the end of Thu 1 Apr and 8 Apr (BST)', () => {
    const h = rated('2027-03-24T09:00:00Z');
    const d = applied(
      h.apply('meetingHeld', { heldAt: '2027-03-25T10:00:00Z', ...MET }, priya, '2027-03-25T12:00:00Z'),
    );
    expect(h.record!.clocks[FIRST_MEETING]!.status).toBe('met');
    expect(h.record!.clocks[WEEKLY_MEETING]!.dueAt).toBe('2027-04-01T22:59:59.999Z');
    expect(d.response).toMatchObject({ message: expect.stringContaining('Thu 1 Apr 2027 at 23:59') });
    // Discussed on Wed 31 Mar: the first week is met, nobody told; nothing in the week to 8 Apr: both told.
    applied(
      h.apply(
        'keyWorkerNamed',
        { keyWorker: { name: 'Jo Adeyemi', email: 'jo.adeyemi@riverside-health.example.nhs.uk' } },
        priya,
        '2027-03-26T09:00:00Z',
      ),
    );
    applied(h.apply('meetingHeld', { heldAt: '2027-03-31T10:00:00Z', ...MET }, priya, '2027-03-31T12:00:00Z'));
    const before = h.outbox.length;
    h.runUntil('2027-04-02T00:00:00Z');
    expect(h.record!.details.weeks).toEqual([{ dueAt: '2027-04-01T22:59:59.999Z', discussed: true }]);
    expect(h.record!.clocks[WEEKLY_MEETING]!.dueAt).toBe('2027-04-08T22:59:59.999Z');
    expect(h.outbox.slice(before).filter((m) => m.dueAt?.startsWith('2027-04-01T22'))).toEqual([]);
    h.runUntil('2027-04-09T00:00:00Z');
    expect(h.record!.details.weeks.at(-1)).toEqual({ dueAt: '2027-04-08T22:59:59.999Z', discussed: false });
    expect(
      h.outbox.filter((m) => m.dueAt === '2027-04-08T22:59:59.999Z').map((m) => [m.recipientRole, m.address]),
    ).toEqual([
      ['registerLead', 'bronze.chair@riverside-health.example.nhs.uk'],
      ['keyWorker', 'jo.adeyemi@riverside-health.example.nhs.uk'],
    ]);
  });
});

describe('no configuration lengthens the community review; a partnership may shorten it', () => {
  const withProcess = (override: Record<string, unknown>) =>
    structuredClone({
      ...testPartnership,
      processes: { ...testPartnership.processes, 'before-admission': override },
    }) as typeof testPartnership;
  function refusals(act: () => unknown): string[] {
    try {
      act();
    } catch (error) {
      if (error instanceof PartnershipConfigError) return error.problems;
      throw error;
    }
    return [];
  }

  it('refuses 6 working days at start, naming why', () => {
    expect(
      refusals(() =>
        checkAgainst(processCatalogue, withProcess({ clocks: { 'community-care-review': { length: 6 } } })),
      ).join('\n'),
    ).toContain('configuration may shorten it but not lengthen it to 6');
  });

  it('shortened to 3 working days: rated Mon 21 Dec 2026, due at the end of Thu 24 Dec', () => {
    const partnership = withProcess({ clocks: { 'community-care-review': { length: 3 } } });
    expect(checkAgainst(processCatalogue, partnership)).toBe(partnership);
    const h = rated('2026-12-21T10:00:00Z', {}, partnership);
    expect(h.record!.clocks[COMMUNITY_REVIEW]!.dueAt).toBe('2026-12-24T23:59:59.999Z');
  });
});
