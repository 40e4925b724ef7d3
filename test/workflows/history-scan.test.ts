/**
 * No personal data in Step Functions history. Every process runs a realistic journey through the API on
 * the local platform (the CDK-synthesized state machines, DynamoDB Local, the controllable clock): cases
 * opened, events recorded, refusals, timers firing as the clock moves, a police batch. The local
 * runner's event log (execution started and ended, every state entered and exited, failures, retries
 * and catches, each with its input or output, as Step Functions history keeps them for 90 days) is
 * scanned for every name, date of birth, reference and free-text value the journeys sent: none may
 * appear, in any state's input or output, nor in any execution's input or output.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { apiEvent, loadDemoSchools } from '#local/demo';
import type { Platform } from '#local/platform';
import type { EventLog } from '#local/step-functions';
import { exampleAtRisk } from '#workflows/before-admission/example';
import { exampleReferral } from '#workflows/child-protection/example';
import { exampleLookedAfter } from '#workflows/children-in-care/example';
import { examplePresentation } from '#workflows/crisis-escalation/example';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { exampleAllocation, exampleRequest } from '#workflows/supporting-families/example';
import { knownPersonalValues } from '../support/log-check';
import { testPlatform } from '../support/platform';

/** Every event-log entry of every execution, by process. */
const history: { process: string; execution: string; event: EventLog }[] = [];

/** The personal values the journeys send: children's and adults' names, dates of birth, references, contacts and free text. */
const personal = {
  iha: {
    name: 'Rosa Lindqvist',
    dateOfBirth: '2013-08-27',
    caseReference: 'RCC-SCAN-7731',
    /** The council's person id for Rosa (aboutChild): neither it nor the child key made of it goes anywhere. */
    personId: 'LCS-SCAN-55120',
    socialWorker: 'Marek Nowakowski',
    manager: 'Imogen Fairweather',
    practitioner: 'Dr Ottoline Brandt',
    delay: 'Rosa was unwell on the first date offered and it was moved twice',
  },
  encompass: {
    incident: 'RP-27-SCAN-4412',
    children: [
      { name: 'Tobias Quennell', dateOfBirth: '2017-06-14' },
      { name: 'Marnie Quennell', dateOfBirth: '2019-02-02' },
      { name: 'Caspian Quennell', dateOfBirth: '2012-09-30' },
    ],
    desk: 'Quennell Street Safeguarding Desk',
    officer: 'PC 7781 Hawksworth',
    phone: '01632 967781',
    correctedName: 'Marnie-Rose Quennell',
  },
  crisis: {
    name: 'Wren Abernathy',
    dateOfBirth: '2011-03-10',
    caseReference: 'CAMHS-SCAN-5150',
    nhsNumber: '9434765919',
    decisions: 'Wren asked for the ward to keep her music and the plan agreed it',
    plan: 'Ward and crisis team see Wren together each morning',
    reason: 'Wren is settled and eating again',
    dischargeWords: 'Wren is staying with Aunt Morwenna Treloar in Penzance',
  },
  supportingFamilies: {
    requestReference: 'RFS-25-SCAN-0101',
    familyReference: 'FAM-SCAN-0101',
    children: [
      { name: 'Juniper Ashdown', dateOfBirth: '2016-05-04' },
      { name: 'Felix Ashdown', dateOfBirth: '2020-10-19' },
    ],
    adult: 'Harriet Ashdown',
    reason: 'Harriet asked for help with the school mornings and the rent arrears',
  },
  familyHelp: {
    requestReference: 'RFS-27-SCAN-0202',
    familyReference: 'FAM-SCAN-0202',
    children: [{ name: 'Ptolemy Vance', dateOfBirth: '2015-12-01' }],
    adult: 'Odette Vance',
    reason: 'Odette and Ptolemy want support together after the move',
  },
  childProtection: {
    name: 'Saoirse Blackwood',
    dateOfBirth: '2014-11-23',
    caseReference: 'RCC-CP-SCAN-6060',
    socialWorker: { name: 'Thaddeus Okonkwo', email: 'thaddeus.okonkwo@riverside.example.gov.uk' },
    manager: { name: 'Winifred Caulfield', email: 'winifred.caulfield@riverside.example.gov.uk' },
    chair: { name: 'Leopold Ravensworth', email: 'leopold.ravensworth@riverside.example.gov.uk' },
    lead: { name: 'Henrietta Marchbank', email: 'henrietta.marchbank@riverside.example.gov.uk' },
    outcomeText: 'Saoirse and her grandmother moved in with her aunt in Scotland',
  },
  childrenInCare: {
    name: 'Florian Westmacott',
    dateOfBirth: '2012-04-30',
    caseReference: 'RCC-CIC-SCAN-7070',
    socialWorker: { name: 'Beatrix Holloway', email: 'beatrix.holloway@riverside.example.gov.uk' },
    manager: { name: 'Cuthbert Pennington', email: 'cuthbert.pennington@riverside.example.gov.uk' },
    reviewingOfficer: { name: 'Ottilie Fairbanks', email: 'ottilie.fairbanks@riverside.example.gov.uk' },
    reasonText: 'Florian went home to his father in Carlisle after the court hearing',
  },
  beforeAdmission: {
    name: 'Isolde Featherstonehaugh',
    dateOfBirth: '2013-07-19',
    caseReference: 'CAMHS-DSR-SCAN-8080',
    keyWorker: { name: 'Barnaby Quigley', email: 'barnaby.quigley@riverside-health.example.nhs.uk' },
    decisions: 'Isolde asked to stay at home with her dog and the meeting agreed it',
    plan: 'Barnaby visits Isolde at home on Tuesdays and Fridays',
    outcomeText: 'Isolde moved to her grandparents in Penrith with a new support package',
  },
};

