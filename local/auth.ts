/**
 * Local sign-in: tokens for demo users with the same claims Cognito issues in AWS (sub, name, email,
 * cognito:groups, custom:organisation). Signed with a key kept in the data folder.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jwtVerify, SignJWT } from 'jose';
import type { Role } from '#core/identity/actor';

export interface DemoUser {
  username: string;
  sub: string;
  name: string;
  email: string;
  role: Role;
  organisation: string;
  /** The organisation's name where the partnership's directory has none (a school: the school directory's). */
  organisationName?: string;
  schoolUrn?: string;
}

export const demoUsers: DemoUser[] = [
  {
    username: 'alex',
    sub: 'u-alex-frontdoor',
    name: 'Alex Morgan',
    email: 'alex.morgan@riverside.example.gov.uk',
    role: 'front-door',
    organisation: 'riverside-council',
  },
  {
    username: 'sam',
    sub: 'u-sam-socialworker',
    name: 'Sam Okafor',
    email: 'sam.okafor@riverside.example.gov.uk',
    role: 'lead-practitioner',
    organisation: 'riverside-council',
  },
  {
    username: 'taylor',
    sub: 'u-taylor-teamleader',
    name: 'Taylor Green',
    email: 'taylor.green@riverside.example.gov.uk',
    role: 'team-leader',
    organisation: 'riverside-council',
  },
  {
    username: 'morgan',
    sub: 'u-morgan-servicemanager',
    name: 'Morgan Lewis',
    email: 'morgan.lewis@riverside.example.gov.uk',
    role: 'service-manager',
    organisation: 'riverside-council',
  },
  // A school's member of staff leading family support episodes: sees only the episodes they hold.
  {
    username: 'ella',
    sub: 'u-ella-schoollead',
    name: 'Ella Brooks',
    email: 'ella.brooks@riverside-primary.example.sch.uk',
    role: 'lead-practitioner',
    organisation: 'riverside-primary',
    organisationName: 'Riverside Primary School',
    schoolUrn: '100001',
  },
  {
    username: 'priya',
    sub: 'u-priya-health',
    name: 'Priya Shah',
    email: 'priya.shah@riverside-health.example.nhs.uk',
    role: 'health',
    organisation: 'riverside-health',
  },
  {
    username: 'dan',
    sub: 'u-dan-northvale',
    name: 'Dan Evans',
    email: 'dan.evans@northvale-health.example.nhs.uk',
    role: 'health',
    organisation: 'northvale-health',
  },
  {
    username: 'grace',
    sub: 'u-grace-nurse',
    name: 'Grace Adeyemi',
    email: 'grace.adeyemi@riverside-icb.example.nhs.uk',
    role: 'designated-nurse',
    organisation: 'riverside-icb',
  },
  {
    username: 'rhys',
    sub: 'u-rhys-bronzechair',
    name: 'Rhys Cole',
    email: 'rhys.cole@riverside-health.example.nhs.uk',
    role: 'crisis-chair',
    organisation: 'riverside-health',
  },
  {
    username: 'wyn',
    sub: 'u-wyn-workinggroup',
    name: 'Wyn Hughes',
    email: 'wyn.hughes@riverside-icb.example.nhs.uk',
    role: 'crisis-working-group',
    organisation: 'riverside-icb',
  },
  {
    username: 'chris',
    sub: 'u-chris-commissioner',
    name: 'Chris Bell',
    email: 'chris.bell@riverside-icb.example.nhs.uk',
    role: 'commissioner',
    organisation: 'riverside-icb',
  },
  // Riverside council's administrator: its cases (the local authority's Operation Encompass queue), its
  // cases' audit and its own people's actions.
  {
    username: 'jo',
    sub: 'u-jo-admin',
    name: 'Jo Patel',
    email: 'jo.patel@riverside.example.gov.uk',
    role: 'administrator',
    organisation: 'riverside-council',
  },
  // The partnership's administrator: the school directory, the audit by case and by person, figures.
  {
    username: 'robin',
    sub: 'u-robin-partnership',
    name: 'Robin Ellis',
    email: 'robin.ellis@riverside-partnership.example.org.uk',
    role: 'partnership-administrator',
    organisation: 'riverside-partnership',
    organisationName: "Riverside Children's Partnership",
  },
  {
    username: 'pc',
    sub: 'c-riverside-police-system',
    name: 'Riverside Police case system',
    email: 'encompass.system@riverside-police.example.police.uk',
    role: 'police',
    organisation: 'riverside-police',
  },
  // Riverside council's case system: reads the council's feed of clock events (GET /feeds/{council}/events).
  {
    username: 'casesystem',
    sub: 'c-riverside-council-case-system',
    name: 'Riverside Council case system',
    email: 'case.system@riverside.example.gov.uk',
    role: 'case-system',
    organisation: 'riverside-council',
  },
  // Eastbrook council's case system: its own council's feed only.
  {
    username: 'eastbrooksystem',
    sub: 'c-eastbrook-council-case-system',
    name: 'Eastbrook Council case system',
    email: 'case.system@eastbrook.example.gov.uk',
    role: 'case-system',
    organisation: 'eastbrook-council',
  },
  {
    username: 'maria',
    sub: 'u-maria-keyadult',
    name: 'Maria Santos',
    email: 'maria.santos@st-annes.example.sch.uk',
    role: 'school-key-adult',
    organisation: 'st-annes-primary',
    organisationName: "St Anne's CofE Primary School",
    schoolUrn: '100002',
  },
  {
    username: 'kim',
    sub: 'u-kim-keyadult',
    name: 'Kim Walsh',
    email: 'kim.walsh@riverside-primary.example.sch.uk',
    role: 'school-key-adult',
    organisation: 'riverside-primary',
    organisationName: 'Riverside Primary School',
    schoolUrn: '100001',
  },
];

