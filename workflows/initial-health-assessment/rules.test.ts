import { describe, expect, it } from 'vitest';
import { partnership as shipped } from '#functions/runtime';
import { enteredCare, IhaHarness } from '#test/support/initial-health-assessment';
import { people } from '#test/support/process-harness';
import { isNhsNumber } from './contract';
import { nextReviewDue } from './rules';

// Working days in England after Mon 14 Dec 2026 (bank holidays Fri 25 Dec, Mon 28 Dec (Boxing Day
// substitute) and Fri 1 Jan), counted by hand. The statutory assessment clock counts these; the
// council's closure days (29-31 Dec) are working days for it:
//  1 Tue 15 Dec   2 Wed 16   3 Thu 17   4 Fri 18   5 Mon 21   6 Tue 22   7 Wed 23   8 Thu 24
//  9 Tue 29      10 Wed 30  11 Thu 31  12 Mon 4 Jan 13 Tue 5  14 Wed 6   15 Thu 7   16 Fri 8
// 17 Mon 11     18 Tue 12  19 Wed 13  20 Thu 14   21 Fri 15  22 Mon 18  23 Tue 19  24 Wed 20  25 Thu 21
// The council's request clock (a local target of the council) also skips 29-31 Dec, but its 5 days
// end on Mon 21 Dec, before them.
const ENTRY = '2026-12-14T10:00:00Z';
const END_OF = (day: string) => `${day}T23:59:59.999Z`; // GMT all winter

