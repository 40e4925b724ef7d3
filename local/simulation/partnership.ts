/**
 * The people of the simulated partnership (Riverside's directory, config/partnership.json), and the schools
 * its administrator loads before the year starts: a school directory made for the simulation (the shipped
 * demo has eight schools) and the 2024/25 term dates of Riverside's local authority calendar (the shipped
 * calendar starts at 2025/26), both through the API as the partnership administrator would.
 */
import type { Random } from './random';
import type { Person, World } from './world';

const person = (sub: string, name: string, role: string, organisation: string, domain: string): Person => ({
  sub,
  name,
  email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@${domain}`,
  role,
  organisation,
});

const COUNCIL = 'riverside-council';
const COUNCIL_MAIL = 'riverside.example.gov.uk';
const HEALTH = 'riverside-health';
const HEALTH_MAIL = 'riverside-health.example.nhs.uk';

const FIRST = ['Alex', 'Sam', 'Jordan', 'Robin', 'Morgan', 'Casey', 'Taylor', 'Jamie', 'Drew', 'Kit', 'Lee', 'Ash'];
const LAST = ['Green', 'Patel', 'Okafor', 'Evans', 'Hughes', 'Khan', 'Lewis', 'Reid', 'Shah', 'Brooks', 'Cole', 'Ward'];
const nameOf = (i: number) => `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;

export const people = {
  frontDoor: [0, 1, 2].map((i) => person(`sim-front-door-${i}`, nameOf(i), 'front-door', COUNCIL, COUNCIL_MAIL)),
  partnershipAdministrator: person(
    'sim-partnership-admin',
    'Robin Ellis',
    'partnership-administrator',
    'riverside-partnership',
    'riverside-partnership.example.org.uk',
  ),
  councilAdministrator: person('sim-council-admin', 'Jo Patel', 'administrator', COUNCIL, COUNCIL_MAIL),
  socialWorker: person('sim-social-worker', 'Sam Okafor', 'lead-practitioner', COUNCIL, COUNCIL_MAIL),
  health: person('sim-health', 'Priya Shah', 'health', HEALTH, HEALTH_MAIL),
  healthNorthvale: person(
    'sim-health-northvale',
    'Dan Evans',
    'health',
    'northvale-health',
    'northvale-health.example.nhs.uk',
  ),
  bronzeChair: person('sim-bronze-chair', 'Rhys Cole', 'crisis-chair', HEALTH, HEALTH_MAIL),
  police: person(
    'sim-police',
    'Riverside Police case system',
    'police',
    'riverside-police',
    'riverside-police.example',
  ),
  /** A locality team's team leaders (2) and lead practitioners. */
  team(locality: string, leads: number) {
    const at = (i: number) => (locality.charCodeAt(0) * 31 + i) % 144;
    return {
      leaders: [0, 1].map((i) =>
        person(`sim-tl-${locality}-${i}`, nameOf(at(i)), 'team-leader', COUNCIL, COUNCIL_MAIL),
      ),
      leads: Array.from({ length: leads }, (_v, i) =>
        person(`sim-lp-${locality}-${i}`, nameOf(at(i + 2)), 'lead-practitioner', COUNCIL, COUNCIL_MAIL),
      ),
    };
  },
  healthLead: person('sim-health-lead', 'Casey Ward', 'lead-practitioner', HEALTH, HEALTH_MAIL),
};

export interface SimSchool {
  urn: string;
  name: string;
  phase: 'primary' | 'secondary' | 'special';
  keyAdult: Person;
  /** A member of staff who leads family support episodes, and their manager. */
  lead: Person;
  head: { name: string; email: string };
}

const PLACES = [
  'Ashford',
  'Beechwood',
  'Brookside',
  'Castle',
  'Cedar',
  'Churchfields',
  'Elmwood',
  'Fairfield',
  'Foxhill',
  'Glebe',
  'Greenhill',
  'Hawthorn',
  'Hazel',
  'Highfield',
  'Hillcrest',
  'Holly',
  'Kingsway',
  'Lakeside',
  'Larch',
  'Limes',
  'Maple',
  'Meadow',
  'Millfield',
  'Moorside',
  'Northgate',
  'Oakwood',
  'Orchard',
  'Park',
  'Pinewood',
  'Priory',
  'Queensway',
  'Redhill',
  'Riverbank',
  'Rowan',
  'Southfields',
  'Spring',
  'Stonebridge',
  'Sycamore',
  'Thornbury',
  'Valley',
  'Westgate',
  'Willow',
  'Woodlands',
  'Yew Tree',
];

/** The simulation's schools: URNs from 140001, names from places, each with a Key Adult and a lead. */
export function simulatedSchools(counts: { primary: number; secondary: number; special: number }, rng: Random) {
  const schools: SimSchool[] = [];
  const add = (phase: SimSchool['phase'], suffix: string) => {
    const i = schools.length;
    const urn = String(140001 + i);
    const place = PLACES[i % PLACES.length]!;
    const round = Math.floor(i / PLACES.length);
    const name = `${place}${round ? ` ${['North', 'South', 'East', 'West'][round - 1] ?? round}` : ''} ${suffix}`;
    const domain = `${place.toLowerCase().replace(/ /g, '')}${round || ''}.example.sch.uk`;
    const org = `school-${urn}`;
    schools.push({
      urn,
      name,
      phase,
      keyAdult: {
        ...person(`sim-ka-${urn}`, nameOf(rng.int(0, 143)), 'school-key-adult', org, domain),
        schoolUrn: urn,
      },
      lead: { ...person(`sim-sl-${urn}`, nameOf(rng.int(0, 143)), 'lead-practitioner', org, domain), schoolUrn: urn },
      head: { name: nameOf(rng.int(0, 143)), email: `head@${domain}` },
    });
  };
  for (let i = 0; i < counts.primary; i++) add('primary', 'Primary School');
  for (let i = 0; i < counts.secondary; i++) add('secondary', 'Academy');
  for (let i = 0; i < counts.special; i++) add('special', 'School');
  return schools;
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The register extract and the contacts file, as the national register and the council would send them. */
export function directoryFiles(schools: readonly SimSchool[], holidayCover: (s: SimSchool) => boolean) {
  const register = [
    'URN,LA (code),LA (name),EstablishmentNumber,EstablishmentName,TypeOfEstablishment (name),' +
      'EstablishmentStatus (name),PhaseOfEducation (name),StatutoryLowAge,StatutoryHighAge,Postcode',
    ...schools.map((s, i) =>
      [
        s.urn,
        '330',
        'Riverside',
        String(2100 + i),
        s.name,
        s.phase === 'special'
          ? 'Community special school'
          : s.phase === 'secondary'
            ? 'Academy converter'
            : 'Community school',
        'Open',
        s.phase === 'special' ? 'Not applicable' : s.phase === 'secondary' ? 'Secondary' : 'Primary',
        s.phase === 'secondary' ? '11' : s.phase === 'special' ? '3' : '4',
        s.phase === 'primary' ? '11' : '18',
        `RV${(i % 9) + 1} ${(i % 9) + 1}AB`,
      ]
        .map(csvCell)
        .join(','),
    ),
  ].join('\n');
  const contacts = [
    'URN,KeyAdultName,KeyAdultEmail,KeyAdultPhone,DeputyName,DeputyEmail,DeputyPhone,' +
      'TermCalendar,StartOfDay,HolidayCover',
    ...schools.map((s, i) =>
      [
        s.urn,
        s.keyAdult.name,
        s.keyAdult.email,
        `01632 96${String(1000 + i).slice(-4)}`,
        s.head.name,
        s.head.email,
        `01632 97${String(1000 + i).slice(-4)}`,
        '',
        s.phase === 'secondary' ? '08:40' : '08:45',
        holidayCover(s) ? 'yes' : 'no',
      ]
        .map(csvCell)
        .join(','),
    ),
  ].join('\n');
  return { register, contacts };
}

/**
 * Riverside's 2024/25 term dates (an assumption: the pattern English councils published for that year),
 * so a simulated 2025 has its January to July school days; the shipped calendar holds 2025/26 onwards.
 */
export const RIVERSIDE_2024_25 = [
  'Type,Name,Start,End',
  'Term,Autumn term,Tuesday 3 September 2024,Friday 20 December 2024',
  'Half term,October half term,Monday 28 October 2024,Friday 1 November 2024',
  'Holiday,Christmas holiday,Monday 23 December 2024,Friday 3 January 2025',
  'Term,Spring term,Monday 6 January 2025,Friday 4 April 2025',
  'Half term,February half term,Monday 17 February 2025,Friday 21 February 2025',
  'Holiday,Easter holiday,Monday 7 April 2025,Monday 21 April 2025',
  'Term,Summer term,Tuesday 22 April 2025,Tuesday 22 July 2025',
  'Half term,May half term,Monday 26 May 2025,Friday 30 May 2025',
  'INSET day,Staff training day,Tuesday 3 September 2024,',
  'INSET day,Staff training day,Monday 6 January 2025,',
].join('\n');

/** The administrator loads the schools and the term dates: both through the API, both expected to apply. */
export async function loadSchools(
  world: World,
  schools: readonly SimSchool[],
  holidayCover: (s: SimSchool) => boolean,
) {
  const admin = people.partnershipAdministrator;
  const dates = await world.api(admin, 'POST', '/term-calendars/import', {
    calendarId: 'la-330',
    format: 'csv',
    text: RIVERSIDE_2024_25,
  });
  if (dates.status >= 300) throw new Error(`Loading the 2024/25 term dates failed: ${JSON.stringify(dates.body)}`);
  const files = directoryFiles(schools, holidayCover);
  const loaded = await world.api(admin, 'POST', '/schools/import', files);
  if (loaded.status >= 300) throw new Error(`Loading the school directory failed: ${JSON.stringify(loaded.body)}`);
}
