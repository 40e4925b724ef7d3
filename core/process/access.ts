/**
 * Need-to-know, declared once per process and decided here: who may open a case, read it, read its
 * audit trail and record on it. Each process declares its rules as data (workflows/<process>/access.ts):
 * a rule is a list of roles and the relation the person's organisation must have to the case.
 *
 * Relations every process may use:
 * - `onCase`: the person's organisation is on the case (`record.organisations`);
 * - `responsibleCouncil`: the person's organisation is the case's council (the council that opened the
 *   case, or, for a case another kind of organisation opened, the councils on it);
 * - `provider`: the person's organisation is the case's health provider (a health provider on the case);
 * - `servesCouncil`: the person's organisation serves the case's council: a police force, health
 *   provider or ICB whose directory entry names that council among its `councils` (an ICB serving two
 *   councils reads both councils' cases where a process allows), whether or not it is on the case;
 * - `partnership`: any organisation: a partnership-wide role (the partnership administrator).
 * A process may name relations of its own (e.g. the Key Adult of the case's school), each with the
 * words the README's access table shows.
 *
 * Opening is decided by role and kind of organisation (the partnership directory's `kind`; a school's
 * staff are of kind `school`), and by fields of the opening that must name the opener's own
 * organisation (e.g. a crisis presentation's `healthProvider`).
 *
 * One function for each question (mayOpen, mayReadCase, mayReadCaseAudit, mayRecord, and for an event's
 * outcome mayReadEventOutcome; readersOf for figures and open clocks), used by the API's routes, the pages
 * and the rules step alike; and accessTable, the README's table made from the same
 * declarations (workflows/access-table.test.ts keeps the README true to them).
 */
import { type Actor, isPartnershipAdministrator, type Role } from '../identity/actor';
import type { PartnershipConfig } from '../partnership/config';
import type { CaseRecord } from './model';

/**
 * A kind of organisation: the partnership directory's kinds, and `school` for a school's
 * staff (schools are in the school directory).
 */
export type OrganisationKind = PartnershipConfig['organisations'][number]['kind'];

/**
 * What the rules need to know beyond the person and the case: the partnership
 * (its directory and each process's settings).
 */
export interface AccessFacts {
  partnership: Pick<PartnershipConfig, 'organisations' | 'processes'>;
}

/** The relations every process may use, with the words the access table shows. */
export const BUILT_IN_RELATIONS = {
  onCase: 'of an organisation on the case',
  responsibleCouncil: "of the case's council",
  provider: "of the case's health provider",
  servesCouncil: "of an organisation serving the case's council",
  partnership: 'partnership-wide',
} as const;
export type BuiltInRelation = keyof typeof BUILT_IN_RELATIONS;

/** A relation a process names for itself: its words (for the access table) and when it holds. */
export interface NamedRelation<D = unknown> {
  words: string;
  holds(actor: Actor, record: CaseRecord<D>, facts: AccessFacts): boolean;
}

/** Roles that may act on a case by one relation of their organisation to it. */
export interface CaseRule<R extends string = string> {
  roles: readonly Role[];
  relation: BuiltInRelation | R;
  /** Only people of organisations of these kinds (default: any). */
  organisationKinds?: readonly OrganisationKind[];
  /** For recording: only these event types (default: every event the role may record). */
  events?: readonly string[];
}

/**
 * Roles of kinds of organisation that may open a case, and the fields of the
 * opening that must name their own organisation.
 */
export interface OpenRule {
  roles: readonly Role[];
  /** Default: any organisation (test processes only; every process of the catalogue names the kinds). */
  organisationKinds?: readonly OrganisationKind[];
  /** Dotted paths of the opening's payload that must equal the opener's organisation. */
  ownFields?: readonly string[];
}

/** A process's need-to-know (ProcessContract.access). */
export interface ProcessAccess<D = unknown> {
  open: readonly OpenRule[];
  read: readonly CaseRule[];
  readAudit: readonly CaseRule[];
  record: readonly CaseRule[];
  relations?: Readonly<Record<string, NamedRelation<D>>>;
}

/**
 * A process's access, its own relations' names checked by the compiler:
 *
 *     defineAccess<Details>()({
 *       relations: { keyAdultOfSchool: {...} },
 *       read: [{ roles: [...], relation: 'keyAdultOfSchool' }],
 *       ...
 *     })
 */
export function defineAccess<D>() {
  return <const R extends string = never>(access: {
    relations?: { readonly [K in R]: NamedRelation<D> };
    open: readonly OpenRule[];
    read: readonly CaseRule<NoInfer<R>>[];
    readAudit: readonly CaseRule<NoInfer<R>>[];
    record: readonly CaseRule<NoInfer<R>>[];
  }): ProcessAccess<D> => access as ProcessAccess<D>;
}

