/** Versioned rules (a case keeps the version it opened under) and episodes (a child re-entering), at the engine. */
import { describe, expect, it } from 'vitest';
import { people, testPartnership } from '#test/support/process-harness';
import { catalogueWithIhaVersion2, ihaVersion2 } from '#test/support/versions';
import { processCatalogue } from '#workflows/catalogue';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import * as ihaParts from '#workflows/initial-health-assessment/index';
import { createWorkingDayCalendar } from '../calendar';
import { effectiveClocks } from '../partnership/config';
import { catalogueOf, definitionOf } from './catalogue';
import { caseIdFor, decide, episodeCaseId } from './decide';
import type { ProcessDefinition } from './definition';
import type { CaseRecord, Decision, ProcessEvent } from './model';

const iha = definitionOf(ihaParts);

const at = '2026-12-14T10:00:00Z';
const contextFor = (definition: ProcessDefinition, now = at) => ({
  partnership: testPartnership,
  clocks: effectiveClocks(definition.id, definition.clocks, testPartnership),
  calendars: { workingDays: createWorkingDayCalendar({ closureDays: testPartnership.closureDays }) },
  now: new Date(now),
  caseCodeKey: 'test-key',
});
let n = 0;
const eventOf = (
  caseId: string,
  type: string,
  payload: unknown,
  occurredAt = at,
  extra: Partial<ProcessEvent> = {},
): ProcessEvent => ({
  eventId: `evt-${++n}`,
  type,
  process: iha.id,
  caseId,
  occurredAt,
  recordedAt: occurredAt,
  actor: people.frontDoor,
  payload,
  ...extra,
});
const applied = <D>(d: Decision<D>): CaseRecord<D> => {
  if (d.outcome !== 'applied') throw new Error(`not applied: ${JSON.stringify(d.response)}`);
  return d.case;
};
const firstIdOf = (ref: string) =>
  caseIdFor(iha, iha.caseKeyOf(exampleEntryIntoCare({ caseReference: ref }), 'riverside-council'), {
    caseCodeKey: 'test-key',
  }).caseId;
const dueOf = (record: CaseRecord, checkpointId: string) =>
  Object.values(record.timers).find((t) => t.checkpointId === checkpointId)?.dueAt;
const requestDue = (record: CaseRecord) => dueOf(record, 'request-due');
const reminderDue = (record: CaseRecord) => dueOf(record, 'request-reminder');

