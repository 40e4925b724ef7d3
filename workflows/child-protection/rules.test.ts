/**
 * Child protection's rules, in memory: who is told what and when, what each stage accepts, the link to
 * Family Help both ways, and how a case ends. The state machine's run of the same story is
 * test/workflows/child-protection.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { definitionOf } from '#core/process/catalogue';
import { actors, applied, enquiryFrom, planFrom } from '#test/support/child-protection';
import { ProcessHarness } from '#test/support/process-harness';
import type { CpDetails } from './contract';
import { endingWords } from './details';
import { chair, exampleInitialConference, exampleReferral, exampleStrategyDiscussion } from './example';
import * as cpParts from './index';
import { checkpointMessages, initialConferenceBooking, planStartedMessage, stepDownMessage } from './messages';

const childProtection = definitionOf(cpParts);

const SAM = 'sam.okafor@riverside.example.gov.uk';
const TAYLOR = 'taylor.green@riverside.example.gov.uk';
const CHAIRS = 'child.protection.chairs@riverside.example.gov.uk';
const CHAIR = chair.email;
const HEAD = 'head.of.service.children@riverside.example.gov.uk';
const FAMILY_HELP_FRONT_DOOR = 'early.help.front.door@riverside.example.gov.uk';

const rejection = (d: ReturnType<ProcessHarness<CpDetails>['apply']>) =>
  d.outcome === 'rejected' ? d.response.rejection : undefined;
const sent = (h: ProcessHarness<CpDetails>) =>
  h.outbox.map((m) => [m.dueAt, m.recipientRole, m.address, m.subject.replace(h.record!.caseCode, '{caseCode}')]);

describe('who is told, before and at each deadline', () => {
  it('the initial conference: the social worker, their manager and the conference chairs when the enquiry starts, at day 10, on the day and at the deadline, with the head of service', () => {
    // Prepare: a strategy discussion on Tue 22 Dec 2026 (due Fri 15 Jan 2027)
    const h = enquiryFrom('2026-12-21T10:00:00Z', '2026-12-22T14:00:00Z');
    // Act: nothing is recorded until after the deadline
    h.runUntil('2027-01-16T09:00:00Z');
    // Assess
    const subject = (m: { subject: string }) => m.subject.replace('{due}', '11:59pm on 15 January 2027');
    const told = (at: string, message: { subject: string }, who: string[][]) =>
      who.map(([role, address]) => [at, role, address, subject(message)]);
    const three = [
      ['leadPractitioner', SAM],
      ['manager', TAYLOR],
      ['conferenceChair', CHAIRS],
    ];
    expect(sent(h)).toEqual([
      ...told('2026-12-22T14:00:00Z', initialConferenceBooking, three),
      ...told('2027-01-08T23:59:59.999Z', checkpointMessages.initialConferenceReminder, three),
      ...told('2027-01-15T09:00:00.000Z', checkpointMessages.initialConferenceDueToday, three),
      ...told('2027-01-15T23:59:59.999Z', checkpointMessages.initialConferenceDue, [...three, ['headOfService', HEAD]]),
    ]);
    expect(h.record!.clocks['initial-conference']!.status).toBe('breached');
    // No child's details in any message
    for (const m of h.outbox) expect(`${m.subject}\n${m.body}`).not.toMatch(/Test Child|2018-02-11|RCC-CP-1001/);
  });

  it('once a conference names its chair and a plan its lead practitioner, they are told: the chair in place of the chairs’ mailbox', () => {
    // Prepare: the plan from Thu 14 Jan 2027, led by another social worker with another manager
    const h = enquiryFrom('2027-01-04T09:00:00Z', '2027-01-04T10:00:00Z');
    applied(
      h.apply(
        'section47Completed',
        { completedOn: '2027-01-13', outcome: 'conferenceNeeded' },
        actors.socialWorker,
        '2027-01-13T10:00:00Z',
      ),
    );
    const lead = { name: 'Kai Morris', email: 'kai.morris@riverside.example.gov.uk', socialWorker: true };
    const manager = { name: 'Ruth Green', email: 'ruth.green@riverside.example.gov.uk' };
    const before = h.outbox.length;
    // Act
    applied(
      h.apply(
        'initialConferenceHeld',
        exampleInitialConference('2027-01-14', { leadPractitioner: lead, manager }),
        actors.socialWorker,
        '2027-01-14T16:00:00Z',
      ),
    );
    h.runUntil('2027-01-29T09:00:00Z');
    // Assess: the plan's start to its lead and manager; the core group's alerts to them and the named chair
    const after = h.outbox.slice(before).map((m) => [m.dueAt, m.recipientRole, m.address]);
    expect(after).toEqual([
      ['2027-01-14T16:00:00Z', 'leadPractitioner', lead.email],
      ['2027-01-14T16:00:00Z', 'manager', manager.email],
      ['2027-01-21T23:59:59.999Z', 'leadPractitioner', lead.email],
      ['2027-01-21T23:59:59.999Z', 'manager', manager.email],
      ['2027-01-21T23:59:59.999Z', 'conferenceChair', CHAIR],
      ['2027-01-28T09:00:00.000Z', 'leadPractitioner', lead.email],
      ['2027-01-28T09:00:00.000Z', 'manager', manager.email],
      ['2027-01-28T09:00:00.000Z', 'conferenceChair', CHAIR],
      ['2027-01-28T23:59:59.999Z', 'leadPractitioner', lead.email],
      ['2027-01-28T23:59:59.999Z', 'manager', manager.email],
      ['2027-01-28T23:59:59.999Z', 'conferenceChair', CHAIR],
      ['2027-01-28T23:59:59.999Z', 'headOfService', HEAD],
    ]);
    expect(h.outbox.slice(before)[0]!.subject).toBe(
      planStartedMessage.subject
        .replace('{caseCode}', h.record!.caseCode)
        .replace('{coreGroup}', '11:59pm on 28 January 2027'),
    );
    expect(h.record!.leadPractitionerEmail).toBe(lead.email);
  });
});

describe('what each stage accepts', () => {
  it('refuses, naming the field or the stage: a conference before the enquiry’s outcome, a core group before a plan, a strategy discussion ending an enquiry', () => {
    const h = new ProcessHarness<CpDetails>(childProtection);
    applied(h.apply('referralReceived', exampleReferral(), actors.frontDoor, '2026-12-21T10:00:00Z'));
    // The first strategy discussion names the social worker and their manager
    const withoutPeople = h.apply(
      'strategyDiscussionHeld',
      { heldAt: '2026-12-22T14:00:00Z', agencies: ['council', 'police'], section47Enquiry: true },
      actors.socialWorker,
      '2026-12-22T15:00:00Z',
    );
    expect(rejection(withoutPeople)?.issues.map((i) => i.path)).toEqual(['socialWorker', 'manager']);
    // Children's social care takes part, each agency once
    const withoutCouncil = h.apply(
      'strategyDiscussionHeld',
      exampleStrategyDiscussion('2026-12-22T14:00:00Z', { agencies: ['police', 'police'] }),
      actors.socialWorker,
      '2026-12-22T15:00:00Z',
    );
    expect(rejection(withoutCouncil)?.issues.map((i) => [i.path, i.message])).toEqual([
      ['agencies', 'must name each agency once'],
      ['agencies', "must include 'council': children’s social care leads a strategy discussion"],
    ]);
    // Before the referral reached children's social care: refused naming the time
    const early = h.apply(
      'strategyDiscussionHeld',
      exampleStrategyDiscussion('2026-12-21T09:00:00Z'),
      actors.socialWorker,
      '2026-12-22T15:00:00Z',
    );
    expect(rejection(early)?.issues[0]?.path).toBe('heldAt');
    applied(
      h.apply(
        'strategyDiscussionHeld',
        exampleStrategyDiscussion('2026-12-22T14:00:00Z'),
        actors.socialWorker,
        '2026-12-22T15:00:00Z',
      ),
    );
    // The conference waits for the enquiry's outcome
    const tooSoon = h.apply(
      'initialConferenceHeld',
      exampleInitialConference('2026-12-23'),
      actors.socialWorker,
      '2026-12-23T15:00:00Z',
    );
    expect(rejection(tooSoon)).toMatchObject({
      status: 409,
      message: expect.stringContaining('record the enquiry’s outcome first'),
    });
    // A core group waits for a plan
    const noPlan = h.apply(
      'coreGroupMeetingHeld',
      { heldOn: '2026-12-23' },
      actors.socialWorker,
      '2026-12-23T15:00:00Z',
    );
    expect(rejection(noPlan)?.status).toBe(409);
    // While the enquiry is under way, a strategy discussion continues it
    const ending = h.apply(
      'strategyDiscussionHeld',
      { heldAt: '2026-12-23T10:00:00Z', agencies: ['council'], section47Enquiry: false },
      actors.socialWorker,
      '2026-12-23T11:00:00Z',
    );
    expect(rejection(ending)?.issues[0]?.path).toBe('section47Enquiry');
    // The front door opens cases; it does not record the enquiry
    const frontDoor = h.apply(
      'section47Completed',
      { completedOn: '2026-12-23', outcome: 'conferenceNeeded' },
      actors.frontDoor,
      '2026-12-23T12:00:00Z',
    );
    expect(rejection(frontDoor)?.status).toBe(403);
  });

  it('a plan is led by a registered social worker, named at the conference that agrees it, with the plans the child had before', () => {
    const h = enquiryFrom('2027-01-04T09:00:00Z', '2027-01-04T10:00:00Z');
    applied(
      h.apply(
        'section47Completed',
        { completedOn: '2027-01-13', outcome: 'conferenceNeeded' },
        actors.socialWorker,
        '2027-01-13T10:00:00Z',
      ),
    );
    const noLead = h.apply(
      'initialConferenceHeld',
      exampleInitialConference('2027-01-14', { leadPractitioner: undefined }),
      actors.socialWorker,
      '2027-01-14T16:00:00Z',
    );
    expect(rejection(noLead)?.issues).toEqual([
      { path: 'leadPractitioner', message: 'is required with a child protection plan: the social worker who leads it' },
    ]);
    const noCount = h.apply(
      'initialConferenceHeld',
      exampleInitialConference('2027-01-14', { previousPlans: undefined }),
      actors.socialWorker,
      '2027-01-14T16:00:00Z',
    );
    expect(rejection(noCount)?.issues).toEqual([
      {
        path: 'previousPlans',
        message: 'is required with a child protection plan: how many the child has had before (0 if none)',
      },
    ]);
    const notSocialWorker = h.apply(
      'initialConferenceHeld',
      exampleInitialConference('2027-01-14', {
        leadPractitioner: { name: 'Kai Morris', email: 'kai@example.org', socialWorker: false },
      }),
      actors.socialWorker,
      '2027-01-14T16:00:00Z',
    );
    expect(rejection(notSocialWorker)?.issues).toEqual([
      {
        path: 'leadPractitioner.socialWorker',
        message: 'the lead child protection practitioner must be a registered social worker',
      },
    ]);
  });

  it('a later strategy discussion is refused once the initial conference has been held', () => {
    const h = planFrom('2027-01-04T09:00:00Z', '2027-01-04T10:00:00Z', '2027-01-14');
    const late = h.apply(
      'strategyDiscussionHeld',
      exampleStrategyDiscussion('2027-01-15T10:00:00Z'),
      actors.socialWorker,
      '2027-01-15T11:00:00Z',
    );
    expect(rejection(late)).toMatchObject({
      status: 409,
      message: expect.stringContaining('a child protection plan in place'),
    });
  });
});

describe('the link to Family Help, both ways', () => {
  const FH = 'SF-7K3F-9Q2M';
  const lookedUp = (organisation: string, process = 'supporting-families') => ({
    familyHelpCase: { caseCode: FH, process, organisation, status: 'closed' },
  });
  const stepUp = (context?: Record<string, unknown>) => {
    const h = new ProcessHarness<CpDetails>(childProtection);
    const d = h.apply(
      'referralReceived',
      exampleReferral({ source: 'familyHelp', familyHelpCaseCode: FH.toLowerCase() }),
      actors.frontDoor,
      '2026-12-21T10:00:00Z',
      'evt-step-up',
      context,
    );
    return { h, d };
  };

  it('a step-up from a Family Help episode of the same council opens the case linked to it', () => {
    const { h, d } = stepUp(lookedUp('riverside-council'));
    applied(d);
    expect(h.record!.details.referral).toEqual({
      receivedAt: '2026-12-21T10:00:00.000Z',
      source: 'familyHelp',
      familyHelpCaseCode: FH,
    });
    expect(d.response.message).toBe(
      `Referral recorded: case ${h.record!.caseCode} opened (stepped up from Family Help episode ${FH})`,
    );
  });

  it.each([
    ['not found', undefined],
    ['another council’s', lookedUp('northvale-council')],
    ['another process’s', lookedUp('riverside-council', 'initial-health-assessment')],
  ])('a step-up naming an episode %s is refused, naming the field, in the same words', (_what, context) => {
    const { h, d } = stepUp(context);
    expect(rejection(d)?.issues).toEqual([
      { path: 'familyHelpCaseCode', message: `no Family Help episode ${FH} at your council` },
    ]);
    expect(h.record).toBeUndefined();
  });

  it('a Family Help case code only with a step-up from Family Help', () => {
    const h = new ProcessHarness<CpDetails>(childProtection);
    const d = h.apply(
      'referralReceived',
      exampleReferral({ familyHelpCaseCode: FH }),
      actors.frontDoor,
      '2026-12-21T10:00:00Z',
    );
    expect(rejection(d)?.issues[0]?.path).toBe('familyHelpCaseCode');
  });

  it('a plan that steps down to Family Help closes the case and asks the Family Help front door for the linked request', () => {
    const h = planFrom('2027-01-04T09:00:00Z', '2027-01-04T10:00:00Z', '2027-01-14');
    const d = applied(
      h.apply(
        'reviewConferenceHeld',
        { heldOn: '2027-04-13', planContinues: false, outcome: 'steppedDownToFamilyHelp' },
        actors.socialWorker,
        '2027-04-13T15:00:00Z',
      ),
    );
    expect(d.response.message).toBe('Review conference recorded; the plan ended: Stepped down to Family Help');
    expect(h.record!.status).toBe('closed');
    expect(h.record!.closureReason).toBe('Child protection plan ended: Stepped down to Family Help');
    expect(h.record!.details.plan!.endedOn).toBe('2027-04-13');
    const asked = h.outbox.at(-1)!;
    expect([asked.recipientRole, asked.address]).toEqual(['familyHelpFrontDoor', FAMILY_HELP_FRONT_DOOR]);
    expect(asked.subject).toBe(stepDownMessage.subject.replace('{caseCode}', h.record!.caseCode));
    expect(asked.body).toContain('has stepped down from child protection to Family Help on 13 April 2027');
    expect(asked.body).toContain('as a step-down from social care');
    expect(Object.values(h.record!.clocks).every((c) => c.stoppedAt)).toBe(true);
    expect(h.timers).toEqual([]);
  });
});

describe('how a case ends', () => {
  it('an enquiry that concludes no conference is needed, after day 15: the conference clock no longer applies (not counted as missed)', () => {
    const h = enquiryFrom('2026-12-21T10:00:00Z', '2026-12-22T14:00:00Z');
    h.runUntil('2027-01-18T09:00:00Z');
    expect(h.record!.clocks['initial-conference']!.status).toBe('breached');
    applied(
      h.apply(
        'section47Completed',
        { completedOn: '2027-01-18', outcome: 'childInNeedSupport' },
        actors.socialWorker,
        '2027-01-18T10:00:00Z',
      ),
    );
    const clock = h.record!.clocks['initial-conference']!;
    expect([clock.status, clock.stoppedAt]).toEqual(['notApplicable', '2027-01-18T10:00:00.000Z']);
    expect(clock.history.map((e) => e.change)).toEqual(['started', 'breached', 'notApplicable']);
    expect(h.record!.closureReason).toBe(`Section 47 enquiry concluded: ${endingWords.childInNeedSupport}`);
  });

  it('a referral that needs no enquiry closes with what happens next', () => {
    const h = new ProcessHarness<CpDetails>(childProtection);
    applied(h.apply('referralReceived', exampleReferral(), actors.frontDoor, '2026-12-21T10:00:00Z'));
    applied(
      h.apply(
        'strategyDiscussionHeld',
        exampleStrategyDiscussion('2026-12-21T15:00:00Z', { section47Enquiry: false }),
        actors.socialWorker,
        '2026-12-21T16:00:00Z',
      ),
    );
    expect(h.record!.clocks).toEqual({});
    applied(
      h.apply(
        'referralConcluded',
        { concludedOn: '2026-12-22', outcome: 'noFurtherSupportNeeded' },
        actors.frontDoor,
        '2026-12-22T10:00:00Z',
      ),
    );
    expect(h.record!.closureReason).toBe(`Referral concluded: ${endingWords.noFurtherSupportNeeded}`);
  });

  it('a plan ends outside a review (the family moved away), with its words; "other" needs a few words', () => {
    const h = planFrom('2027-01-04T09:00:00Z', '2027-01-04T10:00:00Z', '2027-01-14');
    const bare = h.apply(
      'planEnded',
      { endedOn: '2027-02-01', outcome: 'other' },
      actors.socialWorker,
      '2027-02-01T10:00:00Z',
    );
    expect(rejection(bare)?.issues).toEqual([{ path: 'outcomeText', message: "is required when outcome is 'other'" }]);
    applied(
      h.apply(
        'planEnded',
        { endedOn: '2027-02-01', outcome: 'movedToAnotherArea' },
        actors.socialWorker,
        '2027-02-01T10:00:00Z',
      ),
    );
    expect(h.record!.closureReason).toBe(`Child protection plan ended: ${endingWords.movedToAnotherArea}`);
    expect(h.record!.clocks['first-core-group']!.status).toBe('notApplicable');
  });

  it('the 18th birthday ends the case and its plan', () => {
    const h = new ProcessHarness<CpDetails>(childProtection);
    applied(
      h.apply(
        'referralReceived',
        exampleReferral({ child: { name: 'Test Child', dateOfBirth: '2009-02-01' } }),
        actors.frontDoor,
        '2026-12-21T10:00:00Z',
      ),
    );
    expect(h.timers.map((t) => [t.checkpointId, t.dueAt])).toEqual([['adulthood', '2027-02-01T00:00:00.000Z']]);
    h.runUntil('2027-02-01T00:00:00.000Z');
    expect(h.record!.status).toBe('closed');
    expect(h.record!.details.conclusion).toEqual({ on: '2027-02-01', at: 'referral', outcome: 'turned18' });
  });
});

describe('words without blame', () => {
  it('endings and every message say what happened and what to do, never who is at fault', () => {
    const blame =
      /did not|didn’t|engage|refus|fail|non-?complian|challenging|behaviour|chaotic|resist|hard to reach|troubled|unwilling|uncooperative|abuser|perpetrat/i;
    const words = [
      ...Object.values(endingWords),
      ...[...Object.values(checkpointMessages), initialConferenceBooking, planStartedMessage, stepDownMessage].flatMap(
        (m) => [m.subject, m.body],
      ),
    ];
    expect(words.length).toBeGreaterThan(20);
    expect(words.filter((w) => blame.test(w))).toEqual([]);
  });
});
