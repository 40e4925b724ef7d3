/**
 * Need-to-know, checked on the server, everywhere: every role of every kind of organisation against every
 * route in the route table, over real HTTP with signed tokens, on the local platform (DynamoDB Local and
 * the synthesized state machines). A route added to the table without a row here fails the test.
 *
 * What a person may not see answers 404, exactly as something that does not exist; a role that may never
 * use a route that names no record (figures, clocks, the directory list and import, opening a case,
 * recording an event type it may not record, an opening by a kind of organisation that may not open
 * one or naming another organisation where it must name the opener's own) gets 403, which reveals
 * nothing. Every refusal is audited. Who may do what is each process's access declaration
 * (workflows/<process>/access.ts; the README's access table); these rows are written out by hand, so
 * the declarations are checked against what people need, not against themselves.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '#core/identity/actor';
import { apiRoutes } from '#functions/api/app';
import { type ApiDependencies, apiContext } from '#functions/api/context';
import { type DemoUser, demoUsers, LocalSignIn } from '#local/auth';
import type { Platform } from '#local/platform';
import { createLocalServer } from '#local/server';
import { exampleReferral, exampleStrategyDiscussion } from '#workflows/child-protection/example';
import { exampleLookedAfter } from '#workflows/children-in-care/example';
import { examplePresentation } from '#workflows/crisis-escalation/example';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { exampleAllocation, exampleRequest, schoolLead, schoolManager } from '#workflows/supporting-families/example';
import { testPlatform } from '../support/platform';

const IHA = 'initial-health-assessment';
const OE = 'operation-encompass';
const CRISIS = 'crisis-escalation';
const SF = 'supporting-families';
const CP = 'child-protection';
const CIC = 'children-in-care';
const demoFile = (file: string) => readFileSync(new URL(`../../config/demo-schools/${file}`, import.meta.url), 'utf8');

/** The demo users, and an administrator of every other kind of organisation and a crisis chair. */
const people: Record<string, Omit<DemoUser, 'username'>> = {
  ...Object.fromEntries(demoUsers.map(({ username, ...u }) => [username, u])),
  healthAdmin: {
    sub: 'u-health-admin',
    name: 'Lee Harper',
    email: 'lee.harper@riverside-health.example.nhs.uk',
    role: 'administrator',
    organisation: 'riverside-health',
  },
  icbAdmin: {
    sub: 'u-icb-admin',
    name: 'Nia Jones',
    email: 'nia.jones@riverside-icb.example.nhs.uk',
    role: 'administrator',
    organisation: 'riverside-icb',
  },
  policeAdmin: {
    sub: 'u-police-admin',
    name: 'Tom Reid',
    email: 'tom.reid@riverside-police.example.police.uk',
    role: 'administrator',
    organisation: 'riverside-police',
  },
  schoolAdmin: {
    sub: 'u-school-admin',
    name: 'Ade Okoro',
    email: 'ade.okoro@riverside-primary.example.sch.uk',
    role: 'administrator',
    organisation: 'riverside-primary',
  },
  northvaleAdmin: {
    sub: 'u-northvale-admin',
    name: 'Sian Lloyd',
    email: 'sian.lloyd@northvale-health.example.nhs.uk',
    role: 'administrator',
    organisation: 'northvale-health',
  },
  chair: {
    sub: 'u-chair',
    name: 'Pat Quinn',
    email: 'pat.quinn@riverside.example.gov.uk',
    role: 'crisis-chair',
    organisation: 'riverside-council',
  },
};
type Person = keyof typeof people & string;
const everyone = Object.keys(people) as Person[];

let platform: Platform;
let server: Server;
let base: string;
const signIn = new LocalSignIn();
const tokens: Record<string, string> = {};

