/**
 * The school directory's routes: the partnership administrator loads it from the register export and
 * contacts file, reads and changes a school; a school's Key Adult may read their own school's record.
 * An organisation's administrator does not run the directory: it is partnership-wide. Every change and
 * every read (the records name staff) is audited, and so is every refusal.
 *
 *   POST /schools/import   partnership administrator   { register, contacts, partial? }
 *   GET  /schools?la=330   partnership administrator
 *   GET  /schools/{urn}    partnership administrator, or the Key Adult of that school
 *   PUT  /schools/{urn}    partnership administrator   the editable fields (the whole record: what is left out is removed)
 *
 * A refusal of a route that names a school (GET or PUT /schools/{urn}) answers 404 exactly as for a
 * school not in the directory, so it never tells anyone which schools are there; the import and the list
 * name no school, so a role that may never use them gets 403, which reveals nothing.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import type { TermCalendar } from '#core/calendar/index';
import { auditIdentity, isPartnershipAdministrator, type Actor } from '#core/identity/actor';
import type { AuditEntry } from '#core/process/model';
import { emailAddress, localAuthorityCode, localDate, personName, text, timeOfDay } from '#core/schema/index';
import { buildDirectory, isUkPhone, type DirectoryProblem } from '#core/schools/directory-import';
import { isUrn, SCHOOL_PHASES, type School, sameContacts } from '#core/schools/model';
import { termCalendars } from '#core/schools/term-calendars';
import type { SchoolStore } from '../../store/schools';
import { BODY_LIMIT, parseJsonBody, type ApiEvent, type Route } from '../http';
import { issuesFrom, json, problem, type Result } from '../responses';

export interface SchoolRoutesDependencies {
  store: SchoolStore;
  now: () => Date;
  /** Writes one audit entry (reads and refusals). */
  audit: (actor: Actor, action: AuditEntry['action'], what: string) => Promise<void>;
  /** The term calendars a school may follow (default: config/term-calendars.json). */
  calendars?: Record<string, TermCalendar>;
  /**
   * Called after schools already in the directory changed, so cases that keep a snapshot of a school
   * (open Operation Encompass notifications) hear of it. Returns how many cases were told.
   */
  onSchoolsChanged?: (actor: Actor, schools: School[]) => Promise<number>;
}

/** A school's Key Adult or deputy: who is told, and how to reach them. */
const contactSchema = z.strictObject({
  name: personName,
  email: emailAddress,
  phone: z.string().refine(isUkPhone, 'must be a UK phone number (digits and spaces, starting 0 or +44)'),
});

const importSchema = z.strictObject({
  register: z.string('must be the register export as CSV text'),
  contacts: z.string('must be the contacts file as CSV text'),
  partial: z.boolean('must be true or false').optional(),
});

function schoolChangeSchema(calendars: Record<string, TermCalendar>) {
  const known = Object.keys(calendars);
  return z.strictObject({
    name: text({ max: 200 }),
    localAuthorityCode,
    phase: z.enum(SCHOOL_PHASES, `must be one of ${SCHOOL_PHASES.join(', ')}`),
    keyAdult: contactSchema.optional(),
    deputy: contactSchema.optional(),
    termCalendarId: z.string().refine((id) => Object.hasOwn(calendars, id), `must be a known term calendar (${known.join(', ')})`),
    extraInsetDays: z.array(localDate).default([]),
    startOfDay: timeOfDay,
    holidayCover: z.boolean('must be true or false'),
  });
}

/** The answer for a school not in the directory, and, word for word, for one the reader may not see. */
export const schoolNotFound = (urn: string) => problem(404, 'schoolNotFound', `There is no school ${urn} in the directory`);

const problemsView = (problems: DirectoryProblem[]) => problems.map((p) => ({ file: p.file, line: p.line, ...(p.urn ? { urn: p.urn } : {}), reason: p.reason }));

export type SchoolEntry = Partial<Pick<School, 'name' | 'keyAdult' | 'deputy' | 'termCalendarId' | 'extraInsetDays' | 'startOfDay' | 'holidayCover'>>;