describe('versioned rules', () => {
  it('the catalogue holds both versions of a process; the newest opens cases; a case finds its own', () => {
    expect(catalogueWithIhaVersion2.byId(iha.id)).toBe(ihaVersion2);
    expect(catalogueWithIhaVersion2.byId(iha.id, 1)).toBe(iha);
    expect(catalogueWithIhaVersion2.byId(iha.id, 3)).toBeUndefined();
    expect(catalogueWithIhaVersion2.processes.filter((p) => p.id === iha.id)).toEqual([ihaVersion2]);
    expect(catalogueWithIhaVersion2.forCase({ process: iha.id })).toBe(iha); // a case from before versions: 1
    expect(catalogueWithIhaVersion2.forCase({ process: iha.id, definitionVersion: 2 })).toBe(ihaVersion2);
    expect(catalogueWithIhaVersion2.ofCaseId('iha-abcd-efgh')).toBe(ihaVersion2);
    expect(processCatalogue.byId(iha.id)).toBe(iha);
    expect(() => catalogueOf([iha, iha])).toThrow('version 1 is in the catalogue twice');
    expect(() => catalogueOf([iha, { ...ihaVersion2, casePrefix: 'IHB' }])).toThrow('case prefix IHA');
  });

  it('a case opened under version 1 keeps its rules after version 2 arrives; a new case uses version 2', () => {
    // Prepare: a case opened while version 1 was the newest
    const oldId = firstIdOf('RCC-V1');
    const old = applied(
      decide(
        iha,
        contextFor(iha),
        undefined,
        eventOf(oldId, 'childEnteredCare', exampleEntryIntoCare({ caseReference: 'RCC-V1' })),
      ),
    );
    expect(old.definitionVersion).toBe(1);
    // Act: version 2 arrives; a new case opens under the newest, and the old case's next event finds its own
    const newest = catalogueWithIhaVersion2.byId(iha.id)!;
    const newId = firstIdOf('RCC-V2');
    const fresh = applied(
      decide(
        newest,
        contextFor(newest),
        undefined,
        eventOf(newId, 'childEnteredCare', exampleEntryIntoCare({ caseReference: 'RCC-V2' })),
      ),
    );
    const rules = catalogueWithIhaVersion2.forCase(old)!;
    const reminder = Object.values(old.timers).find((t) => t.checkpointId === 'request-reminder')!;
    const later = decide(
      rules,
      contextFor(rules, reminder.dueAt),
      old,
      eventOf(oldId, 'timerFired', { timerId: reminder.timerId }, reminder.dueAt),
    );
    // Assess: version 1's reminder after 3 working days (Thu 17 Dec) against version 2's after 2 (Wed 16 Dec)
    expect(fresh.definitionVersion).toBe(2);
    expect(reminderDue(old)).toBe('2026-12-17T23:59:59.999Z');
    expect(reminderDue(fresh)).toBe('2026-12-16T23:59:59.999Z');
    expect(requestDue(fresh)).toBe(requestDue(old));
    expect(rules).toBe(iha);
    expect(applied(later).definitionVersion).toBe(1);
    expect(later.outcome === 'applied' && later.notifications.map((m) => m.subject)).toEqual([
      `Health assessment request due by 11:59pm on 21 December 2026 for case ${old.caseCode}`,
      `Health assessment request due by 11:59pm on 21 December 2026 for case ${old.caseCode}`,
    ]);
  });

  it("a reminder says what its case's version says", () => {
    const id = firstIdOf('RCC-V2-MSG');
    const opened = applied(
      decide(
        ihaVersion2,
        contextFor(ihaVersion2),
        undefined,
        eventOf(id, 'childEnteredCare', exampleEntryIntoCare({ caseReference: 'RCC-V2-MSG' })),
      ),
    );
    const reminder = Object.values(opened.timers).find((t) => t.checkpointId === 'request-reminder')!;
    expect(reminder.dueAt).toBe('2026-12-16T23:59:59.999Z');
    const fired = decide(
      ihaVersion2,
      contextFor(ihaVersion2, reminder.dueAt),
      opened,
      eventOf(id, 'timerFired', { timerId: reminder.timerId }, reminder.dueAt),
    );
    expect(fired.outcome === 'applied' && fired.notifications.map((m) => m.subject)).toEqual([
      `[version 2] Health assessment request due by 11:59pm on 21 December 2026 for case ${opened.caseCode}`,
      `[version 2] Health assessment request due by 11:59pm on 21 December 2026 for case ${opened.caseCode}`,
    ]);
  });
});