/** Who reads a case's audit trail (who read or changed it, never its contents) unless a process says otherwise. */
export const AUDIT_READERS: readonly CaseRule<never>[] = [
  { roles: ['partnership-administrator'], relation: 'partnership' },
  { roles: ['administrator'], relation: 'onCase' },
];

/**
 * The simplest access: the roles open cases from any organisation, and read and record on them from
 * organisations on the case; administrators of those organisations read them and their audit trail.
 * For test processes: the catalogue's processes declare their own.
 */
export function onCaseAccess(roles: readonly Role[]): ProcessAccess {
  return {
    open: [{ roles }],
    read: [
      { roles, relation: 'onCase' },
      { roles: ['administrator'], relation: 'onCase' },
    ],
    record: [{ roles, relation: 'onCase' }],
    readAudit: AUDIT_READERS,
  };
}

interface HasAccess<D = unknown> {
  access: ProcessAccess<D>;
}

// ---------------------------------------------------------------------------------------------
// Organisations and relations
// ---------------------------------------------------------------------------------------------

/** Each kind of organisation in words, with its article ("an ICB"). */
const KIND_WORDS: Record<OrganisationKind, string> = {
  council: 'a council',
  healthProvider: 'a health provider',
  icb: 'an ICB',
  police: 'a police force',
  school: 'a school',
};

const kindOf = (facts: AccessFacts, organisation: string): OrganisationKind | undefined =>
  facts.partnership.organisations.find((o) => o.id === organisation)?.kind;

/**
 * The kind of the person's organisation: the partnership directory's, or `school` for
 * a school's staff; undefined when unknown.
 */
export function organisationKindOf(
  actor: Pick<Actor, 'organisation' | 'schoolUrn'>,
  facts: AccessFacts,
): OrganisationKind | undefined {
  return kindOf(facts, actor.organisation) ?? (actor.schoolUrn ? 'school' : undefined);
}

/**
 * The case's council: the council that opened it, or, when another kind of
 * organisation opened it, the councils on it.
 */
export function councilsOf(record: Pick<CaseRecord, 'organisation' | 'organisations'>, facts: AccessFacts): string[] {
  if (kindOf(facts, record.organisation) === 'council') return [record.organisation];
  return record.organisations.filter((o) => kindOf(facts, o) === 'council');
}

/** The case's health providers: the health providers on it. */
export function providersOf(record: Pick<CaseRecord, 'organisations'>, facts: AccessFacts): string[] {
  return record.organisations.filter((o) => kindOf(facts, o) === 'healthProvider');
}

/**
 * Does the person's organisation serve the case's council (a council its directory entry's `councils`
 * names)? A council's own staff hold `responsibleCouncil` instead: a council serves no other.
 */
export function servesCaseCouncil(
  actor: Pick<Actor, 'organisation'>,
  record: Pick<CaseRecord, 'organisation' | 'organisations'>,
  facts: AccessFacts,
): boolean {
  const served = facts.partnership.organisations.find((o) => o.id === actor.organisation)?.councils ?? [];
  return served.length > 0 && councilsOf(record, facts).some((c) => served.includes(c));
}

function relationHolds(
  access: ProcessAccess,
  relation: string,
  actor: Actor,
  record: CaseRecord,
  facts: AccessFacts,
): boolean {
  switch (relation) {
    case 'onCase':
      return record.organisations.includes(actor.organisation);
    case 'responsibleCouncil':
      return councilsOf(record, facts).includes(actor.organisation);
    case 'provider':
      return providersOf(record, facts).includes(actor.organisation);
    case 'servesCouncil':
      return servesCaseCouncil(actor, record, facts);
    case 'partnership':
      return true;
    default: {
      const named = access.relations?.[relation];
      return !!named && named.holds(actor, record, facts);
    }
  }
}

function ruleAdmits(
  access: ProcessAccess,
  rule: CaseRule,
  actor: Actor,
  record: CaseRecord,
  facts: AccessFacts,
): boolean {
  if (!(rule.roles as readonly string[]).includes(actor.role)) return false;
  if (rule.organisationKinds) {
    const kind = organisationKindOf(actor, facts);
    if (!kind || !rule.organisationKinds.includes(kind)) return false;
  }
  return relationHolds(access, rule.relation, actor, record, facts);
}

// ---------------------------------------------------------------------------------------------
// The four questions
// ---------------------------------------------------------------------------------------------

/** May this person read the case (its details, clocks and timeline)? */
export function mayReadCase(actor: Actor, definition: HasAccess, record: CaseRecord, facts: AccessFacts): boolean {
  return definition.access.read.some((rule) => ruleAdmits(definition.access, rule, actor, record, facts));
}