describe('initial health assessment: a child enters care shortly before Christmas', () => {
  it('starts both clocks and plans every checkpoint at the end of the right working day', () => {
    // Prepare
    const h = new IhaHarness();
    // Act
    const decision = h.apply('childEnteredCare', enteredCare(), people.frontDoor, ENTRY);
    // Assess
    expect(decision.outcome).toBe('applied');
    const clocks = h.record!.clocks;
    expect(clocks['request-to-health']).toMatchObject({
      status: 'running',
      dueAt: END_OF('2026-12-21'),
      source: { kind: 'localTarget' },
    });
    expect(clocks['initial-health-assessment']).toMatchObject({
      status: 'running',
      dueAt: END_OF('2027-01-14'),
      source: { kind: 'statutory' },
    });
    expect(h.timers.map((t) => [t.checkpointId, t.dueAt])).toEqual([
      ['request-reminder', END_OF('2026-12-17')],
      ['request-due', END_OF('2026-12-21')],
      ['appointment-check', END_OF('2026-12-30')],
      ['completion-reminder', END_OF('2027-01-07')],
      ['assessment-due', END_OF('2027-01-14')],
      ['escalation', END_OF('2027-01-21')],
      ['adulthood', '2033-05-31T23:00:00.000Z'], // 1 June 2033 00:00 BST
    ]);
  });

  it("tells the assessment team and the designated nurse at once, by case code and without the child's name", () => {
    const h = new IhaHarness();
    h.apply('childEnteredCare', enteredCare(), people.frontDoor, ENTRY);
    expect(h.outbox.map((m) => m.address).sort()).toEqual([
      'designated.nurse.cla@riverside-icb.example.nhs.uk',
      'lac.health.team@riverside-health.example.nhs.uk',
    ]);
    for (const m of h.outbox) {
      expect(m.subject).toContain(h.record!.caseCode);
      expect(`${m.subject} ${m.body}`).not.toMatch(/Test Child|2015-06-01|RCC-1001/);
      expect(m.body).toContain(`/cases/${h.record!.caseId}`);
    }
  });

  it('with nothing recorded, warns, breaches and escalates to the right people at the right instants', () => {
    const h = new IhaHarness();
    h.apply('childEnteredCare', enteredCare(), people.frontDoor, ENTRY);
    h.outbox = [];
    h.runUntil('2027-02-01T00:00:00Z');
    const sent = h.outbox.map((m) => [m.createdAt, m.recipientRole]);
    expect(sent).toEqual([
      [END_OF('2026-12-17'), 'socialWorker'],
      [END_OF('2026-12-17'), 'socialWorkManager'],
      [END_OF('2026-12-21'), 'socialWorker'],
      [END_OF('2026-12-21'), 'socialWorkManager'],
      [END_OF('2026-12-30'), 'assessmentTeam'],
      [END_OF('2027-01-07'), 'assessmentTeam'],
      [END_OF('2027-01-07'), 'designatedNurse'],
      [END_OF('2027-01-14'), 'designatedNurse'],
      [END_OF('2027-01-14'), 'assessmentTeamManager'],
      [END_OF('2027-01-14'), 'childrenInCareManager'],
      [END_OF('2027-01-21'), 'icbCommissioner'],
      [END_OF('2027-01-21'), 'headOfService'],
    ]);
    expect(h.record!.clocks['initial-health-assessment']!.status).toBe('breached');
    expect(h.record!.clocks['request-to-health']!.status).toBe('breached');
  });

  it('stops the request clock when the request is sent, and cancels its reminders', () => {
    const h = new IhaHarness();
    h.apply('childEnteredCare', enteredCare(), people.frontDoor, ENTRY);
    const d = h.apply(
      'requestSentToHealth',
      { sentAt: '2026-12-16T15:00:00Z', consentIncluded: true },
      people.socialWorker,
      '2026-12-16T15:05:00Z',
    );
    expect(d.outcome).toBe('applied');
    expect(h.record!.clocks['request-to-health']).toMatchObject({
      status: 'met',
      stoppedAt: '2026-12-16T15:00:00.000Z',
    });
    expect(h.timers.map((t) => t.checkpointId)).not.toContain('request-reminder');
    expect(h.record!.details.request).toEqual({
      sentAt: '2026-12-16T15:00:00.000Z',
      consentIncluded: true,
      workingDaysAfterEntry: 2,
    });
  });

  it('skips the day-10 appointment check once an appointment is booked', () => {
    const h = new IhaHarness();
    h.apply('childEnteredCare', enteredCare(), people.frontDoor, ENTRY);
    h.apply('appointmentBooked', { appointmentOn: '2027-01-13' }, people.health, '2026-12-22T11:00:00Z'); // before the check on Wed 30 Dec
    expect(h.timers.map((t) => t.checkpointId)).not.toContain('appointment-check');
    expect(h.record!.stage).toBe('appointmentBooked');
  });

  it('warns at once when the appointment booked is after the due date', () => {
    const h = new IhaHarness();
    h.apply('childEnteredCare', enteredCare(), people.frontDoor, ENTRY);
    h.outbox = [];
    h.apply('appointmentBooked', { appointmentOn: '2027-01-20' }, people.health, '2027-01-04T11:00:00Z');
    expect(h.outbox.map((m) => [m.createdAt, m.recipientRole])).toEqual([
      ['2027-01-04T11:00:00Z', 'assessmentTeam'],
      ['2027-01-04T11:00:00Z', 'designatedNurse'],
      ['2027-01-04T11:00:00Z', 'socialWorker'],
    ]);
    expect(h.outbox[0]!.body).toContain('20 January 2027');
  });

  it('completing before the deadline stops the clock as met and cancels everything that would have followed', () => {
    const h = new IhaHarness();
    h.apply('childEnteredCare', enteredCare(), people.frontDoor, ENTRY);
    h.apply(
      'requestSentToHealth',
      { sentAt: '2026-12-17T09:00:00Z', consentIncluded: true },
      people.socialWorker,
      '2026-12-17T09:00:00Z',
    );
    // completed on Thu 14 Jan, working day 20: the last day of the statutory timescale
    const d = h.apply(
      'assessmentCompleted',
      { completedOn: '2027-01-14', practitioner: { name: 'Dr Ward' }, healthPlanShared: true },
      people.health,
      '2027-01-14T16:00:00Z',
    );
    expect(d.outcome).toBe('applied');
    expect(h.record!.clocks['initial-health-assessment']).toMatchObject({ status: 'met' });
    expect(h.timers.map((t) => t.checkpointId)).toEqual(['review-reminder', 'review-due', 'adulthood']);
    expect(h.record!.details.assessment!.segments).toEqual({ councilRequest: 3, health: 17, total: 20 });
  });

  it('completing late needs a reason; with one, the clock is met late and the delay is split between council and health', () => {
    const h = new IhaHarness();
    h.apply('childEnteredCare', enteredCare(), people.frontDoor, ENTRY);
    h.apply(
      'requestSentToHealth',
      { sentAt: '2027-01-06T10:00:00Z', consentIncluded: false },
      people.socialWorker,
      '2027-01-06T10:00:00Z',
    );
    h.runUntil('2027-01-21T12:00:00Z');
    const completed = { completedOn: '2027-01-21', practitioner: { name: 'Dr Ward' }, healthPlanShared: true };

    const refused = h.apply('assessmentCompleted', completed, people.health, '2027-01-21T12:00:00Z');
    expect(refused.outcome).toBe('rejected');
    expect(refused.response.rejection).toMatchObject({ status: 400, issues: [{ path: 'delayReason' }] });
    expect(h.record!.clocks['initial-health-assessment']!.status).toBe('breached');

    const accepted = h.apply(
      'assessmentCompleted',
      { ...completed, delayReason: { code: 'requestLate' } },
      people.health,
      '2027-01-21T12:01:00Z',
    );
    expect(accepted.outcome).toBe('applied');
    expect(h.record!.clocks['initial-health-assessment']!.status).toBe('metLate');
    expect(h.record!.details.assessment).toMatchObject({
      onTime: false,
      delayReason: { code: 'requestLate', label: 'Request to health sent late' },
      // counted in working days in England, as the statutory clock counts:
      // entry Mon 14 Dec -> request Wed 6 Jan = 14 working days; -> completed Thu 21 Jan = 11 more
      segments: { councilRequest: 14, health: 11, total: 25 },
    });
    expect(h.timers.map((t) => t.checkpointId)).not.toContain('escalation');
  });

  it("'other' as the delay reason needs a few words", () => {
    const h = new IhaHarness();
    h.apply('childEnteredCare', enteredCare(), people.frontDoor, ENTRY);
    h.runUntil('2027-01-21T00:00:00Z');
    const d = h.apply(
      'assessmentCompleted',
      {
        completedOn: '2027-01-20',
        practitioner: { name: 'Dr Ward' },
        healthPlanShared: true,
        delayReason: { code: 'other' },
      },
      people.health,
      '2027-01-21T09:00:00Z',
    );
    expect(d.response.rejection?.issues).toEqual([
      { path: 'delayReason.text', message: "is required when the code is 'other'" },
    ]);
  });

  it('leaving care before the assessment stops the clocks as not applicable, with the reason, and closes the case', () => {
    const h = new IhaHarness();
    h.apply('childEnteredCare', enteredCare(), people.frontDoor, ENTRY);
    h.apply(
      'childLeftCare',
      { leftOn: '2026-12-22', reason: 'returnedToFamily' },
      people.socialWorker,
      '2026-12-22T17:00:00Z',
    );
    expect(h.record!.status).toBe('closed');
    for (const clock of Object.values(h.record!.clocks)) {
      expect(clock.status).toBe('notApplicable');
      expect(clock.history.at(-1)).toMatchObject({ change: 'notApplicable', reason: 'left care (returned to family)' });
    }
    expect(h.timers).toEqual([]);
    const later = h.apply(
      'requestSentToHealth',
      { sentAt: '2026-12-22T17:30:00Z', consentIncluded: true },
      people.socialWorker,
      '2026-12-22T17:30:00Z',
    );
    expect(later.response.rejection).toMatchObject({ status: 409, code: 'caseClosed' });
  });

  it('a timescale already missed stays missed when the case moves on: closing never hides a breach', () => {
    const h = new IhaHarness();
    h.apply('childEnteredCare', enteredCare(), people.frontDoor, ENTRY);
    h.runUntil('2026-12-23T09:00:00Z'); // the request is now overdue (due end of Mon 21 Dec)
    h.apply(
      'assessmentCompleted',
      { completedOn: '2026-12-23', practitioner: { name: 'Dr Ward' }, healthPlanShared: true },
      people.health,
      '2026-12-23T15:00:00Z',
    );
    expect(h.record!.clocks['request-to-health']).toMatchObject({
      status: 'breached',
      stoppedAt: '2026-12-23T15:00:00.000Z',
    });
    expect(h.record!.clocks['initial-health-assessment']!.status).toBe('met');
    expect(h.timers.filter((t) => t.clockId === 'request-to-health')).toEqual([]);
    const last = h.decisions.at(-1)!;
    expect(last.outcome === 'applied' ? last.timeline.map((t) => t.summary) : []).toContain(
      'Request for the initial health assessment closed, still counted as missed: the assessment was completed before a request was recorded',
    );
  });

  it('leaving care after the deadline keeps the missed assessment counted as breached', () => {
    const h = new IhaHarness();
    h.apply('childEnteredCare', enteredCare(), people.frontDoor, ENTRY);
    h.runUntil('2027-01-21T09:00:00Z');
    h.apply(
      'childLeftCare',
      { leftOn: '2027-01-21', reason: 'specialGuardianship' },
      people.socialWorker,
      '2027-01-21T12:00:00Z',
    );
    expect(h.record!.clocks['initial-health-assessment']).toMatchObject({
      status: 'breached',
      stoppedAt: '2027-01-21T12:00:00.000Z',
    });
    expect(h.timers).toEqual([]);
  });

  it('a timer that fires after its clock stopped does nothing, and says so', () => {
    const h = new IhaHarness();
    h.apply('childEnteredCare', enteredCare(), people.frontDoor, ENTRY);
    const reminder = h.timers.find((t) => t.checkpointId === 'request-reminder')!;
    h.apply(
      'requestSentToHealth',
      { sentAt: '2026-12-15T10:00:00Z', consentIncluded: true },
      people.socialWorker,
      '2026-12-15T10:00:00Z',
    );
    h.outbox = [];
    const d = h.fire(reminder);
    expect(d.outcome).toBe('noop');
    expect(h.outbox).toEqual([]);
    expect(d.outcome === 'noop' && d.timeline[0]!.kind).toBe('timerNotNeeded');
  });

  it('a placement move to another ICB area tells the new ICB, and the clocks carry on', () => {
    const h = new IhaHarness();
    h.apply('childEnteredCare', enteredCare(), people.frontDoor, ENTRY);
    h.outbox = [];
    const before = h.record!.clocks['initial-health-assessment']!.dueAt;
    h.apply(
      'placementMoved',
      { movedOn: '2026-12-22', area: 'outOfArea', icb: 'northvale-icb' },
      people.socialWorker,
      '2026-12-22T12:00:00Z',
    );
    expect(h.outbox.map((m) => m.address)).toEqual(['designated.nurse@northvale-icb.example.nhs.uk']);
    expect(h.outbox[0]!.body).toContain('on 14 January 2027');
    expect(h.record!.clocks['initial-health-assessment']!.dueAt).toBe(before);
    expect(h.record!.organisations).toContain('northvale-icb');
  });

  it('the same event delivered twice is applied once', () => {
    const h = new IhaHarness();
    h.apply('childEnteredCare', enteredCare(), people.frontDoor, ENTRY);
    const first = h.apply(
      'requestSentToHealth',
      { sentAt: '2026-12-15T10:00:00Z', consentIncluded: true },
      people.socialWorker,
      '2026-12-15T10:00:00Z',
      'evt-same',
    );
    const again = h.apply(
      'requestSentToHealth',
      { sentAt: '2026-12-15T10:00:00Z', consentIncluded: true },
      people.socialWorker,
      '2026-12-15T10:00:00Z',
      'evt-same',
    );
    expect(first.outcome).toBe('applied');
    expect(again.outcome).toBe('duplicate');
    expect(h.record!.version).toBe(2);
  });

  it.each([
    ['a school Key Adult', people.school, 403],
    ['a social worker of another council (who learns nothing of the case)', people.otherCouncil, 404],
  ])('%s cannot record the request', (_who, actor, status) => {
    const h = new IhaHarness();
    h.apply('childEnteredCare', enteredCare(), people.frontDoor, ENTRY);
    const d = h.apply(
      'requestSentToHealth',
      { sentAt: '2026-12-15T10:00:00Z', consentIncluded: true },
      actor,
      '2026-12-15T10:00:00Z',
    );
    expect(d.response.rejection?.status).toBe(status);
    expect(d.outcome === 'rejected' && d.audit[0]).toMatchObject({
      action: 'refused',
      actor: { userId: actor.userId },
    });
  });

  it.each([
    [{ enteredCareAt: '2026-12-15T10:00:00Z' }, 'enteredCareAt', 'cannot be in the future'],
    [
      { child: { name: 'A', dateOfBirth: '2008-01-01' } },
      'child.dateOfBirth',
      'the child must be under 18 on entering care',
    ],
    [
      { child: { name: 'A', dateOfBirth: '2027-01-01' } },
      'child.dateOfBirth',
      'must be on or before the day the child entered care',
    ],
    [
      { healthProvider: 'nowhere-health' },
      'healthProvider',
      "no healthProvider 'nowhere-health' in the partnership directory",
    ],
  ])('refuses an entry into care that cannot be right (%j)', (overrides, path, message) => {
    const h = new IhaHarness();
    const d = h.apply('childEnteredCare', enteredCare(overrides), people.frontDoor, '2026-12-14T12:00:00Z');
    expect(d.outcome).toBe('rejected');
    expect(d.response.rejection!.issues).toContainEqual({ path, message });
    expect(h.record).toBeUndefined();
  });

  it('refuses unknown fields by name rather than storing them', () => {
    const h = new IhaHarness();
    const d = h.apply('childEnteredCare', enteredCare({ ethnicity: 'x' }), people.frontDoor, ENTRY);
    expect(d.outcome).toBe('rejected');
    expect(JSON.stringify(d.response.rejection!.issues)).toContain('ethnicity');
  });

  it('opens one case per child reference: a second entry for the same reference is refused', () => {
    const h = new IhaHarness();
    h.apply('childEnteredCare', enteredCare(), people.frontDoor, ENTRY);
    const d = h.apply(
      'childEnteredCare',
      enteredCare({ enteredCareAt: '2026-12-14T11:00:00Z' }),
      people.frontDoor,
      '2026-12-14T11:00:00Z',
    );
    expect(d.response.rejection).toMatchObject({ status: 409, code: 'caseExists' });
  });
});

