/**
 * The school directory's routes: the partnership administrator loads it from the national register
 * extracts (one per local authority, in turn or together) and the contacts file, loads councils' term
 * dates, reads and changes a school; a school's Key Adult may read their own school's record. An
 * organisation's administrator does not run the directory: it is partnership-wide. Every change and
 * every read (the records name staff) is audited, and so is every refusal.
 *
 *   POST /schools/import          partnership administrator   { register | registerBase64, contacts | contactsBase64,
 *                                                             partial? }
 *   GET  /schools?la=330          partnership administrator
 *   GET  /schools/{urn}           partnership administrator, or the Key Adult of that school
 *   PUT  /schools/{urn}           partnership administrator   the editable fields (the whole record: what is left
 *                                                             out is removed)
 *   GET  /term-calendars          partnership administrator   the term calendars schools may follow
 *   POST /term-calendars/import   partnership administrator   { calendarId, name?, format, text | base64 }
 *
 * The two imports are ../school-imports.ts, given (`imports`) only to what serves them: their own function
 * holds the files' readers (../imports.ts says why).
 *
 * A refusal of a route that names a school (GET or PUT /schools/{urn}) answers 404 exactly as for a
 * school not in the directory, so it never tells anyone which schools are there; the other routes name
 * no school, so a role that may never use them gets 403, which reveals nothing.
 */
import { randomUUID } from 'node:crypto';
import type { TermCalendar } from '#core/calendar/index';
import { type Actor, auditIdentity, isPartnershipAdministrator } from '#core/identity/actor';
import type { AuditEntry } from '#core/process/model';
import { emailAddress, localAuthorityCode, localDate, personName, text, timeOfDay } from '#core/schema/index';
import * as z from '#core/schema/zod';
import { isUkPhone, isUrn, SCHOOL_PHASES, type School, sameContacts } from '#core/schools/model';
import { termCalendars, termCalendarsWith } from '#core/schools/term-calendars';
import type { SchoolStore } from '../../store/schools';
import { type ApiEvent, BODY_LIMIT, parseJsonBody, type Route } from '../http';
import { invalid, notPermitted, Problem } from '../problem';
import { issuesFrom, json, type Result } from '../responses';

export interface SchoolRoutesDependencies {
  store: SchoolStore;
  now: () => Date;
  /** Writes one audit entry (reads and refusals). */
  audit: (actor: Actor, action: AuditEntry['action'], what: string) => Promise<void>;
  /**
   * The term calendars a school may follow, instead of those shipped (config/term-calendars.json) with
   * those imported into the store (tests).
   */
  calendars?: Record<string, TermCalendar>;
  /**
   * The two file imports (../school-imports.ts), where they are served: elsewhere their routes are listed
   * (the OpenAPI document) but never sent here (infra/http-api.ts).
   */
  imports?: (directory: SchoolDirectory) => SchoolImports;
  /**
   * Called after schools already in the directory changed, so cases that keep a snapshot of a school
   * (open Operation Encompass notifications) hear of it. Each school comes with the dates of its term
   * calendar when that was imported. Returns how many cases were told.
   */
  onSchoolsChanged?: (actor: Actor, schools: SchoolWithCalendar[]) => Promise<number>;
}

/** A school and, when it follows an imported term calendar, that calendar's dates (what its snapshot carries). */
export type SchoolWithCalendar = School & { termCalendar?: TermCalendar };

/** A school's Key Adult or deputy: who is told, and how to reach them. */
const contactSchema = z.strictObject({
  name: personName,
  email: emailAddress,
  phone: z.string().check(z.refine(isUkPhone, 'must be a UK phone number (digits and spaces, starting 0 or +44)')),
});

/** A file's bytes, base64-encoded (as a page reads an upload): read in its own encoding, UTF-8 or Windows-1252. */
const base64File = z
  .string("must be the file's bytes, base64-encoded")
  .check(
    z.regex(/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/, "must be the file's bytes, base64-encoded"),
    z.describe(
      "The file's bytes, base64-encoded: read as UTF-8 (with or without a byte order mark) or, " +
        "when not UTF-8, as Windows-1252, the national register's encoding",
    ),
  );

/** Most register files in one import: one per local authority of a partnership. */
const MAX_REGISTER_FILES = 20;