/** The relations that hold only for a person whose organisation is on the case (a case's own organisation is). */
const NEEDS_ORGANISATION_ON_CASE: readonly string[] = ['onCase', 'responsibleCouncil', 'provider'];

/**
 * Could this person read a case on these organisations at all? A first sieve for lists read from an
 * index that holds a case's organisations but not the case (a worklist): false only when every rule that
 * admits the person's role asks for their organisation on the case and it is not (the case's council and
 * providers are among its organisations). mayReadCase decides, with the case.
 */
export function mayReadCaseOn(actor: Actor, definition: HasAccess, organisations: readonly string[]): boolean {
  return definition.access.read.some(
    (rule) =>
      (rule.roles as readonly string[]).includes(actor.role) &&
      (!NEEDS_ORGANISATION_ON_CASE.includes(rule.relation) || organisations.includes(actor.organisation)),
  );
}

/** May this person read the case's audit trail (who read or changed it, and when; never its contents)? */
export function mayReadCaseAudit(actor: Actor, definition: HasAccess, record: CaseRecord, facts: AccessFacts): boolean {
  return definition.access.readAudit.some((rule) => ruleAdmits(definition.access, rule, actor, record, facts));
}

/**
 * May this person record this event on the case, by their organisation's relation to it? (Whether their
 * role may record the event type at all is the event's `allowedRoles`, checked first.)
 */
export function mayRecord(
  actor: Actor,
  definition: HasAccess,
  record: CaseRecord,
  eventType: string,
  facts: AccessFacts,
): boolean {
  return definition.access.record.some(
    (rule) =>
      (!rule.events || rule.events.includes(eventType)) && ruleAdmits(definition.access, rule, actor, record, facts),
  );
}

export type OpenDecision =
  | { permitted: true }
  | {
      permitted: false;
      /** What the refusal is about, for its audit entry. */
      reason: string;
      /** Said to the person. */
      message: string;
      /** The field of the opening at fault, when it is one. */
      issue?: { path: string; message: string };
    };