/** Every string in `personal`: what must never be in the history. */
const scanned: string[] = [];
const collect = (value: unknown): void => {
  if (typeof value === 'string') scanned.push(value);
  else if (value && typeof value === 'object') Object.values(value).forEach(collect);
};
collect(personal);
// and every person the fixtures and the demo know (log-check.ts): the demo schools' Key Adults and deputies
// (staged with a notification as its school's directory entry), the demo people who send events, the demo children
// ('Key Adult' is a role's title that a fixture writes as a name, and the answers name the role).
collect(knownPersonalValues().filter((value) => value !== 'Key Adult'));

async function run(startAt: string, journey: (platform: Platform, call: Call) => Promise<void>): Promise<void> {
  const platform = await testPlatform({
    startAt: new Date(startAt),
    frozen: true,
    onExecutionEvent: (process, execution, event) => history.push({ process, execution, event }),
  });
  try {
    await journey(platform, async (method, path, user, body, expected) => {
      const result = await platform.api(apiEvent(method, path, user, body));
      const answer = { status: result.statusCode, body: JSON.parse(result.body as string) };
      if (expected !== undefined) expect(answer.status, `${method} ${path} by ${user}: ${result.body}`).toBe(expected);
      return answer;
    });
    await platform.settle();
  } finally {
    await platform.stop();
  }
}
type Call = (
  method: string,
  path: string,
  user: string,
  body: unknown,
  expected?: number,
) => Promise<{ status: number; body: any }>;

afterAll(() => {
  history.length = 0;
});

