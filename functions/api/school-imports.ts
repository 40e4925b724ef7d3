/**
 * The school directory's and the term dates' imports (POST /schools/import, POST /term-calendars/import):
 * reading the files (csv-parse, ical.js: core/schools/directory-import.ts, term-dates-import.ts), checking
 * every row, saving what loads and telling the open notifications of the schools that changed. Given only
 * to what serves the imports (the imports' function, ./imports.ts; the pages; the local runtime), so the
 * API's own bundle holds none of it. The routes, with their bodies' schemas, are in ./routes/schools.ts,
 * which hands each import the directory it works on.
 */
import type { Actor } from '#core/identity/actor';
import { isPartnershipAdministrator } from '#core/identity/actor';
import type { DirectoryInput, DirectoryLeftOut, DirectoryProblem } from '#core/schools/directory-import';
import { termCalendars } from '#core/schools/term-calendars';
import type { TermDatesProblem } from '#core/schools/term-dates-import';
import { type ApiEvent, BODY_LIMIT, parseJsonBody } from './http';
import { invalid, notPermitted } from './problem';
import { issuesFrom, json, type Result } from './responses';
import {
  importSchema,
  plural,
  type SchoolDirectory,
  type SchoolImports,
  sameForNotifications,
  termDatesImportSchema,
} from './routes/schools';

/**
 * Where in the files: `register:14`, `register.2:14` (the second register
 * file), `register:14:37` (with the column).
 */
const pathOf = (p: { file: string; fileNumber?: number; line: number; column?: number }) =>
  `${p.file}${p.fileNumber ? `.${p.fileNumber}` : ''}:${p.line}${p.column ? `:${p.column}` : ''}`;

const problemsView = (problems: DirectoryProblem[]) =>
  problems.map((p) => ({
    file: p.file,
    ...(p.fileNumber ? { fileNumber: p.fileNumber } : {}),
    line: p.line,
    ...(p.column ? { column: p.column } : {}),
    ...(p.urn ? { urn: p.urn } : {}),
    reason: p.reason,
  }));
const leftOutView = (rows: DirectoryLeftOut[]) =>
  rows.map((l) => ({
    file: l.file,
    ...(l.fileNumber ? { fileNumber: l.fileNumber } : {}),
    line: l.line,
    ...(l.urn ? { urn: l.urn } : {}),
    ...(l.name ? { name: l.name } : {}),
    reason: l.reason,
  }));

/**
 * The register and the contacts are each required, as text or as bytes (checked apart from the
 * schema, so a 400 names every field at once).
 */
function fileIssues(body: Record<string, unknown>) {
  const issues: { path: string; message: string }[] = [];
  const pairs = [
    [
      'register',
      'registerBase64',
      'the register export as CSV text (register), or its bytes base64-encoded (registerBase64)',
    ],
    [
      'contacts',
      'contactsBase64',
      'the contacts file as CSV text (contacts), or its bytes base64-encoded (contactsBase64)',
    ],
  ] as const;
  for (const [asText, asBytes, what] of pairs) {
    if (body[asText] === undefined && body[asBytes] === undefined)
      issues.push({ path: asText, message: `is required: ${what}` });
    if (body[asText] !== undefined && body[asBytes] !== undefined)
      issues.push({
        path: asBytes,
        message: `send the file once: as text (${asText}) or as bytes (${asBytes}), not both`,
      });
  }
  return issues;
}

const bytesOf = (base64: string): Uint8Array => new Uint8Array(Buffer.from(base64, 'base64'));

