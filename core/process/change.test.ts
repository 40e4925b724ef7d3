import { describe, expect, it } from 'vitest';
import { people, testPartnership } from '#test/support/process-harness';
import { createWorkingDayCalendar } from '../calendar';
import type { ClockDefinition } from '../clocks/model';
import { onCaseAccess } from './access';
import { CaseChange } from './change';
import type { DecideContext, ProcessDefinition } from './definition';
import type { CaseRecord, TimerRef } from './model';
import { RuleViolation } from './rule-violation';

// A small process of its own, so these tests show CaseChange's clock methods and nothing else.
interface Details {
  episodeOpen: boolean;
}
const message = {
  subject: 'Review {occurrence} for {caseCode} is due',
  body: 'Please hold review {occurrence} for {caseCode} by {due}.',
};
const familyTarget: ClockDefinition = {
  id: 'family-target',
  title: 'Family plan',
  kind: 'workingDays',
  length: 10,
  source: { kind: 'localTarget', citation: 'test' },
  owner: 'council',
  pausable: true,
  pauseReasons: { familyUnavailable: 'The family asked to pause', childInHospital: 'The child is in hospital' },
  checkpoints: [
    { id: 'day-5', kind: 'warning', at: { after: 5 }, recipients: ['leadPractitioner'], message },
    { id: 'due', kind: 'due', at: { due: true }, recipients: ['leadPractitioner'], message },
  ],
};
const statutory: ClockDefinition = {
  ...familyTarget,
  id: 'statutory',
  title: 'Assessment',
  source: { kind: 'statutory', citation: 'test' },
  pausable: false,
};
const episode: ClockDefinition = {
  id: 'episode',
  title: 'Episode of support',
  kind: 'calendarDays',
  length: 112,
  source: { kind: 'localTarget', citation: 'test' },
  owner: 'council',
  pausable: true,
  pauseReasons: { familyUnavailable: 'The family asked to pause' },
  checkpoints: [
    {
      id: 'taf-review',
      kind: 'warning',
      at: { every: 6, unit: 'weeks', whileCase: 'episodeOpen' },
      recipients: ['leadPractitioner'],
      message,
    },
  ],
};

const process: ProcessDefinition<Details> = {
  id: 'test-process',
  title: 'Test process',
  casePrefix: 'TST',
  clocks: [familyTarget, statutory, episode],
  events: [],
  handlers: {},
  access: onCaseAccess(['lead-practitioner']),
  caseKeyOf: () => 'key',
  conditions: { episodeOpen: (r) => r.details.episodeOpen },
  recipients: (role) => [{ role, address: `${role}@riverside.example` }],
  commissionerView: () => ({}),
};
const context: DecideContext = {
  partnership: testPartnership,
  clocks: process.clocks,
  calendars: { workingDays: createWorkingDayCalendar() },
  now: new Date('2026-12-14T10:00:00Z'),
  caseCodeKey: 'test-key',
};
const teamManager = {
  kind: 'person' as const,
  userId: 'u-tm',
  name: 'Jo Reid',
  role: 'lead-practitioner' as const,
  organisation: 'riverside-council',
};
const approvedBy = { userId: 'u-tm', name: 'Jo Reid', role: 'lead-practitioner', organisation: 'riverside-council' };

const newRecord = (): CaseRecord<Details> => ({
  caseId: 'tst-1',
  caseCode: 'TST-0001',
  process: process.id,
  version: 1,
  status: 'open',
  stage: 'open',
  openedAt: '2026-09-07T09:00:00Z',
  organisation: 'riverside-council',
  organisations: ['riverside-council'],
  details: { episodeOpen: true },
  clocks: {},
  timers: {},
  recentEventIds: [],
});
let events = 0;
const changeAt = (record: CaseRecord<Details>, occurredAt: string) =>
  new CaseChange(
    process,
    context,
    {
      eventId: `evt-${++events}`,
      type: 'test',
      process: process.id,
      caseId: record.caseId,
      occurredAt,
      recordedAt: occurredAt,
      actor: people.socialWorker,
      payload: {},
    },
    record,
  );