describe('Step Functions history holds no personal data', () => {
  it('initial health assessment: entry into care, request, appointment, every reminder and the breach, a refusal by another organisation, completion late with a reason, leaving care', async () => {
    const p = personal.iha;
    await run('2026-12-14T10:00:00Z', async (platform, call) => {
      const opened = await call(
        'POST',
        '/processes/initial-health-assessment/cases',
        'alex',
        {
          ...exampleEntryIntoCare({
            caseReference: p.caseReference,
            child: { name: p.name, dateOfBirth: p.dateOfBirth },
            socialWorker: { name: p.socialWorker, email: 'marek.nowakowski@riverside.example.gov.uk' },
            socialWorkManager: { name: p.manager, email: 'imogen.fairweather@riverside.example.gov.uk' },
          }),
          aboutChild: { personId: p.personId, ethnicity: 'WROM', unaccompaniedAsylumSeeking: true },
        },
        201,
      );
      const caseId = opened.body.caseId as string;
      // The child key made of the person id is kept on the case, and must be nowhere in the history either.
      const childKey = (await platform.store.getCase(caseId))?.child?.key;
      expect(childKey).toMatch(/^[0-9a-f]{32}$/);
      scanned.push(childKey!);
      const event = (user: string, body: Record<string, unknown>, expected: number) =>
        call('POST', `/cases/${caseId}/events`, user, body, expected);
      await event('sam', { type: 'requestSentToHealth', sentAt: '2026-12-14T10:00:00Z', consentIncluded: true }, 200);
      // another organisation's health staff: refused as if there were no case (the rules step audits it)
      await event('dan', { type: 'appointmentBooked', appointmentOn: '2027-01-20' }, 404);
      await event('priya', { type: 'appointmentBooked', appointmentOn: '2027-01-20' }, 200);
      // 21 working days on: every reminder, the breach and the escalation fire
      const { fired } = await platform.advanceTo(new Date('2027-01-20T15:00:00Z'));
      expect(fired).toBeGreaterThan(0);
      const completed = {
        type: 'assessmentCompleted',
        completedOn: '2027-01-20',
        practitioner: { name: p.practitioner },
        healthPlanShared: true,
      };
      await event('priya', completed, 400); // late, without its reason: refused by the rules
      await event('priya', { ...completed, delayReason: { code: 'other', text: p.delay } }, 200);
      await event('sam', { type: 'childLeftCare', leftOn: '2027-01-20', reason: 'returnedToFamily' }, 200);
      // the details went through the platform: kept on the case, where a reader sees them
      const read = await call('GET', `/cases/${caseId}`, 'sam', undefined, 200);
      expect(JSON.stringify(read.body)).toContain(p.name);
      // The messages (every reminder, the breach, the escalation) say nothing of what was said about the child.
      await platform.settle();
      expect(platform.inbox.messages.length).toBeGreaterThan(3);
      for (const message of platform.inbox.messages)
        expect(JSON.stringify(message)).not.toMatch(new RegExp(`${p.personId}|${childKey}|WROM|Gypsy|asylum`, 'i'));
    });
  });

  it('Operation Encompass: a police batch of three children, a correction, a school found, an acknowledgement and a second one refused, reminders and escalations', async () => {
    const p = personal.encompass;
    await run('2027-02-12T21:30:00Z', async (platform, call) => {
      await loadDemoSchools(platform);
      const schools = ['100001', '100002', 'not known'];
      const batch = await call(
        'POST',
        '/processes/operation-encompass/submissions',
        'pc',
        {
          forceIncidentReference: p.incident,
          attendedAt: '2027-02-12T21:00:00Z',
          children: p.children.map((child, i) => ({
            ...child,
            schoolUrn: schools[i],
            present: i !== 1,
            welfareCheck: i !== 2,
            policeContact: i === 2 ? { name: p.officer, phone: p.phone } : { desk: p.desk, phone: p.phone },
          })),
        },
        200,
      );
      const [leo, ella, max] = (batch.body.results as { caseId: string; outcome: string }[]).map((r) => {
        expect(r.outcome).toBe('applied');
        return r.caseId;
      });
      await call('POST', `/cases/${ella}/events`, 'pc', { type: 'amended', child: { name: p.correctedName } }, 200);
      await platform.advanceTo(new Date('2027-02-15T10:00:00Z'));
      await call('POST', `/cases/${max}/events`, 'jo', { type: 'schoolIdentified', schoolUrn: '100003' }, 200);
      await platform.advanceTo(new Date('2027-02-22T08:10:00Z'));
      await call('POST', `/cases/${leo}/events`, 'kim', { type: 'acknowledged', supportOffered: true }, 200);
      await call('POST', `/cases/${leo}/events`, 'kim', { type: 'acknowledged' }, 409);
      const { fired } = await platform.advanceTo(new Date('2027-02-22T12:00:00Z'));
      expect(fired).toBeGreaterThan(0);
    });
  });

  it('crisis escalation: a presentation, assessment (and a second one refused), Bronze meetings with free text, medically fit, Silver and Gold, discharge', async () => {
    const p = personal.crisis;
    const met = {
      organisationsPresent: ['riverside-health', 'riverside-council', 'riverside-icb'],
      decisions: p.decisions,
      plan: p.plan,
    };
    await run('2027-03-03T14:05:00Z', async (platform, call) => {
      const opened = await call(
        'POST',
        '/processes/crisis-escalation/cases',
        'priya',
        examplePresentation({
          caseReference: p.caseReference,
          youngPerson: { name: p.name, dateOfBirth: p.dateOfBirth, nhsNumber: p.nhsNumber },
          presentedAt: '2027-03-03T14:00:00Z',
        }),
        201,
      );
      const caseId = opened.body.caseId as string;
      const event = async (at: string, user: string, body: Record<string, unknown>, expected: number) => {
        await platform.advanceTo(new Date(at));
        return call('POST', `/cases/${caseId}/events`, user, body, expected);
      };
      await event('2027-03-03T16:30:00Z', 'priya', { type: 'crisisAssessed', assessedAt: '2027-03-03T16:30:00Z' }, 200);
      await event('2027-03-03T16:40:00Z', 'priya', { type: 'crisisAssessed', assessedAt: '2027-03-03T16:35:00Z' }, 409);
      await event(
        '2027-03-04T10:00:00Z',
        'rhys',
        { type: 'bronzeMeetingHeld', heldAt: '2027-03-04T10:00:00Z', ...met },
        200,
      );
      await event('2027-03-05T18:00:00Z', 'priya', { type: 'medicallyFit', fitAt: '2027-03-05T18:00:00Z' }, 200);
      await event(
        '2027-03-06T10:00:00Z',
        'rhys',
        { type: 'ratingChanged', rating: 'amber', changedAt: '2027-03-06T10:00:00Z', reason: p.reason },
        200,
      );
      await event(
        '2027-03-08T10:00:00Z',
        'rhys',
        { type: 'silverMeetingHeld', heldAt: '2027-03-08T10:00:00Z', ...met, outcome: 'resolved' },
        200,
      );
      await event(
        '2027-03-09T09:00:00Z',
        'rhys',
        { type: 'goldMeetingHeld', heldAt: '2027-03-09T09:00:00Z', ...met, outcome: 'resolved' },
        200,
      );
      await event(
        '2027-03-09T14:00:00Z',
        'priya',
        { type: 'discharged', dischargedAt: '2027-03-09T14:00:00Z', outcome: 'homeWithHomeTreatment' },
        200,
      );
      await platform.advanceTo(new Date('2027-04-21T09:00:00Z'));
    });
  });

  it("crisis escalation: a discharge by another route, in the practitioner's own words", async () => {
    const p = personal.crisis;
    await run('2027-03-03T14:05:00Z', async (platform, call) => {
      const opened = await call(
        'POST',
        '/processes/crisis-escalation/cases',
        'priya',
        examplePresentation({
          caseReference: `${p.caseReference}-2`,
          youngPerson: { name: p.name, dateOfBirth: p.dateOfBirth, nhsNumber: p.nhsNumber },
          presentedAt: '2027-03-03T14:00:00Z',
        }),
        201,
      );
      await platform.advanceTo(new Date('2027-03-04T12:00:00Z'));
      const discharged = await call(
        'POST',
        `/cases/${opened.body.caseId as string}/events`,
        'priya',
        { type: 'discharged', dischargedAt: '2027-03-04T12:00:00Z', outcome: 'other', outcomeText: p.dischargeWords },
        200,
      );
      expect(JSON.stringify(discharged.body)).not.toContain('Morwenna');
    });
  });

  it('Supporting Families (version 1): a request with the family, a decision with its reason, allocation, a pause refused, plan and review, closure', async () => {
    const p = personal.supportingFamilies;
    await run('2025-03-25T09:00:00Z', async (platform, call) => {
      const opened = await call(
        'POST',
        '/processes/supporting-families/cases',
        'alex',
        exampleRequest({
          requestReference: p.requestReference,
          familyReference: p.familyReference,
          requestedAt: '2025-03-24T10:00:00Z',
          family: { children: p.children, adults: [{ name: p.adult, relationship: 'parent' }] },
        }),
        201,
      );
      const caseId = opened.body.caseId as string;
      const event = (user: string, body: Record<string, unknown>, expected: number) =>
        call('POST', `/cases/${caseId}/events`, user, body, expected);
      await event('alex', { type: 'frontDoorDecision', route: 'intensiveEpisode', reason: p.reason }, 200);
      await event('taylor', { type: 'leadPractitionerAllocated', ...exampleAllocation('2025-03-25T09:00:00Z') }, 200);
      await event('sam', { type: 'episodeResumed' }, 409); // not paused
      await platform.advanceTo(new Date('2025-04-15T10:00:00Z'));
      await event('sam', { type: 'assessmentCompleted', completedOn: '2025-04-15' }, 200);
      await event('sam', { type: 'planAgreed', agreedOn: '2025-04-15' }, 200);
      const { fired } = await platform.advanceTo(new Date('2025-07-25T10:00:00Z'));
      expect(fired).toBeGreaterThan(0);
      await event(
        'sam',
        {
          type: 'episodeClosed',
          closedOn: '2025-07-25',
          outcome: 'needsPartlyMet',
          needResults: exampleRequest().needs.map((need) => ({ need, result: 'improved' })),
        },
        200,
      );
    });
  });

  it('Family Help (version 2): a request, a child-in-need decision, allocation, assessment, plan, pause and resume, closure and the six-month check', async () => {
    const p = personal.familyHelp;
    await run('2027-04-12T08:00:00Z', async (platform, call) => {
      const opened = await call(
        'POST',
        '/processes/supporting-families/cases',
        'alex',
        exampleRequest({
          requestReference: p.requestReference,
          familyReference: p.familyReference,
          requestedAt: '2027-04-12T08:00:00Z',
          family: { children: p.children, adults: [{ name: p.adult, relationship: 'parent' }] },
        }),
        201,
      );
      const caseId = opened.body.caseId as string;
      const event = async (at: string, user: string, body: Record<string, unknown>, expected: number) => {
        await platform.advanceTo(new Date(at));
        return call('POST', `/cases/${caseId}/events`, user, body, expected);
      };
      await event(
        '2027-04-12T09:30:00Z',
        'alex',
        { type: 'frontDoorDecision', route: 'intensiveEpisode', reason: p.reason, childInNeed: true },
        200,
      );
      await event(
        '2027-04-12T13:00:00Z',
        'taylor',
        { type: 'leadPractitionerAllocated', ...exampleAllocation('2027-04-12T13:00:00Z') },
        200,
      );
      await event('2027-05-04T14:00:00Z', 'sam', { type: 'assessmentCompleted', completedOn: '2027-05-04' }, 200);
      await event(
        '2027-05-17T14:00:00Z',
        'sam',
        { type: 'planAgreed', agreedOn: '2027-05-17', familyNetworkMeetingOffered: true },
        200,
      );
      await event('2027-06-07T09:00:00Z', 'taylor', { type: 'episodePaused', reason: 'familyAway' }, 200);
      await event('2027-06-14T09:00:00Z', 'sam', { type: 'episodeResumed' }, 200);
      await event(
        '2027-08-09T10:00:00Z',
        'sam',
        {
          type: 'episodeClosed',
          closedOn: '2027-08-09',
          outcome: 'outcomesMet',
          needResults: exampleRequest().needs.map((need) => ({ need, result: 'improved' })),
        },
        200,
      );
      await event(
        '2028-02-09T10:00:00Z',
        'sam',
        { type: 'sustainCheckRecorded', checkedOn: '2028-02-09', outcomesLasted: true },
        200,
      );
    });
  });

  it('child protection: a referral, strategy discussions (one restarting the count), a refusal, the enquiry, a conference with a plan, a missed core group, a review, the plan ended with a few words', async () => {
    const p = personal.childProtection;
    await run('2026-12-21T10:00:00Z', async (platform, call) => {
      const opened = await call(
        'POST',
        '/processes/child-protection/cases',
        'alex',
        exampleReferral({
          caseReference: p.caseReference,
          child: { name: p.name, dateOfBirth: p.dateOfBirth },
          receivedAt: '2026-12-21T09:30:00Z',
        }),
        201,
      );
      const caseId = opened.body.caseId as string;
      const event = async (at: string, user: string, body: Record<string, unknown>, expected: number) => {
        await platform.advanceTo(new Date(at));
        return call('POST', `/cases/${caseId}/events`, user, body, expected);
      };
      const discussion = { agencies: ['council', 'police', 'health'], section47Enquiry: true };
      await event(
        '2026-12-22T15:00:00Z',
        'sam',
        { type: 'strategyDiscussionHeld', heldAt: '2026-12-22T14:00:00Z', ...discussion },
        400, // the first names the social worker and their manager
      );
      await event(
        '2026-12-22T15:00:00Z',
        'sam',
        {
          type: 'strategyDiscussionHeld',
          heldAt: '2026-12-22T14:00:00Z',
          ...discussion,
          socialWorker: p.socialWorker,
          manager: p.manager,
        },
        200,
      );
      await event(
        '2027-01-05T11:00:00Z',
        'taylor',
        { type: 'strategyDiscussionHeld', heldAt: '2027-01-05T10:00:00Z', ...discussion },
        200,
      );
      await event('2027-01-20T12:00:00Z', 'priya', { type: 'section47Completed' }, 403);
      await event(
        '2027-01-20T12:00:00Z',
        'sam',
        { type: 'section47Completed', completedOn: '2027-01-20', outcome: 'conferenceNeeded' },
        200,
      );
      await event(
        '2027-01-21T16:00:00Z',
        'sam',
        {
          type: 'initialConferenceHeld',
          heldOn: '2027-01-21',
          chair: p.chair,
          childProtectionPlan: true,
          leadPractitioner: { ...p.lead, socialWorker: true },
          previousPlans: 0,
        },
        200,
      );
      await event('2027-02-10T12:00:00Z', 'sam', { type: 'coreGroupMeetingHeld', heldOn: '2027-02-10' }, 200);
      await event(
        '2027-04-20T12:00:00Z',
        'sam',
        { type: 'reviewConferenceHeld', heldOn: '2027-04-20', planContinues: true },
        200,
      );
      await event(
        '2027-05-03T12:00:00Z',
        'sam',
        { type: 'planEnded', endedOn: '2027-05-03', outcome: 'other', outcomeText: p.outcomeText },
        200,
      );
    });
  });

  it('children in care: looked after, visits (one missed), a placement move, reviews chaired by the reviewing officer, a refusal, leaving care with a few words', async () => {
    const p = personal.childrenInCare;
    await run('2026-12-21T10:00:00Z', async (platform, call) => {
      const opened = await call(
        'POST',
        '/processes/children-in-care/cases',
        'alex',
        exampleLookedAfter({
          caseReference: p.caseReference,
          child: { name: p.name, dateOfBirth: p.dateOfBirth },
          enteredCareAt: '2026-12-21T09:30:00Z',
          socialWorker: p.socialWorker,
          manager: p.manager,
        }),
        201,
      );
      const caseId = opened.body.caseId as string;
      const event = async (at: string, user: string, body: Record<string, unknown>, expected: number) => {
        await platform.advanceTo(new Date(at));
        return call('POST', `/cases/${caseId}/events`, user, body, expected);
      };
      await event('2026-12-23T12:00:00Z', 'sam', { type: 'visitMade', visitedOn: '2026-12-23', seenAlone: true }, 200);
      await event(
        '2027-01-11T12:00:00Z',
        'sam',
        { type: 'placementMoved', movedOn: '2027-01-11', untilEighteen: true },
        200,
      );
      await event('2027-01-20T12:00:00Z', 'priya', { type: 'visitMade', visitedOn: '2027-01-20' }, 403);
      await event('2027-01-20T12:00:00Z', 'sam', { type: 'visitMade', visitedOn: '2027-01-20' }, 200);
      await event(
        '2027-01-21T15:00:00Z',
        'taylor',
        { type: 'reviewHeld', heldOn: '2027-01-21', independentReviewingOfficer: p.reviewingOfficer },
        200,
      );
      await event(
        '2027-03-10T12:00:00Z',
        'sam',
        { type: 'childLeftCare', leftOn: '2027-03-10', reason: 'other', reasonText: p.reasonText },
        200,
      );
    });
  });

  it('before admission: rated at risk, a key worker named, a meeting with free text, a refusal, a missed review and week, the review, ended with a few words', async () => {
    const p = personal.beforeAdmission;
    await run('2026-12-21T10:00:00Z', async (platform, call) => {
      const opened = await call(
        'POST',
        '/processes/before-admission/cases',
        'priya',
        exampleAtRisk({
          caseReference: p.caseReference,
          youngPerson: { name: p.name, dateOfBirth: p.dateOfBirth },
          ratedAt: '2026-12-21T09:30:00Z',
        }),
        201,
      );
      const caseId = opened.body.caseId as string;
      const event = async (at: string, user: string, body: Record<string, unknown>, expected: number) => {
        await platform.advanceTo(new Date(at));
        return call('POST', `/cases/${caseId}/events`, user, body, expected);
      };
      await event('2026-12-22T12:00:00Z', 'priya', { type: 'keyWorkerNamed', keyWorker: p.keyWorker }, 200);
      const meeting = {
        type: 'meetingHeld',
        organisationsPresent: ['riverside-health', 'riverside-council'],
        decisions: p.decisions,
        plan: p.plan,
      };
      await event('2026-12-23T12:00:00Z', 'rhys', { ...meeting, heldAt: '2026-12-23T10:00:00Z' }, 200);
      // A meeting dated before the rating is refused, naming the field.
      await event('2026-12-23T12:05:00Z', 'rhys', { ...meeting, heldAt: '2026-12-20T10:00:00Z' }, 400);
      await event('2027-01-04T12:00:00Z', 'priya', { type: 'communityReviewHeld', heldOn: '2027-01-04' }, 200);
      await event(
        '2027-01-05T12:00:00Z',
        'priya',
        { type: 'riskOfAdmissionEnded', at: '2027-01-05T11:00:00Z', outcome: 'other', outcomeText: p.outcomeText },
        200,
      );
    });
  });

  it('across all of them: a full history was kept, and no entry holds a name, date of birth, reference or free text sent', () => {
    // Assess: the log is real (every process ran; states entered and exited with data; timers fired)
    const processes = new Set(history.map((h) => h.process));
    expect([...processes].sort()).toEqual([
      'before-admission',
      'child-protection',
      'children-in-care',
      'crisis-escalation',
      'initial-health-assessment',
      'operation-encompass',
      'supporting-families',
    ]);
    const entered = history.filter((h) => h.event.type === 'StateEntered');
    const exited = history.filter((h) => h.event.type === 'StateExited');
    expect(entered.length).toBeGreaterThan(100);
    expect(exited.length).toBeGreaterThan(100);
    expect(history.filter((h) => h.event.type === 'ExecutionStarted').length).toBeGreaterThan(40);
    expect(history.some((h) => h.execution.startsWith('wake-'))).toBe(true);
    // the rejections ran through the state machine too: their answers are in the history
    const outputs = history.flatMap((h) =>
      h.event.type === 'ExecutionSucceeded' ? [h.event.output as { outcome?: string }] : [],
    );
    expect(outputs.filter((o) => o.outcome === 'rejected').length).toBeGreaterThanOrEqual(5);
    // no more than 7 states entered by any execution
    const perExecution = new Map<string, number>();
    for (const h of entered) perExecution.set(h.execution, (perExecution.get(h.execution) ?? 0) + 1);
    expect(Math.max(...perExecution.values())).toBeLessThanOrEqual(7);
    // the scan can find what it looks for: the values are in the requests the journeys sent
    expect(scanned.length).toBeGreaterThan(30);
    // Act: every entry whole, as text (inputs, outputs, errors, causes)
    const hits = history.flatMap((h) => {
      const text = JSON.stringify(h.event).toLowerCase();
      return scanned
        .filter((value) => text.includes(value.toLowerCase()))
        .map(
          (value) =>
            `${h.process} ${h.execution} ${h.event.type} ${'state' in h.event ? h.event.state.name : ''}: ${value}`,
        );
    });
    // Assess
    expect(hits).toEqual([]);
  });
});
