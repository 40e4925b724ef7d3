/**
 * Demo data: several children in care at different stages of the initial health assessment. The
 * history is replayed through the real API and state machine with the clock running from the past, so
 * every reminder and alert fell due at its own instant. Names are fictional.
 */

import { readFileSync } from 'node:fs';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { type LocalDate, londonDateOf, londonDateTime } from '#core/calendar/index';
import { buildDirectory } from '#core/schools/directory-import';
import type { ApiEvent } from '#functions/api/app';
import { gsi } from '#functions/store/table';
import { exampleAtRisk, keyWorker } from '#workflows/before-admission/example';
import {
  chair,
  exampleReferral,
  exampleStrategyDiscussion,
  leadPractitioner,
} from '#workflows/child-protection/example';
import { exampleLookedAfter, reviewingOfficer } from '#workflows/children-in-care/example';
import { examplePresentation } from '#workflows/crisis-escalation/example';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import {
  councilLead,
  exampleAllocation,
  exampleRequest,
  schoolLead,
  schoolManager,
} from '#workflows/supporting-families/example';
import { demoUsers } from './auth';
import type { Platform } from './platform';

const IHA = 'initial-health-assessment';

function claimsOf(username: string) {
  const u = demoUsers.find((d) => d.username === username)!;
  return {
    sub: u.sub,
    name: u.name,
    email: u.email,
    'cognito:groups': [u.role],
    'custom:organisation': u.organisation,
    ...(u.schoolUrn ? { 'custom:schoolUrn': u.schoolUrn } : {}),
  };
}

/**
 * The demo school directory (config/demo-schools): Riverside's schools (register.csv, contacts.csv) and
 * Eastbrook's (eastbrook-*.csv), each local authority's loaded as an administrator's import would be.
 */
export const DEMO_SCHOOL_FILES = [
  { localAuthorityCode: '330', register: 'register.csv', contacts: 'contacts.csv' },
  { localAuthorityCode: '338', register: 'eastbrook-register.csv', contacts: 'eastbrook-contacts.csv' },
] as const;

export async function loadDemoSchools(platform: Platform): Promise<number> {
  const folder = new URL('../config/demo-schools/', import.meta.url);
  let loaded = 0;
  for (const files of DEMO_SCHOOL_FILES) {
    if ((await platform.schools.listByLocalAuthority(files.localAuthorityCode)).length > 0) continue;
    const directory = buildDirectory(
      readFileSync(new URL(files.register, folder), 'utf8'),
      readFileSync(new URL(files.contacts, folder), 'utf8'),
      { now: platform.clock.now() },
    );
    if (!directory.loaded)
      throw new Error(`The demo school directory has problems: ${JSON.stringify(directory.problems)}`);
    await platform.schools.saveMany(directory.schools, {
      auditId: `demo-schools-${files.localAuthorityCode}`,
      at: platform.clock.now().toISOString(),
      actor: { userId: 'righttime-demo', role: 'system', organisation: 'righttime' },
      action: 'create',
      what: `school directory import: ${directory.schools.length} demo schools loaded`,
    });
    loaded += directory.schools.length;
  }
  return loaded;
}

export function apiEvent(
  method: string,
  path: string,
  username: string,
  body?: unknown,
  headers: Record<string, string> = {},
): ApiEvent {
  return {
    rawPath: path,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers,
    queryStringParameters: {},
    isBase64Encoded: false,
    requestContext: { http: { method }, authorizer: { jwt: { claims: claimsOf(username) } } },
  };
}

export async function hasCases(platform: Platform): Promise<boolean> {
  const out = await platform.db.send(
    new QueryCommand({
      TableName: platform.runtime.tableName,
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': { S: gsi.casesOfProcess(IHA) } },
      Limit: 1,
    }),
  );
  return (out.Items ?? []).length > 0;
}

interface Child {
  ref: string;
  name: string;
  dateOfBirth: string;
  legalBasis: string;
  placement: { area: 'inArea' | 'outOfArea'; icb: string };
  healthProvider: string;
  /** Working days before today when each step happened. */
  enteredCare: number;
  requestSent?: number;
  appointmentBooked?: { at: number; forDay: number };
  assessmentCompleted?: number;
  placementMoved?: { at: number; icb: string };
  leftCare?: { at: number; reason: string };
  /** The council responsible for the child, when not Riverside: its front door opens, its social worker records. */
  eastbrook?: true;
}

