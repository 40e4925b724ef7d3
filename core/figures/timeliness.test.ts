import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '../calendar';
import type { ClockDefinition, ClockState } from '../clocks/model';
import { clockStateOf, DUE_SOON_DEFINITION } from '../clocks/state';
import { CountSheet, FEWER_THAN_5, WITHHELD } from './suppression';
import { NO_REASON_RECORDED, type TimelinessCase, timelinessDraft } from './timeliness';

const F = FEWER_THAN_5;
const W = WITHHELD;
// Wednesday 10 March 2027, 12:00 London (GMT).
const NOW = new Date('2027-03-10T12:00:00Z');

const calendars = { workingDays: createWorkingDayCalendar() };

const definitions: Pick<ClockDefinition, 'id' | 'title' | 'source' | 'owner' | 'kind' | 'length'>[] = [
  {
    id: 'request',
    title: 'Request to health',
    source: { kind: 'localTarget', citation: 'local' },
    owner: 'council',
    kind: 'workingDays',
    length: 5,
  },
  {
    id: 'assessment',
    title: 'Assessment',
    source: { kind: 'statutory', citation: 'statute' },
    owner: 'healthProvider',
    kind: 'workingDays',
    length: 20,
  },
];

function clock(definitionId: string, status: ClockState['status'], dueAt: string, stoppedAt?: string): ClockState {
  const definition = definitions.find((d) => d.id === definitionId);
  return {
    id: definitionId,
    definitionId,
    title: definition?.title ?? definitionId,
    kind: 'workingDays',
    length: 5,
    source: definition?.source ?? { kind: 'localTarget', citation: '' },
    status,
    startedAt: '2027-01-01T09:00:00Z',
    startDay: '2027-01-01',
    dueAt,
    pausedUnits: 0,
    ...(stoppedAt ? { stoppedAt } : {}),
    reached: [],
    generation: 0,
    history: [],
  };
}

let n = 0;
const aCase = (...clocks: ClockState[]): TimelinessCase => ({
  caseId: `c${++n}`,
  clocks: Object.fromEntries(clocks.map((c) => [c.id, structuredClone(c)])),
});
/** Each case five times: every count (and every difference of counts) is then a multiple of 5, so nothing is suppressed and the counting shows plainly. */
const fiveOf = (...cases: TimelinessCase[]) =>
  cases.flatMap((c) =>
    Array.from({ length: 5 }, () => ({ ...c, caseId: `c${++n}`, clocks: structuredClone(c.clocks) })),
  );

function figures(
  records: TimelinessCase[],
  reasonOf?: (record: TimelinessCase, clock: ClockState) => string | undefined,
  now = NOW,
) {
  const sheet = new CountSheet();
  const draft = timelinessDraft(sheet, records, definitions, now, calendars, reasonOf);
  return sheet.suppress().resolve(draft);
}