const clockTimers = (record: CaseRecord<Details>, clockId: string) =>
  Object.values(record.timers)
    .filter((t) => t.clockId === clockId)
    .map((t) => [t.checkpointId, t.dueAt, t.generation, t.occurrence])
    .sort((a, b) => String(a[1]).localeCompare(String(b[1])));

function refusal(act: () => unknown): RuleViolation {
  try {
    act();
  } catch (e) {
    if (e instanceof RuleViolation) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('CaseChange: pausing and resuming a clock', () => {
  // Started Mon 14 Dec 2026: 1 Tue 15 ... 5 Mon 21, 6 Tue 22, 7 Wed 23, 8 Thu 24, (Fri 25, Sat, Sun,
  // Mon 28 bank holidays and weekend), 9 Tue 29, 10 Wed 30, 11 Thu 31 Dec.
  const started = () => {
    const record = newRecord();
    changeAt(record, '2026-12-14T10:00:00Z').startClock(familyTarget.id, {
      startedAt: new Date('2026-12-14T10:00:00Z'),
    });
    return record;
  };

  it('paused Thu 24 Dec and resumed Tue 29 Dec: one working day (Tue 29) not counted, due Wed 30 -> Thu 31 Dec, checkpoints planned anew', () => {
    // Prepare: the day-5 warning fired on Mon 21 Dec
    const record = started();
    const fired = changeAt(record, '2026-12-21T23:59:59.999Z');
    const day5 = Object.values(record.timers).find((t) => t.checkpointId === 'day-5')!;
    delete record.timers[day5.timerId];
    fired.reachCheckpoint(day5);
    // Act: pause
    const pause = changeAt(record, '2026-12-24T12:00:00Z');
    const paused = pause.pauseClock(familyTarget.id, { reason: 'familyUnavailable', approvedBy: teamManager });
    // Assess: no timers while paused; the pause is kept with who approved it (identity only)
    expect(paused.status).toBe('paused');
    expect(clockTimers(record, familyTarget.id)).toEqual([]);
    expect(pause.cancel.map((t) => t.checkpointId)).toEqual(['due']);
    expect(paused.pauses).toEqual([{ from: '2026-12-24T12:00:00.000Z', reason: 'familyUnavailable', approvedBy }]);
    expect(pause.timeline.map((t) => [t.kind, t.summary])).toEqual([
      ['clockPaused', 'Family plan paused: The family asked to pause; agreed by Jo Reid'],
    ]);
    // Act: resume
    const resume = changeAt(record, '2026-12-29T09:00:00Z');
    const resumed = resume.resumeClock(familyTarget.id, { approvedBy: teamManager, note: 'the family is ready' });
    // Assess
    expect(resumed).toMatchObject({
      status: 'running',
      pausedUnits: 1,
      dueAt: '2026-12-31T23:59:59.999Z',
      generation: 2,
    });
    expect(resumed.pauses).toEqual([
      {
        from: '2026-12-24T12:00:00.000Z',
        until: '2026-12-29T09:00:00.000Z',
        reason: 'familyUnavailable',
        approvedBy,
        resumedBy: approvedBy,
        pausedFor: 1,
      },
    ]);
    expect(clockTimers(record, familyTarget.id)).toEqual([['due', '2026-12-31T23:59:59.999Z', 2, undefined]]);
    expect(resume.timeline.map((t) => t.summary)).toEqual([
      'Family plan resumed; 1 working day paused, not counted; now due Thu 31 Dec 2026 at 23:59',
    ]);
  });

  it.each([
    ['an unknown reason', 'busy', undefined, 'reason'],
    ["an unknown reason, named by the event's own field", 'busy', 'pauseReason', 'pauseReason'],
    ["a wording instead of the reason's id", 'The family asked to pause', undefined, 'reason'],
  ])('%s is refused (400) naming the field and the reasons', (_name, reason, field, path) => {
    const record = started();
    const error = refusal(() =>
      changeAt(record, '2026-12-15T10:00:00Z').pauseClock(familyTarget.id, {
        reason,
        approvedBy: teamManager,
        ...(field ? { field } : {}),
      }),
    );
    expect(error.status).toBe(400);
    expect(error.message).toBe('Family plan can be paused for one of its listed reasons');
    expect(error.issues).toEqual([{ path, message: 'choose one of: familyUnavailable, childInHospital' }]);
    expect(record.clocks[familyTarget.id]!.status).toBe('running');
  });

  it('a statutory clock whose definition does not allow pausing keeps running (409)', () => {
    const record = newRecord();
    changeAt(record, '2026-12-14T10:00:00Z').startClock(statutory.id, { startedAt: new Date('2026-12-14T10:00:00Z') });
    const error = refusal(() =>
      changeAt(record, '2026-12-15T10:00:00Z').pauseClock(statutory.id, {
        reason: 'familyUnavailable',
        approvedBy: teamManager,
      }),
    );
    expect(error).toMatchObject({
      status: 409,
      message: 'Assessment keeps running: as a statutory timescale it is not paused',
    });
  });

  it('pausing a paused clock and resuming a running one are refused (409)', () => {
    const record = started();
    expect(
      refusal(() => changeAt(record, '2026-12-15T10:00:00Z').resumeClock(familyTarget.id, { approvedBy: teamManager }))
        .status,
    ).toBe(409);
    changeAt(record, '2026-12-15T10:00:00Z').pauseClock(familyTarget.id, {
      reason: 'childInHospital',
      approvedBy: teamManager,
    });
    expect(
      refusal(() =>
        changeAt(record, '2026-12-16T10:00:00Z').pauseClock(familyTarget.id, {
          reason: 'childInHospital',
          approvedBy: teamManager,
        }),
      ).status,
    ).toBe(409);
  });

  it('stopped while paused: judged against the due instant with the pause counted', () => {
    // Prepare: paused Wed 30 Dec (day 10, the due day)
    const record = started();
    changeAt(record, '2026-12-30T10:00:00Z').pauseClock(familyTarget.id, {
      reason: 'childInHospital',
      approvedBy: teamManager,
    });
    // Act: stopped on Mon 4 Jan 2027 while still paused: Thu 31 Dec and Mon 4 Jan (Fri 1 Jan a holiday) are paused
    const stopped = changeAt(record, '2027-01-04T15:00:00Z').stopClock(
      familyTarget.id,
      new Date('2027-01-04T15:00:00Z'),
    );
    // Assess: due is day 12, Mon 4 Jan 2027 at the end of the day: met
    expect(stopped).toMatchObject({ status: 'met', pausedUnits: 2, dueAt: '2027-01-04T23:59:59.999Z' });
    expect(clockTimers(record, familyTarget.id)).toEqual([]);
  });

  it('a case closed while a clock is paused keeps the paused time apart', () => {
    // Paused Tue 22 Dec, case closed Tue 29 Dec: Wed 23, Thu 24 and Tue 29 paused (3 working days)
    const record = started();
    changeAt(record, '2026-12-22T10:00:00Z').pauseClock(familyTarget.id, {
      reason: 'familyUnavailable',
      approvedBy: teamManager,
    });
    changeAt(record, '2026-12-29T10:00:00Z').closeCase(
      'The family is doing well without this support',
      new Date('2026-12-29T10:00:00Z'),
    );
    expect(record.clocks[familyTarget.id]).toMatchObject({ status: 'notApplicable', pausedUnits: 3 });
    expect(record.clocks[familyTarget.id]!.pauses!.at(-1)).toMatchObject({
      until: '2026-12-29T10:00:00.000Z',
      pausedFor: 3,
    });
  });
});

describe('CaseChange: recurring checkpoints', () => {
  // Started Mon 7 Sep 2026 10:00 BST: reviews every 6 weeks on Mon 19 Oct (end of day BST, 22:59:59.999Z),
  // Mon 30 Nov (GMT, 23:59:59.999Z) and Mon 11 Jan 2027.
  const started = () => {
    const record = newRecord();
    changeAt(record, '2026-09-07T09:00:00Z').startClock(episode.id, { startedAt: new Date('2026-09-07T09:00:00Z') });
    return record;
  };
  const fire = (record: CaseRecord<Details>, timer: TimerRef) => {
    // as decide.ts does when a timer fires: the timer leaves the case, then the checkpoint is reached
    delete record.timers[timer.timerId];
    const change = changeAt(record, timer.dueAt);
    change.reachCheckpoint(timer);
    return change;
  };

  it('plans one occurrence at a time, the next when one fires, each alert numbered and its timer distinct', () => {
    const record = started();
    expect(clockTimers(record, episode.id)).toEqual([['taf-review', '2026-10-19T22:59:59.999Z', 0, 1]]);
    const first = Object.values(record.timers)[0]!;
    // Act: the 1st review falls due
    const change = fire(record, first);
    // Assess
    expect(change.notifications.map((n) => n.subject)).toEqual(['Review 1 for TST-0001 is due']);
    expect(change.timeline.map((t) => t.summary)).toEqual(['Review 1 for TST-0001 is due; lead practitioner told']);
    expect(clockTimers(record, episode.id)).toEqual([['taf-review', '2026-11-30T23:59:59.999Z', 0, 2]]);
    const second = Object.values(record.timers)[0]!;
    expect(second.timerId).not.toBe(first.timerId);
    expect(fire(record, second).notifications.map((n) => n.subject)).toEqual(['Review 2 for TST-0001 is due']);
    expect(clockTimers(record, episode.id)).toEqual([['taf-review', '2027-01-11T23:59:59.999Z', 0, 3]]);
    expect(record.clocks[episode.id]!.occurrences).toEqual({ 'taf-review': 2 });
  });

  it('re-planned when the condition changes: cancelled while it does not hold, the next occurrence still ahead when it holds again', () => {
    const record = started();
    // Act: the episode closes on Mon 12 Oct
    record.details.episodeOpen = false;
    const closing = changeAt(record, '2026-10-12T10:00:00Z');
    closing.replanRecurring(episode.id);
    // Assess
    expect(clockTimers(record, episode.id)).toEqual([]);
    expect(closing.cancel.map((t) => t.occurrence)).toEqual([1]);
    // Act: it opens again on Tue 20 Oct, after the 1st review's day
    record.details.episodeOpen = true;
    changeAt(record, '2026-10-20T10:00:00Z').replanRecurring(episode.id);
    // Assess: the 2nd review, Mon 30 Nov (GMT)
    expect(clockTimers(record, episode.id)).toEqual([['taf-review', '2026-11-30T23:59:59.999Z', 0, 2]]);
  });

  it('an occurrence that falls due after the condition stopped holding alerts no one and plans nothing more', () => {
    const record = started();
    record.details.episodeOpen = false;
    const change = fire(record, Object.values(record.timers)[0]!);
    expect(change.notifications).toEqual([]);
    expect(change.timeline.map((t) => [t.kind, t.summary])).toEqual([
      ['checkpointNotNeeded', 'Episode of support: taf-review not needed (episodeOpen no longer applies)'],
    ]);
    expect(clockTimers(record, episode.id)).toEqual([]);
  });

  it('paused, no occurrence is planned; resumed, the next still ahead is', () => {
    const record = started();
    changeAt(record, '2026-10-16T09:00:00Z').pauseClock(episode.id, {
      reason: 'familyUnavailable',
      approvedBy: teamManager,
    });
    expect(clockTimers(record, episode.id)).toEqual([]);
    const resume = changeAt(record, '2026-10-21T09:00:00Z');
    resume.resumeClock(episode.id, { approvedBy: teamManager });
    expect(clockTimers(record, episode.id)).toEqual([['taf-review', '2026-11-30T23:59:59.999Z', 2, 2]]);
    expect(resume.timeline.map((t) => t.summary)).toEqual([
      'Episode of support resumed; 5 days paused, not counted; now due Sat 2 Jan 2027 at 23:59',
    ]);
  });
});