/** The value at a dotted path of a payload (undefined when absent). */
export function valueAt(payload: unknown, path: string): unknown {
  let value: unknown = payload;
  for (const key of path.split('.')) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * May this person open a case of this process? Without a payload: by their role and their
 * organisation's kind (whether to offer them the process at all); with the opening's payload, also
 * whether each of its fields that must name their own organisation does (the first one that does not
 * is named).
 */
export function mayOpen(
  actor: Actor,
  definition: HasAccess & { title: string },
  facts: AccessFacts,
  payload?: unknown,
): OpenDecision {
  const byRole = definition.access.open.filter((rule) => (rule.roles as readonly string[]).includes(actor.role));
  if (!byRole.length)
    return {
      permitted: false,
      reason: 'role not permitted',
      message: `The ${actor.role} role cannot open a case of ${definition.title}`,
    };
  const kind = organisationKindOf(actor, facts);
  const byKind = byRole.filter(
    (rule) => !rule.organisationKinds || (kind !== undefined && rule.organisationKinds.includes(kind)),
  );
  if (!byKind.length) {
    const kinds = [...new Set(byRole.flatMap((rule) => rule.organisationKinds ?? []))].map((k) => KIND_WORDS[k]);
    const openers = `Cases of ${definition.title} are opened by staff of ${kinds.join(' or ')}`;
    return {
      permitted: false,
      reason: `organisation ${kind ? `of kind ${kind}` : 'not in the directory'} not permitted`,
      message: `${openers}; your organisation is not one`,
    };
  }
  if (payload === undefined) return { permitted: true };
  let firstWrong: { path: string; value: unknown } | undefined;
  for (const rule of byKind) {
    const wrong = (rule.ownFields ?? []).find((path) => valueAt(payload, path) !== actor.organisation);
    if (wrong === undefined) return { permitted: true };
    firstWrong ??= { path: wrong, value: valueAt(payload, wrong) };
  }
  const { path } = firstWrong!;
  return {
    permitted: false,
    reason: `${path} names another organisation`,
    message: `Cases of ${definition.title} are opened only for your own organisation; nothing was recorded`,
    issue: {
      path,
      message:
        `must be your own organisation ('${actor.organisation}'): ` +
        "another organisation's staff open their own cases",
    },
  };
}

// ---------------------------------------------------------------------------------------------
// An event's outcome (GET /events/{eventId})
// ---------------------------------------------------------------------------------------------

/** Who sent an event, as its stored outcome keeps it (absent on outcomes stored before senders were kept). */
export interface EventSender {
  userId: string;
  organisation: string;
}

/** Is this person the one who sent the event (the same sign-in id, of the same organisation)? */
export function isSenderOf(actor: Pick<Actor, 'userId' | 'organisation'>, sentBy: EventSender | undefined): boolean {
  return sentBy?.userId === actor.userId && sentBy.organisation === actor.organisation;
}

/**
 * The roles that may read some case's audit trail: those any process names, and the partnership
 * administrator (who reads an event with no case). A role outside them reads no other sender's event,
 * so the API need not read the case to refuse it.
 */
export function auditReaderRoles(processes: readonly HasAccess[]): ReadonlySet<string> {
  return new Set<string>([
    ...processes.flatMap((p) => p.access.readAudit.flatMap((rule) => rule.roles)),
    'partnership-administrator',
  ]);
}

/**
 * May this person read an event's outcome (what was done with the event, never the record)? Its sender
 * may; so may whoever reads the audit trail of its case; an event with no case (or a refused opening,
 * whose case was never made), only the partnership administrator.
 */
export function mayReadEventOutcome(
  actor: Actor,
  sentBy: EventSender | undefined,
  ofCase: { definition: HasAccess; record: CaseRecord } | undefined,
  facts: AccessFacts,
): boolean {
  if (isSenderOf(actor, sentBy)) return true;
  if (!ofCase) return isPartnershipAdministrator(actor);
  return mayReadCaseAudit(actor, ofCase.definition, ofCase.record, facts);
}

// ---------------------------------------------------------------------------------------------
// Figures and open clocks (by pseudonymous case code)
// ---------------------------------------------------------------------------------------------

/** Who reads a process's figures and open clocks unless its definition says otherwise. */
export const DEFAULT_READERS: readonly Role[] = ['commissioner', 'partnership-administrator'];

/** The roles the catalogue says may read a process's figures or open clocks. */
export function readersOf(
  definition: { figureReaders?: readonly Role[]; clockReaders?: readonly Role[] },
  what: 'figureReaders' | 'clockReaders',
): readonly string[] {
  return definition[what] ?? DEFAULT_READERS;
}

// ---------------------------------------------------------------------------------------------
// The README's access table
// ---------------------------------------------------------------------------------------------

const rolesText = (roles: readonly Role[]) => roles.map((r) => r.replace(/-/g, ' ')).join(', ');
const kindsText = (kinds: readonly OrganisationKind[]) => kinds.map((k) => KIND_WORDS[k]).join(' or ');

const relationWords = (relation: string, access: ProcessAccess) =>
  (BUILT_IN_RELATIONS as Record<string, string>)[relation] ?? access.relations?.[relation]?.words ?? relation;

function ruleText(access: ProcessAccess, rule: CaseRule): string {
  const ofKinds = rule.organisationKinds ? ` (of ${kindsText(rule.organisationKinds)})` : '';
  const relation =
    rule.relation === 'onCase' && rule.organisationKinds
      ? `of ${kindsText(rule.organisationKinds)} on the case`
      : rule.relation === 'servesCouncil' && rule.organisationKinds
        ? `of ${kindsText(rule.organisationKinds)} serving the case's council`
        : `${relationWords(rule.relation, access)}${ofKinds}`;
  const events = rule.events ? `: ${rule.events.map((e) => `\`${e}\``).join(', ')}` : '';
  return `${rolesText(rule.roles)} ${relation}${events}`;
}

function openText(rule: OpenRule): string {
  const own = rule.ownFields?.length
    ? `, naming their own organisation as ${rule.ownFields.map((f) => `\`${f}\``).join(', ')}`
    : '';
  const kinds = rule.organisationKinds ? kindsText(rule.organisationKinds) : 'any organisation';
  return `${rolesText(rule.roles)} of ${kinds}${own}`;
}

/**
 * The README's access table, made from the processes' declarations: one row per process (one per id:
 * versions of a process share their access), who may open, read, record and read the audit, and by
 * which relation to the case.
 */
export function accessTable(processes: readonly (HasAccess & { id: string; title: string })[]): string {
  const columns = [
    'process',
    'opens a case',
    'reads a case (details, clocks, timeline)',
    'records on a case',
    'reads its audit (who read or changed it)',
  ];
  const rows = [`| ${columns.join(' | ')} |`, `|${columns.map(() => '---|').join('')}`];
  for (const id of new Set(processes.map((p) => p.id))) {
    const versions = processes.filter((p) => p.id === id);
    const p = versions[0]!;
    const cell = (rules: readonly CaseRule[]) => rules.map((r) => ruleText(p.access, r)).join('; ');
    const cells = [
      `${[...new Set(versions.map((v) => v.title))].join(' / ')} (\`${id}\`)`,
      p.access.open.map(openText).join('; '),
      cell(p.access.read),
      cell(p.access.record),
      cell(p.access.readAudit),
    ];
    rows.push(`| ${cells.join(' | ')} |`);
  }
  return rows.join('\n');
}