describe('episodes: a child re-entering care', () => {
  const ref = 'RCC-EPISODES';
  const entry = (enteredCareAt: string) => exampleEntryIntoCare({ caseReference: ref, enteredCareAt });
  const first = firstIdOf(ref);

  it('an opening for a child whose case is open is refused 409 with a clear message; nothing is written', () => {
    const open = applied(decide(iha, contextFor(iha), undefined, eventOf(first, 'childEnteredCare', entry(at))));
    const again = decide(iha, contextFor(iha), open, eventOf(first, 'childEnteredCare', entry(at)));
    expect(again.outcome).toBe('rejected');
    expect(again.response.rejection).toMatchObject({
      status: 409,
      code: 'caseExists',
      message: `A ${iha.title} case for this child is already open (${open.caseCode}); a new episode can be opened once it is closed`,
    });
  });

  it('the refusal names the open case only to someone who may read it', () => {
    const open = applied(decide(iha, contextFor(iha), undefined, eventOf(first, 'childEnteredCare', entry(at))));
    // Same organisation (the key is the organisation's), but a rule that lets this person read nothing.
    const guarded = { ...iha, access: { ...iha.access, read: [] } };
    const again = decide(guarded, contextFor(guarded), open, eventOf(first, 'childEnteredCare', entry(at)));
    expect(again.response.rejection).toMatchObject({
      status: 409,
      code: 'caseExists',
      message: `A ${iha.title} case for this child is already open; a new episode can be opened once it is closed`,
    });
    expect(JSON.stringify(again.response)).not.toContain(open.caseCode);
  });

  it('after the child left care, the opening opens episode 2: its own id and code, new clocks, linked to episode 1', () => {
    // Prepare: episode 1 opened and closed
    const open = applied(decide(iha, contextFor(iha), undefined, eventOf(first, 'childEnteredCare', entry(at))));
    const closed = applied(
      decide(
        iha,
        contextFor(iha, '2027-02-01T10:00:00Z'),
        open,
        eventOf(first, 'childLeftCare', { leftOn: '2027-02-01', reason: 'returnedToFamily' }, '2027-02-01T10:00:00Z'),
      ),
    );
    expect(closed.status).toBe('closed');
    // Act: the child re-enters care; the API sends the opening to episode 2
    const second = episodeCaseId(iha, first, 2, { caseCodeKey: 'test-key' });
    const reentered = applied(
      decide(
        iha,
        contextFor(iha, '2027-06-01T10:00:00Z'),
        undefined,
        eventOf(second.caseId, 'childEnteredCare', entry('2027-06-01T10:00:00Z'), '2027-06-01T10:00:00Z', {
          episode: 2,
        }),
      ),
    );
    // Assess
    expect(second.caseId).not.toBe(first);
    expect(reentered).toMatchObject({
      caseId: second.caseId,
      caseCode: second.caseCode,
      status: 'open',
      episode: 2,
      firstEpisode: first,
      previousEpisode: first,
      definitionVersion: 1,
    });
    expect(requestDue(reentered)).toBe('2027-06-08T22:59:59.999Z'); // 5 working days, end of the London day (BST)
    expect(Object.values(reentered.clocks).every((c) => c.startedAt >= '2027-06-01')).toBe(true);
    expect(open.episode).toBeUndefined(); // episode 1 is as it always was
    // The third episode links to the second, and derives from the first
    const third = episodeCaseId(iha, first, 3, { caseCodeKey: 'test-key' }).caseId;
    const closed2 = applied(
      decide(
        iha,
        contextFor(iha, '2027-08-01T10:00:00Z'),
        reentered,
        eventOf(second.caseId, 'childLeftCare', { leftOn: '2027-08-01', reason: 'adoption' }, '2027-08-01T10:00:00Z'),
      ),
    );
    const thirdCase = applied(
      decide(
        iha,
        contextFor(iha, '2027-09-01T10:00:00Z'),
        undefined,
        eventOf(third, 'childEnteredCare', entry('2027-09-01T10:00:00Z'), '2027-09-01T10:00:00Z', { episode: 3 }),
      ),
    );
    expect(closed2.status).toBe('closed');
    expect(thirdCase).toMatchObject({ episode: 3, firstEpisode: first, previousEpisode: second.caseId });
  });

  it('an opening sent to an episode id that is not its own is refused, as any mismatched case id', () => {
    const decision = decide(
      iha,
      contextFor(iha),
      undefined,
      eventOf(first, 'childEnteredCare', entry(at), at, { episode: 2 }),
    );
    expect(decision.response.rejection).toMatchObject({ status: 400, code: 'caseIdMismatch' });
  });

  it('an opening that finds its episode closed meanwhile is refused 409: sent again, it opens the next', () => {
    const open = applied(decide(iha, contextFor(iha), undefined, eventOf(first, 'childEnteredCare', entry(at))));
    const closed = applied(
      decide(
        iha,
        contextFor(iha, '2027-02-01T10:00:00Z'),
        open,
        eventOf(first, 'childLeftCare', { leftOn: '2027-02-01', reason: 'returnedToFamily' }, '2027-02-01T10:00:00Z'),
      ),
    );
    const decision = decide(
      iha,
      contextFor(iha, '2027-06-01T10:00:00Z'),
      closed,
      eventOf(first, 'childEnteredCare', entry('2027-06-01T10:00:00Z'), '2027-06-01T10:00:00Z'),
    );
    expect(decision.response.rejection).toMatchObject({ status: 409, code: 'caseExists' });
    expect(decision.response.rejection!.message).toContain('send the request again to open a new episode');
  });
});