describe("across Christmas with the shipped configuration: the council's closure days lengthen only the council's own target", () => {
  // The shipped partnership: riverside-council closes Tue 29, Wed 30 and Thu 31 Dec 2026. Bank holidays
  // in England: Fri 25 Dec, Mon 28 Dec (Boxing Day substitute), Fri 1 Jan 2027. Counted by hand:
  //
  // Entered care Mon 14 Dec 2026.
  //   England (statutory clock): 1 Tue 15, 2 Wed 16, 3 Thu 17, 4 Fri 18, 5 Mon 21, 6 Tue 22, 7 Wed 23,
  //     8 Thu 24, 9 Tue 29, 10 Wed 30, 11 Thu 31, 12 Mon 4 Jan, 13 Tue 5, 14 Wed 6, 15 Thu 7, 16 Fri 8,
  //     17 Mon 11, 18 Tue 12, 19 Wed 13, 20 Thu 14 Jan -> due Thu 14 Jan (not Tue 19 Jan, which
  //     counting the council's closures would give).
  //   Council (request to health): 1 Tue 15, 2 Wed 16, 3 Thu 17, 4 Fri 18, 5 Mon 21 Dec -> due Mon 21 Dec.
  //
  // Entered care Fri 18 Dec 2026.
  //   England: 1 Mon 21, 2 Tue 22, 3 Wed 23, 4 Thu 24, 5 Tue 29, 6 Wed 30, 7 Thu 31, 8 Mon 4 Jan,
  //     9 Tue 5, 10 Wed 6, 11 Thu 7, 12 Fri 8, 13 Mon 11, 14 Tue 12, 15 Wed 13, 16 Thu 14, 17 Fri 15,
  //     18 Mon 18, 19 Tue 19, 20 Wed 20 Jan -> due Wed 20 Jan (not Mon 25 Jan).
  //   Council: 1 Mon 21, 2 Tue 22, 3 Wed 23, 4 Thu 24, (25 Dec to 3 Jan: bank holidays, weekends and
  //     its closure days) 5 Mon 4 Jan -> due Mon 4 Jan (England alone would give Tue 29 Dec).
  //
  // Entered care Wed 23 Dec 2026.
  //   England: 1 Thu 24, 2 Tue 29, 3 Wed 30, 4 Thu 31, 5 Mon 4 Jan, 6 Tue 5, 7 Wed 6, 8 Thu 7, 9 Fri 8,
  //     10 Mon 11, 11 Tue 12, 12 Wed 13, 13 Thu 14, 14 Fri 15, 15 Mon 18, 16 Tue 19, 17 Wed 20,
  //     18 Thu 21, 19 Fri 22, 20 Mon 25 Jan -> due Mon 25 Jan (not Thu 28 Jan).
  //   Council: 1 Thu 24, 2 Mon 4 Jan, 3 Tue 5, 4 Wed 6, 5 Thu 7 Jan -> due Thu 7 Jan (England: Mon 4 Jan).
  // Every instant is the end of a London day in winter (GMT), so 23:59:59.999Z.
  it.each([
    ['Mon 14 Dec 2026', '2026-12-14T10:00:00Z', '2026-12-21', '2027-01-14'],
    ['Fri 18 Dec 2026', '2026-12-18T10:00:00Z', '2027-01-04', '2027-01-20'],
    ['Wed 23 Dec 2026', '2026-12-23T10:00:00Z', '2027-01-07', '2027-01-25'],
  ])(
    'entering care on %s: the request to health is due by the end of the 5th council working day, the assessment by the end of the 20th working day in England',
    (_day, enteredCareAt, requestDueOn, assessmentDueOn) => {
      // Prepare
      const h = new IhaHarness(shipped);
      // Act
      const decision = h.apply('childEnteredCare', enteredCare({ enteredCareAt }), people.frontDoor, enteredCareAt);
      // Assess
      expect(decision.outcome).toBe('applied');
      expect(h.record!.clocks['request-to-health']).toMatchObject({
        dueAt: END_OF(requestDueOn),
        source: { kind: 'localTarget' },
        ownerOrganisation: 'riverside-council',
      });
      expect(h.record!.clocks['initial-health-assessment']).toMatchObject({
        dueAt: END_OF(assessmentDueOn),
        source: { kind: 'statutory' },
        ownerOrganisation: 'riverside-health',
      });
      expect(
        h.timers
          .filter((t) => t.checkpointId === 'request-due' || t.checkpointId === 'assessment-due')
          .map((t) => [t.checkpointId, t.dueAt]),
      ).toEqual([
        ['request-due', END_OF(requestDueOn)],
        ['assessment-due', END_OF(assessmentDueOn)],
      ]);
    },
  );

  it("a request sent on Mon 4 Jan after entry on Fri 18 Dec meets the council's target on its 5th working day; the statutory count there is 8", () => {
    // Prepare
    const h = new IhaHarness(shipped);
    h.apply(
      'childEnteredCare',
      enteredCare({ enteredCareAt: '2026-12-18T10:00:00Z' }),
      people.frontDoor,
      '2026-12-18T10:00:00Z',
    );
    // Act
    h.apply(
      'requestSentToHealth',
      { sentAt: '2027-01-04T16:00:00Z', consentIncluded: true },
      people.socialWorker,
      '2027-01-04T16:00:00Z',
    );
    h.apply(
      'assessmentCompleted',
      { completedOn: '2027-01-20', practitioner: { name: 'Dr Ward' }, healthPlanShared: true },
      people.health,
      '2027-01-20T15:00:00Z',
    );
    // Assess
    expect(h.record!.clocks['request-to-health']!.status).toBe('met');
    expect(h.record!.details.request!.workingDaysAfterEntry).toBe(5);
    expect(h.record!.clocks['initial-health-assessment']!.status).toBe('met');
    // England working days: Fri 18 Dec -> Mon 4 Jan is 8 (list above); Mon 4 Jan -> Wed 20 Jan is 12
    expect(h.record!.details.assessment!.segments).toEqual({ councilRequest: 8, health: 12, total: 20 });
  });
});