/** The two imports, working on the directory ./schools.ts hands them. */
export function schoolImports(directory: SchoolDirectory): SchoolImports {
  const { store, now, deps, calendarsNow, withCalendars, auditEntry } = directory;

  async function importDirectory(actor: Actor, event: ApiEvent): Promise<Result> {
    if (!isPartnershipAdministrator(actor))
      throw notPermitted(
        'school directory import: not permitted',
        'Only the partnership administrator can load the school directory',
      );
    const body = parseJsonBody(event, BODY_LIMIT.directoryImport);
    const parsed = importSchema.safeParse(body);
    const missing = fileIssues(body);
    if (!parsed.success || missing.length) {
      const issues = [...(parsed.success ? [] : issuesFrom(parsed.error.issues)), ...missing];
      const unique = issues.filter((issue, i) => issues.findIndex((other) => other.path === issue.path) === i);
      throw invalid(
        'invalidBody',
        'The import needs the register extract and the contacts file, ' +
          "each as CSV text or as the file's bytes in base64",
        unique,
      );
    }
    const { register, registerBase64, contacts, contactsBase64, partial = false } = parsed.data;
    const registers: DirectoryInput[] =
      register !== undefined
        ? [register]
        : (Array.isArray(registerBase64) ? registerBase64 : [registerBase64!]).map(bytesOf);
    const contactsFile: DirectoryInput = contacts ?? bytesOf(contactsBase64!);

    const calendars = await calendarsNow();
    // The file readers (csv-parse) load with the first import, not with this function's cold start.
    const { buildDirectory, schoolsToRemove } = await import('#core/schools/directory-import');
    const directory = buildDirectory(registers.length === 1 ? registers[0]! : registers, contactsFile, {
      partial,
      now: now(),
      knownCalendars: Object.keys(calendars),
    });
    if (!directory.loaded) {
      const count = directory.problems.length;
      throw invalid(
        'invalidRows',
        partial
          ? `A file could not be read (${plural(count, 'problem')}); nothing was loaded`
          : `${count} ${count === 1 ? 'row has a problem' : 'problems in the rows'}; nothing was loaded. ` +
              `Correct them, or send "partial": true to load the other schools and leave these out`,
        directory.problems.map((p) => ({ path: pathOf(p), message: p.reason })),
        { leftOut: leftOutView(directory.leftOut) },
      );
    }
    // What the import replaces: the schools of the local authorities its register files name, and no others.
    const storedOfAuthorities = (
      await Promise.all(directory.localAuthorityCodes.map((la) => store.listByLocalAuthority(la)))
    ).flat();
    const replacement = schoolsToRemove(directory, storedOfAuthorities);
    const stored = await store.getMany(directory.schools.map((s) => s.urn));
    // A school's own extra INSET days are set through the API, not the files: an import keeps them.
    const schools = directory.schools.map((s) => ({
      ...s,
      extraInsetDays: stored.get(s.urn)?.extraInsetDays ?? s.extraInsetDays,
    }));
    const removed = replacement.remove;
    const authorities =
      `local ${directory.localAuthorityCodes.length === 1 ? 'authority' : 'authorities'} ` +
      `${directory.localAuthorityCodes.join(', ')}`;
    let told = 0;
    if (schools.length || removed.length) {
      const partialNote = directory.problems.length
        ? ` (partial load; ${plural(directory.problems.length, 'problem')} reported)`
        : '';
      const removedNote = removed.length
        ? `; ${plural(removed.length, 'school')} of ${authorities} removed ` +
          `(${removed.map((r) => r.school.urn).join(', ')}: closed or no longer in the register)`
        : '';
      await store.saveMany(
        schools,
        auditEntry(
          actor,
          'change',
          `school directory import: ${plural(schools.length, 'school')} loaded${partialNote}${removedNote}`,
        ),
        removed.map((r) => r.school),
      );
      const changed = schools.filter((s) => {
        const before = stored.get(s.urn);
        return before !== undefined && !sameForNotifications(before, s);
      });
      told = changed.length ? ((await deps.onSchoolsChanged?.(actor, await withCalendars(changed))) ?? 0) : 0;
    }
    return json(200, {
      loaded: schools.length,
      problems: problemsView(directory.problems),
      leftOut: leftOutView(directory.leftOut),
      localAuthorityCodes: directory.localAuthorityCodes,
      removed: removed.map((r) => ({
        urn: r.school.urn,
        name: r.school.name,
        localAuthorityCode: r.school.localAuthorityCode,
        reason: r.reason,
      })),
      ...(replacement.withheld ? { removalWithheld: replacement.withheld } : {}),
      openNotificationsUpdated: told,
    });
  }

  async function importTermDates(actor: Actor, event: ApiEvent): Promise<Result> {
    if (!isPartnershipAdministrator(actor))
      throw notPermitted(
        'term dates import: not permitted',
        "Only the partnership administrator can load councils' term dates",
      );
    const body = parseJsonBody(event, BODY_LIMIT.directoryImport);
    const parsed = termDatesImportSchema.safeParse(body);
    const value = body as { text?: unknown; base64?: unknown };
    const fileMissing =
      value.text === undefined && value.base64 === undefined
        ? [{ path: 'text', message: 'is required: the file as text (text), or its bytes base64-encoded (base64)' }]
        : value.text !== undefined && value.base64 !== undefined
          ? [{ path: 'base64', message: 'send the file once: as text (text) or as bytes (base64), not both' }]
          : [];
    if (!parsed.success || fileMissing.length) {
      throw invalid('invalidBody', "The term dates import needs the calendar's id, the file's format and the file", [
        ...(parsed.success ? [] : issuesFrom(parsed.error.issues)),
        ...fileMissing,
      ]);
    }
    const { calendarId, name, format } = parsed.data;
    const existing = deps.calendars
      ? deps.calendars[calendarId]
      : ((await store.getTermCalendar(calendarId)) ??
        (Object.hasOwn(termCalendars, calendarId) ? termCalendars[calendarId] : undefined));
    if (!existing && !name)
      throw invalid('invalidBody', 'A new term calendar needs a name', [
        { path: 'name', message: `is required for a new term calendar (there is no ${calendarId} yet)` },
      ]);
    // The CSV and iCalendar readers (csv-parse, ical.js) load with the first term dates import only.
    const { termDatesFrom, withSchoolYears } = await import('#core/schools/term-dates-import');
    const read = termDatesFrom(format, parsed.data.text ?? bytesOf(parsed.data.base64!));
    const leftOut = read.leftOut.map((l) => ({ line: l.line, reason: l.reason }));
    if (read.problems.length) {
      const count = read.problems.length;
      throw invalid(
        'invalidTermDates',
        `The term dates file has ${plural(count, 'problem')}; nothing was loaded`,
        read.problems.map((p: TermDatesProblem) => ({
          path: `${format}:${p.line}${p.column ? `:${p.column}` : ''}`,
          message: p.reason,
        })),
        { leftOut },
      );
    }
    const merged = withSchoolYears(existing, calendarId, name ?? existing!.name, read.schoolYears);
    const years = read.schoolYears.map((y) => y.year);
    const at = now().toISOString();
    await store.saveTermCalendar(
      { ...merged, updatedAt: at },
      auditEntry(
        actor,
        existing ? 'change' : 'create',
        `term calendar ${calendarId} ${existing ? 'updated' : 'created'}: ` +
          `school ${years.length === 1 ? 'year' : 'years'} ${years.join(', ')} from ` +
          `${format === 'csv' ? 'a CSV file' : 'an iCalendar file'}`,
      ),
    );
    // The open notifications of the schools that follow it count their deadlines by its new dates.
    const following = await store.listFollowing(calendarId);
    const told = following.length
      ? ((await deps.onSchoolsChanged?.(
          actor,
          following.map((s) => ({
            ...s,
            termCalendar: { id: merged.id, name: merged.name, schoolYears: merged.schoolYears },
          })),
        )) ?? 0)
      : 0;
    return json(existing ? 200 : 201, {
      calendar: { id: merged.id, name: merged.name, schoolYears: merged.schoolYears },
      imported: years,
      leftOut,
      schoolsFollowing: following.length,
      openNotificationsUpdated: told,
    });
  }

  return { directory: importDirectory, termDates: importTermDates };
}