describe('timeliness figures for the commissioners dashboard: the counting', () => {
  it('counts open clocks, those due soon, and breaches apart by statutory or local target and by who holds the clock', () => {
    // Prepare: request clocks: 2 running (one due in 2 working days, one in 8), 1 met late; assessment: 1 breached
    // open, 1 met, 1 running due tomorrow (each five times)
    const records = fiveOf(
      aCase(
        clock('request', 'running', '2027-03-12T23:59:59.999Z'),
        clock('assessment', 'running', '2027-03-11T12:00:00Z'),
      ),
      aCase(clock('request', 'running', '2027-03-20T23:59:59Z')),
      aCase(
        clock('request', 'metLate', '2027-02-05T23:59:59Z', '2027-02-08T10:00:00Z'),
        clock('assessment', 'breached', '2027-03-01T23:59:59Z'),
      ),
      aCase(clock('assessment', 'met', '2027-02-20T23:59:59Z', '2027-02-18T10:00:00Z')),
    );
    // Act
    const t = figures(records);
    // Assess
    expect(t.dueSoonRule).toBe(DUE_SOON_DEFINITION);
    expect(t.clocks.measures).toEqual({
      open: 'count',
      dueSoon: 'count',
      breached: 'count',
      breachedOpen: 'count',
      met: 'count',
      metLate: 'count',
    });
    expect(t.clocks.rows).toEqual([
      {
        clockId: 'request',
        title: 'Request to health',
        dueSoonRule: 'due within the next 2 working days',
        source: 'localTarget',
        citation: 'local',
        owner: 'council',
        open: 10,
        dueSoon: 5,
        breached: 5,
        breachedOpen: 0,
        met: 0,
        metLate: 5,
      },
      {
        clockId: 'assessment',
        title: 'Assessment',
        dueSoonRule: 'due within the next 2 working days',
        source: 'statutory',
        citation: 'statute',
        owner: 'healthProvider',
        open: 10,
        dueSoon: 5,
        breached: 5,
        breachedOpen: 5,
        met: 5,
        metLate: 0,
      },
    ]);
    expect(t.clocks.total).toEqual({ open: 20, dueSoon: 10, breached: 10, breachedOpen: 5, met: 5, metLate: 5 });
    expect(t.breaches.rows).toEqual([
      { rule: 'statutory', breaches: 5 },
      { rule: 'localTarget', breaches: 5 },
    ]);
    expect(t.breachesByOwner.rows).toEqual([
      { owner: 'council', breaches: 5 },
      { owner: 'healthProvider', breaches: 5 },
    ]);
  });

  it('due soon is the one state every page shows (core/clocks/state.ts): due within the next 2 working days, never past due', () => {
    // Prepare: on Wed 10 Mar 2027, a 5-working-day clock due at the end of Fri 12 Mar is due soon; one due at the
    // end of Mon 15 Mar is not yet; one due at 11:59:59 today is overdue, not due soon
    const due = ['2027-03-12T23:59:59.999Z', '2027-03-15T23:59:59.999Z', '2027-03-10T11:59:59Z'];
    const records = fiveOf(...due.map((d) => aCase(clock('request', 'running', d))));
    // Act
    const [request] = figures(records).clocks.rows;
    // Assess
    expect(request).toMatchObject({ open: 15, dueSoon: 5 });
    expect(due.map((d) => clockStateOf(clock('request', 'running', d), NOW, calendars).state)).toEqual([
      'dueSoon',
      'inTime',
      'overdue',
    ]);
    // The next morning (Thu 11 Mar) Mon 15 is within the next 2 working days too
    expect(figures(records, undefined, new Date('2027-03-11T08:00:00Z')).clocks.rows[0]).toMatchObject({
      dueSoon: 10,
    });
  });

  it('shares by the London month the clocks fell due, counting only clocks whose outcome is known', () => {
    // Prepare: January 2 met; February 1 met and 1 late; 23:30 UTC on 31 May is 00:30 on 1 June in London (BST); each five times.
    const records = fiveOf(
      aCase(clock('assessment', 'met', '2027-01-15T17:00:00Z', '2027-01-14T10:00:00Z')),
      aCase(clock('assessment', 'met', '2027-01-20T17:00:00Z', '2027-01-14T10:00:00Z')),
      aCase(clock('assessment', 'met', '2027-02-15T17:00:00Z', '2027-02-14T10:00:00Z')),
      aCase(clock('assessment', 'metLate', '2027-02-15T17:00:00Z', '2027-02-20T10:00:00Z')),
      aCase(clock('assessment', 'met', '2027-05-31T23:30:00Z', '2027-05-30T10:00:00Z')),
      aCase(clock('assessment', 'running', '2027-04-15T17:00:00Z')),
    );
    // Act
    const t = figures(records);
    // Assess
    expect(t.byMonth.measures).toEqual({ due: 'count', withinTimescale: 'count', share: 'share' });
    expect(t.byMonth.rows).toEqual([
      { clockId: 'assessment', month: '2027-01', due: 10, withinTimescale: 10, share: 1 },
      { clockId: 'assessment', month: '2027-02', due: 10, withinTimescale: 5, share: 0.5 },
      { clockId: 'assessment', month: '2027-06', due: 5, withinTimescale: 5, share: 1 },
    ]);
  });

  it('by default the reason for a missed clock is the one the rules gave when they stopped it late; none is "No reason recorded yet"', () => {
    // Prepare
    const late = clock('assessment', 'metLate', '2027-02-15T17:00:00Z', '2027-02-20T10:00:00Z');
    late.history = [
      { at: '2027-01-01T09:00:00Z', change: 'started' },
      { at: '2027-02-16T00:00:00Z', change: 'breached' },
      { at: '2027-02-20T10:00:00Z', change: 'metLate', reason: 'Health capacity' },
    ];
    const records = [
      ...fiveOf(aCase(late)),
      ...fiveOf(aCase(late)),
      ...fiveOf(aCase(clock('assessment', 'breached', '2027-03-01T17:00:00Z'))),
    ];
    // Act
    const t = figures(records);
    // Assess: most frequent first
    expect(t.breachReasons.rows).toEqual([
      { clockId: 'assessment', reason: 'Health capacity', clocks: 10 },
      { clockId: 'assessment', reason: NO_REASON_RECORDED, clocks: 5 },
    ]);
  });

  it('a clock the definitions do not list is still counted, after them, with its own title and source', () => {
    // Prepare
    const stray = {
      ...clock('review-1', 'breached', '2027-03-01T17:00:00Z'),
      title: 'Review',
      source: { kind: 'statutory' as const, citation: 'regs' },
    };
    // Act
    const t = figures(fiveOf(aCase(stray)));
    // Assess
    expect(t.clocks.rows.map((c) => c.clockId)).toEqual(['request', 'assessment', 'review-1']);
    expect(t.clocks.rows[2]).toMatchObject({ title: 'Review', source: 'statutory', owner: 'unknown', breached: 5 });
    expect(t.breaches.rows[0]).toEqual({ rule: 'statutory', breaches: 5 });
  });

  it('nothing yet: every listed clock with zeros, and no months', () => {
    // Act
    const t = figures([]);
    // Assess
    expect(t.clocks.rows.map((c) => [c.clockId, c.open, c.breached])).toEqual([
      ['request', 0, 0],
      ['assessment', 0, 0],
    ]);
    expect(t.byMonth.rows).toEqual([]);
    expect(t.breaches.rows.map((b) => b.breaches)).toEqual([0, 0]);
  });
});

