/**
 * Crisis escalation's dates and times: deadlines computed by hand across the clock changes and a bank
 * holiday (London is BST, UTC+1, until 02:00 on Sun 25 Oct 2026, then GMT; BST again from 28 Mar 2027),
 * and a time refused, naming its field, when it comes before what it follows. Rules level, in memory.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '#core/identity/actor';
import { definitionOf } from '#core/process/catalogue';
import { ProcessHarness } from '#test/support/process-harness';
import type { CrisisDetails } from './contract';
import { examplePresentation } from './example';
import * as crisisParts from './index';

const crisisEscalation = definitionOf(crisisParts);

const person = (role: string, organisation: string): Actor => ({
  kind: 'person',
  userId: `u-${role}-${organisation}`,
  name: 'A Person',
  role: role as Actor['role'],
  organisation,
});
const health = person('health', 'riverside-health');

/** Presented on a paediatric ward (Red, urgent) and medically fit at `fitAt`; the timers run to `until`. */
function fitAt(presentedAt: string, fit: string, until: string) {
  const h = new ProcessHarness<CrisisDetails>(crisisEscalation);
  expect(
    h.apply('presented', examplePresentation({ presentedAt, urgency: 'urgent' }), health, presentedAt).outcome,
  ).toBe('applied');
  expect(h.apply('crisisAssessed', { assessedAt: presentedAt }, health, presentedAt).outcome).toBe('applied');
  expect(h.apply('medicallyFit', { fitAt: fit }, health, fit).outcome).toBe('applied');
  h.runUntil(until);
  return h;
}

describe('deadlines, computed by hand', () => {
  it('medically fit 18:00 BST Sat 24 Oct 2026: Silver 24 real hours later (17:00 GMT Sun 25 Oct), Gold 72 (17:00 GMT Tue 27 Oct)', () => {
    const h = fitAt('2026-10-24T09:00:00Z', '2026-10-24T17:00:00Z', '2026-10-29T00:00:00Z');
    const levels = h.record!.details.levelChanges.map((c) => [c.at, c.to]);
    expect(levels).toEqual([
      ['2026-10-25T17:00:00.000Z', 'silver'],
      ['2026-10-27T17:00:00.000Z', 'gold'],
    ]);
    // Silver within 1 working day: the end of Mon 26 Oct (GMT); Gold within 24 hours: 17:00 Wed 28 Oct
    expect(h.record!.clocks['silver-meeting']!.dueAt).toBe('2026-10-26T23:59:59.999Z');
    expect(h.record!.clocks['gold-meeting']!.dueAt).toBe('2026-10-28T17:00:00.000Z');
  });

  it('Silver on Friday 30 Apr 2027 before the early May bank holiday: its meeting is due by the end of Tue 4 May (BST)', () => {
    // Medically fit 18:00 BST Thu 29 Apr (17:00Z): Silver 17:00Z Fri 30 Apr; Sat, Sun and Mon 3 May are not working days
    const h = fitAt('2027-04-29T08:00:00Z', '2027-04-29T17:00:00Z', '2027-05-01T00:00:00Z');
    expect(h.record!.details.levelChanges.map((c) => [c.at, c.to])).toEqual([['2027-04-30T17:00:00.000Z', 'silver']]);
    expect(h.record!.clocks['silver-meeting']!.dueAt).toBe('2027-05-04T22:59:59.999Z');
  });
});

