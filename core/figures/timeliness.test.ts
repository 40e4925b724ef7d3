import { describe, expect, it } from 'vitest';
import type { ClockDefinition, ClockState } from '../clocks/model';
import { FEWER_THAN_5, WITHHELD } from './suppression';
import { DUE_SOON_DAYS, NO_REASON_RECORDED, timelinessFigures, type TimelinessCase } from './timeliness';

const NOW = new Date('2027-03-10T12:00:00Z');

const definitions: Pick<ClockDefinition, 'id' | 'title' | 'source' | 'owner'>[] = [
  { id: 'request', title: 'Request to health', source: { kind: 'localTarget', citation: 'local' }, owner: 'council' },
  { id: 'assessment', title: 'Assessment', source: { kind: 'statutory', citation: 'statute' }, owner: 'healthProvider' },
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
const aCase = (...clocks: ClockState[]): TimelinessCase & { reason?: string } => ({ caseId: `c${++n}`, clocks: Object.fromEntries(clocks.map((c) => [c.id, c])) });

describe('timeliness figures for the commissioners dashboard', () => {
  it('counts open clocks, those due in the next 7 days, and breaches apart by statutory or local target and by who holds the clock', () => {
    // Prepare: request clocks: 2 running (one due in 3 days, one in 10), 1 met late; assessment: 1 breached open, 1 met, 1 running due tomorrow
    const records = [
      aCase(clock('request', 'running', '2027-03-13T23:59:59Z'), clock('assessment', 'running', '2027-03-11T12:00:00Z')),
      aCase(clock('request', 'running', '2027-03-20T23:59:59Z')),
      aCase(clock('request', 'metLate', '2027-02-05T23:59:59Z', '2027-02-08T10:00:00Z'), clock('assessment', 'breached', '2027-03-01T23:59:59Z')),
      aCase(clock('assessment', 'met', '2027-02-20T23:59:59Z', '2027-02-18T10:00:00Z')),
    ];
    // Act
    const figures = timelinessFigures(records, definitions, NOW);
    // Assess
    const [request, assessment] = figures.clocks;
    expect(figures.dueSoonDays).toBe(DUE_SOON_DAYS);
    expect(request).toMatchObject({ clockId: 'request', source: 'localTarget', owner: 'council', open: 2, dueSoon: 1, breached: 1, breachedOpen: 0, met: 0, metLate: 1 });
    expect(assessment).toMatchObject({ clockId: 'assessment', source: 'statutory', owner: 'healthProvider', open: 2, dueSoon: 1, breached: 1, breachedOpen: 1, met: 1, metLate: 0 });
    expect(figures.breaches).toEqual({ statutory: 1, localTarget: 1 });
    expect(figures.breachesByOwner).toEqual({ council: 1, healthProvider: 1 });
  });

  it('an open clock already past its due instant is not "due soon" (it is breached); one due exactly 7 days ahead is', () => {
    // Prepare
    const sevenDays = new Date(NOW.getTime() + 7 * 86_400_000).toISOString();
    const justPast = new Date(NOW.getTime() + 7 * 86_400_000 + 1).toISOString();
    const records = [aCase(clock('request', 'running', sevenDays)), aCase(clock('request', 'running', justPast)), aCase(clock('request', 'running', '2027-03-10T11:59:59Z'))];
    // Act
    const [request] = timelinessFigures(records, definitions, NOW).clocks;
    // Assess
    expect(request!.open).toBe(3);
    expect(request!.dueSoon).toBe(1);
  });

  it('shares by the London month the clocks fell due, counting only clocks whose outcome is known; small numbers suppressed', () => {
    // Prepare: January: 10 met, 0 late; February: 6 met, 3 late (shown as fewer than 5, and the share withheld);
    // a clock due 00:30 London on 1 March BST-free is March in London and in UTC; one due 23:30 UTC on 31 May is June in London.
    const records: TimelinessCase[] = [];
    for (let i = 0; i < 10; i++) records.push(aCase(clock('assessment', 'met', '2027-01-15T17:00:00Z', '2027-01-14T10:00:00Z')));
    for (let i = 0; i < 6; i++) records.push(aCase(clock('assessment', 'met', '2027-02-15T17:00:00Z', '2027-02-14T10:00:00Z')));
    for (let i = 0; i < 3; i++) records.push(aCase(clock('assessment', 'metLate', '2027-02-15T17:00:00Z', '2027-02-20T10:00:00Z')));
    for (let i = 0; i < 5; i++) records.push(aCase(clock('assessment', 'met', '2027-05-31T23:30:00Z', '2027-05-30T10:00:00Z')));
    records.push(aCase(clock('assessment', 'running', '2027-04-15T17:00:00Z')));
    // Act
    const [, assessment] = timelinessFigures(records, definitions, NOW).clocks;
    // Assess
    expect(assessment!.byMonth).toEqual([
      { month: '2027-01', due: 10, withinTimescale: 10, share: 1 },
      { month: '2027-02', due: 9, withinTimescale: 6, share: WITHHELD },
      { month: '2027-06', due: 5, withinTimescale: 5, share: 1 },
    ]);
  });

  it('a month with fewer than 5 clocks due is suppressed, and another month withheld so the total does not reveal it', () => {
    // Prepare
    const records: TimelinessCase[] = [];
    for (let i = 0; i < 8; i++) records.push(aCase(clock('assessment', 'met', '2027-01-15T17:00:00Z', '2027-01-14T10:00:00Z')));
    for (let i = 0; i < 2; i++) records.push(aCase(clock('assessment', 'metLate', '2027-02-15T17:00:00Z', '2027-02-18T10:00:00Z')));
    for (let i = 0; i < 6; i++) records.push(aCase(clock('assessment', 'met', '2027-03-05T17:00:00Z', '2027-03-04T10:00:00Z')));
    // Act
    const [, assessment] = timelinessFigures(records, definitions, NOW).clocks;
    // Assess: February's 2 is fewer than 5; the next smallest month (6, March) is withheld; shares drawn from them withheld
    expect(assessment!.byMonth.map((m) => m.due)).toEqual([8, FEWER_THAN_5, WITHHELD]);
    expect(assessment!.byMonth.map((m) => m.share)).toEqual([1, WITHHELD, WITHHELD]);
    expect(assessment!.met + assessment!.metLate).toBe(16);
  });

  it("breach reasons come from the process, most frequent first; a missed clock without one is 'No reason recorded yet'; suppressed as a group", () => {
    // Prepare: 7 late for capacity, 6 for the child's wishes, 1 still breached without a reason
    const records: (TimelinessCase & { reason?: string })[] = [];
    for (let i = 0; i < 7; i++) records.push({ ...aCase(clock('assessment', 'metLate', '2027-02-15T17:00:00Z', '2027-02-20T10:00:00Z')), reason: 'Health capacity' });
    for (let i = 0; i < 6; i++) records.push({ ...aCase(clock('assessment', 'metLate', '2027-02-15T17:00:00Z', '2027-02-20T10:00:00Z')), reason: "The young person's wishes" });
    records.push(aCase(clock('assessment', 'breached', '2027-03-01T17:00:00Z')));
    // Act
    const [, assessment] = timelinessFigures(records, definitions, NOW, (record) => (record as { reason?: string }).reason).clocks;
    // Assess
    expect(assessment!.breachReasons).toEqual([
      { reason: 'Health capacity', count: 7 },
      { reason: "The young person's wishes", count: WITHHELD },
      { reason: NO_REASON_RECORDED, count: FEWER_THAN_5 },
    ]);
    expect(assessment!.breached).toBe(14);
  });

  it('by default the reason is the one the rules gave when they stopped the clock late', () => {
    // Prepare
    const late = clock('assessment', 'metLate', '2027-02-15T17:00:00Z', '2027-02-20T10:00:00Z');
    late.history = [{ at: '2027-01-01T09:00:00Z', change: 'started' }, { at: '2027-02-16T00:00:00Z', change: 'breached' }, { at: '2027-02-20T10:00:00Z', change: 'metLate', reason: 'Health capacity' }];
    const records = [...Array.from({ length: 6 }, () => aCase(structuredClone(late))), ...Array.from({ length: 5 }, () => aCase(clock('assessment', 'breached', '2027-03-01T17:00:00Z')))];
    // Act
    const [, assessment] = timelinessFigures(records, definitions, NOW).clocks;
    // Assess
    expect(assessment!.breachReasons).toEqual([
      { reason: 'Health capacity', count: 6 },
      { reason: NO_REASON_RECORDED, count: 5 },
    ]);
  });

  it('a clock the definitions do not list is still counted, after them, with its own title and source', () => {
    // Prepare
    const stray = { ...clock('review-1', 'breached', '2027-03-01T17:00:00Z'), title: 'Review', source: { kind: 'statutory' as const, citation: 'regs' } };
    // Act
    const figures = timelinessFigures([aCase(stray)], definitions, NOW);
    // Assess
    expect(figures.clocks.map((c) => c.clockId)).toEqual(['request', 'assessment', 'review-1']);
    expect(figures.clocks[2]).toMatchObject({ title: 'Review', source: 'statutory', owner: 'unknown', breached: 1 });
    expect(figures.breaches.statutory).toBe(1);
  });

  it('nothing yet: every listed clock with zeros and no months', () => {
    // Act
    const figures = timelinessFigures([], definitions, NOW);
    // Assess
    expect(figures.clocks.map((c) => [c.clockId, c.open, c.breached, c.byMonth.length])).toEqual([
      ['request', 0, 0, 0],
      ['assessment', 0, 0, 0],
    ]);
    expect(figures.breaches).toEqual({ statutory: 0, localTarget: 0 });
  });
});