describe('timeliness figures: small numbers suppressed across every table of the answer', () => {
  it('3 clocks met late in February: the month, the clock row, the totals, the reasons and the breaches all keep it hidden', () => {
    // Prepare: January 10 met; February 6 met and 3 late; June 5 met; 1 running.
    const records: TimelinessCase[] = [];
    for (let i = 0; i < 10; i++)
      records.push(aCase(clock('assessment', 'met', '2027-01-15T17:00:00Z', '2027-01-14T10:00:00Z')));
    for (let i = 0; i < 6; i++)
      records.push(aCase(clock('assessment', 'met', '2027-02-15T17:00:00Z', '2027-02-14T10:00:00Z')));
    for (let i = 0; i < 3; i++)
      records.push(aCase(clock('assessment', 'metLate', '2027-02-15T17:00:00Z', '2027-02-20T10:00:00Z')));
    for (let i = 0; i < 5; i++)
      records.push(aCase(clock('assessment', 'met', '2027-05-31T23:30:00Z', '2027-05-30T10:00:00Z')));
    records.push(aCase(clock('assessment', 'running', '2027-04-15T17:00:00Z')));
    // Act
    const t = figures(records);
    // Assess: February's 9 due less its within timescale would give the 3 missed: within is withheld; then June's
    // within is withheld so the clock's met does not give February's back; met itself, beside the months due,
    // would give the missed: withheld.
    expect(t.byMonth.rows.map((m) => [m.month, m.due, m.withinTimescale, m.share])).toEqual([
      ['2027-01', 10, 10, 1],
      ['2027-02', 9, W, W],
      ['2027-06', 5, W, W],
    ]);
    expect(t.clocks.rows[1]).toMatchObject({ open: F, dueSoon: 0, breached: F, breachedOpen: 0, met: W, metLate: F });
    expect(t.clocks.total).toEqual({ open: F, dueSoon: 0, breached: F, breachedOpen: 0, met: W, metLate: F });
    expect(t.breachReasons.rows).toEqual([{ clockId: 'assessment', reason: NO_REASON_RECORDED, clocks: F }]);
    expect(t.breaches.rows).toEqual([
      { rule: 'statutory', breaches: F },
      { rule: 'localTarget', breaches: 0 },
    ]);
  });

  it('breach reasons: 7, 6 and 1 missed: the 1 is fewer than 5 and the next smallest withheld', () => {
    // Prepare: 7 late for capacity, 6 for the young person's wishes, 1 still breached without a reason
    const records: (TimelinessCase & { reason?: string })[] = [];
    for (let i = 0; i < 7; i++)
      records.push({
        ...aCase(clock('assessment', 'metLate', '2027-02-15T17:00:00Z', '2027-02-20T10:00:00Z')),
        reason: 'Health capacity',
      });
    for (let i = 0; i < 6; i++)
      records.push({
        ...aCase(clock('assessment', 'metLate', '2027-02-15T17:00:00Z', '2027-02-20T10:00:00Z')),
        reason: "The young person's wishes",
      });
    records.push(aCase(clock('assessment', 'breached', '2027-03-01T17:00:00Z')));
    // Act
    const t = figures(records, (record) => (record as { reason?: string }).reason);
    // Assess
    expect(t.breachReasons.rows.map((r) => [r.reason, r.clocks])).toEqual([
      ['Health capacity', 7],
      ["The young person's wishes", W],
      [NO_REASON_RECORDED, F],
    ]);
    expect(t.clocks.rows[1]).toMatchObject({ breached: 14 });
  });
});
