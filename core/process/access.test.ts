/** The access vocabulary: relations, the four questions and the table, on a small fixed directory. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../identity/actor';
import {
  type AccessFacts,
  accessTable,
  auditReaderRoles,
  councilsOf,
  defineAccess,
  mayOpen,
  mayReadCase,
  mayReadCaseAudit,
  mayReadCaseOn,
  mayReadEventOutcome,
  mayRecord,
  organisationKindOf,
  providersOf,
  readersOf,
  servesCaseCouncil,
  valueAt,
} from './access';
import type { CaseRecord } from './model';

const facts: AccessFacts = {
  partnership: {
    organisations: [
      { id: 'north-council', kind: 'council', name: 'North council', mailboxes: {} },
      { id: 'south-council', kind: 'council', name: 'South council', mailboxes: {} },
      { id: 'north-health', kind: 'healthProvider', name: 'North health', mailboxes: {} },
      { id: 'north-icb', kind: 'icb', name: 'North ICB', mailboxes: {} },
      { id: 'north-police', kind: 'police', name: 'North police', mailboxes: {} },
      {
        id: 'shared-icb',
        kind: 'icb',
        name: 'Shared ICB',
        councils: ['north-council', 'south-council'],
        mailboxes: {},
      },
      { id: 'south-police', kind: 'police', name: 'South police', councils: ['south-council'], mailboxes: {} },
    ],
    processes: {},
  },
};

const person = (role: Role, organisation: string, extra: Partial<Actor> = {}): Actor => ({
  kind: 'person',
  userId: `u-${role}-${organisation}`,
  name: 'N',
  role,
  organisation,
  ...extra,
});

const record = (organisation: string, organisations: string[], details: Record<string, unknown> = {}): CaseRecord =>
  ({
    caseId: 'ex-0000-0000',
    caseCode: 'EX-0000-0000',
    process: 'example',
    version: 1,
    status: 'open',
    stage: 'open',
    openedAt: '2027-01-01T00:00:00Z',
    organisation,
    organisations,
    details,
    clocks: {},
    timers: {},
    recentEventIds: [],
  }) as CaseRecord;

const example = {
  title: 'Example',
  access: defineAccess<{ leadId?: string }>()({
    relations: { lead: { words: 'as its lead', holds: (actor, r) => r.details.leadId === actor.userId } },
    open: [
      { roles: ['front-door'], organisationKinds: ['council'] },
      { roles: ['health'], organisationKinds: ['healthProvider'], ownFields: ['healthProvider', 'team.organisation'] },
    ],
    read: [
      { roles: ['front-door'], relation: 'responsibleCouncil' },
      { roles: ['health'], relation: 'provider' },
      { roles: ['designated-nurse'], relation: 'onCase', organisationKinds: ['icb'] },
      { roles: ['lead-practitioner'], relation: 'lead' },
    ],
    record: [
      { roles: ['front-door'], relation: 'responsibleCouncil', events: ['noted'] },
      { roles: ['health'], relation: 'provider' },
    ],
    readAudit: [
      { roles: ['partnership-administrator'], relation: 'partnership' },
      { roles: ['administrator'], relation: 'onCase' },
    ],
  }),
};

describe('relations', () => {
  it("the case's council: the council that opened it, else the councils on it", () => {
    expect(councilsOf(record('north-council', ['north-council', 'south-council']), facts)).toEqual(['north-council']);
    expect(councilsOf(record('north-police', ['north-police', 'south-council']), facts)).toEqual(['south-council']);
    expect(providersOf(record('north-council', ['north-council', 'north-health', 'north-icb']), facts)).toEqual([
      'north-health',
    ]);
  });

  it("serving the case's council: an organisation whose `councils` name it, on the case or not", () => {
    const north = record('north-council', ['north-council', 'north-health']);
    const south = record('south-council', ['south-council']);
    const byPolice = record('south-police', ['south-police', 'south-council']);
    expect(servesCaseCouncil(person('designated-nurse', 'shared-icb'), north, facts)).toBe(true);
    expect(servesCaseCouncil(person('designated-nurse', 'shared-icb'), south, facts)).toBe(true);
    expect(servesCaseCouncil(person('police', 'south-police'), byPolice, facts)).toBe(true);
    expect(servesCaseCouncil(person('police', 'south-police'), north, facts)).toBe(false);
    // An organisation naming no councils serves none, even on the case; a council serves no other council.
    expect(servesCaseCouncil(person('health', 'north-health'), north, facts)).toBe(false);
    expect(servesCaseCouncil(person('front-door', 'south-council'), north, facts)).toBe(false);
    expect(servesCaseCouncil(person('front-door', 'north-council'), north, facts)).toBe(false);
    const served = {
      title: 'Served',
      access: defineAccess()({
        open: [],
        read: [{ roles: ['designated-nurse'], relation: 'servesCouncil', organisationKinds: ['icb'] }],
        record: [],
        readAudit: [],
      }),
    };
    expect(mayReadCase(person('designated-nurse', 'shared-icb'), served, south, facts)).toBe(true);
    expect(mayReadCase(person('designated-nurse', 'north-icb'), served, south, facts)).toBe(false);
    // The worklist's sieve lets it through though the ICB is not on the case: mayReadCase decides.
    expect(mayReadCaseOn(person('designated-nurse', 'shared-icb'), served, ['south-council'])).toBe(true);
    expect(accessTable([{ id: 'served', ...served }])).toContain(
      "designated nurse of an ICB serving the case's council",
    );
  });

  it("a person's kind of organisation: the directory's, a school's staff by their school, else none", () => {
    expect(organisationKindOf(person('health', 'north-health'), facts)).toBe('healthProvider');
    expect(organisationKindOf(person('lead-practitioner', 'brook-primary', { schoolUrn: '100001' }), facts)).toBe(
      'school',
    );
    expect(organisationKindOf(person('health', 'elsewhere-health'), facts)).toBeUndefined();
  });
});

describe('reading, recording and the audit', () => {
  const c = record('north-council', ['north-council', 'north-health', 'north-icb', 'south-council'], {
    leadId: 'u-lead',
  });
  it.each([
    ['front door of the council that opened it', person('front-door', 'north-council'), true],
    ['front door of another council on the case', person('front-door', 'south-council'), false],
    ['health of its provider', person('health', 'north-health'), true],
    ['health of the ICB on the case (not the provider)', person('health', 'north-icb'), false],
    ['a designated nurse of the ICB on the case', person('designated-nurse', 'north-icb'), true],
    ['a designated nurse of a council on the case (not an ICB)', person('designated-nurse', 'north-council'), false],
    ['its lead, by sign-in id', { ...person('lead-practitioner', 'anywhere'), userId: 'u-lead' }, true],
    ['another lead practitioner', person('lead-practitioner', 'north-council'), false],
    [
      'an administrator of an organisation on the case (reads the audit, not the case)',
      person('administrator', 'north-council'),
      false,
    ],
  ] as const)('read: %s', (_name, actor, reads) => {
    expect(mayReadCase(actor, example, c, facts)).toBe(reads);
  });

  it('the first sieve of a list never refuses one mayReadCase admits, and refuses by organisation only', () => {
    const organisations = c.organisations;
    const ids = facts.partnership.organisations.map((o) => o.id);
    fc.assert(
      fc.property(
        fc.constantFrom<Role>('front-door', 'health', 'designated-nurse', 'lead-practitioner', 'administrator'),
        fc.constantFrom(...ids, 'elsewhere'),
        fc.constantFrom(...ids),
        fc.subarray(ids),
        fc.boolean(),
        (role, organisation, opener, others, lead) => {
          const r = record(opener, [...new Set([opener, ...others])], { leadId: 'u-lead' });
          const actor = { ...person(role, organisation), ...(lead ? { userId: 'u-lead' } : {}) };
          if (mayReadCase(actor, example, r, facts)) expect(mayReadCaseOn(actor, example, r.organisations)).toBe(true);
        },
      ),
    );
    // Refused: a role with no read rule; health of a provider not on the case; a nurse of an ICB not on it.
    expect(mayReadCaseOn(person('administrator', 'north-council'), example, organisations)).toBe(false);
    expect(mayReadCaseOn(person('health', 'south-health'), example, organisations)).toBe(false);
    expect(mayReadCaseOn(person('designated-nurse', 'south-icb'), example, organisations)).toBe(false);
    // A relation of the process's own (its lead) may hold anywhere: the case decides.
    expect(mayReadCaseOn(person('lead-practitioner', 'south-council'), example, organisations)).toBe(true);
  });

  it('the audit trail: the partnership administrator and administrators of organisations on the case', () => {
    expect(mayReadCaseAudit(person('partnership-administrator', 'partnership'), example, c, facts)).toBe(true);
    expect(mayReadCaseAudit(person('administrator', 'south-council'), example, c, facts)).toBe(true);
    expect(mayReadCaseAudit(person('administrator', 'north-police'), example, c, facts)).toBe(false);
    expect(mayReadCaseAudit(person('front-door', 'north-council'), example, c, facts)).toBe(false);
  });

  it("an event's outcome: its sender, whoever reads its case's audit trail, else the partnership administrator", () => {
    const sender = person('front-door', 'north-council');
    const sentBy = { userId: sender.userId, organisation: sender.organisation };
    const ofCase = { definition: example, record: c };
    expect(mayReadEventOutcome(sender, sentBy, ofCase, facts)).toBe(true);
    expect(mayReadEventOutcome(sender, sentBy, undefined, facts)).toBe(true);
    // The same sign-in id of another organisation is not the sender.
    expect(mayReadEventOutcome({ ...sender, organisation: 'south-council' }, sentBy, ofCase, facts)).toBe(false);
    expect(mayReadEventOutcome(person('front-door', 'north-council'), undefined, ofCase, facts)).toBe(false);
    expect(mayReadEventOutcome(person('administrator', 'south-council'), sentBy, ofCase, facts)).toBe(true);
    expect(mayReadEventOutcome(person('administrator', 'north-police'), sentBy, ofCase, facts)).toBe(false);
    // An event with no case (a refused opening): the partnership administrator only.
    expect(mayReadEventOutcome(person('administrator', 'north-council'), sentBy, undefined, facts)).toBe(false);
    expect(mayReadEventOutcome(person('partnership-administrator', 'partnership'), sentBy, undefined, facts)).toBe(
      true,
    );
    expect([...auditReaderRoles([example])].sort()).toEqual(['administrator', 'partnership-administrator']);
  });

  it('recording: by relation, and only the events a rule names', () => {
    expect(mayRecord(person('front-door', 'north-council'), example, c, 'noted', facts)).toBe(true);
    expect(mayRecord(person('front-door', 'north-council'), example, c, 'other', facts)).toBe(false);
    expect(mayRecord(person('health', 'north-health'), example, c, 'other', facts)).toBe(true);
    expect(mayRecord(person('health', 'elsewhere-health'), example, c, 'other', facts)).toBe(false);
  });
});

describe('opening', () => {
  it('by role, then kind of organisation, then the fields that must name the opener’s own organisation', () => {
    const health = person('health', 'north-health');
    expect(mayOpen(person('police', 'north-police'), example, facts)).toMatchObject({
      permitted: false,
      reason: 'role not permitted',
    });
    expect(mayOpen(person('front-door', 'north-police'), example, facts)).toMatchObject({
      permitted: false,
      reason: 'organisation of kind police not permitted',
    });
    expect(mayOpen(person('front-door', 'brook-primary', { schoolUrn: '100001' }), example, facts)).toMatchObject({
      permitted: false,
      reason: 'organisation of kind school not permitted',
    });
    expect(mayOpen(person('health', 'elsewhere-health'), example, facts)).toMatchObject({
      permitted: false,
      reason: 'organisation not in the directory not permitted',
    });
    expect(mayOpen(health, example, facts)).toEqual({ permitted: true });
    expect(
      mayOpen(health, example, facts, { healthProvider: 'north-health', team: { organisation: 'north-health' } }),
    ).toEqual({ permitted: true });
    expect(
      mayOpen(health, example, facts, { healthProvider: 'north-health', team: { organisation: 'north-icb' } }),
    ).toMatchObject({ permitted: false, issue: { path: 'team.organisation' } });
    expect(mayOpen(health, example, facts, { healthProvider: 'south-health' })).toMatchObject({
      permitted: false,
      reason: 'healthProvider names another organisation',
      issue: { path: 'healthProvider', message: expect.stringContaining("'north-health'") },
    });
    expect(mayOpen(person('front-door', 'north-council'), example, facts, { anything: 1 })).toEqual({
      permitted: true,
    });
  });

  it('reads a dotted path of a payload', () => {
    expect(valueAt({ a: { b: 'x' } }, 'a.b')).toBe('x');
    expect(valueAt({ a: 'x' }, 'a.b')).toBeUndefined();
    expect(valueAt(undefined, 'a')).toBeUndefined();
  });
});

describe('figures and open clocks, and the table', () => {
  it('readers default to commissioners and the partnership administrator', () => {
    expect(readersOf({}, 'figureReaders')).toEqual(['commissioner', 'partnership-administrator']);
    expect(readersOf({ clockReaders: ['health'] }, 'clockReaders')).toEqual(['health']);
  });

  it('the table says each rule in words, one row per process', () => {
    const table = accessTable([
      { id: 'example', ...example },
      { id: 'example', ...example, title: 'Example v2' },
    ]).split('\n');
    expect(table).toHaveLength(3);
    expect(table[2]).toBe(
      "| Example / Example v2 (`example`) | front door of a council; health of a health provider, naming their own organisation as `healthProvider`, `team.organisation` | front door of the case's council; health of the case's health provider; designated nurse of an ICB on the case; lead practitioner as its lead | front door of the case's council: `noted`; health of the case's health provider | partnership administrator partnership-wide; administrator of an organisation on the case |",
    );
  });
});
