/**
 * The children in care health measures, worked out by hand on cases run through the rules: requests to
 * health within 5 working days and assessments within 20 (Easter 2026 and its bank holidays), where the
 * delay sits, reviews on time by age, and children in care at each month's end.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '#core/identity/actor';
import { countMeasures } from '#core/measures/measure';
import { enteredCare, IhaHarness } from '#test/support/initial-health-assessment';
import { people } from '#test/support/process-harness';
import { initialHealthAssessmentMeasures as measures } from './measures';

const { socialWorker, health } = people;
const practitioner = { name: 'Dr Helen Ward' };

function child(ref: string, dateOfBirth: string, at: string) {
  const h = new IhaHarness();
  h.runUntil(at);
  const d = h.apply(
    'childEnteredCare',
    enteredCare({ caseReference: ref, child: { name: 'Test Child', dateOfBirth }, enteredCareAt: at }),
    socialWorker,
    at,
  );
  expect(d.outcome, JSON.stringify(d.response)).toBe('applied');
  return h;
}
function record(h: IhaHarness, type: string, payload: Record<string, unknown>, at: string, by: Actor = health) {
  h.runUntil(at);
  const d = h.apply(type, payload, by, at);
  expect(d.outcome, JSON.stringify(d.response)).toBe('applied');
}

describe('children in care health measures', () => {
  // Prepare. X (under 5): entered Mon 2 Mar 2026; request due by the end of Mon 9 Mar, sent Tue 10 Mar
  // (late); assessment due by the end of Mon 30 Mar, done Thu 2 Apr (late, the request's delay); review due
  // Fri 2 Oct, done Thu 1 Oct (on time).
  const x = child('RCC-X', '2022-03-01', '2026-03-02T10:00:00Z');
  record(
    x,
    'requestSentToHealth',
    { sentAt: '2026-03-10T10:00:00Z', consentIncluded: true },
    '2026-03-10T10:00:00Z',
    socialWorker,
  );
  record(
    x,
    'assessmentCompleted',
    { completedOn: '2026-04-02', practitioner, healthPlanShared: true, delayReason: { code: 'requestLate' } },
    '2026-04-02T15:00:00Z',
  );
  record(x, 'reviewAssessmentCompleted', { completedOn: '2026-10-01', practitioner }, '2026-10-01T15:00:00Z');
  // Y (15): entered Wed 1 Apr; request the same day; assessment due by the end of Fri 1 May (Good Friday
  // and Easter Monday not counted), done Mon 20 Apr.
  const y = child('RCC-Y', '2010-06-15', '2026-04-01T09:00:00Z');
  record(
    y,
    'requestSentToHealth',
    { sentAt: '2026-04-01T11:00:00Z', consentIncluded: true },
    '2026-04-01T11:00:00Z',
    socialWorker,
  );
  record(
    y,
    'assessmentCompleted',
    { completedOn: '2026-04-20', practitioner, healthPlanShared: true },
    '2026-04-20T15:00:00Z',
  );
  // Z: entered at 23:30 UTC on 31 Mar (00:30 BST on 1 Apr: April's); no request (due by the end of Fri 10
  // Apr); assessment due by the end of Fri 1 May, missed; left care on Sun 10 May.
  const z = child('RCC-Z', '2012-01-01', '2026-03-31T23:30:00Z');
  record(
    z,
    'childLeftCare',
    { leftOn: '2026-05-10', reason: 'returnedToFamily' },
    '2026-05-11T09:00:00Z',
    socialWorker,
  );
  const now = new Date('2026-12-31T12:00:00Z');
  x.runUntil(now.toISOString());
  y.runUntil(now.toISOString());
  const counts = countMeasures(measures, [x.record!, y.record!, z.record!], [2026], { now });
  const yearOf = (id: string) => counts.find((c) => c.id === id)!.years![0]!;
  const monthsOf = (id: string) => yearOf(id).months;

  it('counts children entering care and in care at each month’s end', () => {
    expect(
      monthsOf('children-entering-care')
        .map((m) => m.count)
        .slice(1, 4),
    ).toEqual([0, 1, 2]);
    expect(monthsOf('children-in-care').map((m) => m.count)).toEqual([0, 0, 1, 3, 2, 2, 2, 2, 2, 2, 2, 2]);
    expect(yearOf('children-in-care').total).toEqual({ count: 2 });
  });

  it('counts requests within 5 working days and assessments within 20, by the month each fell due', () => {
    expect(monthsOf('requests-within-5-working-days').slice(2, 4)).toEqual([
      { count: 1, within: 0 },
      { count: 2, within: 1 },
    ]);
    expect(monthsOf('assessments-within-20-working-days').slice(2, 5)).toEqual([
      { count: 1, within: 0 },
      { count: 0, within: 0 },
      { count: 2, within: 1 },
    ]);
  });

  it('says where the delay sits: missed assessments by reason, and those whose request was late too', () => {
    expect(yearOf('assessments-missed').groups.reason).toEqual({
      'No reason recorded yet': 1,
      'Request to health sent late': 1,
    });
    expect(yearOf('missed-after-a-late-request').total).toEqual({ count: 2, within: 2 });
  });

  it('counts review health assessments on time for under-5s apart from 5 and over', () => {
    expect(yearOf('reviews-on-time-under-5').months[9]).toEqual({ count: 1, within: 1 });
    expect(yearOf('reviews-on-time-under-5').total).toEqual({ count: 1, within: 1 });
    // Y's first review falls due in April 2027: none of 5 and over yet.
    expect(yearOf('reviews-on-time-5-and-over').total).toEqual({ count: 0, within: 0 });
  });

  it('marks what no process records yet', () => {
    expect(counts.find((c) => c.id === 'dental-checks')!.years).toBeUndefined();
    expect(measures.measures.find((m) => m.id === 'dental-checks')!.notYetRecorded).toMatch(/No process records/);
  });
});
