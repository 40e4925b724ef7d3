/**
 * The synthesized Supporting Families / Family Help state machine, run by aws-local-stepfunctions against
 * DynamoDB Local under the controllable clock (one platform for the file; the tests run in time order).
 * Every alert's instant is asserted to the millisecond, computed by hand: week N of an episode ends at
 * the end (23:59:59.999 London) of the same weekday N weeks after allocation; London is BST (UTC+1) from
 * 29 Mar to 25 Oct 2026 and from 28 Mar 2027.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '#core/process/model';
import { apiEvent, loadDemoSchools } from '#local/demo';
import type { Platform } from '#local/platform';
import type { SfDetails } from '#workflows/supporting-families/contract';
import {
  councilLead,
  exampleAllocation,
  exampleRequest,
  schoolLead,
  schoolManager,
  teamLeader,
} from '#workflows/supporting-families/example';
import { testPlatform } from '../support/platform';

const OPEN = '/processes/supporting-families/cases';
const SAM = 'sam.okafor@riverside.example.gov.uk';
const TAYLOR = 'taylor.green@riverside.example.gov.uk';
const needsImproved = exampleRequest().needs.map((need) => ({ need, result: 'improved' }));

describe('Supporting Families / Family Help, end to end on the local runtime', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await testPlatform({ startAt: new Date('2026-01-05T09:00:00Z'), frozen: true });
    // A school's lead practitioner is checked against the school directory.
    await loadDemoSchools(platform);
  });
  afterAll(async () => platform?.stop());

  async function call(method: string, path: string, user: string, body?: unknown) {
    const result = await platform.api(apiEvent(method, path, user, body));
    return { status: result.statusCode, body: JSON.parse(result.body as string) };
  }
  const event = (caseId: string, user: string, body: Record<string, unknown>) =>
    call('POST', `/cases/${caseId}/events`, user, body);
  const at = (iso: string) => platform.advanceTo(new Date(iso));
  const record = async (caseId: string) => (await platform.store.getCase(caseId)) as CaseRecord<SfDetails>;
  const alerts = (caseCode: string) =>
    platform.inbox.find({ caseCode }).map((m) => [m.createdAt, m.address, m.subject.replace(caseCode, '{caseCode}')]);

  it('a new request gets the version in force on its request date: Supporting Families before 1 April 2025, Family Help from it', async () => {
    // Act: two requests sent on Mon 5 Jan 2026, dated either side of Family Help's start (00:30 BST on 1 Apr is 23:30Z on 31 Mar)
    const before = await call(
      'POST',
      OPEN,
      'alex',
      exampleRequest({ familyReference: 'FAM-V1', requestedAt: '2025-03-31T22:30:00Z' }),
    );
    const from = await call(
      'POST',
      OPEN,
      'alex',
      exampleRequest({ familyReference: 'FAM-V2', requestedAt: '2025-03-31T23:30:00Z' }),
    );
    // Assess
    expect([before.status, from.status]).toEqual([201, 201]);
    expect((await record(before.body.caseId)).definitionVersion).toBe(1);
    expect((await record(from.body.caseId)).definitionVersion).toBe(2);
    // Each keeps its own rules: version 1 has no child-in-need question, version 2 requires it (400 naming it)
    expect(
      (
        await event(before.body.caseId, 'alex', {
          type: 'frontDoorDecision',
          route: 'intensiveEpisode',
          reason: 'Three needs',
          childInNeed: false,
        })
      ).status,
    ).toBe(400);
    const v2 = await event(from.body.caseId, 'alex', {
      type: 'frontDoorDecision',
      route: 'intensiveEpisode',
      reason: 'Three needs',
    });
    expect(v2.status).toBe(400);
    expect(v2.body.issues).toEqual([{ path: 'childInNeed', message: expect.stringContaining('child in need') }]);
    // Both run side by side through the API, each by its own version's schemas: version 2's plan needs the
    // family network meeting answered, version 1's takes no such field
    expect(
      (
        await event(before.body.caseId, 'alex', {
          type: 'frontDoorDecision',
          route: 'intensiveEpisode',
          reason: 'Three needs',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await event(from.body.caseId, 'alex', {
          type: 'frontDoorDecision',
          route: 'intensiveEpisode',
          reason: 'Three needs',
          childInNeed: false,
        })
      ).status,
    ).toBe(200);
    for (const caseId of [before.body.caseId, from.body.caseId]) {
      expect(
        (
          await event(caseId, 'taylor', {
            type: 'leadPractitionerAllocated',
            ...exampleAllocation('2026-01-05T09:00:00Z'),
          })
        ).status,
      ).toBe(200);
    }
    const v1Plan = await event(before.body.caseId, 'sam', {
      type: 'planAgreed',
      agreedOn: '2026-01-05',
      familyNetworkMeetingOffered: true,
    });
    expect([v1Plan.status, v1Plan.body.issues]).toEqual([
      400,
      [{ path: 'familyNetworkMeetingOffered', message: 'is not a field this record accepts, so it was not stored' }],
    ]);
    const v2Plan = await event(from.body.caseId, 'sam', { type: 'planAgreed', agreedOn: '2026-01-05' });
    expect([v2Plan.status, v2Plan.body.issues]).toEqual([
      400,
      [{ path: 'familyNetworkMeetingOffered', message: expect.stringContaining('family network meeting') }],
    ]);
    expect((await event(before.body.caseId, 'sam', { type: 'planAgreed', agreedOn: '2026-01-05' })).status).toBe(200);
    expect(
      (
        await event(from.body.caseId, 'sam', {
          type: 'planAgreed',
          agreedOn: '2026-01-05',
          familyNetworkMeetingOffered: true,
        })
      ).status,
    ).toBe(200);
    expect(
      (await event(before.body.caseId, 'sam', { type: 'childProtectionPlanStarted', startedOn: '2026-01-05' })).body
        .code,
    ).toBe('invalidEvent');
    // Tidy: both step up, so their clocks do not run through the rest of the file
    for (const caseId of [before.body.caseId, from.body.caseId]) {
      expect((await event(caseId, 'sam', { type: 'steppedUpToSocialCare', reason: 'More help needed' })).status).toBe(
        200,
      );
    }
  });

  it('a whole episode from a MASH diversion: accepted, allocated, assessed, planned, reviewed, paused a week and closed with Outcomes Met after 17 weeks', async () => {
    // Request (Mon 5 Jan 2026 09:00) and front door decision two hours later (due by the end of Tue 6 Jan)
    const opened = await call(
      'POST',
      OPEN,
      'alex',
      exampleRequest({ familyReference: 'FAM-1001', requestedAt: '2026-01-05T09:00:00Z' }),
    );
    expect(opened.status).toBe(201);
    const { caseId, caseCode } = opened.body;
    expect(opened.body.clocks).toEqual([
      { id: 'front-door-decision', title: 'Front door decision', status: 'running', dueAt: '2026-01-06T23:59:59.999Z' },
    ]);
    await at('2026-01-05T11:00:00Z');
    expect(
      (
        await event(caseId, 'alex', {
          type: 'frontDoorDecision',
          route: 'intensiveEpisode',
          reason: 'Three needs; the family want help together',
          childInNeed: false,
        })
      ).status,
    ).toBe(200);
    // Allocated at 14:00: week 16 ends at the end of Mon 27 Apr 2026 (BST)
    await at('2026-01-05T14:00:00Z');
    const allocated = await event(caseId, 'taylor', {
      type: 'leadPractitionerAllocated',
      ...exampleAllocation('2026-01-05T14:00:00Z', councilLead, teamLeader),
    });
    expect(allocated.status).toBe(200);
    expect(allocated.body.clocks.find((c: { id: string }) => c.id === 'episode')).toMatchObject({
      status: 'running',
      dueAt: '2026-04-27T22:59:59.999Z',
    });
    // Assessed in week 3, plan agreed in week 5 (a family network meeting offered: Family Help)
    await at('2026-01-26T15:00:00Z');
    expect((await event(caseId, 'sam', { type: 'assessmentCompleted', completedOn: '2026-01-26' })).status).toBe(200);
    await at('2026-02-09T15:00:00Z');
    expect(
      (await event(caseId, 'sam', { type: 'planAgreed', agreedOn: '2026-02-09', familyNetworkMeetingOffered: true }))
        .status,
    ).toBe(200);
    // The first Team Around the Family review falls due at 09:00 on Mon 16 Feb (week 6) and is held that day
    await at('2026-02-16T15:00:00Z');
    expect((await event(caseId, 'sam', { type: 'teamAroundFamilyReviewHeld', heldOn: '2026-02-16' })).status).toBe(200);
    // Paused for a week by the team leader (the family away): Mon 2 Mar 10:00 to Mon 9 Mar 10:00
    await at('2026-03-02T10:00:00Z');
    expect((await event(caseId, 'sam', { type: 'episodePaused', reason: 'familyAway' })).status).toBe(403);
    expect((await event(caseId, 'taylor', { type: 'episodePaused', reason: 'holiday' })).body.issues).toEqual([
      { path: 'reason', message: 'choose one of: parentInHospital, familyAway, bereavement' },
    ]);
    expect((await event(caseId, 'taylor', { type: 'episodePaused', reason: 'familyAway' })).status).toBe(200);
    await at('2026-03-09T10:00:00Z');
    const resumed = await event(caseId, 'sam', { type: 'episodeResumed' });
    expect(resumed.status).toBe(200);
    expect(resumed.body.message).toBe('Episode resumed; week 16 now ends Mon 4 May 2026 at 23:59');
    // Review 2 moves a week on (week 12 + 7 days: Mon 6 Apr, 09:00 BST); week 14 is at the end of Mon 20 Apr
    await at('2026-04-06T15:00:00Z');
    expect((await event(caseId, 'sam', { type: 'teamAroundFamilyReviewHeld', heldOn: '2026-04-06' })).status).toBe(200);
    // Closed on Mon 4 May at 12:00 BST, 17 weeks after allocation: 16 weeks counted, 7 days paused
    await at('2026-05-04T11:00:00Z');
    const closed = await event(caseId, 'sam', {
      type: 'episodeClosed',
      closedOn: '2026-05-04',
      outcome: 'outcomesMet',
      needResults: needsImproved,
    });
    expect(closed.status).toBe(200);
    // The six-month check: 09:00 GMT on Wed 4 Nov 2026, to the lead practitioner and the team leader
    await at('2026-11-04T12:00:00Z');
    const lasted = await event(caseId, 'sam', {
      type: 'sustainCheckRecorded',
      checkedOn: '2026-11-04',
      outcomesLasted: true,
    });
    expect(lasted.status).toBe(200);

    // Assess: every alert, at its instant, to its recipients (and nothing at week 16 or 20: it closed in time)
    expect(alerts(caseCode)).toEqual([
      ['2026-01-05T14:00:00.000Z', SAM, 'You are the lead practitioner for episode {caseCode}'],
      ['2026-02-16T09:00:00.000Z', SAM, 'Episode {caseCode}: Team Around the Family review due today'],
      ['2026-04-06T08:00:00.000Z', SAM, 'Episode {caseCode}: Team Around the Family review due today'],
      [
        '2026-04-20T22:59:59.999Z',
        SAM,
        'Episode {caseCode} reaches week 14: closure is planned by 11:59pm on 4 May 2026',
      ],
      [
        '2026-04-20T22:59:59.999Z',
        TAYLOR,
        'Episode {caseCode} reaches week 14: closure is planned by 11:59pm on 4 May 2026',
      ],
      ['2026-11-04T09:00:00.000Z', SAM, 'Episode {caseCode}: six months since Outcomes Met, did they last?'],
      ['2026-11-04T09:00:00.000Z', TAYLOR, 'Episode {caseCode}: six months since Outcomes Met, did they last?'],
    ]);
    const done = await record(caseId);
    expect(done).toMatchObject({ status: 'closed', definitionVersion: 2, closedAt: '2026-05-04T11:00:00.000Z' });
    expect(done.details.closure).toMatchObject({
      outcome: 'outcomesMet',
      daysCounted: 112,
      daysPaused: 7,
      withinSixteenWeeks: true,
    });
    expect(done.details.sustainCheck).toEqual({
      dueOn: '2026-11-04',
      alertedAt: '2026-11-04T09:00:00.000Z',
      recordedOn: '2026-11-04',
      outcomesLasted: true,
    });
    expect(Object.fromEntries(Object.values(done.clocks).map((c) => [c.id, c.status]))).toEqual({
      'front-door-decision': 'met',
      allocation: 'met',
      episode: 'met',
      assessment: 'met',
      'family-plan': 'met',
    });
    expect(done.clocks.episode!.pauses).toEqual([
      {
        from: '2026-03-02T10:00:00.000Z',
        until: '2026-03-09T10:00:00.000Z',
        reason: 'familyAway',
        pausedFor: 7,
        approvedBy: {
          userId: 'u-taylor-teamleader',
          name: 'Taylor Green',
          role: 'team-leader',
          organisation: 'riverside-council',
        },
        resumedBy: {
          userId: 'u-sam-socialworker',
          name: 'Sam Okafor',
          role: 'lead-practitioner',
          organisation: 'riverside-council',
        },
      },
    ]);
    const timeline = (await call('GET', `/cases/${caseId}/timeline`, 'sam')).body.timeline.map(
      (e: { kind: string }) => e.kind,
    );
    expect(timeline).toEqual(
      expect.arrayContaining([
        'requestReceived',
        'frontDoorDecision',
        'leadPractitionerAllocated',
        'assessmentCompleted',
        'planAgreed',
        'teamAroundFamilyReview',
        'clockPaused',
        'clockResumed',
        'episodeClosed',
        'caseClosed',
        'sustainCheckDue',
        'sustainCheckRecorded',
      ]),
    );
    // Commissioners see counts, without names and without a per-case row (1 to 4 as 'fewer than 5')
    const figures = await call('GET', '/processes/supporting-families/figures', 'chris');
    expect(figures.status).toBe(200);
    expect(JSON.stringify(figures.body)).not.toMatch(/Carter|FAM-1001|Sam Okafor|caseFigures/);
    expect(JSON.stringify(figures.body)).not.toContain(caseCode);
    expect(figures.body.byMonthAndLocality.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          month: '2026-05',
          locality: 'north',
          episodesClosed: 'fewer than 5',
          shareClosedWithinSixteenWeeks: 'withheld',
        }),
      ]),
    );
  });

  it('an episode paused then stepped up: every clock stops with that outcome and the MASH is told at once; a step-down later opens a new request linked to it', async () => {
    // Prepare: requested, decided and allocated on Thu 5 Nov 2026
    await at('2026-11-05T10:00:00Z');
    const opened = await call(
      'POST',
      OPEN,
      'alex',
      exampleRequest({ familyReference: 'FAM-2002', requestedAt: '2026-11-05T10:00:00Z', channel: 'telephone' }),
    );
    const { caseId, caseCode } = opened.body;
    expect(
      (
        await event(caseId, 'alex', {
          type: 'frontDoorDecision',
          route: 'intensiveEpisode',
          reason: 'Three needs',
          childInNeed: false,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await event(caseId, 'taylor', {
          type: 'leadPractitionerAllocated',
          ...exampleAllocation('2026-11-05T10:00:00Z'),
        })
      ).status,
    ).toBe(200);
    await at('2026-11-20T10:00:00Z');
    expect((await event(caseId, 'taylor', { type: 'episodePaused', reason: 'parentInHospital' })).status).toBe(200);
    // Act: stepped up on Tue 24 Nov at 16:20, while paused
    await at('2026-11-24T16:20:00Z');
    const steppedUp = await event(caseId, 'sam', {
      type: 'steppedUpToSocialCare',
      reason: 'New information about a child’s safety',
    });
    await at('2027-06-01T09:00:00Z');
    // Assess
    expect(steppedUp.status).toBe(200);
    expect(alerts(caseCode)).toEqual([
      ['2026-11-05T10:00:00.000Z', SAM, 'You are the lead practitioner for episode {caseCode}'],
      [
        '2026-11-24T16:20:00.000Z',
        'mash@riverside.example.gov.uk',
        'Request {caseCode} stepped up to the MASH for a safeguarding decision',
      ],
    ]);
    const stopped = await record(caseId);
    expect(stopped).toMatchObject({
      status: 'closed',
      closureReason: 'Stepped up to social care for more help',
      timers: {},
    });
    expect(stopped.details.closure).toMatchObject({ outcome: 'steppedUpToSocialCare', daysCounted: 15, daysPaused: 4 });
    expect(Object.values(stopped.clocks).map((c) => [c.id, c.status, c.stoppedAt])).toEqual([
      ['front-door-decision', 'met', '2026-11-05T10:00:00.000Z'],
      ['allocation', 'met', '2026-11-05T10:00:00.000Z'],
      ['episode', 'notApplicable', '2026-11-24T16:20:00.000Z'],
      ['assessment', 'notApplicable', '2026-11-24T16:20:00.000Z'],
      ['family-plan', 'notApplicable', '2026-11-24T16:20:00.000Z'],
    ]);
    // A step-down from social care for the same family: a new request (episode 2), linked to the earlier case
    const stepDown = await call(
      'POST',
      OPEN,
      'alex',
      exampleRequest({
        familyReference: 'FAM-2002',
        requestedAt: '2027-06-01T09:00:00Z',
        channel: 'stepDownFromSocialCare',
        socialCareReference: 'CSC-55012',
      }),
    );
    expect(stepDown.status).toBe(201);
    expect(stepDown.body.caseId).not.toBe(caseId);
    expect(await record(stepDown.body.caseId)).toMatchObject({
      status: 'open',
      episode: 2,
      previousEpisode: caseId,
      firstEpisode: caseId,
      details: { request: { channel: 'stepDownFromSocialCare', socialCareReference: 'CSC-55012' } },
    });
    expect(stepDown.body.message).toContain(`linked to the family’s earlier episode ${caseCode}`);
  });

  it('a partner-led episode held by a school: its lead practitioner sees and records it, no one else at a school does; the alerts go to the school', async () => {
    // Prepare: a school's request, decided partner-led, allocated to Ella (Riverside Primary) on Tue 1 Jun 2027
    await at('2027-06-01T10:00:00Z');
    const opened = await call(
      'POST',
      OPEN,
      'alex',
      exampleRequest({
        familyReference: 'FAM-3003',
        requestedAt: '2027-06-01T10:00:00Z',
        channel: 'partner',
        partnerKind: 'school',
        needs: ['goodEducation', 'familyRelationships'],
      }),
    );
    const { caseId, caseCode } = opened.body;
    expect(
      (
        await event(caseId, 'alex', {
          type: 'frontDoorDecision',
          route: 'intensiveEpisode',
          reason: 'Two needs',
          childInNeed: false,
        })
      ).body.issues,
    ).toEqual([{ path: 'route', message: expect.stringContaining('2 needs') }]);
    expect(
      (
        await event(caseId, 'alex', {
          type: 'frontDoorDecision',
          route: 'partnerLed',
          partnerKind: 'school',
          reason: 'The school knows the family well',
          childInNeed: false,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await event(caseId, 'taylor', {
          type: 'leadPractitionerAllocated',
          ...exampleAllocation('2027-06-01T10:00:00Z', schoolLead, schoolManager),
        })
      ).status,
    ).toBe(200);
    // Act / Assess: who sees it
    expect((await call('GET', `/cases/${caseId}`, 'ella')).status).toBe(200);
    for (const user of ['kim', 'maria']) {
      const refused = await call('GET', `/cases/${caseId}`, user);
      expect([user, refused.status, refused.body.code]).toEqual([user, 404, 'caseNotFound']);
    }
    expect((await event(caseId, 'kim', { type: 'teamAroundFamilyReviewHeld', heldOn: '2027-06-01' })).status).toBe(403);
    // Week 6 (Tue 13 Jul, 09:00 BST) and week 14 (end of Tue 7 Sep 2027, BST) go to Ella and her manager
    await at('2027-07-13T12:00:00Z');
    expect((await event(caseId, 'ella', { type: 'teamAroundFamilyReviewHeld', heldOn: '2027-07-13' })).status).toBe(
      200,
    );
    await at('2027-09-08T09:00:00Z');
    expect(alerts(caseCode)).toEqual([
      ['2027-06-01T10:00:00.000Z', schoolLead.email, 'You are the lead practitioner for episode {caseCode}'],
      // Nothing recorded: the assessment (4 weeks: end of Tue 29 Jun) and the plan (6 weeks: end of Tue 13 Jul) fall due
      [
        '2027-06-29T22:59:59.999Z',
        schoolLead.email,
        'Episode {caseCode}: the assessment was due by 11:59pm on 29 June 2027',
      ],
      [
        '2027-06-29T22:59:59.999Z',
        schoolManager.email,
        'Episode {caseCode}: the assessment was due by 11:59pm on 29 June 2027',
      ],
      ['2027-07-13T08:00:00.000Z', schoolLead.email, 'Episode {caseCode}: Team Around the Family review due today'],
      [
        '2027-07-13T22:59:59.999Z',
        schoolLead.email,
        'Episode {caseCode}: the family plan was due by 11:59pm on 13 July 2027',
      ],
      [
        '2027-07-13T22:59:59.999Z',
        schoolManager.email,
        'Episode {caseCode}: the family plan was due by 11:59pm on 13 July 2027',
      ],
      ['2027-08-24T08:00:00.000Z', schoolLead.email, 'Episode {caseCode}: Team Around the Family review due today'],
      [
        '2027-09-07T22:59:59.999Z',
        schoolLead.email,
        'Episode {caseCode} reaches week 14: closure is planned by 11:59pm on 21 September 2027',
      ],
      [
        '2027-09-07T22:59:59.999Z',
        schoolManager.email,
        'Episode {caseCode} reaches week 14: closure is planned by 11:59pm on 21 September 2027',
      ],
    ]);
    // Ella's own cases list names it, with its open clocks (the episode runs to the end of Tue 21 Sep)
    const mine = (await call('GET', '/my/cases', 'ella')).body.cases;
    expect(mine.map((c: { caseId: string }) => c.caseId)).toEqual([caseId]);
    expect(mine[0].clocks).toContainEqual(
      expect.objectContaining({ status: 'running', dueAt: '2027-09-21T22:59:59.999Z' }),
    );
    // Week 16 (end of Tue 21 Sep) to her manager; week 20 (end of Tue 19 Oct) to the service manager
    await at('2027-10-20T09:00:00Z');
    expect(alerts(caseCode).slice(9)).toEqual([
      ['2027-09-21T22:59:59.999Z', schoolManager.email, 'Episode {caseCode} is still open after 16 weeks'],
      ['2027-10-05T08:00:00.000Z', schoolLead.email, 'Episode {caseCode}: Team Around the Family review due today'],
      [
        '2027-10-19T22:59:59.999Z',
        'family.support.service.manager@riverside.example.gov.uk',
        'Episode {caseCode} is still open after 20 weeks',
      ],
    ]);
  });
});