describe('a time before what it follows is refused, naming the field (it stored negative hours and met clocks before they started)', () => {
  const chair: Actor = person('crisis-chair', 'riverside-health');
  const meeting = (heldAt: string) => ({
    heldAt,
    organisationsPresent: ['riverside-health'],
    decisions: 'Agreed the next steps together',
    plan: 'Review tomorrow',
  });
  /** Presented Mon 1 Feb 2027 09:00 GMT, medically fit Tue 2 Feb 09:00: Silver at 09:00 Wed 3 Feb. */
  const atSilver = () => fitAt('2027-02-01T09:00:00Z', '2027-02-02T09:00:00Z', '2027-02-03T10:00:00Z');

  it.each([
    [
      'a discharge before medically fit',
      'discharged',
      { dischargedAt: '2027-02-02T08:00:00Z', outcome: 'localityTeam' },
      health,
      'dischargedAt',
      '2 February 2027 at 09:00 (medically fit for discharge)',
      { dischargedAt: '2027-02-02T10:00:00Z', outcome: 'localityTeam' },
    ],
    [
      'a Silver meeting before the escalation to Silver',
      'silverMeetingHeld',
      { ...meeting('2027-02-02T10:00:00Z'), outcome: 'resolved' },
      chair,
      'heldAt',
      '3 February 2027 at 09:00 (the escalation to Silver)',
      { ...meeting('2027-02-03T09:30:00Z'), outcome: 'resolved' },
    ],
    [
      'a step down before the case reached Silver',
      'steppedDown',
      { to: 'bronze', reason: 'supportInPlace', at: '2027-02-02T10:00:00Z' },
      chair,
      'at',
      '3 February 2027 at 09:00 (the move to Silver)',
      { to: 'bronze', reason: 'supportInPlace', at: '2027-02-03T09:45:00Z' },
    ],
    // (rated Amber at 12:00 on Tue 2 Feb first, below)
    [
      'a rating before the last rating',
      'ratingChanged',
      { rating: 'green', changedAt: '2027-02-02T11:00:00Z' },
      health,
      'changedAt',
      '2 February 2027 at 12:00 (the last rating)',
      { rating: 'green', changedAt: '2027-02-03T09:50:00Z' },
    ],
  ])(
    '%s: 400 naming the field, nothing kept; corrected, it applies',
    (_what, type, early, actor, path, from, corrected) => {
      const h = atSilver();
      if (type === 'ratingChanged')
        expect(
          h.apply(
            'ratingChanged',
            { rating: 'amber', changedAt: '2027-02-02T12:00:00Z' },
            health,
            '2027-02-03T09:55:00Z',
          ).outcome,
        ).toBe('applied');
      const before = JSON.stringify(h.record);
      const refused = h.apply(type, early, actor, '2027-02-03T10:00:00Z');
      expect(refused.outcome === 'rejected' ? refused.response.rejection : undefined).toMatchObject({
        status: 400,
        issues: [{ path, message: expect.stringContaining(from) }],
      });
      expect(JSON.stringify(h.record)).toBe(before);
      expect(h.apply(type, corrected, actor, '2027-02-03T10:05:00Z').outcome).toBe('applied');
    },
  );

  it('hours delayed are never negative: discharged 1 hour after medically fit is 1', () => {
    const h = atSilver();
    h.apply(
      'discharged',
      { dischargedAt: '2027-02-02T10:00:00Z', outcome: 'localityTeam' },
      health,
      '2027-02-03T10:05:00Z',
    );
    expect(h.record!.details.hoursDelayed).toBe(1);
  });
});

describe('a review after admission is dated on or after the admission', () => {
  it('the day before: 400 naming heldOn, the review still due; the day of the admission: held on time, the case closes', () => {
    const h = new ProcessHarness<CrisisDetails>(crisisEscalation);
    h.apply(
      'presented',
      examplePresentation({ presentedAt: '2027-02-01T09:00:00Z', autisticOrLearningDisability: true }),
      health,
      '2027-02-01T09:00:00Z',
    );
    expect(
      h.apply(
        'discharged',
        { dischargedAt: '2027-02-03T10:00:00Z', outcome: 'tier4Admission' },
        health,
        '2027-02-03T10:00:00Z',
      ).outcome,
    ).toBe('applied');
    const early = h.apply(
      'careReviewHeld',
      { kind: 'postAdmission', heldOn: '2027-02-02' },
      health,
      '2027-02-04T10:00:00Z',
    );
    expect(early.outcome === 'rejected' ? early.response.rejection : undefined).toMatchObject({
      status: 400,
      issues: [{ path: 'heldOn', message: 'must be on or after 3 February 2027 (the day of the admission)' }],
    });
    expect(h.record!.clocks['post-admission-care-review']!.status).toBe('running');
    expect(
      h.apply('careReviewHeld', { kind: 'postAdmission', heldOn: '2027-02-03' }, health, '2027-02-04T10:05:00Z')
        .outcome,
    ).toBe('applied');
    expect(h.record!.details.careReviews.postAdmission).toMatchObject({ heldOn: '2027-02-03', onTime: true });
    expect(h.record!.status).toBe('closed');
  });
});