/**
 * Eastbrook Borough Council, the partnership's second council, and Eastbrook Police: each council's staff
 * see only their own council's cases; the ICB and the health provider serve both councils.
 */
demoUsers.push(
  {
    username: 'bea',
    sub: 'u-bea-frontdoor',
    name: 'Bea Lawson',
    email: 'bea.lawson@eastbrook.example.gov.uk',
    role: 'front-door',
    organisation: 'eastbrook-council',
  },
  {
    username: 'kai',
    sub: 'u-kai-socialworker',
    name: 'Kai Mensah',
    email: 'kai.mensah@eastbrook.example.gov.uk',
    role: 'lead-practitioner',
    organisation: 'eastbrook-council',
  },
  {
    username: 'lou',
    sub: 'u-lou-teamleader',
    name: 'Lou Barker',
    email: 'lou.barker@eastbrook.example.gov.uk',
    role: 'team-leader',
    organisation: 'eastbrook-council',
  },
  {
    username: 'zara',
    sub: 'u-zara-servicemanager',
    name: 'Zara Quinn',
    email: 'zara.quinn@eastbrook.example.gov.uk',
    role: 'service-manager',
    organisation: 'eastbrook-council',
  },
  // Eastbrook council's administrator: its cases, its local authority's Operation Encompass queue, its people.
  {
    username: 'nell',
    sub: 'u-nell-admin',
    name: 'Nell Ward',
    email: 'nell.ward@eastbrook.example.gov.uk',
    role: 'administrator',
    organisation: 'eastbrook-council',
  },
  // A commissioner at Eastbrook council: figures and pseudonymous case codes, never names.
  {
    username: 'vic',
    sub: 'u-vic-commissioner',
    name: 'Vic Hale',
    email: 'vic.hale@eastbrook.example.gov.uk',
    role: 'commissioner',
    organisation: 'eastbrook-council',
  },
  {
    username: 'epc',
    sub: 'c-eastbrook-police-system',
    name: 'Eastbrook Police case system',
    email: 'encompass.system@eastbrook-police.example.police.uk',
    role: 'police',
    organisation: 'eastbrook-police',
  },
  {
    username: 'leah',
    sub: 'u-leah-keyadult',
    name: 'Leah Fox',
    email: 'leah.fox@eastbrook-primary.example.sch.uk',
    role: 'school-key-adult',
    organisation: 'eastbrook-primary',
    organisationName: 'Eastbrook Primary School',
    schoolUrn: '100101',
  },
);

export const ISSUER = 'righttime-local';
export const AUDIENCE = 'righttime';

export class LocalSignIn {
  private readonly key: Uint8Array;

  constructor(dataDir?: string) {
    const file = dataDir ? join(dataDir, 'signing-key') : undefined;
    if (file && existsSync(file)) this.key = Buffer.from(readFileSync(file, 'utf8'), 'base64');
    else {
      this.key = randomBytes(32);
      if (file) writeFileSync(file, Buffer.from(this.key).toString('base64'), { mode: 0o600 });
    }
  }

  /** A token for a demo user, or for any claims (tests use this to make users of other roles). */
  async token(user: Omit<DemoUser, 'username'>, now: Date = new Date()): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    return new SignJWT({
      name: user.name,
      email: user.email,
      'cognito:groups': [user.role],
      'custom:organisation': user.organisation,
      ...(user.schoolUrn ? { 'custom:schoolUrn': user.schoolUrn } : {}),
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.sub)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 12 * 3600)
      .sign(this.key);
  }

  /** Verify as API Gateway's JWT authorizer would (signature, issuer, audience, expiry by real time). */
  async verify(token: string): Promise<Record<string, unknown> | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE });
      return payload as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
}