export const importSchema = z
  .strictObject({
    register: z.optional(
      z
        .string('must be the register export as CSV text')
        .check(
          z.describe(
            'One register extract as CSV text (already decoded). Send registerBase64 instead to have the ' +
              'file read in its own encoding.',
          ),
        ),
    ),
    registerBase64: z.optional(
      z
        .union(
          [
            base64File,
            z
              .array(base64File)
              .check(
                z.minLength(1, 'must hold at least one register file'),
                z.maxLength(MAX_REGISTER_FILES, `must hold at most ${MAX_REGISTER_FILES} register files`),
              ),
          ],
          "must be the register file's bytes in base64, or a list of them",
        )
        .check(
          z.describe(
            'The register extract as the national register gives it (its bytes, base64), ' +
              'or a list of extracts, one per local authority, loaded together',
          ),
        ),
    ),
    contacts: z.optional(
      z
        .string('must be the contacts file as CSV text')
        .check(z.describe('The contacts file as CSV text (already decoded)')),
    ),
    contactsBase64: z.optional(base64File),
    partial: z.optional(z.boolean('must be true or false')),
  })
  .check(
    z.meta({
      description:
        'The register extracts and the contacts file. The import replaces the schools of the local ' +
        'authorities the register files name (a school they list as Closed, or no longer list, is removed) ' +
        "and no other authority's; closed establishments are left out and listed with their line.",
      // Each file once, as text or as bytes: what fileIssues checks, said in JSON Schema.
      allOf: [
        { anyOf: [{ required: ['register'] }, { required: ['registerBase64'] }] },
        { anyOf: [{ required: ['contacts'] }, { required: ['contactsBase64'] }] },
      ],
    }),
  );

const calendarIdSchema = z
  .string('must be a term calendar id')
  .check(
    z.regex(
      /^[a-z0-9-]{1,60}$/,
      'must be a term calendar id: lower-case letters, digits and hyphens, e.g. ' +
        "la-331 for a local authority's own calendar",
    ),
  );

export const termDatesImportSchema = z
  .strictObject({
    calendarId: calendarIdSchema.check(
      z.describe(
        "The term calendar the dates are for: la-<code> for a local authority's, or an academy trust's own id",
      ),
    ),
    name: z.optional(
      text({ max: 120 }).check(
        z.describe("The calendar's name, e.g. 'Northvale LA 331' (needed for a new calendar; kept otherwise)"),
      ),
    ),
    format: z.enum(['csv', 'ics'], 'must be csv (Type, Name, Start, End) or ics (an iCalendar file of all-day events)'),
    text: z.optional(z.string('must be the file as text').check(z.describe('The file as text (already decoded)'))),
    base64: z.optional(base64File),
  })
  .check(
    z.meta({
      description:
        "A council's published term dates: a CSV (Type, Name, Start, End; " +
        'Type is Term, Holiday or Half term, INSET day or Bank holiday) or an iCalendar file. ' +
        'Each school year the file gives replaces that year of the calendar; the others are kept.',
      anyOf: [{ required: ['text'] }, { required: ['base64'] }],
    }),
  );

function schoolChangeSchema(calendars: Record<string, TermCalendar>) {
  const known = Object.keys(calendars);
  return z.strictObject({
    name: text({ max: 200 }),
    localAuthorityCode,
    phase: z.enum(SCHOOL_PHASES, `must be one of ${SCHOOL_PHASES.join(', ')}`),
    keyAdult: z.optional(contactSchema),
    deputy: z.optional(contactSchema),
    termCalendarId: z
      .string('must be a known term calendar')
      .check(
        z.describe(`A term calendar's id: one shipped (${known.join(', ')}) or one imported (GET /term-calendars)`),
      ),
    extraInsetDays: z._default(z.array(localDate), []),
    startOfDay: timeOfDay,
    holidayCover: z.boolean('must be true or false'),
  });
}

/** The answer for a school not in the directory, and, word for word, for one the reader may not see. */
export const schoolNotFound = (urn: string) =>
  new Problem(404, 'schoolNotFound', `There is no school ${urn} in the directory`);

export type SchoolEntry = Partial<
  Pick<School, 'name' | 'keyAdult' | 'deputy' | 'termCalendarId' | 'extraInsetDays' | 'startOfDay' | 'holidayCover'>
> & { termCalendar?: TermCalendar };

/**
 * Whether a change to a school's entry reaches its open notifications: who is told and the name used
 * (contacts), and the school's days a deadline is counted by (term calendar and, for an imported one,
 * its dates, INSET days, start of day, holiday cover).
 */