describe('review health assessments', () => {
  it.each([
    ['under 5: six months', '2023-03-10', '2026-09-01', '2027-03-01'],
    ['turns 5 before the review: still six months from an assessment at 4', '2022-03-10', '2026-09-01', '2027-03-01'],
    ['assessed on the fifth birthday: twelve months', '2022-03-10', '2027-03-10', '2028-03-10'],
    ['over 5: twelve months', '2015-06-01', '2027-01-19', '2028-01-19'],
    ['month end clamps', '2023-01-01', '2026-08-31', '2027-02-28'],
  ])('%s', (_name, dateOfBirth, lastAssessment, due) => {
    expect(nextReviewDue(dateOfBirth, lastAssessment)).toBe(due);
  });

  it('warns 4 weeks before each review, breaches after, and starts the next from the review done', () => {
    const h = new IhaHarness();
    h.apply(
      'childEnteredCare',
      enteredCare({ child: { name: 'Small Child', dateOfBirth: '2023-02-01' } }),
      people.frontDoor,
      ENTRY,
    );
    h.apply(
      'assessmentCompleted',
      { completedOn: '2027-01-08', practitioner: { name: 'Dr Ward' }, healthPlanShared: true },
      people.health,
      '2027-01-08T15:00:00Z',
    );
    const review = h.record!.clocks['review-health-assessment-1']!;
    expect(review).toMatchObject({ status: 'running', dueAt: '2027-07-08T22:59:59.999Z' }); // 8 Jul 2027 end, BST
    expect(h.timers.filter((t) => t.clockId === review.id).map((t) => [t.checkpointId, t.dueAt])).toEqual([
      ['review-reminder', '2027-06-10T08:00:00.000Z'], // 09:00 BST, 28 days before
      ['review-due', '2027-07-08T22:59:59.999Z'],
    ]);
    h.outbox = [];
    h.runUntil('2027-07-09T09:00:00Z');
    expect(h.record!.clocks['review-health-assessment-1']!.status).toBe('breached');
    expect(h.outbox.map((m) => m.recipientRole)).toEqual([
      'assessmentTeam',
      'socialWorker',
      'assessmentTeam',
      'designatedNurse',
      'socialWorker',
    ]);
    h.apply(
      'reviewAssessmentCompleted',
      { completedOn: '2027-07-12', practitioner: { name: 'Nurse Bell' } },
      people.health,
      '2027-07-12T14:00:00Z',
    );
    expect(h.record!.clocks['review-health-assessment-1']!.status).toBe('metLate');
    expect(h.record!.clocks['review-health-assessment-2']!.dueAt).toBe('2028-01-12T23:59:59.999Z'); // still under 5: 6 months
  });

  it('no review is planned on or after the 18th birthday, and the case closes on it', () => {
    const h = new IhaHarness();
    h.apply(
      'childEnteredCare',
      enteredCare({ child: { name: 'Older', dateOfBirth: '2009-03-01' } }),
      people.frontDoor,
      ENTRY,
    );
    h.apply(
      'assessmentCompleted',
      { completedOn: '2027-01-08', practitioner: { name: 'Dr Ward' }, healthPlanShared: true },
      people.health,
      '2027-01-08T15:00:00Z',
    );
    expect(Object.keys(h.record!.clocks)).not.toContain('review-health-assessment-1'); // due 8 Jan 2028 is after 1 Mar 2027
    h.runUntil('2027-03-02T00:00:00Z');
    expect(h.record).toMatchObject({
      status: 'closed',
      closureReason: 'the young person turned 18; support continues through leaving care services',
    });
  });
});

describe('NHS number', () => {
  it.each([
    ['9434765919', true],
    ['943 476 5919', true],
    ['9434765918', false],
    ['123', false],
  ])('%s valid: %s', (value, valid) => expect(isNhsNumber(value)).toBe(valid));
});