async function http(method: string, path: string, user: Person, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[user]}` },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  // A CSV answer is its text; everything else is JSON.
  const csv = (res.headers.get('content-type') ?? '').startsWith('text/csv');
  return { status: res.status, body: csv ? text : text ? JSON.parse(text) : undefined };
}

/**
 * What the fixtures hold: an IHA case opened by alex, an Operation Encompass case sent by police for kim's
 * school, a young person in crisis, two family support episodes, a child protection case, a child in care's
 * reviews and visits.
 */
const fixture = {
  ihaCase: '',
  ihaEvent: '',
  oeCase: '',
  oeEvent: '',
  crisisCase: '',
  crisisEvent: '',
  sfCase: '',
  sfSchoolCase: '',
  cpCase: '',
  cpEvent: '',
  cicCase: '',
  /** Eastbrook's: a child in care placed out of the partnership's area, a child protection case. */
  ihaEastCase: '',
  cpEastCase: '',
  cpEastEvent: '',
  /** Riverside Police's notification for a child at an Eastbrook school (across the border). */
  oeEastCase: '',
  /** A young person of Eastbrook in crisis, at the provider serving both councils. */
  crisisEastCase: '',
  school: {} as Record<string, unknown>,
};

/**
 * What identifies each fixture's child (name, date of birth, reference), and who may read its record.
 * Nobody else may meet any of these in any answer of any route.
 */
const identifying = {
  iha: {
    marks: ['Rowan Example', '2016-04-12', 'RCC-PERM-1'],
    readers: ['alex', 'sam', 'priya', 'grace', 'jo', 'healthAdmin', 'icbAdmin'],
  },
  oe: { marks: ['Jesse Example', '2017-06-14', 'RP-27-000777'], readers: ['pc', 'kim', 'jo', 'policeAdmin'] },
  crisis: { marks: ['Quinn Example', '2011-05-06', 'CAMHS-PERM-1'], readers: ['priya', 'rhys'] },
  sf: { marks: ['Robin Family', '2015-07-07', 'FAM-PERM-1'], readers: ['alex', 'sam', 'taylor', 'morgan', 'jo'] },
  sfSchool: {
    marks: ['Skye School', '2016-08-08', 'FAM-PERM-2'],
    readers: ['alex', 'sam', 'taylor', 'morgan', 'jo', 'ella', 'schoolAdmin'],
  },
  cp: { marks: ['Ari Example', '2017-03-03', 'RCC-CP-PERM-1'], readers: ['alex', 'sam', 'taylor', 'morgan', 'jo'] },
  cic: { marks: ['Bo Example', '2014-09-09', 'RCC-CIC-PERM-1'], readers: ['alex', 'sam', 'taylor', 'morgan', 'jo'] },
  // Eastbrook's child in care, assessed by Northvale's provider for Northvale's ICB: Eastbrook's staff, the
  // provider, and Riverside ICB's designated nurse (the ICB serves Eastbrook; its administrator is not on the case).
  ihaEast: {
    marks: ['Sol Example', '2015-11-11', 'EBC-PERM-1'],
    readers: ['bea', 'kai', 'dan', 'grace', 'nell', 'northvaleAdmin'],
  },
  cpEast: {
    marks: ['Cy Example', '2016-01-16', 'EBC-CP-PERM-1'],
    readers: ['bea', 'kai', 'lou', 'zara', 'nell'],
  },
  crisisEast: { marks: ['Eli Example', '2010-10-10', 'CAMHS-PERM-2'], readers: ['priya', 'rhys'] },
  oeEast: {
    marks: ['Dee Example', '2017-07-17', 'RP-27-000888'],
    readers: ['pc', 'leah', 'nell', 'policeAdmin'],
  },
} satisfies Record<string, { marks: string[]; readers: string[] }>;

const entry = exampleEntryIntoCare({
  caseReference: 'RCC-PERM-1',
  child: { name: 'Rowan Example', dateOfBirth: '2016-04-12' },
  enteredCareAt: '2027-02-01T09:00:00Z',
});
const incident = {
  forceIncidentReference: 'RP-27-000777',
  attendedAt: '2027-02-01T08:00:00Z',
  children: [
    {
      name: 'Jesse Example',
      dateOfBirth: '2017-06-14',
      schoolUrn: '100001',
      present: true,
      welfareCheck: true,
      policeContact: { desk: 'Public Protection Unit', phone: '01632 960100' },
    },
  ],
};

beforeAll(async () => {
  platform = await testPlatform({ startAt: new Date('2027-02-01T10:00:00Z'), frozen: true });
  server = createLocalServer(platform, signIn);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const [name, person] of Object.entries(people)) tokens[name] = await signIn.token(person);

  const imported = await http('POST', '/schools/import', 'robin', {
    register: demoFile('register.csv'),
    contacts: demoFile('contacts.csv'),
  });
  expect(imported.status).toBe(200);
  const eastbrookSchools = await http('POST', '/schools/import', 'robin', {
    register: demoFile('eastbrook-register.csv'),
    contacts: demoFile('eastbrook-contacts.csv'),
  });
  expect(eastbrookSchools.status).toBe(200);
  // The IHA child and the council's request for support are one child (the council's person id links
  // them): GET /cases/{caseId}/related shows each to the other's readers who may read it, and no more.
  const sameChild = { aboutChild: { personId: 'LCS-PERM-1', ethnicity: 'WBRI' } };
  const opened = await http('POST', `/processes/${IHA}/cases`, 'alex', { ...entry, ...sameChild });
  expect(opened.status).toBe(201);
  const sent = await http('POST', `/processes/${OE}/submissions`, 'pc', incident);
  expect(sent.status).toBe(200);
  const presented = await http(
    'POST',
    `/processes/${CRISIS}/cases`,
    'priya',
    examplePresentation({
      caseReference: 'CAMHS-PERM-1',
      youngPerson: { name: 'Quinn Example', dateOfBirth: '2011-05-06' },
      presentedAt: '2027-02-01T09:00:00Z',
    }),
  );
  expect(presented.status).toBe(201);
  fixture.crisisCase = presented.body.caseId;
  fixture.crisisEvent = presented.body.eventId;
  // Supporting Families: a request at the council's front door, and an episode a school's lead practitioner (ella) holds.
  const family = (name: string, dateOfBirth: string) => ({
    children: [{ name, dateOfBirth }],
    adults: [{ name: 'Alex Carer', relationship: 'parent' }],
  });
  const requested = await http('POST', `/processes/${SF}/cases`, 'alex', {
    ...exampleRequest({
      familyReference: 'FAM-PERM-1',
      requestedAt: '2027-02-01T09:00:00Z',
      family: family('Robin Family', '2015-07-07'),
    }),
    ...sameChild,
  });
  expect(requested.status).toBe(201);
  fixture.sfCase = requested.body.caseId;
  const schoolRequest = await http(
    'POST',
    `/processes/${SF}/cases`,
    'alex',
    exampleRequest({
      familyReference: 'FAM-PERM-2',
      requestedAt: '2027-02-01T09:00:00Z',
      channel: 'partner',
      partnerKind: 'school',
      family: family('Skye School', '2016-08-08'),
    }),
  );
  expect(schoolRequest.status).toBe(201);
  fixture.sfSchoolCase = schoolRequest.body.caseId;
  expect(
    (
      await http('POST', `/cases/${fixture.sfSchoolCase}/events`, 'alex', {
        type: 'frontDoorDecision',
        route: 'partnerLed',
        partnerKind: 'school',
        reason: 'The school leads',
        childInNeed: false,
      })
    ).status,
  ).toBe(200);
  expect(
    (
      await http('POST', `/cases/${fixture.sfSchoolCase}/events`, 'taylor', {
        type: 'leadPractitionerAllocated',
        ...exampleAllocation('2027-02-01T10:00:00Z', schoolLead, schoolManager),
      })
    ).status,
  ).toBe(200);
  // Child protection: a referral at the council's front door, and the strategy discussion that starts the enquiry.
  const referred = await http(
    'POST',
    `/processes/${CP}/cases`,
    'alex',
    exampleReferral({
      caseReference: 'RCC-CP-PERM-1',
      child: { name: 'Ari Example', dateOfBirth: '2017-03-03' },
      receivedAt: '2027-02-01T09:00:00Z',
    }),
  );
  expect(referred.status).toBe(201);
  fixture.cpCase = referred.body.caseId;
  fixture.cpEvent = referred.body.eventId;
  expect(
    (
      await http('POST', `/cases/${fixture.cpCase}/events`, 'sam', {
        type: 'strategyDiscussionHeld',
        ...exampleStrategyDiscussion('2027-02-01T09:30:00Z'),
      })
    ).status,
  ).toBe(200);
  // Children in care: a child looked after, their reviews and visits.
  const lookedAfter = await http(
    'POST',
    `/processes/${CIC}/cases`,
    'alex',
    exampleLookedAfter({
      caseReference: 'RCC-CIC-PERM-1',
      child: { name: 'Bo Example', dateOfBirth: '2014-09-09' },
      enteredCareAt: '2027-02-01T09:00:00Z',
    }),
  );
  expect(lookedAfter.status).toBe(201);
  fixture.cicCase = lookedAfter.body.caseId;
  // Eastbrook: a child in care placed out of the partnership's area, and a referral to children's social care.
  const eastbrookEntry = await http(
    'POST',
    `/processes/${IHA}/cases`,
    'bea',
    exampleEntryIntoCare({
      caseReference: 'EBC-PERM-1',
      child: { name: 'Sol Example', dateOfBirth: '2015-11-11' },
      enteredCareAt: '2027-02-01T09:00:00Z',
      placement: { area: 'outOfArea', icb: 'northvale-icb' },
      healthProvider: 'northvale-health',
      icb: 'northvale-icb',
      socialWorker: { name: 'Kai Mensah', email: 'kai.mensah@eastbrook.example.gov.uk' },
    }),
  );
  expect(eastbrookEntry.status).toBe(201);
  fixture.ihaEastCase = eastbrookEntry.body.caseId;
  const eastbrookReferral = await http(
    'POST',
    `/processes/${CP}/cases`,
    'bea',
    exampleReferral({
      caseReference: 'EBC-CP-PERM-1',
      child: { name: 'Cy Example', dateOfBirth: '2016-01-16' },
      receivedAt: '2027-02-01T09:00:00Z',
    }),
  );
  expect(eastbrookReferral.status).toBe(201);
  fixture.cpEastCase = eastbrookReferral.body.caseId;
  fixture.cpEastEvent = eastbrookReferral.body.eventId;
  const acrossTheBorder = await http('POST', `/processes/${OE}/submissions`, 'pc', {
    ...incident,
    forceIncidentReference: 'RP-27-000888',
    children: [{ ...incident.children[0]!, name: 'Dee Example', dateOfBirth: '2017-07-17', schoolUrn: '100101' }],
  });
  expect(acrossTheBorder.status).toBe(200);
  const eastbrookCrisis = await http(
    'POST',
    `/processes/${CRISIS}/cases`,
    'priya',
    examplePresentation({
      caseReference: 'CAMHS-PERM-2',
      youngPerson: { name: 'Eli Example', dateOfBirth: '2010-10-10' },
      presentedAt: '2027-02-01T09:10:00Z',
      localAuthority: 'eastbrook-council',
    }),
  );
  expect(eastbrookCrisis.status).toBe(201);
  fixture.crisisEastCase = eastbrookCrisis.body.caseId;
  fixture.oeEastCase = acrossTheBorder.body.results[0].caseId;
  await platform.settle();
  const school = await http('GET', '/schools/100001', 'robin');
  const { urn: _urn, updatedAt: _updatedAt, ...editable } = school.body as Record<string, unknown>;
  Object.assign(fixture, {
    ihaCase: opened.body.caseId,
    ihaEvent: opened.body.eventId,
    oeCase: sent.body.results[0].caseId,
    oeEvent: sent.body.results[0].eventId,
    school: editable,
  });
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await platform?.stop();
});

/** Who gets what: the people named get `allowed`, everyone else `otherwise`. */
const only = (allowed: readonly Person[], status: number, otherwise: number) => (who: Person) =>
  allowed.includes(who) ? status : otherwise;
const byRole = (roles: readonly Role[], status: number, otherwise: number) => (who: Person) =>
  roles.includes(people[who]!.role) ? status : otherwise;
const all = (status: number) => () => status;

interface Row {
  method: string;
  /** The route's path as the table has it. */
  route: string;
  /** The request: the path with its ids, a body. */
  request: () => { path: string; body?: unknown };
  expect: (who: Person) => number;
  why: string;
}

const ihaAdmins: Person[] = ['jo', 'healthAdmin', 'icbAdmin'];
/** The administrators of the organisations on the crisis case (riverside-health, riverside-icb, riverside-council): its audit trail, never its contents. */
const crisisAdmins: Person[] = ['jo', 'healthAdmin', 'icbAdmin'];
/**
 * People of a council (Riverside's or Eastbrook's) who may open an IHA case or a request for support; a
 * school's lead practitioner (ella) may not.
 */
const COUNCILS = ['riverside-council', 'eastbrook-council'];
const councilOpeners = (roles: readonly Role[]) => (who: Person) =>
  roles.includes(people[who]!.role) && COUNCILS.includes(people[who]!.organisation) ? 400 : 403;
const oeAdmins: Person[] = ['jo', 'policeAdmin'];
const admins: Person[] = ['jo', 'nell', 'healthAdmin', 'icbAdmin', 'policeAdmin', 'schoolAdmin', 'northvaleAdmin'];

const rows: Row[] = [
  { method: 'GET', route: '/me', request: () => ({ path: '/me' }), expect: all(200), why: 'anyone signed in' },
  {
    method: 'GET',
    route: '/openapi.json',
    request: () => ({ path: '/openapi.json' }),
    expect: all(200),
    why: 'the API description: anyone signed in',
  },
  {
    method: 'GET',
    route: '/my/cases',
    request: () => ({ path: '/my/cases' }),
    expect: all(200),
    why: 'the cases you lead',
  },
  {
    method: 'GET',
    route: '/my/clocks',
    request: () => ({ path: '/my/clocks' }),
    expect: all(200),
    why: 'your worklist: the open clocks of the cases you may read (none for those who may read none)',
  },
  {
    method: 'GET',
    route: '/processes',
    request: () => ({ path: '/processes' }),
    expect: all(200),
    why: 'the catalogue is public',
  },
  {
    method: 'GET',
    route: '/measures',
    request: () => ({ path: '/measures' }),
    expect: all(200),
    why: 'the measures’ definitions are public (no figure)',
  },
  {
    method: 'GET',
    route: '/board/{year}',
    request: () => ({ path: '/board/2027' }),
    expect: byRole(
      [
        'commissioner',
        'partnership-administrator',
        'designated-nurse',
        'service-manager',
        'crisis-working-group',
        'crisis-chair',
      ],
      200,
      403,
    ),
    why: 'the board: the processes whose figures each role reads (figureReaders), refused to roles that read none',
  },
  // Bodies that would not validate: a permitted role gets as far as the 400 (so nothing is written);
  // a role that may not record the event type is refused first, with 403.
  {
    method: 'POST',
    route: '/processes/{process}/cases',
    request: () => ({ path: `/processes/${IHA}/cases`, body: { caseReference: 'RCC-NEVER' } }),
    expect: councilOpeners(['front-door', 'lead-practitioner']),
    why: "opening an IHA case: a council's front door and social workers (a school's lead practitioner: 403, before the body is read)",
  },
  {
    method: 'POST',
    route: '/processes/{process}/submissions',
    request: () => ({ path: `/processes/${OE}/submissions`, body: { ...incident, children: [] } }),
    expect: byRole(['police'], 400, 403),
    why: 'police batches: police only',
  },
  {
    method: 'POST',
    route: '/cases/{caseId}/events',
    request: () => ({ path: `/cases/${fixture.ihaCase}/events`, body: { type: 'requestSentToHealth' } }),
    expect: byRole(['front-door', 'lead-practitioner'], 400, 403),
    why: 'recording an IHA request to health: by event type',
  },
  {
    method: 'GET',
    route: '/processes/{process}/clocks',
    request: () => ({ path: `/processes/${IHA}/clocks` }),
    expect: byRole(
      [
        'commissioner',
        'partnership-administrator',
        'administrator',
        'designated-nurse',
        'health',
        'lead-practitioner',
        'front-door',
      ],
      200,
      403,
    ),
    why: "IHA clocks: the catalogue's clock readers",
  },
  {
    method: 'GET',
    route: '/processes/{process}/clocks',
    request: () => ({ path: `/processes/${OE}/clocks` }),
    expect: byRole(['commissioner', 'partnership-administrator', 'administrator'], 200, 403),
    why: 'Operation Encompass clocks: commissioners and administrators only',
  },
  {
    method: 'GET',
    route: '/processes/{process}/figures',
    request: () => ({ path: `/processes/${IHA}/figures` }),
    expect: only(['chris', 'vic', 'robin', 'grace'], 200, 403),
    why: 'IHA figures: commissioners (the ICB’s, Eastbrook’s), the partnership administrator, designated nurses',
  },
  {
    method: 'GET',
    route: '/processes/{process}/figures',
    request: () => ({ path: `/processes/${OE}/figures` }),
    expect: only(['chris', 'vic', 'robin'], 200, 403),
    why: 'Operation Encompass figures: commissioners and the partnership administrator',
  },
  {
    method: 'GET',
    route: '/cases/{caseId}',
    request: () => ({ path: `/cases/${fixture.ihaCase}` }),
    expect: only(['alex', 'sam', 'priya', 'grace', ...ihaAdmins], 200, 404),
    why: 'an IHA case: its organisations only',
  },
  {
    method: 'GET',
    route: '/cases/{caseId}',
    request: () => ({ path: `/cases/${fixture.oeCase}` }),
    expect: only(['pc', 'kim', ...oeAdmins], 200, 404),
    why: "an Operation Encompass case: its police force, its school's Key Adult, its administrators",
  },
  {
    method: 'GET',
    route: '/cases/{caseId}/related',
    request: () => ({ path: `/cases/${fixture.ihaCase}/related` }),
    expect: only(['alex', 'sam', 'priya', 'grace', ...ihaAdmins], 200, 404),
    why: "an IHA case's child's other cases: the IHA case's readers only (each other case by its own rule)",
  },
  {
    method: 'GET',
    route: '/cases/{caseId}/related',
    request: () => ({ path: `/cases/${fixture.sfCase}/related` }),
    expect: only(identifying.sf.readers as Person[], 200, 404),
    why: "a request for support's child's other cases: as the request itself",
  },
  {
    method: 'GET',
    route: '/cases/{caseId}/timeline',
    request: () => ({ path: `/cases/${fixture.oeCase}/timeline` }),
    expect: only(['pc', 'kim', ...oeAdmins], 200, 404),
    why: "an Operation Encompass case's timeline: as the case",
  },
  // Crisis escalation: the Bronze clinical group (the Bronze chair, health staff and administrators of the
  // case's organisations: riverside-health, riverside-icb, riverside-council) reads the case; the working
  // group and commissioners read figures and clocks by case code only.
  {
    method: 'POST',
    route: '/processes/{process}/cases',
    request: () => ({ path: `/processes/${CRISIS}/cases`, body: { caseReference: 'CAMHS-NEVER' } }),
    expect: only(['priya', 'dan', 'rhys'], 400, 403),
    why: "recording a presentation in crisis: health staff and crisis chairs of a health provider (a council's crisis chair: 403)",
  },
  {
    method: 'POST',
    route: '/cases/{caseId}/events',
    request: () => ({ path: `/cases/${fixture.crisisCase}/events`, body: { type: 'bronzeMeetingHeld' } }),
    expect: byRole(['crisis-chair'], 400, 403),
    why: 'recording a Bronze meeting: the Bronze chair',
  },
  {
    method: 'POST',
    route: '/cases/{caseId}/events',
    request: () => ({ path: `/cases/${fixture.crisisCase}/events`, body: { type: 'medicallyFit' } }),
    expect: byRole(['health', 'crisis-chair'], 400, 403),
    why: 'medically fit for discharge: health staff and the Bronze chair (a body that does not validate is refused before the case is read)',
  },
  {
    method: 'GET',
    route: '/cases/{caseId}',
    request: () => ({ path: `/cases/${fixture.crisisCase}` }),
    expect: only(identifying.crisis.readers as Person[], 200, 404),
    why: "a crisis case: the clinical group (health staff and crisis chairs of its health organisations, the Bronze chair); never administrators (jo, the partnership's robin), the council's crisis chair, the working group or commissioners",
  },
  {
    method: 'GET',
    route: '/cases/{caseId}/timeline',
    request: () => ({ path: `/cases/${fixture.crisisCase}/timeline` }),
    expect: only(identifying.crisis.readers as Person[], 200, 404),
    why: "a crisis case's timeline: as the case",
  },
  {
    method: 'GET',
    route: '/cases/{caseId}/audit',
    request: () => ({ path: `/cases/${fixture.crisisCase}/audit` }),
    expect: only(['robin', ...crisisAdmins], 200, 404),
    why: "a crisis case's audit trail (who read or changed it): the administrators of its organisations and the partnership administrator, who never read its contents",
  },
  {
    method: 'GET',
    route: '/events/{eventId}',
    request: () => ({ path: `/events/${fixture.crisisEvent}` }),
    expect: only(['priya', 'robin', ...crisisAdmins], 200, 404),
    why: "a presentation's outcome: its sender and whoever reads the case's audit trail",
  },
  {
    method: 'GET',
    route: '/processes/{process}/clocks',
    request: () => ({ path: `/processes/${CRISIS}/clocks` }),
    expect: byRole(
      ['commissioner', 'partnership-administrator', 'crisis-working-group', 'crisis-chair', 'health', 'administrator'],
      200,
      403,
    ),
    why: 'crisis clocks by case code',
  },
  {
    method: 'GET',
    route: '/processes/{process}/figures',
    request: () => ({ path: `/processes/${CRISIS}/figures` }),
    expect: byRole(['commissioner', 'partnership-administrator', 'crisis-working-group', 'crisis-chair'], 200, 403),
    why: 'crisis figures: commissioners, the partnership administrator, the Bronze working group and chair',
  },
  // Supporting Families / Family Help: the council's family support staff read its episodes; a partner's
  // staff only the episode their organisation holds, through its lead practitioner (a school's: only the ones they hold).
  {
    method: 'POST',
    route: '/processes/{process}/cases',
    request: () => ({ path: `/processes/${SF}/cases`, body: { requestReference: 'RFS-NEVER' } }),
    expect: (who) =>
      councilOpeners(['front-door'])(who) === 400 ||
      (['school-key-adult', 'lead-practitioner'].includes(people[who]!.role) && !!people[who]!.schoolUrn)
        ? 400
        : 403,
    why: "a request for support: the council's front door, and a school's Key Adult or lead practitioner (sent to the council's front door)",
  },
  {
    method: 'POST',
    route: '/cases/{caseId}/events',
    request: () => ({ path: `/cases/${fixture.sfSchoolCase}/events`, body: { type: 'episodePaused' } }),
    expect: byRole(['team-leader'], 400, 403),
    why: 'pausing an episode: a team leader approves it',
  },
  {
    method: 'GET',
    route: '/cases/{caseId}',
    request: () => ({ path: `/cases/${fixture.sfCase}` }),
    expect: only(identifying.sf.readers as Person[], 200, 404),
    why: "a request for support: the council's front door, lead practitioners, team leaders, service manager and administrator",
  },
  {
    method: 'GET',
    route: '/cases/{caseId}/timeline',
    request: () => ({ path: `/cases/${fixture.sfCase}/timeline` }),
    expect: only(identifying.sf.readers as Person[], 200, 404),
    why: "a request's timeline: as the request",
  },
  {
    method: 'GET',
    route: '/cases/{caseId}',
    request: () => ({ path: `/cases/${fixture.sfSchoolCase}` }),
    expect: only(identifying.sfSchool.readers as Person[], 200, 404),
    why: "an episode a school holds: the council's staff, the school's lead practitioner who holds it and the school's administrator; no other school staff",
  },
  {
    method: 'GET',
    route: '/cases/{caseId}/timeline',
    request: () => ({ path: `/cases/${fixture.sfSchoolCase}/timeline` }),
    expect: only(identifying.sfSchool.readers as Person[], 200, 404),
    why: "an episode's timeline: as the episode",
  },
  {
    method: 'GET',
    route: '/cases/{caseId}/audit',
    request: () => ({ path: `/cases/${fixture.sfSchoolCase}/audit` }),
    expect: only(['robin', 'jo', 'schoolAdmin'], 200, 404),
    why: "an episode's audit trail: the administrators of its organisations (the council, the school), the partnership administrator",
  },
  {
    method: 'GET',
    route: '/cases/{caseId}/audit',
    request: () => ({ path: `/cases/${fixture.sfSchoolCase}/audit?from=2026-01-01&to=2030-12-31&limit=2` }),
    expect: only(['robin', 'jo', 'schoolAdmin'], 200, 404),
    why: "an episode's audit trail between two days, a page of 2: as the whole trail",
  },
  {
    method: 'GET',
    route: '/cases/{caseId}/audit',
    request: () => ({ path: `/cases/${fixture.sfSchoolCase}/audit?from=2026-02-30` }),
    expect: all(400),
    why: 'a date that is not a real day is refused before anything is read, for everyone alike',
  },
  {
    method: 'GET',
    route: '/cases/{caseId}/audit.csv',
    request: () => ({ path: `/cases/${fixture.sfSchoolCase}/audit.csv?from=2026-01-01` }),
    expect: only(['robin', 'jo', 'schoolAdmin'], 200, 404),
    why: "an episode's audit trail as CSV: as the trail",
  },
  {
    method: 'GET',
    route: '/processes/{process}/clocks',
    request: () => ({ path: `/processes/${SF}/clocks` }),
    expect: byRole(
      ['commissioner', 'partnership-administrator', 'team-leader', 'service-manager', 'front-door'],
      200,
      403,
    ),
    why: 'family support clocks by case code',
  },
  {
    method: 'GET',
    route: '/processes/{process}/figures',
    request: () => ({ path: `/processes/${SF}/figures` }),
    expect: byRole(['commissioner', 'partnership-administrator', 'service-manager'], 200, 403),
    why: 'family support figures: commissioners, the partnership administrator, the service manager',
  },
  // Child protection: the council's children's social care only; health and the police take part in its
  // meetings but read nothing here; commissioners read figures and clocks by case code.
  {
    method: 'POST',
    route: '/processes/{process}/cases',
    request: () => ({ path: `/processes/${CP}/cases`, body: { caseReference: 'RCC-NEVER' } }),
    expect: councilOpeners(['front-door', 'lead-practitioner']),
    why: "a referral to children's social care: the council's front door and social workers",
  },
  {
    method: 'POST',
    route: '/cases/{caseId}/events',
    request: () => ({ path: `/cases/${fixture.cpCase}/events`, body: { type: 'initialConferenceHeld' } }),
    expect: byRole(['lead-practitioner', 'team-leader', 'service-manager'], 400, 403),
    why: 'recording an initial child protection conference: social workers and their managers (a body that does not validate is refused before the case is read)',
  },
  {
    method: 'GET',
    route: '/cases/{caseId}',
    request: () => ({ path: `/cases/${fixture.cpCase}` }),
    expect: only(identifying.cp.readers as Person[], 200, 404),
    why: "a child protection case: the council's children's social care and its administrator; never health, the police, a school, commissioners or the partnership administrator",
  },
  {
    method: 'GET',
    route: '/cases/{caseId}/timeline',
    request: () => ({ path: `/cases/${fixture.cpCase}/timeline` }),
    expect: only(identifying.cp.readers as Person[], 200, 404),
    why: "a child protection case's timeline: as the case",
  },
  {
    method: 'GET',
    route: '/cases/{caseId}/audit',
    request: () => ({ path: `/cases/${fixture.cpCase}/audit` }),
    expect: only(['robin', 'jo'], 200, 404),
    why: "a child protection case's audit trail: the council's administrator, the partnership administrator",
  },
  {
    method: 'GET',
    route: '/events/{eventId}',
    request: () => ({ path: `/events/${fixture.cpEvent}` }),
    expect: only(['alex', 'robin', 'jo'], 200, 404),
    why: "a referral's outcome: its sender and whoever reads the case's audit trail",
  },
  {
    method: 'GET',
    route: '/processes/{process}/clocks',
    request: () => ({ path: `/processes/${CP}/clocks` }),
    expect: byRole(
      ['commissioner', 'partnership-administrator', 'team-leader', 'service-manager', 'front-door'],
      200,
      403,
    ),
    why: 'child protection clocks by case code',
  },
  {
    method: 'GET',
    route: '/processes/{process}/figures',
    request: () => ({ path: `/processes/${CP}/figures` }),
    expect: byRole(['commissioner', 'partnership-administrator', 'service-manager'], 200, 403),
    why: 'child protection figures: commissioners, the partnership administrator, the service manager',
  },
  // Children in care: the council's children's social care only, as child protection.
  {
    method: 'POST',
    route: '/processes/{process}/cases',
    request: () => ({ path: `/processes/${CIC}/cases`, body: { caseReference: 'RCC-NEVER' } }),
    expect: councilOpeners(['front-door', 'lead-practitioner']),
    why: "a child looked after: the council's front door and social workers",
  },
  {
    method: 'POST',
    route: '/cases/{caseId}/events',
    request: () => ({ path: `/cases/${fixture.cicCase}/events`, body: { type: 'visitMade' } }),
    expect: byRole(['lead-practitioner', 'team-leader', 'service-manager'], 400, 403),
    why: 'recording a visit: social workers and their managers',
  },
  {
    method: 'GET',
    route: '/cases/{caseId}',
    request: () => ({ path: `/cases/${fixture.cicCase}` }),
    expect: only(identifying.cic.readers as Person[], 200, 404),
    why: "a child in care's reviews and visits: the council's children's social care and its administrator; never health (the IHA is theirs) or commissioners",
  },
  {
    method: 'GET',
    route: '/processes/{process}/clocks',
    request: () => ({ path: `/processes/${CIC}/clocks` }),
    expect: byRole(
      ['commissioner', 'partnership-administrator', 'team-leader', 'service-manager', 'front-door'],
      200,
      403,
    ),
    why: 'children in care clocks by case code',
  },
  {
    method: 'GET',
    route: '/processes/{process}/figures',
    request: () => ({ path: `/processes/${CIC}/figures` }),
    expect: byRole(['commissioner', 'partnership-administrator', 'service-manager'], 200, 403),
    why: 'children in care figures: commissioners, the partnership administrator, the service manager',
  },
  {
    method: 'GET',
    route: '/cases/{caseId}/timeline',
    request: () => ({ path: `/cases/${fixture.ihaCase}/timeline` }),
    expect: only(['alex', 'sam', 'priya', 'grace', ...ihaAdmins], 200, 404),
    why: "an IHA case's timeline: as the case",
  },
  {
    method: 'GET',
    route: '/cases/{caseId}/audit',
    request: () => ({ path: `/cases/${fixture.ihaCase}/audit` }),
    expect: only(['robin', ...ihaAdmins], 200, 404),
    why: "a case's audit: administrators of its organisations, the partnership administrator",
  },
  {
    method: 'GET',
    route: '/cases/{caseId}/audit',
    request: () => ({ path: `/cases/${fixture.oeCase}/audit` }),
    expect: only(['robin', ...oeAdmins], 200, 404),
    why: "an Operation Encompass case's audit: the council's and the force's administrators, the partnership administrator",
  },
  {
    method: 'GET',
    route: '/events/{eventId}',
    request: () => ({ path: `/events/${fixture.ihaEvent}` }),
    expect: only(['alex', 'robin', ...ihaAdmins], 200, 404),
    why: "an event's outcome: its sender, its case's administrators, the partnership administrator",
  },
  {
    method: 'GET',
    route: '/events/{eventId}',
    request: () => ({ path: `/events/${fixture.oeEvent}` }),
    expect: only(['pc', 'robin', ...oeAdmins], 200, 404),
    why: "a police notification's outcome: the force's case system, the case's administrators, the partnership administrator",
  },
  // Two councils: each council's staff read only their own council's cases; the ICB and the health
  // provider read across the councils they serve as their process allows; a notification for a child at a
  // school across the border is the school's council's, not the sending force's council's.
  {
    method: 'GET',
    route: '/cases/{caseId}',
    request: () => ({ path: `/cases/${fixture.ihaEastCase}` }),
    expect: only(identifying.ihaEast.readers as Person[], 200, 404),
    why: "Eastbrook's child in care placed out of area: Eastbrook's front door and social workers, the provider assessing, Riverside ICB's designated nurse (serving Eastbrook); never Riverside's council staff",
  },
  {
    method: 'GET',
    route: '/cases/{caseId}/timeline',
    request: () => ({ path: `/cases/${fixture.ihaEastCase}/timeline` }),
    expect: only(identifying.ihaEast.readers as Person[], 200, 404),
    why: "Eastbrook's IHA case's timeline: as the case",
  },
  {
    method: 'GET',
    route: '/cases/{caseId}/audit',
    request: () => ({ path: `/cases/${fixture.ihaEastCase}/audit` }),
    expect: only(['robin', 'nell', 'northvaleAdmin'], 200, 404),
    why: "Eastbrook's IHA case's audit: the administrators of its organisations (Eastbrook, Northvale's provider), the partnership administrator",
  },
  {
    method: 'GET',
    route: '/cases/{caseId}',
    request: () => ({ path: `/cases/${fixture.cpEastCase}` }),
    expect: only(identifying.cpEast.readers as Person[], 200, 404),
    why: "Eastbrook's child protection case: Eastbrook's children's social care and administrator only",
  },
  {
    method: 'GET',
    route: '/cases/{caseId}/audit',
    request: () => ({ path: `/cases/${fixture.cpEastCase}/audit` }),
    expect: only(['robin', 'nell'], 200, 404),
    why: "Eastbrook's child protection audit: Eastbrook's administrator, the partnership administrator",
  },
  {
    method: 'GET',
    route: '/events/{eventId}',
    request: () => ({ path: `/events/${fixture.cpEastEvent}` }),
    expect: only(['bea', 'robin', 'nell'], 200, 404),
    why: "Eastbrook's referral's outcome: its sender and whoever reads the case's audit trail",
  },
  {
    method: 'GET',
    route: '/cases/{caseId}',
    request: () => ({ path: `/cases/${fixture.oeEastCase}` }),
    expect: only(identifying.oeEast.readers as Person[], 200, 404),
    why: "Riverside Police's notification for a child at an Eastbrook school: the force, the school's Key Adult, Eastbrook's administrator (the school's council) and the force's; never Riverside's council",
  },
  {
    method: 'GET',
    route: '/cases/{caseId}',
    request: () => ({ path: `/cases/${fixture.crisisEastCase}` }),
    expect: only(identifying.crisisEast.readers as Person[], 200, 404),
    why: "an Eastbrook young person in crisis: the crisis team and Bronze chair of the provider serving both councils, as for Riverside's; never Eastbrook's council staff",
  },
  {
    method: 'GET',
    route: '/cases/{caseId}/audit',
    request: () => ({ path: `/cases/${fixture.crisisEastCase}/audit` }),
    expect: only(['robin', 'nell', 'healthAdmin', 'icbAdmin'], 200, 404),
    why: "an Eastbrook crisis case's audit: the administrators of its organisations (Eastbrook, the provider, the ICB), the partnership administrator; not Riverside's",
  },
  {
    method: 'GET',
    route: '/schools/{urn}/notifications',
    request: () => ({ path: '/schools/100101/notifications' }),
    expect: only(['leah', 'nell'], 200, 404),
    why: "an Eastbrook school's notifications: its Key Adult, Eastbrook's administrator",
  },
  {
    method: 'GET',
    route: '/schools/{urn}/notifications',
    request: () => ({ path: '/schools/100001/notifications' }),
    expect: only(['kim', 'jo'], 200, 404),
    why: "a school's notifications: its Key Adult, its local authority's administrator",
  },
  {
    method: 'GET',
    route: '/schools',
    request: () => ({ path: '/schools?la=330' }),
    expect: only(['robin'], 200, 403),
    why: 'the directory: the partnership administrator',
  },
  {
    method: 'POST',
    route: '/schools/import',
    request: () => ({
      path: '/schools/import',
      body: { register: demoFile('register.csv'), contacts: demoFile('contacts.csv') },
    }),
    expect: only(['robin'], 200, 403),
    why: 'loading the directory: the partnership administrator',
  },
  {
    method: 'GET',
    route: '/schools/{urn}',
    request: () => ({ path: '/schools/100001' }),
    expect: only(['robin', 'kim'], 200, 404),
    why: "a school's record: the partnership administrator, the school's Key Adult",
  },
  {
    method: 'GET',
    route: '/term-calendars',
    request: () => ({ path: '/term-calendars' }),
    expect: only(['robin'], 200, 403),
    why: 'the term calendars schools may follow: the partnership administrator',
  },
  // A file with no term: the partnership administrator gets as far as the 400 (so no calendar changes); everyone else is refused first.
  {
    method: 'POST',
    route: '/term-calendars/import',
    request: () => ({
      path: '/term-calendars/import',
      body: { calendarId: 'la-330', format: 'csv', text: 'Type,Name,Start,End\r\n' },
    }),
    expect: only(['robin'], 400, 403),
    why: "loading a council's term dates: the partnership administrator",
  },
  {
    method: 'PUT',
    route: '/schools/{urn}',
    request: () => ({ path: '/schools/100001', body: fixture.school }),
    expect: only(['robin'], 200, 404),
    why: 'changing the directory: the partnership administrator',
  },
  {
    method: 'GET',
    route: '/audit',
    request: () => ({ path: '/audit?actor=u-alex-frontdoor' }),
    expect: only(['robin', ...admins], 200, 404),
    why: "the audit by person: the partnership administrator; an organisation's administrator for their own people",
  },
  {
    method: 'GET',
    route: '/audit',
    request: () => ({ path: '/audit' }),
    expect: only(['robin', ...admins], 400, 404),
    why: 'the query is required',
  },
  {
    method: 'GET',
    route: '/audit',
    request: () => ({ path: '/audit?actor=u-alex-frontdoor&from=2026-01-01&to=2030-12-31&limit=5' }),
    expect: only(['robin', ...admins], 200, 404),
    why: 'the audit by person between two days, a page of 5: as the whole audit by person',
  },
  {
    method: 'GET',
    route: '/audit',
    request: () => ({ path: '/audit?actor=u-alex-frontdoor&from=2027-03-01&to=2027-02-01' }),
    expect: only(['robin', ...admins], 400, 404),
    why: 'a range that ends before it starts is refused (400 naming to) to those who may read the audit',
  },
  {
    method: 'GET',
    route: '/audit',
    request: () => ({ path: '/audit?actor=u-alex-frontdoor&cursor=not-a-cursor' }),
    expect: only(['robin', ...admins], 400, 404),
    why: 'a cursor no page gave is refused, never followed',
  },
  {
    method: 'GET',
    route: '/feeds/{council}/events',
    request: () => ({ path: '/feeds/riverside-council/events?limit=5' }),
    expect: only(['casesystem'], 200, 404),
    why: "a council's feed of clock events: its own case system only (the council's administrator and everyone else: 404)",
  },
  {
    method: 'GET',
    route: '/feeds/{council}/events',
    request: () => ({ path: '/feeds/riverside-council/events?limit=0' }),
    expect: only(['casesystem'], 400, 404),
    why: "a bad limit: the council's case system gets the 400 naming it; everyone else the feed's 404 first",
  },
  {
    method: 'GET',
    route: '/feeds/{council}/events',
    request: () => ({ path: '/feeds/eastbrook-council/events?limit=5' }),
    expect: only(['eastbrooksystem'], 200, 404),
    why: "Eastbrook's feed: its own case system only; Riverside's case system, Eastbrook's staff and everyone else: 404",
  },
  {
    method: 'GET',
    route: '/audit.csv',
    request: () => ({ path: '/audit.csv?actor=u-alex-frontdoor&to=2030-12-31' }),
    expect: only(['robin', ...admins], 200, 404),
    why: 'the audit by person as CSV: as the audit by person',
  },
];

describe('the permission matrix', () => {
  it('has a row for every route in the route table, and the people cover every role', () => {
    // Prepare: the table as the API builds it (built, never called).
    const routes = apiRoutes(
      apiContext({
        runtime: platform.runtime,
        store: platform.store,
        starter: platform.stepFunctions,
        schools: platform.schools,
      } as unknown as ApiDependencies),
    );
    // Act
    const missing = routes
      .filter((r) => !rows.some((row) => row.method === r.method && row.route === r.path))
      .map((r) => `${r.method} ${r.path}`);
    const unknown = rows
      .filter((row) => !routes.some((r) => row.method === r.method && row.route === r.path))
      .map((row) => `${row.method} ${row.route}`);
    // Assess
    expect(missing).toEqual([]);
    expect(unknown).toEqual([]);
    expect(new Set(everyone.map((p) => people[p]!.role))).toEqual(new Set(ROLES));
  });

  it.each(rows.map((row) => [`${row.method} ${row.route}: ${row.why}`, row] as const))('%s', async (_name, row) => {
    for (const who of everyone) {
      // Prepare
      const { path, body } = row.request();
      const refusedBefore = (await platform.store.auditOfActor(people[who]!.sub)).filter(
        (a) => a.action === 'refused',
      ).length;
      // Act
      const res = await http(row.method, path, who, body);
      // Assess: the status, and a refusal audited exactly once (nothing else is a refusal).
      const expected = row.expect(who);
      expect({ who, status: res.status }, `${row.why}: ${JSON.stringify(res.body)}`).toEqual({ who, status: expected });
      const refusedAfter = (await platform.store.auditOfActor(people[who]!.sub)).filter(
        (a) => a.action === 'refused',
      ).length;
      expect({ who, refusalsAudited: refusedAfter - refusedBefore }).toEqual({
        who,
        refusalsAudited: expected === 403 || expected === 404 ? 1 : 0,
      });
    }
  });
});

describe("a council's staff and the other council's cases", () => {
  it.each<[string, Person, () => string]>([
    ["Eastbrook's front door, Riverside's child protection case", 'bea', () => fixture.cpCase],
    ["Eastbrook's social worker, Riverside's child in care", 'kai', () => fixture.ihaCase],
    ["Riverside's front door, Eastbrook's child protection case", 'alex', () => fixture.cpEastCase],
    ["Riverside's social worker, Eastbrook's child in care", 'sam', () => fixture.ihaEastCase],
    ["Riverside's administrator, Eastbrook's case", 'jo', () => fixture.cpEastCase],
    ["Eastbrook's administrator, Riverside's case", 'nell', () => fixture.cpCase],
  ])('%s: 404 as for a case that does not exist, the refusal audited against the case', async (_what, who, caseOf) => {
    // Prepare
    const caseId = caseOf();
    const before = (await platform.store.auditOfActor(people[who]!.sub)).filter(
      (a) => a.action === 'refused' && a.caseId === caseId,
    ).length;
    // Act
    const refused = await http('GET', `/cases/${caseId}`, who);
    const missing = await http('GET', `/cases/${caseId.slice(0, caseId.indexOf('-'))}-zzzz-zzzz`, who);
    // Assess
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe(missing.body.code);
    expect(refused.body.detail.replace(caseId, '<id>')).toBe(missing.body.detail.replace(/\S+-zzzz-zzzz/, '<id>'));
    expect(JSON.stringify(refused.body)).not.toMatch(/Example|EBC-|RCC-/);
    const after = (await platform.store.auditOfActor(people[who]!.sub)).filter(
      (a) => a.action === 'refused' && a.caseId === caseId,
    );
    expect(after).toHaveLength(before + 1);
  });

  it("Riverside's social worker recording on Eastbrook's case: 404, audited, nothing recorded; Eastbrook's own: applied", async () => {
    const request = { type: 'requestSentToHealth', sentAt: '2027-02-01T09:30:00Z', consentIncluded: true };
    const before = (await platform.store.timeline(fixture.ihaEastCase)).length;
    const refused = await http('POST', `/cases/${fixture.ihaEastCase}/events`, 'sam', request);
    expect(refused.status).toBe(404);
    expect((await platform.store.timeline(fixture.ihaEastCase)).length).toBe(before);
    expect(
      (await platform.store.auditOfActor(people.sam!.sub)).some(
        (a) => a.action === 'refused' && a.caseId === fixture.ihaEastCase,
      ),
    ).toBe(true);
    const applied = await http('POST', `/cases/${fixture.ihaEastCase}/events`, 'kai', request);
    expect(applied.status).toBe(200);
    await platform.settle();
    expect((await platform.store.timeline(fixture.ihaEastCase)).length).toBeGreaterThan(before);
  });
});

describe('a refusal looks exactly like something that does not exist', () => {
  it.each<[string, Person, () => string, string]>([
    ['a case', 'dan', () => `/cases/${fixture.ihaCase}`, '/cases/iha-zzzz-zzzz'],
    ["a case's timeline", 'kim', () => `/cases/${fixture.ihaCase}/timeline`, '/cases/iha-zzzz-zzzz/timeline'],
    ["a case's audit", 'sam', () => `/cases/${fixture.ihaCase}/audit`, '/cases/iha-zzzz-zzzz/audit'],
    ['an event', 'priya', () => `/events/${fixture.ihaEvent}`, '/events/evt-never-sent'],
    ["another school's notifications", 'maria', () => '/schools/100001/notifications', '/schools/999999/notifications'],
    ["another school's record", 'maria', () => '/schools/100001', '/schools/999999'],
  ])('%s', async (_what, who, hidden, absent) => {
    // Act
    const refused = await http('GET', hidden(), who);
    const missing = await http('GET', absent, who);
    // Assess: the same status and code; the message differs only by the id the reader sent.
    expect(refused.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(refused.body.code).toBe(missing.body.code);
    const [refusedId, missingId] = [hidden().split('/')[2]!, absent.split('/')[2]!];
    expect(refused.body.detail.replace(refusedId, '<id>')).toBe(missing.body.detail.replace(missingId, '<id>'));
  });
});

describe('open clocks are scoped by the organisations on the case', () => {
  it.each([
    ['priya (health, on the case)', 'priya', IHA, true],
    ['dan (health of another area)', 'dan', IHA, false],
    ['jo (the council, on the case)', 'jo', IHA, true],
    ['the police administrator (not on an IHA case)', 'policeAdmin', IHA, false],
    ['chris (commissioner: all, by case code)', 'chris', IHA, true],
    ['robin (partnership administrator: all, by case code)', 'robin', IHA, true],
    ['jo (the local authority of the school)', 'jo', OE, true],
    ['the health administrator (not on an Operation Encompass case)', 'healthAdmin', OE, false],
    ['wyn (the Bronze working group, of an organisation on the crisis case)', 'wyn', CRISIS, true],
    ['rhys (the Bronze chair)', 'rhys', CRISIS, true],
    ['dan (health of another area)', 'dan', CRISIS, false],
  ] as const)('%s', async (_who, who, process, sees) => {
    // Act
    const res = await http('GET', `/processes/${process}/clocks`, who);
    // Assess
    expect(res.status).toBe(200);
    const caseIds = new Set(res.body.clocks.map((c: { caseId: string }) => c.caseId));
    expect(caseIds.has(process === IHA ? fixture.ihaCase : process === OE ? fixture.oeCase : fixture.crisisCase)).toBe(
      sees,
    );
    expect(JSON.stringify(res.body)).not.toMatch(/Rowan|Jesse|Quinn|2011-05-06|organisations/);
  });
});

describe('your worklist: the open clocks of exactly the cases you may read, with their instants and states', () => {
  const fixtureCases = () => [
    fixture.ihaCase,
    fixture.oeCase,
    fixture.crisisCase,
    fixture.sfCase,
    fixture.sfSchoolCase,
    fixture.ihaEastCase,
    fixture.cpEastCase,
    fixture.oeEastCase,
    fixture.crisisEastCase,
  ];
  type Listed = { caseId: string; clockId: string; dueAt: string; state: string; dueSoonRule: string };

  it('everyone: a case is on their worklist exactly when GET /cases/{caseId} answers them 200, with its open clocks', async () => {
    let listedSomewhere = 0;
    for (const who of everyone) {
      // Act
      const list = await http('GET', '/my/clocks?limit=200', who);
      // Assess
      expect(list.status).toBe(200);
      expect(list.body.next).toBeNull();
      const listed = list.body.clocks as Listed[];
      for (const caseId of fixtureCases()) {
        const read = await http('GET', `/cases/${caseId}`, who);
        const open =
          read.status === 200
            ? (read.body.clocks as { id: string; status: string; dueAt: string; state: string }[]).filter((c) =>
                ['running', 'paused', 'breached'].includes(c.status),
              )
            : [];
        const mine = listed.filter((c) => c.caseId === caseId);
        // The same clocks, the same exact instants and the same state as the case answer gives.
        expect({ who, caseId, clocks: mine.map((c) => [c.clockId, c.dueAt, c.state]).sort() }).toEqual({
          who,
          caseId,
          clocks: open.map((c) => [c.id, c.dueAt, c.state]).sort(),
        });
        listedSomewhere += mine.length;
      }
      // Due soonest first, each with what due soon means for it.
      expect(listed.map((c) => c.dueAt)).toEqual([...listed.map((c) => c.dueAt)].sort());
      for (const c of listed) expect(c.dueSoonRule).toMatch(/^due /);
    }
    // The sweep did reach cases (so it can fail), and figure readers see none: theirs is the list by case code.
    expect(listedSomewhere).toBeGreaterThan(10);
    expect((await http('GET', '/my/clocks', 'chris')).body).toEqual({ clocks: [], next: null });
  });

  it('in pages: each page follows from the one before by its cursor, and together they are the whole list', async () => {
    // Prepare: priya (health) reads the IHA case and the crisis case.
    const whole = (await http('GET', '/my/clocks?limit=200', 'priya')).body.clocks as Listed[];
    expect(whole.length).toBeGreaterThanOrEqual(3);
    const worklistReads = async () =>
      (await platform.store.auditOfActor('u-priya-health')).filter(
        (a) => a.action === 'read' && a.what.startsWith('my worklist'),
      ).length;
    const readsBefore = await worklistReads();
    // Act
    const pages: Listed[][] = [];
    let next: string | null = null;
    do {
      const page: { status: number; body: { clocks: Listed[]; next: string | null } } = await http(
        'GET',
        `/my/clocks?limit=2${next ? `&cursor=${next}` : ''}`,
        'priya',
      );
      expect(page.status).toBe(200);
      pages.push(page.body.clocks);
      next = page.body.next;
    } while (next && pages.length < 20);
    // Assess: the same clocks in the same order, 2 a page, the last page saying none follow; each page audited once.
    expect(pages.flat().map((c) => `${c.caseId}/${c.clockId}`)).toEqual(whole.map((c) => `${c.caseId}/${c.clockId}`));
    expect(pages.slice(0, -1).every((p) => p.length === 2)).toBe(true);
    expect((await worklistReads()) - readsBefore).toBe(pages.length);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['limit=two', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
    ['q=x', 'q'],
    ['process=no-such-process', 'process'],
    ['state=met', 'state'],
    ['provider=..%2Fx', 'provider'],
    ['sort=oldest', 'sort'],
    [`cursor=${Buffer.from('2027-02-01T00:00:00.000Z#../etc#x').toString('base64url')}`, 'cursor'],
  ])('?%s is refused with 400 naming %s', async (query, field) => {
    const res = await http('GET', `/my/clocks?${query}`, 'priya');
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual([field]);
  });
});

describe('search finds a case by its code and its reference for its readers, and nothing for anyone else', () => {
  const cases = () =>
    [
      ['iha', fixture.ihaCase],
      ['oe', fixture.oeCase],
      ['crisis', fixture.crisisCase],
      ['sf', fixture.sfCase],
      ['sfSchool', fixture.sfSchoolCase],
      ['ihaEast', fixture.ihaEastCase],
      ['cpEast', fixture.cpEastCase],
      ['oeEast', fixture.oeEastCase],
      ['crisisEast', fixture.crisisEastCase],
    ] as const;

  it('every person, every fixture: by code, by reference and by name as GET /cases/{caseId} lets them read it', async () => {
    let found = 0;
    let refused = 0;
    for (const who of everyone) {
      // The answer to a search that matches nothing at all: what a non-reader must get.
      const nothing = await http('GET', '/my/clocks?q=ZZZ-0000-0000', who);
      expect(nothing).toEqual({ status: 200, body: { clocks: [], next: null } });
      for (const [key, caseId] of cases()) {
        const read = await http('GET', `/cases/${caseId}`, who);
        const open =
          read.status === 200 &&
          (read.body.clocks as { status: string }[]).some((c) => ['running', 'paused', 'breached'].includes(c.status));
        const [name, , reference] = identifying[key].marks;
        const shown = read.status === 200 ? JSON.stringify(read.body.details ?? {}) : '';
        const searches = [
          [(await platform.store.getCase(caseId))!.caseCode, open],
          [reference, open && shown.includes(reference!)],
          [name!.split(' ')[0], open && shown.includes(name!)],
        ] as const;
        for (const [term, expected] of searches) {
          // Act
          const res = await http('GET', `/my/clocks?limit=200&q=${encodeURIComponent(term!)}`, who);
          // Assess: the case's clocks when it may be read (and has a clock running); otherwise the no-match answer.
          expect(res.status).toBe(200);
          const ids = new Set((res.body.clocks as { caseId: string }[]).map((c) => c.caseId));
          expect({ who, key, term, found: ids.has(caseId) }).toEqual({ who, key, term, found: expected });
          if (read.status !== 200) expect(res.body).toEqual(nothing.body);
          if (expected) found++;
          else if (read.status !== 200) refused++;
        }
      }
    }
    // The sweep did find cases and did meet people who may not read them (so it can fail both ways).
    expect(found).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(10);
  });

  it('the case code of a case the person may not read gives the no-match answer, word for word', async () => {
    const code = (await http('GET', `/cases/${fixture.crisisCase}`, 'priya')).body.caseCode as string;
    const asReader = await http('GET', `/my/clocks?q=${code}`, 'priya');
    expect(asReader.body.clocks.length).toBeGreaterThan(0);
    expect(await http('GET', `/my/clocks?q=${code}`, 'alex')).toEqual(
      await http('GET', '/my/clocks?q=ZZZ-0000', 'alex'),
    );
  });

  it('filters narrow the worklist to what they name, and newest first orders cases by when they opened', async () => {
    type Row = { caseId: string; process: string; state: string; clockId: string };
    const whole = (await http('GET', '/my/clocks?limit=200', 'priya')).body.clocks as Row[];
    const ofProcess = (await http('GET', `/my/clocks?limit=200&process=${CRISIS}`, 'priya')).body.clocks as Row[];
    expect(ofProcess.length).toBeGreaterThan(0);
    expect(ofProcess).toEqual(whole.filter((c) => c.process === CRISIS));
    for (const state of ['inTime', 'dueSoon', 'overdue', 'paused']) {
      const res = await http('GET', `/my/clocks?limit=200&state=${state}`, 'priya');
      expect(res.body.clocks).toEqual(whole.filter((c) => c.state === state));
    }
    const provider = await http('GET', '/my/clocks?limit=200&provider=northvale-health', 'priya');
    expect(provider.body.clocks).toEqual([]);
    const newest = (await http('GET', '/my/clocks?limit=200&sort=newest', 'priya')).body.clocks as Row[];
    expect(newest.map((c) => `${c.caseId}/${c.clockId}`).sort()).toEqual(
      whole.map((c) => `${c.caseId}/${c.clockId}`).sort(),
    );
    // Paged newest first: the same list, one clock a page.
    const paged: Row[] = [];
    let next: string | null = null;
    do {
      const page: { body: { clocks: Row[]; next: string | null } } = await http(
        'GET',
        `/my/clocks?limit=1&sort=newest${next ? `&cursor=${next}` : ''}`,
        'priya',
      );
      paged.push(...page.body.clocks);
      next = page.body.next;
    } while (next && paged.length < 50);
    expect(paged).toEqual(newest);
  });
});

describe("an organisation's administrator reads the audit of their own people only", () => {
  it.each([
    ['robin, for the partnership', 'robin', true],
    ["jo, alex's council", 'jo', true],
    ['nell, of the other council', 'nell', false],
    ['the health administrator, of another organisation', 'healthAdmin', false],
  ] as const)('%s', async (_who, who, sees) => {
    // Act
    const res = await http('GET', '/audit?actor=u-alex-frontdoor', who);
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.audit.length > 0).toBe(sees);
  });
});

describe('the audit in pages, between two days, and as CSV', () => {
  it('pages of 2 put together are the whole selection, newest first, each page audited once; the CSV is the same selection, audited once', async () => {
    // Prepare: robin's reading of alex's audit, whole (one page of 200) and in pages of 2.
    const whole = await http('GET', '/audit?actor=u-alex-frontdoor&limit=200', 'robin');
    expect(whole.body.next).toBeNull();
    const all = whole.body.audit as { at: string; auditId: string }[];
    expect(all.length).toBeGreaterThan(3);
    // Every one of robin's entries (the matrix reads a great deal as robin).
    const robins = () => platform.store.auditOfActor('u-robin-partnership', 100_000);
    const before = (await robins()).length;
    // Act
    const paged: string[] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const res = await http('GET', `/audit?actor=u-alex-frontdoor&limit=2${next ? `&cursor=${next}` : ''}`, 'robin');
      expect(res.status).toBe(200);
      expect(res.body.audit.length).toBeLessThanOrEqual(2);
      paged.push(...res.body.audit.map((a: { auditId: string }) => a.auditId));
      next = res.body.next;
      pages++;
    } while (next);
    const csv = await http('GET', '/audit.csv?actor=u-alex-frontdoor', 'robin');
    // Assess
    expect(paged).toEqual(all.map((a) => a.auditId));
    expect(all.map((a) => a.at)).toEqual([...all.map((a) => a.at)].sort().reverse());
    const robinsReads = await robins();
    expect(robinsReads.length - before).toBe(pages + 1);
    expect(robinsReads.map((a) => a.what)).toContain('audit trail of u-alex-frontdoor as CSV');
    const lines = (csv.body as string).trim().split('\r\n');
    expect(lines[0]).toBe('Number,Date (London),Time (London),At (UTC),User ID,Role,Organisation,Action,Case,What');
    expect(lines.length - 1).toBe(all.length);
    // Numbers unquoted, newest first, the exact instant of each entry.
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(all.map((_, i) => String(i + 1)));
    expect(lines.slice(1).map((l) => l.split(',')[3])).toEqual(all.map((a) => a.at));
  });

  it('keeps to the London days asked for, both included, and refuses a cursor of another selection', async () => {
    // Prepare: one day that holds entries, as London counts it.
    const whole = (await http('GET', '/audit?actor=u-alex-frontdoor&limit=200', 'robin')).body.audit as {
      at: string;
    }[];
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(whole[0]!.at));
    const onDay = whole.filter(
      (a) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(a.at)) === day,
    );
    // Act
    const res = await http('GET', `/audit?actor=u-alex-frontdoor&from=${day}&to=${day}&limit=200`, 'robin');
    const later = await http('GET', '/audit?actor=u-alex-frontdoor&from=2099-01-01', 'robin');
    const first = await http('GET', '/audit?actor=u-alex-frontdoor&limit=1', 'robin');
    const elsewhere = await http('GET', `/audit?actor=u-sam-socialworker&cursor=${first.body.next}`, 'robin');
    const backwards = await http('GET', '/audit?actor=u-alex-frontdoor&from=2027-03-02&to=2027-03-01', 'robin');
    // Assess
    expect(res.body.audit).toEqual(onDay);
    expect(res.body).toMatchObject({ from: day, to: day });
    expect(later.body.audit).toEqual([]);
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.issues).toEqual([
      { path: 'cursor', message: 'must be the cursor a page of this selection gave, as it gave it' },
    ]);
    expect(backwards.status).toBe(400);
    expect(backwards.body.issues).toEqual([{ path: 'to', message: 'must be the same as or after from' }]);
  });

  it("an organisation's administrator's pages hold only their own organisation's people, whatever the page size", async () => {
    // Act: the health administrator reads alex's audit (another organisation) a page of 1 at a time.
    const res = await http('GET', '/audit?actor=u-alex-frontdoor&limit=1', 'healthAdmin');
    const csv = await http('GET', '/audit.csv?actor=u-alex-frontdoor', 'healthAdmin');
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.audit).toEqual([]);
    expect((csv.body as string).trim().split('\r\n')).toHaveLength(1);
  });
});

describe('no answer of any route shows a child to someone outside need-to-know', () => {
  it('every person, every GET route naming every fixture: a child’s name, date of birth or reference only in answers to their readers', async () => {
    // Prepare: every GET of the route table, with every fixture's ids and every person's audit trail.
    const caseIds = [
      fixture.ihaCase,
      fixture.oeCase,
      fixture.crisisCase,
      fixture.sfCase,
      fixture.sfSchoolCase,
      fixture.cpCase,
      fixture.cicCase,
      fixture.ihaEastCase,
      fixture.cpEastCase,
      fixture.oeEastCase,
      fixture.crisisEastCase,
    ];
    const paths = [
      '/me',
      '/my/cases',
      '/my/clocks',
      '/my/clocks?limit=1',
      '/processes',
      ...[IHA, OE, CRISIS, SF, CP, CIC].flatMap((p) => [`/processes/${p}/clocks`, `/processes/${p}/figures`]),
      ...caseIds.flatMap((id) => [
        `/cases/${id}`,
        `/cases/${id}/timeline`,
        `/cases/${id}/related`,
        `/cases/${id}/audit`,
      ]),
      ...[fixture.ihaEvent, fixture.oeEvent, fixture.crisisEvent, fixture.cpEvent, fixture.cpEastEvent].map(
        (id) => `/events/${id}`,
      ),
      '/schools/100001/notifications',
      '/schools/100002/notifications',
      '/schools/100101/notifications',
      '/schools/100001',
      '/schools?la=330',
      '/term-calendars',
      '/measures',
      '/board/2026',
      '/board/2027',
      ...Object.values(people).map((p) => `/audit?actor=${p.sub}`),
      ...Object.values(people).map((p) => `/audit.csv?actor=${p.sub}`),
      ...caseIds.map((id) => `/cases/${id}/audit.csv`),
      '/feeds/riverside-council/events?limit=500',
    ];
    const routes = apiRoutes(
      apiContext({
        runtime: platform.runtime,
        store: platform.store,
        starter: platform.stepFunctions,
        schools: platform.schools,
      } as unknown as ApiDependencies),
    );
    const swept = new Set(
      paths.map(
        (p) =>
          routes.find(
            (r) =>
              r.method === 'GET' && new RegExp(`^${r.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(p.split('?')[0]!),
          )?.path,
      ),
    );
    expect(
      [...routes.filter((r) => r.method === 'GET' && r.path !== '/openapi.json').map((r) => r.path)].filter(
        (r) => !swept.has(r),
      ),
    ).toEqual([]);
    const leaks: string[] = [];
    let readsOfAChild = 0;
    // Act
    for (const who of everyone) {
      for (const path of paths) {
        const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${tokens[who]}` } });
        const text = await res.text();
        // Assess (below): each fixture's marks appear only in answers to its readers.
        for (const [name, { marks, readers }] of Object.entries(identifying)) {
          const shown = marks.filter((m) => text.includes(m));
          if (!shown.length) continue;
          if ((readers as string[]).includes(who)) readsOfAChild++;
          else leaks.push(`${who} GET ${path} (${res.status}) shows ${name}: ${shown.join(', ')}`);
        }
      }
    }
    // Assess: no leak, and the sweep did reach the records (so it can fail).
    expect(leaks).toEqual([]);
    expect(readsOfAChild).toBeGreaterThan(20);
  }, 120_000);
});

describe('an opening naming another organisation, or by an organisation that may not open it, is refused before anything happens', () => {
  async function nothingHappens(act: () => Promise<{ status: number; body: any }>, who: Person) {
    // Prepare
    await platform.settle();
    const refusals = async () =>
      (await platform.store.auditOfActor(people[who]!.sub)).filter((a) => a.action === 'refused');
    const before = {
      started: platform.stepFunctions.stats.started,
      messages: platform.inbox.messages.length,
      cases: (await Promise.all([IHA, CRISIS].map((p) => platform.store.casesOfProcess(p)))).flat().length,
      refusals: (await refusals()).map((a) => a.auditId),
    };
    // Act
    const res = await act();
    await platform.settle();
    // Assess: refused, audited once; no execution, no case, nobody emailed.
    const added = (await refusals()).filter((a) => !before.refusals.includes(a.auditId));
    expect(added).toHaveLength(1);
    expect(platform.stepFunctions.stats.started).toBe(before.started);
    expect(platform.inbox.messages.length).toBe(before.messages);
    expect((await Promise.all([IHA, CRISIS].map((p) => platform.store.casesOfProcess(p)))).flat().length).toBe(
      before.cases,
    );
    return { res, refusal: added[0]! };
  }

  it("dan (Northvale health) presenting a young person for Riverside's provider: 403 naming healthProvider; Riverside's crisis team hears nothing", async () => {
    const { res, refusal } = await nothingHappens(
      () =>
        http(
          'POST',
          `/processes/${CRISIS}/cases`,
          'dan',
          examplePresentation({
            caseReference: 'CAMHS-PERM-DAN',
            presentedAt: '2027-02-01T09:30:00Z',
            healthProvider: 'riverside-health',
          }),
        ),
      'dan',
    );
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      code: 'notPermitted',
      issues: [{ path: 'healthProvider', message: expect.stringContaining("'northvale-health'") }],
    });
    expect(refusal.what).toBe('Crisis escalation opening: healthProvider names another organisation');
  });

  it('ella (a school’s lead practitioner) opening a child-in-care case: 403, before the body is read; the council never meets a case it cannot see', async () => {
    const { res, refusal } = await nothingHappens(
      () =>
        http(
          'POST',
          `/processes/${IHA}/cases`,
          'ella',
          exampleEntryIntoCare({ caseReference: 'RCC-PERM-ELLA', enteredCareAt: '2027-02-01T09:00:00Z' }),
        ),
      'ella',
    );
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('notPermitted');
    expect(refusal.what).toBe('Initial health assessment opening: organisation of kind school not permitted');
  });

  it("a council's crisis chair presenting a young person: 403 (a presentation is the health provider's)", async () => {
    const { res } = await nothingHappens(
      () =>
        http(
          'POST',
          `/processes/${CRISIS}/cases`,
          'chair',
          examplePresentation({
            caseReference: 'CAMHS-PERM-CHAIR',
            presentedAt: '2027-02-01T09:30:00Z',
            healthProvider: 'riverside-council',
          }),
        ),
      'chair',
    );
    expect(res.status).toBe(403);
  });

  it('the same presentation by the provider’s own staff opens the case (201), and the crisis team is told', async () => {
    const before = platform.inbox.messages.length;
    const res = await http(
      'POST',
      `/processes/${CRISIS}/cases`,
      'rhys',
      examplePresentation({
        caseReference: 'CAMHS-PERM-RHYS',
        presentedAt: '2027-02-01T09:30:00Z',
        healthProvider: 'riverside-health',
      }),
    );
    expect(res.status).toBe(201);
    await platform.settle();
    expect(platform.inbox.find({ caseCode: res.body.caseCode }).map((m) => m.address)).toContain(
      'camhs.crisis.team@riverside-health.example.nhs.uk',
    );
    expect(platform.inbox.messages.length).toBeGreaterThan(before);
  });
});

describe('a police batch', () => {
  const child = (name: string, dateOfBirth: string) => ({
    name,
    dateOfBirth,
    schoolUrn: '100001',
    present: true,
    welfareCheck: true,
    policeContact: { desk: 'Public Protection Unit', phone: '01632 960100' },
  });

  it('whose every child the rules refuse answers 422, with each child’s reason; nothing is recorded', async () => {
    // Prepare: attended 40 days ago (notifications are sent within 28 days of police attending).
    const before = (await platform.store.casesOfProcess(OE)).length;
    // Act
    const res = await http('POST', `/processes/${OE}/submissions`, 'pc', {
      forceIncidentReference: 'RP-27-000901',
      attendedAt: '2026-12-23T20:00:00Z',
      children: [child('Ari Late', '2016-01-01'), child('Bo Late', '2018-01-01')],
    });
    // Assess
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('nothingRecorded');
    expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(['item 0: attendedAt', 'item 1: attendedAt']);
    expect(res.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['rejected', 'rejected']);
    expect((await platform.store.casesOfProcess(OE)).length).toBe(before);
  });

  it('whose children are partly refused answers 200, with each child’s outcome', async () => {
    // Act: one child of school age, one below reception age (early years are not enabled).
    const res = await http('POST', `/processes/${OE}/submissions`, 'pc', {
      forceIncidentReference: 'RP-27-000902',
      attendedAt: '2027-02-01T08:00:00Z',
      children: [child('Cai Able', '2016-01-01'), child('Dee Young', '2024-06-01')],
    });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['applied', 'rejected']);
    expect(res.body.results[1].rejection.issues).toEqual([expect.objectContaining({ path: 'child.dateOfBirth' })]);
  });
});