export function sameForNotifications(a: SchoolEntry | undefined, b: SchoolEntry | undefined): boolean {
  const days = (s: SchoolEntry | undefined) =>
    JSON.stringify([
      s?.termCalendarId,
      s?.termCalendar?.schoolYears ?? null,
      [...(s?.extraInsetDays ?? [])].sort(),
      s?.startOfDay,
      s?.holidayCover,
    ]);
  return sameContacts(a, b) && days(a) === days(b);
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The file imports' two handlers (../school-imports.ts). */
export interface SchoolImports {
  directory(actor: Actor, event: ApiEvent): Promise<Result>;
  termDates(actor: Actor, event: ApiEvent): Promise<Result>;
}

/** What the file imports work on: the directory's store and clock, and its helpers. */
export interface SchoolDirectory {
  store: SchoolStore;
  now: () => Date;
  deps: SchoolRoutesDependencies;
  /** The calendars a school may follow now: the shipped ones and the imported ones (or the test's own). */
  calendarsNow(): Promise<Record<string, TermCalendar>>;
  /** Each school with the imported calendar it follows, if any: what its snapshot carries. */
  withCalendars(schools: School[]): Promise<SchoolWithCalendar[]>;
  /** An audit entry of this change, by this person, now. */
  auditEntry(actor: Actor, action: AuditEntry['action'], what: string): AuditEntry;
}

export function createSchoolRoutes(deps: SchoolRoutesDependencies) {
  const { store, now } = deps;
  const changeSchema = schoolChangeSchema(deps.calendars ?? termCalendars);

  /** The calendars a school may follow now: the shipped ones and the imported ones (or the test's own). */
  const calendarsNow = async (): Promise<Record<string, TermCalendar>> =>
    deps.calendars ?? termCalendarsWith(await store.listTermCalendars());
  /** The imported calendar a school follows, by id (undefined for a shipped one): what its snapshot carries. */
  const importedCalendar = async (id: string, cache = new Map<string, TermCalendar | undefined>()) => {
    if (!cache.has(id)) cache.set(id, deps.calendars ? undefined : await store.getTermCalendar(id));
    return cache.get(id);
  };
  const withCalendars = async (schools: School[]): Promise<SchoolWithCalendar[]> => {
    const cache = new Map<string, TermCalendar | undefined>();
    const out: SchoolWithCalendar[] = [];
    for (const school of schools) {
      const termCalendar = await importedCalendar(school.termCalendarId, cache);
      out.push(
        termCalendar
          ? {
              ...school,
              termCalendar: { id: termCalendar.id, name: termCalendar.name, schoolYears: termCalendar.schoolYears },
            }
          : school,
      );
    }
    return out;
  };

  const auditEntry = (actor: Actor, action: AuditEntry['action'], what: string): AuditEntry => ({
    auditId: randomUUID().replace(/-/g, '').slice(0, 16),
    at: now().toISOString(),
    actor: auditIdentity(actor),
    action,
    what,
  });

  /**
   * The file imports; a function without them was sent an import that is not its to serve (a deployment's
   * mistake, answered 500 and logged).
   */
  const imports = deps.imports?.({ store, now, deps, calendarsNow, withCalendars, auditEntry });
  const importsServed = (): SchoolImports => {
    if (!imports) throw new Error('A file import reached a function that does not serve them (infra/http-api.ts)');
    return imports;
  };

  /** Refuse a route naming a school: audited, and answered as a school not in the directory. */
  const refusedAsNotFound = (what: string, urn: string) => schoolNotFound(urn).audited(what);

  const requireUrn = (urn: string) => {
    if (!isUrn(urn))
      throw invalid('invalidUrn', 'That is not a school URN', [{ path: 'urn', message: 'must be 6 digits' }]);
  };

  async function readSchool(actor: Actor, urn: string): Promise<Result> {
    requireUrn(urn);
    const permitted =
      isPartnershipAdministrator(actor) || (actor.role === 'school-key-adult' && actor.schoolUrn === urn);
    if (!permitted) throw refusedAsNotFound(`school ${urn} record: not permitted`, urn);
    const school = await store.get(urn);
    if (!school) {
      await deps.audit(actor, 'read', `school ${urn} record: not in the directory`);
      throw schoolNotFound(urn);
    }
    await deps.audit(actor, 'read', `school ${urn} record`);
    return json(200, school);
  }

  async function changeSchool(actor: Actor, urn: string, event: ApiEvent): Promise<Result> {
    requireUrn(urn);
    if (!isPartnershipAdministrator(actor)) throw refusedAsNotFound(`school ${urn} change: not permitted`, urn);
    const body = parseJsonBody(event, BODY_LIMIT.record);
    const parsed = changeSchema.safeParse(body);
    const calendars = await calendarsNow();
    // The calendar must be one a school may follow now: shipped, or imported since (checked with the other fields).
    const requested = (body as { termCalendarId?: unknown }).termCalendarId;
    const calendarIssue =
      typeof requested === 'string' && !Object.hasOwn(calendars, requested)
        ? [{ path: 'termCalendarId', message: `must be a known term calendar (${Object.keys(calendars).join(', ')})` }]
        : [];
    if (!parsed.success || calendarIssue.length) {
      const issues = [...(parsed.success ? [] : issuesFrom(parsed.error.issues)), ...calendarIssue];
      throw invalid(
        'invalidSchool',
        'The school record is not valid; nothing was changed',
        issues.filter((issue, i) => issues.findIndex((o) => o.path === issue.path) === i),
      );
    }
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
    const told = existing ? ((await deps.onSchoolsChanged?.(actor, await withCalendars([school]))) ?? 0) : 0;
    return json(
      existing ? 200 : 201,
      { ...school, openNotificationsUpdated: told },
      existing ? {} : { location: `/schools/${urn}` },
    );
  }

  async function listSchools(actor: Actor, event: ApiEvent): Promise<Result> {
    if (!isPartnershipAdministrator(actor))
      throw notPermitted(
        'school directory list: not permitted',
        'The school directory list is for the partnership administrator',
      );
    const la = event.queryStringParameters?.la;
    if (!la || !localAuthorityCode.safeParse(la).success)
      throw invalid('invalidQuery', 'Say which local authority', [
        { path: 'la', message: la ? 'must be 3 digits' : 'is required' },
      ]);
    const schools = await store.listByLocalAuthority(la);
    await deps.audit(actor, 'read', `school directory of local authority ${la}`);
    return json(200, { localAuthorityCode: la, schools });
  }

  async function listTermCalendars(actor: Actor): Promise<Result> {
    if (!isPartnershipAdministrator(actor))
      throw notPermitted(
        'term calendars list: not permitted',
        'The term calendars are for the partnership administrator',
      );
    const imported = deps.calendars ? [] : await store.listTermCalendars();
    const calendars = deps.calendars ?? termCalendarsWith(imported);
    const updated = new Map(imported.map((c) => [c.id, c.updatedAt]));
    await deps.audit(actor, 'read', 'term calendars');
    return json(200, {
      calendars: Object.values(calendars)
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((c) => ({
          id: c.id,
          name: c.name,
          source: updated.has(c.id) ? 'imported' : 'shipped',
          ...(updated.has(c.id) ? { updatedAt: updated.get(c.id) } : {}),
          schoolYears: c.schoolYears,
        })),
    });
  }

  return [
    {
      method: 'GET',
      path: '/schools',
      summary: 'The school directory of a local authority (?la=330)',
      roles: ['partnership-administrator'],
      handler: ({ actor, event }) => listSchools(actor, event),
    },
    {
      method: 'POST',
      path: '/schools/import',
      summary:
        "Load the directory from the register extracts and the contacts file (CSV, as text or as the files' bytes)",
      roles: ['partnership-administrator'],
      body: {
        name: 'schools.import',
        description:
          'The national register extracts (one, or one per local authority) and the contacts file, ' +
          "each as CSV text or as the file's bytes in base64 (read as UTF-8 or Windows-1252); " +
          'with "partial": true, rows with a problem are left out and the others loaded. ' +
          'Closed establishments are left out; the schools of the local authorities the register files ' +
          'name are replaced, no others.',
        schema: importSchema,
      },
      handler: ({ actor, event }) => importsServed().directory(actor, event),
    },
    {
      method: 'GET',
      path: '/schools/{urn}',
      summary: "A school's directory record",
      roles: ['partnership-administrator', 'school-key-adult'],
      handler: ({ actor, params }) => readSchool(actor, params.urn!),
    },
    {
      method: 'PUT',
      path: '/schools/{urn}',
      summary: "Replace a school's directory record",
      roles: ['partnership-administrator'],
      body: {
        name: 'schools.record',
        description:
          "The school's whole editable record (what is left out is removed); " +
          'its open notifications hear of a change to its contacts or days.',
        schema: changeSchema,
      },
      handler: ({ actor, params, event }) => changeSchool(actor, params.urn!, event),
    },
    {
      method: 'GET',
      path: '/term-calendars',
      summary: "The term calendars schools may follow: those shipped and those imported from councils' published dates",
      roles: ['partnership-administrator'],
      handler: ({ actor }) => listTermCalendars(actor),
    },
    {
      method: 'POST',
      path: '/term-calendars/import',
      summary: "Load a council's published term dates (CSV or iCalendar) into a term calendar",
      roles: ['partnership-administrator'],
      body: {
        name: 'termCalendars.import',
        description:
          "A council's term dates file, as text or as its bytes in base64; " +
          'every problem is named with its line. The open notifications of the schools that follow the ' +
          'calendar count their deadlines by its new dates.',
        schema: termDatesImportSchema,
      },
      handler: ({ actor, event }) => importsServed().termDates(actor, event),
    },
  ] satisfies Route[];
}