/** Who does the council's part for a child: Riverside's front door and social worker, or Eastbrook's. */
const councilPeople = (c: Child) =>
  c.eastbrook
    ? {
        opener: 'bea',
        socialWorker: 'kai',
        overrides: {
          socialWorker: { name: 'Kai Mensah', email: 'kai.mensah@eastbrook.example.gov.uk' },
          socialWorkManager: { name: 'Lou Barker', email: 'lou.barker@eastbrook.example.gov.uk' },
        },
      }
    : { opener: 'alex', socialWorker: 'sam', overrides: {} };

/**
 * One child across processes (core/identity/child-key.ts): Jayden Clarke, in care, is also one of the
 * children of the Carter household's Family Help episode; the council gives his person id (and equality
 * monitoring) with both openings, so a social worker on either case sees the other's clocks.
 */
const JAYDEN = { personId: 'LCS-24009', ethnicity: 'MWBC', sex: '1', send: 'senSupport', careExperienced: true };
const aboutChildOf: Record<string, Record<string, unknown>> = {
  'RCC-24009': JAYDEN,
  'FAMILY-CARTER': { personId: JAYDEN.personId },
};

const children: Child[] = [
  {
    ref: 'RCC-24017',
    name: 'Amara Johnson',
    dateOfBirth: '2019-03-14',
    legalBasis: 'section20',
    placement: { area: 'inArea', icb: 'riverside-icb' },
    healthProvider: 'riverside-health',
    enteredCare: 2,
  },
  {
    ref: 'RCC-24009',
    name: 'Jayden Clarke',
    dateOfBirth: '2012-07-02',
    legalBasis: 'interimCareOrder',
    placement: { area: 'inArea', icb: 'riverside-icb' },
    healthProvider: 'riverside-health',
    enteredCare: 8,
    requestSent: 6,
  },
  {
    ref: 'RCC-23991',
    name: 'Lily Evans',
    dateOfBirth: '2023-01-20',
    legalBasis: 'emergencyProtectionOrder',
    placement: { area: 'inArea', icb: 'riverside-icb' },
    healthProvider: 'riverside-health',
    enteredCare: 13,
    requestSent: 9,
    appointmentBooked: { at: 8, forDay: -4 },
  },
  {
    ref: 'RCC-23950',
    name: 'Noah Williams',
    dateOfBirth: '2010-11-05',
    legalBasis: 'section20',
    placement: { area: 'inArea', icb: 'riverside-icb' },
    healthProvider: 'riverside-health',
    enteredCare: 23,
    requestSent: 16,
  },
  {
    ref: 'RCC-23874',
    name: 'Maya Hussain',
    dateOfBirth: '2021-05-30',
    legalBasis: 'interimCareOrder',
    placement: { area: 'inArea', icb: 'riverside-icb' },
    healthProvider: 'riverside-health',
    enteredCare: 40,
    requestSent: 37,
    appointmentBooked: { at: 33, forDay: 27 },
    assessmentCompleted: 27,
  },
  {
    ref: 'RCC-24002',
    name: 'Ethan Brown',
    dateOfBirth: '2015-09-09',
    legalBasis: 'policeProtection',
    placement: { area: 'inArea', icb: 'riverside-icb' },
    healthProvider: 'riverside-health',
    enteredCare: 6,
    requestSent: 5,
    placementMoved: { at: 3, icb: 'northvale-icb' },
  },
  {
    ref: 'RCC-23998',
    name: 'Zara Ahmed',
    dateOfBirth: '2014-04-18',
    legalBasis: 'section20',
    placement: { area: 'inArea', icb: 'riverside-icb' },
    healthProvider: 'riverside-health',
    enteredCare: 10,
    requestSent: 8,
    leftCare: { at: 5, reason: 'returnedToFamily' },
  },
  // Eastbrook's children: one placed across the border in Riverside's area (the ICB and its provider serve
  // both councils), one placed out of the partnership's area, assessed by Northvale's provider.
  {
    ref: 'EBC-3107',
    name: 'Tomas Novak',
    dateOfBirth: '2013-10-03',
    legalBasis: 'interimCareOrder',
    placement: { area: 'outOfArea', icb: 'riverside-icb' },
    healthProvider: 'riverside-health',
    enteredCare: 7,
    requestSent: 5,
    eastbrook: true,
  },
  {
    ref: 'EBC-3094',
    name: 'Aisha Rahman',
    dateOfBirth: '2016-12-01',
    legalBasis: 'section20',
    placement: { area: 'outOfArea', icb: 'northvale-icb' },
    healthProvider: 'northvale-health',
    enteredCare: 12,
    requestSent: 10,
    eastbrook: true,
  },
];