/**
 * Whether a change to a school's entry reaches its open notifications: who is told and the name used
 * (contacts), and the school's days a deadline is counted by (term calendar, INSET days, start of day,
 * holiday cover).
 */
export function sameForNotifications(a: SchoolEntry | undefined, b: SchoolEntry | undefined): boolean {
  const days = (s: SchoolEntry | undefined) => JSON.stringify([s?.termCalendarId, [...(s?.extraInsetDays ?? [])].sort(), s?.startOfDay, s?.holidayCover]);
  return sameContacts(a, b) && days(a) === days(b);
}

export function createSchoolRoutes(deps: SchoolRoutesDependencies) {
  const { store, now } = deps;
  const calendars = deps.calendars ?? termCalendars;
  const changeSchema = schoolChangeSchema(calendars);

  const auditEntry = (actor: Actor, action: AuditEntry['action'], what: string): AuditEntry => ({
    auditId: randomUUID().replace(/-/g, '').slice(0, 16),
    at: now().toISOString(),
    actor: auditIdentity(actor),
    action,
    what,
  });

  const refuse = async (actor: Actor, what: string, message: string): Promise<Result> => {
    await deps.audit(actor, 'refused', what);
    return problem(403, 'notPermitted', message);
  };

  /** Refuse a route naming a school: audited, and answered as a school not in the directory. */
  const refuseAsNotFound = async (actor: Actor, what: string, urn: string): Promise<Result> => {
    await deps.audit(actor, 'refused', what);
    return schoolNotFound(urn);
  };

  const invalidUrn = () => problem(400, 'invalidUrn', 'That is not a school URN', [{ path: 'urn', message: 'must be 6 digits' }]);

  async function importDirectory(actor: Actor, event: ApiEvent): Promise<Result> {
    if (!isPartnershipAdministrator(actor)) return refuse(actor, 'school directory import: not permitted', 'Only the partnership administrator can load the school directory');
    const body = parseJsonBody(event, BODY_LIMIT.directoryImport);
    if (!body.ok) return body.result;
    const parsed = importSchema.safeParse(body.value);
    if (!parsed.success) return problem(400, 'invalidBody', 'The import needs the register export and the contacts file as CSV text', issuesFrom(parsed.error.issues));
    const { register, contacts, partial = false } = parsed.data;

    const directory = buildDirectory(register, contacts, { partial, now: now(), knownCalendars: Object.keys(calendars) });
    if (!directory.loaded) {
      const count = directory.problems.length;
      return problem(
        400,
        'invalidRows',
        partial
          ? `A file could not be read (${count} ${count === 1 ? 'problem' : 'problems'}); nothing was loaded`
          : `${count} ${count === 1 ? 'row has a problem' : 'problems in the rows'}; nothing was loaded. Correct them, or send "partial": true to load the other schools and leave these out`,
        directory.problems.map((p) => ({ path: `${p.file}:${p.line}`, message: p.reason })),
      );
    }
    if (directory.schools.length > 0) {
      // A school's own extra INSET days are set through the API, not the files: an import keeps them.
      const stored = await store.getMany(directory.schools.map((s) => s.urn));
      const schools = directory.schools.map((s) => ({ ...s, extraInsetDays: stored.get(s.urn)?.extraInsetDays ?? s.extraInsetDays }));
      const leftOut = directory.problems.length ? ` (partial load; ${directory.problems.length} ${directory.problems.length === 1 ? 'problem' : 'problems'} reported)` : '';
      await store.saveMany(schools, auditEntry(actor, 'change', `school directory import: ${schools.length} ${schools.length === 1 ? 'school' : 'schools'} loaded${leftOut}`));
      const changed = schools.filter((s) => {
        const before = stored.get(s.urn);
        return before !== undefined && !sameForNotifications(before, s);
      });
      const told = changed.length ? ((await deps.onSchoolsChanged?.(actor, changed)) ?? 0) : 0;
      return json(200, { loaded: directory.schools.length, problems: problemsView(directory.problems), openNotificationsUpdated: told });
    }
    return json(200, { loaded: directory.schools.length, problems: problemsView(directory.problems) });
  }

  async function readSchool(actor: Actor, urn: string): Promise<Result> {
    if (!isUrn(urn)) return invalidUrn();
    const permitted = isPartnershipAdministrator(actor) || (actor.role === 'school-key-adult' && actor.schoolUrn === urn);
    if (!permitted) return refuseAsNotFound(actor, `school ${urn} record: not permitted`, urn);
    const school = await store.get(urn);
    if (!school) {
      await deps.audit(actor, 'read', `school ${urn} record: not in the directory`);
      return schoolNotFound(urn);
    }
    await deps.audit(actor, 'read', `school ${urn} record`);
    return json(200, school);
  }

  async function changeSchool(actor: Actor, urn: string, event: ApiEvent): Promise<Result> {
    if (!isUrn(urn)) return invalidUrn();
    if (!isPartnershipAdministrator(actor)) return refuseAsNotFound(actor, `school ${urn} change: not permitted`, urn);
    const body = parseJsonBody(event, BODY_LIMIT.record);
    if (!body.ok) return body.result;
    const parsed = changeSchema.safeParse(body.value);
    if (!parsed.success) return problem(400, 'invalidSchool', 'The school record is not valid; nothing was changed', issuesFrom(parsed.error.issues));
    const { keyAdult, deputy, ...fields } = parsed.data;
    const school: School = {
      urn,
      ...fields,
      ...(keyAdult ? { keyAdult } : {}),
      ...(deputy ? { deputy } : {}),
      extraInsetDays: [...new Set(fields.extraInsetDays)].sort(),
      updatedAt: now().toISOString(),
    };
    const existing = await store.get(urn);
    if (existing) await store.save(school, auditEntry(actor, 'change', `school ${urn} updated`));
    else await store.save(school, auditEntry(actor, 'create', `school ${urn} added`));
    // Every open case is compared with the directory (not only when this change touched contacts), so
    // sending the same PUT again repairs cases a failed earlier attempt did not reach.
    const told = existing ? ((await deps.onSchoolsChanged?.(actor, [school])) ?? 0) : 0;
    return json(existing ? 200 : 201, { ...school, openNotificationsUpdated: told }, existing ? {} : { location: `/schools/${urn}` });
  }

  async function listSchools(actor: Actor, event: ApiEvent): Promise<Result> {
    if (!isPartnershipAdministrator(actor)) return refuse(actor, 'school directory list: not permitted', 'The school directory list is for the partnership administrator');
    const la = event.queryStringParameters?.la;
    if (!la || !localAuthorityCode.safeParse(la).success) return problem(400, 'invalidQuery', 'Say which local authority', [{ path: 'la', message: la ? 'must be 3 digits' : 'is required' }]);
    const schools = await store.listByLocalAuthority(la);
    await deps.audit(actor, 'read', `school directory of local authority ${la}`);
    return json(200, { localAuthorityCode: la, schools });
  }

  return [
    { method: 'GET', path: '/schools', summary: 'The school directory of a local authority (?la=330)', roles: ['partnership-administrator'], handler: ({ actor, event }) => listSchools(actor, event) },
    {
      method: 'POST',
      path: '/schools/import',
      summary: 'Load the directory from the register export and the contacts file (CSV text)',
      roles: ['partnership-administrator'],
      body: { name: 'schools.import', description: 'The national register export and the contacts file, each as CSV text; with "partial": true, rows with a problem are left out and the others loaded.', schema: importSchema },
      handler: ({ actor, event }) => importDirectory(actor, event),
    },
    { method: 'GET', path: '/schools/{urn}', summary: "A school's directory record", roles: ['partnership-administrator', 'school-key-adult'], handler: ({ actor, params }) => readSchool(actor, params.urn!) },
    {
      method: 'PUT',
      path: '/schools/{urn}',
      summary: "Replace a school's directory record",
      roles: ['partnership-administrator'],
      body: { name: 'schools.record', description: "The school's whole editable record (what is left out is removed); its open notifications hear of a change to its contacts or days.", schema: changeSchema },
      handler: ({ actor, params, event }) => changeSchool(actor, params.urn!, event),
    },
  ] satisfies Route[];
}
