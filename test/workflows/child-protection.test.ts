/**
 * The synthesized child protection state machine, run by aws-local-stepfunctions against DynamoDB Local
 * through the API, under the controllable clock: the story the issue asks for, every instant computed by
 * hand. A front door worker records a referral (Mon 21 Dec 2026); a social worker records a strategy
 * discussion just before Christmas (Tue 22 Dec) and sees the initial conference due by the end of Fri 15
 * Jan 2027, counted over the bank holidays (25 and 28 Dec, 1 Jan; the council's closure days 29 to 31 Dec
 * count, as for every statutory clock); the chair, the social worker and their manager are told before it
 * (end of day 10, Fri 8 Jan) and on its day (09:00); the conference agrees a plan on Fri 15 Jan; the first
 * core group is due by the end of Fri 29 Jan (10 working days) and is missed, so the head of service is
 * told; the first review conference is due by the end of Thu 15 Apr 2027 (3 calendar months; BST), the
 * next by Fri 15 Oct 2027 (6 months), where the plan steps down to Family Help.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '#core/process/model';
import { apiEvent } from '#local/demo';
import type { Platform } from '#local/platform';
import type { CpDetails } from '#workflows/child-protection/contract';
import {
  chair,
  exampleInitialConference,
  exampleReferral,
  exampleStrategyDiscussion,
} from '#workflows/child-protection/example';
import { exampleRequest } from '#workflows/supporting-families/example';
import { testPlatform } from '../support/platform';

const OPEN = '/processes/child-protection/cases';
const SAM = 'sam.okafor@riverside.example.gov.uk';
const TAYLOR = 'taylor.green@riverside.example.gov.uk';
const CHAIRS = 'child.protection.chairs@riverside.example.gov.uk';
const HEAD = 'head.of.service.children@riverside.example.gov.uk';
const FAMILY_HELP_FRONT_DOOR = 'early.help.front.door@riverside.example.gov.uk';
const END_OF = (day: string) => `${day}T23:59:59.999Z`;

describe('child protection, end to end on the local runtime', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await testPlatform({ startAt: new Date('2026-12-21T10:00:00Z'), frozen: true });
  });
  afterAll(async () => platform?.stop());

  async function call(method: string, path: string, user: string, body?: unknown) {
    const result = await platform.api(apiEvent(method, path, user, body));
    return { status: result.statusCode, body: JSON.parse(result.body as string) };
  }
  const event = (caseId: string, user: string, body: Record<string, unknown>) =>
    call('POST', `/cases/${caseId}/events`, user, body);
  const at = (iso: string) => platform.advanceTo(new Date(iso));
  const record = async (caseId: string) => (await platform.store.getCase(caseId)) as CaseRecord<CpDetails>;
  /** The case's messages since `since`: [instant it is about, who, subject with the case code as {caseCode}]. */
  const told = (caseCode: string, since = 0) =>
    platform.inbox
      .find({ caseCode })
      .slice(since)
      .map((m) => [m.dueAt ?? m.createdAt, m.address, m.subject.replace(caseCode, '{caseCode}')]);

  it('a referral, a strategy discussion just before Christmas, the conference’s deadline over the bank holidays, a plan with its core group and review clocks, and a breach that reaches the head of service', async () => {
    // Mon 21 Dec 2026, 10:00: the front door records a referral from a school
    const opened = await call('POST', OPEN, 'alex', exampleReferral({ caseReference: 'RCC-CP-XMAS' }));
    expect(opened.status).toBe(201);
    const { caseId, caseCode } = opened.body;
    expect(caseCode).toMatch(/^CP-/);
    expect(opened.body.clocks).toEqual([]);

    // Tue 22 Dec, 14:00: the social worker records the strategy discussion (the council, police, health and the school)
    await at('2026-12-22T14:30:00Z');
    const discussed = await event(caseId, 'sam', {
      type: 'strategyDiscussionHeld',
      ...exampleStrategyDiscussion('2026-12-22T14:00:00Z'),
    });
    expect(discussed.status).toBe(200);
    expect(discussed.body.message).toBe(
      'Strategy discussion recorded; the initial child protection conference is due by Fri 15 Jan 2027 at 23:59',
    );
    expect(discussed.body.clocks).toEqual([
      {
        id: 'initial-conference',
        title: 'Initial child protection conference',
        status: 'running',
        dueAt: END_OF('2027-01-15'),
      },
    ]);
    await platform.settle();
    const booking = 'Initial child protection conference for {caseCode} to be held by 11:59pm on 15 January 2027';
    expect(told(caseCode)).toEqual([
      ['2026-12-22T14:30:00.000Z', SAM, booking],
      ['2026-12-22T14:30:00.000Z', TAYLOR, booking],
      ['2026-12-22T14:30:00.000Z', CHAIRS, booking],
    ]);

    // The section 47 enquiry concludes on Tue 12 Jan that a conference is needed
    await at('2027-01-12T16:00:00Z');
    expect(
      (
        await event(caseId, 'sam', {
          type: 'section47Completed',
          completedOn: '2027-01-12',
          outcome: 'conferenceNeeded',
        })
      ).status,
    ).toBe(200);

    // Fri 15 Jan, 15:00: told at day 10 (end of Fri 8 Jan) and at 09:00 on the day; the conference agrees a plan
    await at('2027-01-15T15:00:00Z');
    const reminder = 'Initial child protection conference for {caseCode} due by 11:59pm on 15 January 2027';
    const onTheDay = 'Initial child protection conference for {caseCode} is due today';
    expect(told(caseCode, 3)).toEqual([
      [END_OF('2027-01-08'), SAM, reminder],
      [END_OF('2027-01-08'), TAYLOR, reminder],
      [END_OF('2027-01-08'), CHAIRS, reminder],
      ['2027-01-15T09:00:00.000Z', SAM, onTheDay],
      ['2027-01-15T09:00:00.000Z', TAYLOR, onTheDay],
      ['2027-01-15T09:00:00.000Z', CHAIRS, onTheDay],
    ]);
    const conference = await event(caseId, 'sam', {
      type: 'initialConferenceHeld',
      ...exampleInitialConference('2027-01-15'),
    });
    expect(conference.status).toBe(200);
    expect(conference.body.message).toBe(
      'Initial conference recorded; a child protection plan started: the first core group is due by ' +
        'Fri 29 Jan 2027 at 23:59 and the first review conference by Thu 15 Apr 2027 at 23:59',
    );
    const afterConference = await record(caseId);
    expect(afterConference.stage).toBe('plan');
    expect(afterConference.clocks['initial-conference']!.status).toBe('met');
    expect(afterConference.details.initialConference).toMatchObject({
      withinFifteenWorkingDays: true,
      workingDaysFromLastStrategyDiscussion: 15,
    });
    expect(afterConference.clocks['first-core-group']!.dueAt).toBe(END_OF('2027-01-29'));
    expect(afterConference.clocks['review-conference-1']!.dueAt).toBe('2027-04-15T22:59:59.999Z');
    await platform.settle();
    const sentBefore = platform.inbox.find({ caseCode }).length;

    // Nothing recorded of the core group by Mon 1 Feb: reminded at day 5 (Fri 22 Jan), on the day, then the
    // breach, which also reaches the head of service; the named chair in place of the chairs' mailbox
    await at('2027-02-01T10:00:00Z');
    const coreReminder = 'First core group for {caseCode} due by 11:59pm on 29 January 2027';
    const coreToday = 'First core group for {caseCode} is due today';
    const coreMissed = 'First core group for {caseCode} was due by 11:59pm on 29 January 2027';
    expect(told(caseCode, sentBefore)).toEqual([
      [END_OF('2027-01-22'), SAM, coreReminder],
      [END_OF('2027-01-22'), TAYLOR, coreReminder],
      [END_OF('2027-01-22'), chair.email, coreReminder],
      ['2027-01-29T09:00:00.000Z', SAM, coreToday],
      ['2027-01-29T09:00:00.000Z', TAYLOR, coreToday],
      ['2027-01-29T09:00:00.000Z', chair.email, coreToday],
      [END_OF('2027-01-29'), SAM, coreMissed],
      [END_OF('2027-01-29'), TAYLOR, coreMissed],
      [END_OF('2027-01-29'), chair.email, coreMissed],
      [END_OF('2027-01-29'), HEAD, coreMissed],
    ]);
    for (const m of platform.inbox.find({ caseCode }))
      expect(`${m.subject}\n${m.body}`).not.toMatch(/Test Child|2018-02-11|RCC-CP-XMAS/);
    const view = await call('GET', `/cases/${caseId}`, 'sam');
    expect(view.body.clocks.find((c: { id: string }) => c.id === 'first-core-group').status).toBe('breached');
    expect((await event(caseId, 'sam', { type: 'coreGroupMeetingHeld', heldOn: '2027-02-01' })).status).toBe(200);
    expect((await record(caseId)).clocks['first-core-group']!.status).toBe('metLate');

    // The first review conference is held on its day, Thu 15 Apr 2027 (reminded 4 weeks before, on Thu 18 Mar at 09:00 GMT)
    await at('2027-04-15T14:00:00Z');
    const reviewReminder = 'Child protection review conference for {caseCode} due by 11:59pm on 15 April 2027';
    expect(told(caseCode).filter(([, , s]) => s === reviewReminder)).toEqual([
      ['2027-03-18T09:00:00.000Z', SAM, reviewReminder],
      ['2027-03-18T09:00:00.000Z', TAYLOR, reviewReminder],
      ['2027-03-18T09:00:00.000Z', chair.email, reviewReminder],
    ]);
    const review = await event(caseId, 'sam', {
      type: 'reviewConferenceHeld',
      heldOn: '2027-04-15',
      planContinues: true,
    });
    expect(review.body.message).toBe(
      'Review conference recorded; the plan continues and the next review conference is due by Fri 15 Oct 2027 at 23:59',
    );
    expect((await record(caseId)).clocks['review-conference-2']!.dueAt).toBe('2027-10-15T22:59:59.999Z');

    // Fri 15 Oct 2027: the second review ends the plan with a step-down to Family Help; its front door is asked
    await at('2027-10-15T14:00:00Z');
    const ended = await event(caseId, 'sam', {
      type: 'reviewConferenceHeld',
      heldOn: '2027-10-15',
      planContinues: false,
      outcome: 'steppedDownToFamilyHelp',
    });
    expect(ended.status).toBe(200);
    await platform.settle();
    const last = platform.inbox.find({ caseCode }).at(-1)!;
    expect([last.address, last.subject]).toEqual([
      FAMILY_HELP_FRONT_DOOR,
      `Step-down to Family Help for ${caseCode}: a linked request for support is needed`,
    ]);
    const closed = await record(caseId);
    expect([closed.status, closed.closureReason, Object.keys(closed.timers)]).toEqual([
      'closed',
      'Child protection plan ended: Stepped down to Family Help',
      [],
    ]);

    // Who reads it: the council's children's social care, never health, the police or a commissioner (404)
    for (const user of ['alex', 'sam', 'taylor', 'morgan', 'jo'])
      expect((await call('GET', `/cases/${caseId}`, user)).status).toBe(200);
    for (const user of ['priya', 'pc', 'chris', 'robin', 'ella', 'grace'])
      expect((await call('GET', `/cases/${caseId}`, user)).status).toBe(404);

    // The commissioner's figures: the clocks' timeliness and the board's measures, suppressed, by case code only
    const figures = await call('GET', '/processes/child-protection/figures', 'chris');
    expect(figures.status).toBe(200);
    expect(figures.body.timeliness.clocks.rows.map((r: { clockId: string }) => r.clockId)).toEqual([
      'initial-conference',
      'first-core-group',
      'review-conference',
    ]);
    expect(figures.body.byMonthAndCouncil.rows.find((r: { month: string }) => r.month === '2027-01')).toMatchObject({
      council: 'riverside-council',
      initialConferences: 'fewer than 5',
      plansStarted: 'fewer than 5',
    });
    expect(JSON.stringify(figures.body)).not.toMatch(/Test Child|RCC-CP-XMAS|Sam Okafor/);
  });

  it('a step-up from a Family Help episode opens a case linked to it, checked by the API against the episode', async () => {
    // Prepare: a Family Help request the front door steps up to the MASH (Mon 18 Oct 2027)
    await at('2027-10-18T09:00:00Z');
    const request = await call(
      'POST',
      '/processes/supporting-families/cases',
      'alex',
      exampleRequest({ familyReference: 'FAM-CP-1', requestedAt: '2027-10-18T08:30:00Z' }),
    );
    expect(request.status).toBe(201);
    const stepped = await event(request.body.caseId, 'alex', {
      type: 'frontDoorDecision',
      route: 'stepUpToMash',
      reason: 'A safeguarding decision is needed',
    });
    expect(stepped.status).toBe(200);
    const familyHelpCode = request.body.caseCode as string;
    // Act: a referral naming it, one naming an episode that does not exist, one naming an IHA case
    const linked = await call(
      'POST',
      OPEN,
      'alex',
      exampleReferral({
        caseReference: 'RCC-CP-STEP',
        receivedAt: '2027-10-18T09:00:00Z',
        source: 'familyHelp',
        familyHelpCaseCode: familyHelpCode,
      }),
    );
    const unknown = await call(
      'POST',
      OPEN,
      'alex',
      exampleReferral({
        caseReference: 'RCC-CP-STEP-2',
        receivedAt: '2027-10-18T09:00:00Z',
        source: 'familyHelp',
        familyHelpCaseCode: 'SF-2222-2222',
      }),
    );
    // Assess
    expect(linked.status).toBe(201);
    expect(linked.body.message).toBe(
      `Referral recorded: case ${linked.body.caseCode} opened (stepped up from Family Help episode ${familyHelpCode})`,
    );
    expect((await record(linked.body.caseId)).details.referral.familyHelpCaseCode).toBe(familyHelpCode);
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues).toEqual([
      { path: 'familyHelpCaseCode', message: 'no Family Help episode SF-2222-2222 at your council' },
    ]);
  });
});