export async function seedDemo(platform: Platform, log: (line: string) => void = () => undefined): Promise<number> {
  // The platform's clock, not the machine's: a new data folder's clock may start at another instant.
  const realNow = platform.clock.now();
  const began = Date.now();
  const wd = platform.runtime.workingDays;
  const today = londonDateOf(realNow);
  const day = (k: number): LocalDate => wd.addWorkingDays(today, -k);
  const at = (k: number, time: string) => londonDateTime(day(k), time);

  type Step = { when: Date; run: () => Promise<void> };
  const steps: Step[] = [];
  const caseIds = new Map<string, string>();
  const post = async (path: string, user: string, body: unknown) => {
    const result = await platform.api(apiEvent('POST', path, user, body));
    if (result.statusCode >= 300) throw new Error(`Demo data step failed (${result.statusCode}): ${result.body}`);
    return JSON.parse(result.body as string);
  };

  for (const c of children) {
    const council = councilPeople(c);
    steps.push({
      when: at(c.enteredCare, '10:15'),
      run: async () => {
        const out = await post(`/processes/${IHA}/cases`, council.opener, {
          ...exampleEntryIntoCare({
            ...council.overrides,
            caseReference: c.ref,
            child: { name: c.name, dateOfBirth: c.dateOfBirth },
            enteredCareAt: platform.clock.now().toISOString(),
            legalBasis: c.legalBasis,
            placement: c.placement,
            healthProvider: c.healthProvider,
          }),
          ...(aboutChildOf[c.ref] ? { aboutChild: aboutChildOf[c.ref] } : {}),
        });
        caseIds.set(c.ref, out.caseId);
      },
    });
    const event = (k: number, time: string, user: string, body: Record<string, unknown>) =>
      steps.push({
        when: at(k, time),
        run: async () =>
          void (await post(
            `/cases/${caseIds.get(c.ref)}/events`,
            user,
            typeof body.sentAt === 'string' ? { ...body, sentAt: platform.clock.now().toISOString() } : body,
          )),
      });
    if (c.requestSent !== undefined)
      event(c.requestSent, '14:00', council.socialWorker, {
        type: 'requestSentToHealth',
        sentAt: 'now',
        consentIncluded: true,
      });
    if (c.appointmentBooked)
      event(c.appointmentBooked.at, '11:30', 'priya', {
        type: 'appointmentBooked',
        appointmentOn:
          c.appointmentBooked.forDay >= 0
            ? day(c.appointmentBooked.forDay)
            : wd.addWorkingDays(today, -c.appointmentBooked.forDay),
      });
    if (c.assessmentCompleted !== undefined)
      event(c.assessmentCompleted, '15:00', 'priya', {
        type: 'assessmentCompleted',
        completedOn: day(c.assessmentCompleted),
        practitioner: { name: 'Dr Helen Ward', role: 'Community paediatrician' },
        healthPlanShared: true,
      });
    if (c.placementMoved)
      event(c.placementMoved.at, '12:00', 'sam', {
        type: 'placementMoved',
        movedOn: day(c.placementMoved.at),
        area: 'outOfArea',
        icb: c.placementMoved.icb,
      });
    if (c.leftCare)
      event(c.leftCare.at, '16:00', 'sam', {
        type: 'childLeftCare',
        leftOn: day(c.leftCare.at),
        reason: c.leftCare.reason,
      });
  }
  // Operation Encompass: police attended an incident on the last working day's evening; two children at
  // two schools. One Key Adult acknowledges before school; the other school has no holiday cover.
  const incident = {
    when: at(1, '19:30'),
    run: async () => {
      const out = await post('/processes/operation-encompass/submissions', 'pc', {
        forceIncidentReference: 'RP-26-004417',
        attendedAt: new Date(platform.clock.now().getTime() - 45 * 60_000).toISOString(),
        children: [
          {
            name: 'Leo Martin',
            dateOfBirth: '2017-06-14',
            schoolUrn: '100001',
            present: true,
            welfareCheck: true,
            policeContact: { desk: 'Public Protection Unit', phone: '01632 960100' },
          },
          {
            name: 'Ella Martin',
            dateOfBirth: '2019-02-02',
            schoolUrn: '100002',
            present: false,
            welfareCheck: true,
            policeContact: { desk: 'Public Protection Unit', phone: '01632 960100' },
          },
        ],
      });
      caseIds.set('OE-LEO', out.results[0].caseId);
    },
  };
  steps.push(incident);
  // Across the border: the same evening, Eastbrook Police attended a child at Eastbrook Primary, and
  // Riverside Police a child at Holy Trinity, an Eastbrook school: each school by Eastbrook's term dates.
  const child = (name: string, dateOfBirth: string, schoolUrn: string) => ({
    name,
    dateOfBirth,
    schoolUrn,
    present: true,
    welfareCheck: true,
    policeContact: { desk: 'Safeguarding Hub', phone: '01632 961900' },
  });
  steps.push({
    when: at(1, '20:10'),
    run: async () =>
      void (await post('/processes/operation-encompass/submissions', 'epc', {
        forceIncidentReference: 'EP-26-001203',
        attendedAt: new Date(platform.clock.now().getTime() - 30 * 60_000).toISOString(),
        children: [child('Mia Kowalski', '2018-04-09', '100101')],
      })),
  });
  steps.push({
    when: at(1, '21:40'),
    run: async () =>
      void (await post('/processes/operation-encompass/submissions', 'pc', {
        forceIncidentReference: 'RP-26-004452',
        attendedAt: new Date(platform.clock.now().getTime() - 50 * 60_000).toISOString(),
        children: [child('Oscar Reid', '2015-01-17', '100102')],
      })),
  });
  steps.push({
    when: at(0, '08:10'),
    run: async () =>
      void (await post(`/cases/${caseIds.get('OE-LEO')}/events`, 'kim', {
        type: 'acknowledged',
        supportOffered: true,
      })),
  });
  // Crisis escalation: a young person rated Red presented on the paediatric ward two working days ago,
  // was seen face to face within the 4 hours and met by Bronze the next morning; medically fit yesterday
  // at 18:00, so Silver is told 24 hours later if they are still on the ward.
  const nowIso = () => platform.clock.now().toISOString();
  const crisis = (when: Date, user: string, body: () => Record<string, unknown>) =>
    steps.push({ when, run: async () => void (await post(`/cases/${caseIds.get('CRISIS')}/events`, user, body())) });
  steps.push({
    when: at(2, '15:00'),
    run: async () => {
      const presentation = examplePresentation({
        caseReference: 'CAMHS-2417',
        youngPerson: { name: 'Riley Morgan', dateOfBirth: '2011-08-21' },
        presentedAt: platform.clock.now().toISOString(),
      });
      caseIds.set('CRISIS', (await post('/processes/crisis-escalation/cases', 'priya', presentation)).caseId);
    },
  });
  crisis(at(2, '17:30'), 'priya', () => ({ type: 'crisisAssessed', assessedAt: nowIso() }));
  crisis(at(1, '10:00'), 'rhys', () => ({
    type: 'bronzeMeetingHeld',
    heldAt: nowIso(),
    organisationsPresent: ['riverside-health', 'riverside-council', 'riverside-icb'],
    decisions: 'Agreed the support the young person asked for',
    plan: 'Ward and crisis team review together each morning',
  }));
  crisis(at(1, '18:00'), 'priya', () => ({ type: 'medicallyFit', fitAt: nowIso() }));
  // Before admission: a young person on the Dynamic Support Register, rated Red 3 working days ago with a
  // key worker named; the all-agency meeting discussed them the next day; the community review is due.
  steps.push({
    when: at(3, '11:00'),
    run: async () => {
      const atRisk = exampleAtRisk({
        caseReference: 'CAMHS-2488',
        youngPerson: { name: 'Jordan Ellery', dateOfBirth: '2010-02-11' },
        ratedAt: nowIso(),
        keyWorker,
      });
      caseIds.set('DSR', (await post('/processes/before-admission/cases', 'priya', atRisk)).caseId);
    },
  });
  steps.push({
    when: at(2, '10:00'),
    run: async () =>
      void (await post(`/cases/${caseIds.get('DSR')}/events`, 'rhys', {
        type: 'meetingHeld',
        heldAt: nowIso(),
        organisationsPresent: ['riverside-health', 'riverside-council', 'riverside-icb'],
        decisions: 'Agreed the support at home the young person asked for',
        plan: 'Key worker visits twice a week; school keeps a quiet space',
      })),
  });
  // Family Help: two families. The Carters came through a MASH diversion 30 working days ago, were
  // allocated to Sam the next day, assessed and have a plan; the Okoros asked through their school 12
  // working days ago and Ella, at Riverside Primary, leads their episode.
  const family = (key: string, when: Date, user: string, body: () => Record<string, unknown>) =>
    steps.push({ when, run: async () => void (await post(`/cases/${caseIds.get(key)}/events`, user, body())) });
  const request = (key: string, k: number, overrides: Record<string, unknown>) =>
    steps.push({
      when: at(k, '09:30'),
      run: async () =>
        void caseIds.set(
          key,
          (
            await post('/processes/supporting-families/cases', 'alex', {
              ...exampleRequest({ requestedAt: nowIso(), ...overrides }),
              ...(aboutChildOf[key] ? { aboutChild: aboutChildOf[key] } : {}),
            })
          ).caseId,
        ),
    });
  request('FAMILY-CARTER', 30, {
    requestReference: 'RFS-DEMO-0001',
    familyReference: 'FAM-DEMO-1',
    family: {
      children: [
        { name: 'Mia Carter', dateOfBirth: '2016-03-09' },
        { name: 'Leo Carter', dateOfBirth: '2019-11-21' },
        { name: 'Jayden Clarke', dateOfBirth: '2012-07-02' },
      ],
      adults: [{ name: 'Jess Carter', relationship: 'parent' }],
    },
  });
  family('FAMILY-CARTER', at(30, '15:00'), 'alex', () => ({
    type: 'frontDoorDecision',
    route: 'intensiveEpisode',
    reason: 'Three needs; the family want help together',
    childInNeed: false,
  }));
  family('FAMILY-CARTER', at(29, '11:00'), 'taylor', () => ({
    type: 'leadPractitionerAllocated',
    ...exampleAllocation(nowIso(), councilLead),
  }));
  family('FAMILY-CARTER', at(14, '14:20'), 'sam', () => ({ type: 'assessmentCompleted', completedOn: day(14) }));
  family('FAMILY-CARTER', at(6, '14:20'), 'sam', () => ({
    type: 'planAgreed',
    agreedOn: day(6),
    familyNetworkMeetingOffered: true,
  }));
  request('FAMILY-OKORO', 12, {
    requestReference: 'RFS-DEMO-0002',
    familyReference: 'FAM-DEMO-2',
    channel: 'partner',
    partnerKind: 'school',
    locality: 'south',
    family: {
      children: [{ name: 'Ada Okoro', dateOfBirth: '2017-05-30' }],
      adults: [{ name: 'Grace Okoro', relationship: 'parent' }],
    },
    needs: ['goodEducation', 'familyRelationships', 'secureHousing'],
  });
  family('FAMILY-OKORO', at(11, '10:00'), 'alex', () => ({
    type: 'frontDoorDecision',
    route: 'partnerLed',
    partnerKind: 'school',
    reason: 'The school knows the family well and will lead',
    childInNeed: false,
  }));
  family('FAMILY-OKORO', at(10, '10:00'), 'taylor', () => ({
    type: 'leadPractitionerAllocated',
    ...exampleAllocation(nowIso(), schoolLead, schoolManager),
  }));
  // Child protection: two children. Isla's referral came 12 working days ago and a strategy discussion the
  // next day started a section 47 enquiry, which concluded two days ago that a conference is needed (due in
  // 4 working days). Kit's conference, 10 working days ago, agreed a plan Sam leads (Kit's second plan); the
  // first core group has met.
  const protection = (key: string, when: Date, user: string, body: () => Record<string, unknown>) =>
    steps.push({ when, run: async () => void (await post(`/cases/${caseIds.get(key)}/events`, user, body())) });
  const referral = (
    key: string,
    k: number,
    ref: string,
    child: { name: string; dateOfBirth: string },
    frontDoor = 'alex',
  ) =>
    steps.push({
      when: at(k, '10:30'),
      run: async () =>
        void caseIds.set(
          key,
          (
            await post(
              '/processes/child-protection/cases',
              frontDoor,
              exampleReferral({ caseReference: ref, child, receivedAt: nowIso() }),
            )
          ).caseId,
        ),
    });
  referral('CP-ISLA', 12, 'RCC-CP-0101', { name: 'Isla Grant', dateOfBirth: '2016-09-12' });
  protection('CP-ISLA', at(11, '14:00'), 'sam', () => ({
    type: 'strategyDiscussionHeld',
    ...exampleStrategyDiscussion(nowIso()),
  }));
  protection('CP-ISLA', at(2, '16:00'), 'sam', () => ({
    type: 'section47Completed',
    completedOn: day(2),
    outcome: 'conferenceNeeded',
  }));
  referral('CP-KIT', 26, 'RCC-CP-0088', { name: 'Kit Lawson', dateOfBirth: '2020-01-23' });
  protection('CP-KIT', at(25, '11:00'), 'sam', () => ({
    type: 'strategyDiscussionHeld',
    ...exampleStrategyDiscussion(nowIso(), { agencies: ['council', 'police', 'health'] }),
  }));
  protection('CP-KIT', at(13, '15:00'), 'sam', () => ({
    type: 'section47Completed',
    completedOn: day(13),
    outcome: 'conferenceNeeded',
  }));
  protection('CP-KIT', at(10, '15:00'), 'sam', () => ({
    type: 'initialConferenceHeld',
    heldOn: day(10),
    chair,
    childProtectionPlan: true,
    leadPractitioner,
    previousPlans: 1,
  }));
  protection('CP-KIT', at(4, '15:00'), 'sam', () => ({ type: 'coreGroupMeetingHeld', heldOn: day(4) }));
  // Eastbrook's front door took a referral for Noor 6 working days ago; Eastbrook's social worker held the
  // strategy discussion the next day. Only Eastbrook's staff read it.
  referral('CP-NOOR', 6, 'EBC-CP-0042', { name: 'Noor Haddad', dateOfBirth: '2018-06-25' }, 'bea');
  protection('CP-NOOR', at(5, '11:30'), 'kai', () => ({
    type: 'strategyDiscussionHeld',
    ...exampleStrategyDiscussion(nowIso(), {
      socialWorker: { name: 'Kai Mensah', email: 'kai.mensah@eastbrook.example.gov.uk' },
      manager: { name: 'Lou Barker', email: 'lou.barker@eastbrook.example.gov.uk' },
    }),
  }));
  // Children in care, reviews and visits: two of the children above, each the same entry into care as their
  // initial health assessment (so the two cases are linked). Amara came into care 2 working days ago; Maya
  // 40 ago, was visited within the week and again since, and had her first review on time.
  const inCare = (key: string, c: Child) =>
    steps.push({
      when: at(c.enteredCare, '10:16'),
      run: async () =>
        void caseIds.set(
          key,
          (
            await post(
              '/processes/children-in-care/cases',
              'alex',
              exampleLookedAfter({
                caseReference: c.ref,
                child: { name: c.name, dateOfBirth: c.dateOfBirth },
                enteredCareAt: at(c.enteredCare, '10:15').toISOString(),
              }),
            )
          ).caseId,
        ),
    });
  const care = (key: string, when: Date, user: string, body: () => Record<string, unknown>) =>
    steps.push({ when, run: async () => void (await post(`/cases/${caseIds.get(key)}/events`, user, body())) });
  inCare('CIC-AMARA', children.find((c) => c.ref === 'RCC-24017')!);
  const maya = children.find((c) => c.ref === 'RCC-23874')!;
  inCare('CIC-MAYA', maya);
  care('CIC-MAYA', at(38, '16:00'), 'sam', () => ({ type: 'visitMade', visitedOn: day(38), seenAlone: true }));
  care('CIC-MAYA', at(21, '15:00'), 'taylor', () => ({
    type: 'reviewHeld',
    heldOn: day(21),
    independentReviewingOfficer: reviewingOfficer,
  }));
  care('CIC-MAYA', at(12, '16:00'), 'sam', () => ({ type: 'visitMade', visitedOn: day(12), seenAlone: true }));
  steps.sort((a, b) => a.when.getTime() - b.when.getTime());
  // Only what has already happened (the demo may start before 08:10).
  while (steps.length && steps.at(-1)!.when.getTime() > realNow.getTime()) steps.pop();
  platform.clock.rewindForSeeding(new Date(steps[0]!.when.getTime() - 60_000));
  for (const step of steps) {
    // The clock runs on while a step is applied: two steps at one instant must not ask it to go back.
    if (step.when.getTime() > platform.clock.now().getTime()) await platform.advanceTo(step.when);
    await step.run();
    await platform.settle();
  }
  await platform.advanceTo(new Date(realNow.getTime() + (Date.now() - began)));
  log(
    `Demo data, in two councils (Riverside and Eastbrook): ${children.length} children in care at ` +
      `different stages, three Operation Encompass incidents (one across the border), a young person in ` +
      `crisis, one at risk of admission, two families' Family Help episodes, ` +
      `three children's child protection cases, two children in care's reviews and visits, ` +
      `${platform.inbox.messages.length} messages in the local inbox.`,
  );
  return children.length;
}
