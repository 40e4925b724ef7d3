/**
 * Administration: the school directory (the partnership administrator) and the audit by case and by
 * person (the partnership administrator; an organisation's administrator within what the API shows
 * them). Every read and change goes through the API's routes as the signed-in person, so the API
 * decides who may do what, audits it, and answers 404 for what someone may not see.
 *
 *   GET  /app/schools?la=330            the directory of a local authority
 *   GET  /app/schools/import            load the register extracts and the contacts file
 *   POST /app/schools/import            (multipart: the files' bytes, passed on as they are) problems, rows left
 *                                       out and schools removed, with their line
 *   GET  /app/schools/term-dates        the term calendars, and load a council's term dates
 *   POST /app/schools/term-dates        (multipart: a CSV or iCalendar file) problems listed with their line
 *   GET  /app/schools/{urn}             edit a school
 *   POST /app/schools/{urn}
 * The audit's pages are in ./audit.ts.
 */
import type { TermCalendar } from '#core/calendar/index';
import { SCHOOL_PHASES, type School } from '#core/schools/model';
import { type FieldIssue, issuesOf, segment } from '../api-client';
import type { PostedFile } from '../http';
import { humanise, longDate } from '../render';
import { type PageContext, type PageModule, PREFIX } from './page';

const PHASE_WORDS: Record<string, string> = {
  nursery: 'Nursery',
  primary: 'Primary',
  middle: 'Middle',
  secondary: 'Secondary',
  allThrough: 'All-through',
  special: 'Special',
  pupilReferralUnit: 'Pupil referral unit',
  sixteenPlus: '16 plus',
  notApplicable: 'Not applicable',
};

/** The local authorities the partnership's councils serve (the directory is listed by one of them). */
function localAuthorities(ctx: PageContext): { code: string; name: string }[] {
  const organisations =
    (
      ctx.deps.runtime.partnership as unknown as {
        organisations?: { kind: string; name: string; localAuthorityCode?: string }[];
      }
    ).organisations ?? [];
  return organisations
    .filter((o) => o.kind === 'council' && o.localAuthorityCode)
    .map((o) => ({ code: o.localAuthorityCode!, name: o.name }));
}

/** Field errors for the GOV.UK error summary, from the API's issues: each links to its field. */
function errorsFrom(issues: FieldIssue[], fieldId: (path: string) => string, label: (path: string) => string) {
  const list = issues.map((i) => ({ text: `${label(i.path)} ${i.message}`, href: `#${fieldId(i.path)}` }));
  const byField: Record<string, { text: string }> = {};
  for (const i of issues) byField[fieldId(i.path)] ??= { text: `${label(i.path)} ${i.message}` };
  return { list, byField };
}

/** Does a school answer a search: a part of its name, its URN, or its Key Adult's or deputy's name? */
export function matchesSchool(school: Pick<School, 'name' | 'urn' | 'keyAdult' | 'deputy'>, typed: string): boolean {
  const fold = (t: string) =>
    t.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’']/g, '').replace(/\s+/g, ' ').trim();
  const q = fold(typed);
  if (!q) return true;
  if (/^\d{6}$/.test(q)) return school.urn === q;
  return [school.name, school.keyAdult?.name, school.deputy?.name].some((t) => !!t && fold(t).includes(q));
}

// ---- school edit form: form fields <-> the API's school record ----

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/**
 * A day as an administrator types it ('15 February 2027', '15/2/2027', '2027-02-15') as the API takes it
 * (YYYY-MM-DD); anything else as typed, so the API names it.
 */
export function dayTyped(typed: string): string {
  const text = typed
    .trim()
    .toLowerCase()
    .replace(/^(mon|tues|wednes|thurs|fri|satur|sun)day\s+/, '');
  const pad = (n: string | number) => String(n).padStart(2, '0');
  const slashed = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(text);
  if (slashed) return `${slashed[3]}-${pad(slashed[2]!)}-${pad(slashed[1]!)}`;
  const worded = /^(\d{1,2})\s+([a-z]+)\s+(\d{4})$/.exec(text);
  const month = worded ? MONTH_NAMES.findIndex((m) => m.startsWith(worded[2]!.slice(0, 3))) : -1;
  if (worded && month >= 0) return `${worded[3]}-${pad(month + 1)}-${pad(worded[1]!)}`;
  return typed.trim();
}

const CONTACTS = ['keyAdult', 'deputy'] as const;
const CONTACT_FIELDS = ['name', 'email', 'phone'] as const;

type SchoolForm = Record<string, string>;

function formOfSchool(school: School): SchoolForm {
  const form: SchoolForm = {
    name: school.name,
    localAuthorityCode: school.localAuthorityCode,
    phase: school.phase,
    termCalendarId: school.termCalendarId,
    startOfDay: school.startOfDay,
    holidayCover: school.holidayCover ? 'yes' : 'no',
    extraInsetDays: school.extraInsetDays.map(longDate).join('\n'),
  };
  for (const c of CONTACTS) for (const f of CONTACT_FIELDS) form[`${c}-${f}`] = school[c]?.[f] ?? '';
  return form;
}

function schoolFromForm(form: URLSearchParams): { body: Record<string, unknown>; values: SchoolForm } {
  const values: SchoolForm = {};
  for (const key of [
    'name',
    'localAuthorityCode',
    'phase',
    'termCalendarId',
    'startOfDay',
    'holidayCover',
    'extraInsetDays',
    ...CONTACTS.flatMap((c) => CONTACT_FIELDS.map((f) => `${c}-${f}`)),
  ])
    values[key] = (form.get(key) ?? '').trim();
  const body: Record<string, unknown> = {
    name: values.name,
    localAuthorityCode: values.localAuthorityCode,
    phase: values.phase,
    termCalendarId: values.termCalendarId,
    startOfDay: values.startOfDay,
    // Left unanswered: sent as it is, so the API names the field.
    holidayCover: values.holidayCover === 'yes' ? true : values.holidayCover === 'no' ? false : values.holidayCover,
    extraInsetDays: values
      .extraInsetDays!.split(/[\n,;]+/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map(dayTyped),
  };
  for (const c of CONTACTS) {
    const contact = Object.fromEntries(CONTACT_FIELDS.map((f) => [f, values[`${c}-${f}`]!]));
    // A contact left wholly blank is no contact (the API then removes it); a part-filled one
    // is sent, so the API names what is missing.
    if (Object.values(contact).some(Boolean)) body[c] = contact;
  }
  return { body, values };
}

const SCHOOL_LABELS: Record<string, string> = {
  name: 'Name',
  localAuthorityCode: 'Local authority code',
  phase: 'Phase',
  termCalendarId: 'Term calendar',
  startOfDay: 'Start of the school day',
  holidayCover: 'Holiday cover',
  extraInsetDays: 'Extra INSET days',
  'keyAdult-name': "Key Adult's name",
  'keyAdult-email': "Key Adult's email",
  'keyAdult-phone': "Key Adult's phone",
  'deputy-name': "Deputy's name",
  'deputy-email': "Deputy's email",
  'deputy-phone': "Deputy's phone",
};
/** 'keyAdult.email' → 'keyAdult-email'; 'extraInsetDays.2' → 'extraInsetDays'. */
const schoolFieldId = (path: string) => {
  const [first, second] = path.split('.');
  if (first === 'keyAdult' || first === 'deputy')
    return second && CONTACT_FIELDS.includes(second as never) ? `${first}-${second}` : `${first}-name`;
  return first ?? path;
};
const schoolLabel = (path: string) => SCHOOL_LABELS[schoolFieldId(path)] ?? humanise(path);

type CalendarView = TermCalendar & { source: 'shipped' | 'imported'; updatedAt?: string };

/** The term calendars a school may follow, as the API lists them (shipped and imported). */
async function calendarsOf(ctx: PageContext): Promise<CalendarView[]> {
  const answer = await ctx.api.get<{ calendars: CalendarView[] }>('/term-calendars');
  return answer.status === 200 ? answer.body.calendars : [];
}

async function schoolPage(
  ctx: PageContext,
  urn: string,
  values: SchoolForm,
  errors?: ReturnType<typeof errorsFrom>,
  status = 200,
) {
  const calendars = await calendarsOf(ctx);
  return ctx.render(
    'admin/school.njk',
    {
      title: `${values.name || `School ${urn}`}: directory entry`,
      backLink: `${PREFIX}/schools?la=${encodeURIComponent(values.localAuthorityCode ?? '')}`,
      urn,
      values,
      phases: SCHOOL_PHASES.map((p) => ({ value: p, text: PHASE_WORDS[p] ?? p, selected: values.phase === p })),
      calendars: calendars.map((c) => ({
        value: c.id,
        text: c.name,
        selected: values.termCalendarId === c.id,
      })),
      ...(errors ? { errors, fieldErrors: errors.byField } : { fieldErrors: {} }),
    },
    status,
  );
}

// ---- the directory import and term dates ----

interface ImportPlace {
  file: string;
  fileNumber?: number;
  line: number;
  column?: number;
  urn?: string;
  name?: string;
  reason: string;
}

interface ImportAnswer {
  loaded: number;
  problems: ImportPlace[];
  leftOut?: ImportPlace[];
  removed?: { urn: string; name: string; localAuthorityCode: string; reason: string }[];
  removalWithheld?: string;
  localAuthorityCodes?: string[];
  openNotificationsUpdated?: number;
}

const base64Of = (file: PostedFile) => Buffer.from(file.bytes).toString('base64');

/** The term calendars with their school years, and the form to load a council's term dates. */
async function termDatesPage(
  ctx: PageContext,
  data: {
    values?: Record<string, string>;
    errors?: { text: string; href: string }[];
    fieldErrors?: Record<string, { text: string }>;
    problems?: { line: string; reason: string }[];
    leftOut?: { line: string; reason: string }[];
    fileName?: string;
  },
  status = 200,
) {
  const calendars = (await calendarsOf(ctx)).map((c) => ({
    id: c.id,
    name: c.name,
    source:
      c.source === 'imported' ? `Loaded ${c.updatedAt ? formatDay(c.updatedAt) : ''}`.trim() : 'Shipped with RightTime',
    years:
      c.schoolYears
        .map(
          (y) =>
            `${y.year}: ${y.terms.length} ${y.terms.length === 1 ? 'term' : 'terms'}, ` +
            `${y.insetDays.length} INSET ${y.insetDays.length === 1 ? 'day' : 'days'}`,
        )
        .join('; ') || 'No school years yet',
  }));
  return ctx.render(
    'admin/term-dates.njk',
    {
      title: 'Term dates',
      backLink: `${PREFIX}/schools`,
      calendars,
      values: data.values ?? {},
      fieldErrors: data.fieldErrors ?? {},
      problems: data.problems ?? [],
      leftOut: data.leftOut ?? [],
      fileName: data.fileName,
      ...(data.errors?.length
        ? { errors: { list: data.errors }, fileError: data.errors.find((e) => e.href === '#file') }
        : {}),
    },
    status,
  );
}

const formatDay = (iso: string) =>
  new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  });

export const administrationPages: PageModule = () => [
  {
    method: 'GET',
    path: '/schools',
    access: ['partnership-administrator'],
    nav: {
      text: 'School directory',
      order: 90,
      description: 'Schools, their Key Adults, start of day and term dates; load the register and contacts files',
    },
    async handle(ctx) {
      const authorities = localAuthorities(ctx);
      const la = ctx.query.get('la') || authorities[0]?.code || '';
      const answer = await ctx.api.get<{ schools: School[] }>('/schools', { la });
      if (answer.status === 400) {
        const problem = issuesOf(answer);
        return ctx.render(
          'admin/schools.njk',
          {
            title: 'School directory',
            authorities,
            la,
            schools: [],
            errors: {
              list: [{ text: `Local authority code ${problem?.issues[0]?.message ?? 'is not valid'}`, href: '#la' }],
            },
            laError: { text: `Local authority code ${problem?.issues[0]?.message ?? 'is not valid'}` },
          },
          400,
        );
      }
      if (answer.status !== 200) return ctx.problem(answer);
      // Find a school by its name (a part of it), its URN or its Key Adult's or deputy's name.
      const q = (ctx.query.get('q') ?? '').trim();
      const schools = [...answer.body.schools]
        .filter((s) => !q || matchesSchool(s, q))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((s) => ({ ...s, phaseText: PHASE_WORDS[s.phase] ?? s.phase }));
      return ctx.render('admin/schools.njk', {
        title: 'School directory',
        authorities,
        la,
        q,
        schools,
        total: answer.body.schools.length,
      });
    },
  },
  {
    method: 'GET',
    path: '/schools/import',
    access: ['partnership-administrator'],
    handle: async (ctx) =>
      ctx.render('admin/import.njk', { title: 'Load the school directory', backLink: `${PREFIX}/schools` }),
  },
  {
    method: 'POST',
    path: '/schools/import',
    access: ['partnership-administrator'],
    async handle(ctx) {
      // The files' bytes go to the API as they are (base64): the register is Windows-1252, and only the
      // import knows how to read it. A form posted without files (text fields) is sent as text.
      const registerFiles = ctx.files.get('register') ?? [];
      const contactsFile = ctx.files.get('contacts')?.[0];
      const registerText = ctx.form.get('register') ?? '';
      const contactsText = ctx.form.get('contacts') ?? '';
      const partial = ctx.form.get('partial') === 'yes';
      const view = { title: 'Load the school directory', backLink: `${PREFIX}/schools`, partial };
      const missing = [
        ...(registerFiles.some((f) => f.bytes.length) || registerText.trim()
          ? []
          : [{ text: 'Choose the register export (a CSV file)', href: '#register' }]),
        ...(contactsFile?.bytes.length || contactsText.trim()
          ? []
          : [{ text: 'Choose the contacts file (a CSV file)', href: '#contacts' }]),
      ];
      if (missing.length) {
        return ctx.render(
          'admin/import.njk',
          {
            ...view,
            errors: { list: missing },
            registerError: missing.find((m) => m.href === '#register'),
            contactsError: missing.find((m) => m.href === '#contacts'),
          },
          400,
        );
      }
      const registers = registerFiles.filter((f) => f.bytes.length);
      const body = {
        ...(registers.length
          ? { registerBase64: registers.length === 1 ? base64Of(registers[0]!) : registers.map(base64Of) }
          : { register: registerText }),
        ...(contactsFile?.bytes.length ? { contactsBase64: base64Of(contactsFile) } : { contacts: contactsText }),
        partial,
      };
      // Each place in the files: with several register exports, which one (by its file's own name).
      const nameOfRegister = (n: number) => (registers[n - 1]?.name ? ` (${registers[n - 1]!.name})` : '');
      const fileName = (file: string, fileNumber?: number) =>
        file === 'contacts'
          ? 'Contacts file'
          : registers.length > 1
            ? `Register export ${fileNumber ?? 1}${nameOfRegister(fileNumber ?? 1)}`
            : 'Register export';
      const rowsOf = (list: ImportPlace[]) =>
        list.map((p) => ({
          file: fileName(p.file, p.fileNumber),
          line: String(p.line),
          urn: p.urn ?? '',
          name: p.name ?? '',
          reason: `${p.column ? `(character ${p.column}) ` : ''}${p.reason}`,
        }));
      const answer = await ctx.api.post<ImportAnswer>('/schools/import', body);
      if (answer.status === 400) {
        const refusal = issuesOf(answer)!;
        // Each problem is "file:line" (or "register.2:line:column") and its reason:
        // shown as a table with the line to correct.
        const problems = refusal.issues.map((i) => {
          const m = /^(register|contacts)(?:\.(\d+))?:(\d+)(?::(\d+))?$/.exec(i.path);
          return m
            ? {
                file: m[1]!,
                ...(m[2] ? { fileNumber: Number(m[2]) } : {}),
                line: Number(m[3]),
                ...(m[4] ? { column: Number(m[4]) } : {}),
                reason: i.message,
              }
            : { file: humanise(i.path), line: 0, reason: i.message };
        });
        // The API's words speak to API clients ("partial": true); the page says it in its own terms.
        const message =
          refusal.code === 'invalidRows' && !partial
            ? `${problems.length === 1 ? '1 row has a problem' : `${problems.length} rows have problems`}; ` +
              `nothing was loaded. Correct the files and load them again, ` +
              `or choose to load the other schools and leave these rows out`
            : refusal.message;
        const leftOut = ((answer.body as unknown as { leftOut?: ImportPlace[] }).leftOut ?? []) as ImportPlace[];
        return ctx.render(
          'admin/import.njk',
          {
            ...view,
            problems: rowsOf(problems as ImportPlace[]),
            leftOut: rowsOf(leftOut),
            refusal: message,
            errors: { list: [{ text: message, href: '#problems' }] },
          },
          400,
        );
      }
      if (answer.status !== 200) return ctx.problem(answer);
      const {
        loaded,
        problems,
        leftOut = [],
        removed = [],
        removalWithheld,
        localAuthorityCodes = [],
        openNotificationsUpdated = 0,
      } = answer.body;
      const leftOutText = problems.length
        ? `; ${problems.length} ${problems.length === 1 ? 'row was' : 'rows were'} left out`
        : '';
      const removedText = removed.length
        ? `; ${removed.length} ${removed.length === 1 ? 'school was' : 'schools were'} removed`
        : '';
      const told = openNotificationsUpdated
        ? `; ${openNotificationsUpdated} open ` +
          `${openNotificationsUpdated === 1 ? 'notification follows' : 'notifications follow'} the changes`
        : '';
      const authorities = localAuthorityCodes.length
        ? ` (local ${localAuthorityCodes.length === 1 ? 'authority' : 'authorities'} ${localAuthorityCodes.join(', ')})`
        : '';
      const loadedMessage =
        `${loaded} ${loaded === 1 ? 'school' : 'schools'} ` +
        `loaded${leftOutText}${removedText}${told}${authorities}.`;
      if (problems.length || leftOut.length || removed.length || removalWithheld) {
        return ctx.render('admin/import.njk', {
          title: 'Load the school directory',
          backLink: `${PREFIX}/schools`,
          loadedMessage,
          problems: rowsOf(problems),
          leftOut: rowsOf(leftOut),
          removed: removed.map((r) => ({ urn: r.urn, name: r.name, la: r.localAuthorityCode, reason: r.reason })),
          removalWithheld,
          la: localAuthorityCodes[0],
        });
      }
      return ctx.redirect(
        `${PREFIX}/schools${localAuthorityCodes[0] ? `?la=${encodeURIComponent(localAuthorityCodes[0])}` : ''}`,
        loadedMessage,
      );
    },
  },
  {
    method: 'GET',
    path: '/schools/term-dates',
    access: ['partnership-administrator'],
    async handle(ctx) {
      return termDatesPage(ctx, {});
    },
  },
  {
    method: 'POST',
    path: '/schools/term-dates',
    access: ['partnership-administrator'],
    async handle(ctx) {
      const file = ctx.files.get('file')?.[0];
      const values = {
        calendarId: (ctx.form.get('calendarId') ?? '').trim(),
        name: (ctx.form.get('name') ?? '').trim(),
      };
      const errors: { text: string; href: string }[] = [];
      if (!values.calendarId)
        errors.push({ text: 'Enter the term calendar the dates are for, for example la-331', href: '#calendarId' });
      if (!file?.bytes.length)
        errors.push({ text: "Choose the council's term dates file (CSV or iCalendar .ics)", href: '#file' });
      if (errors.length) return termDatesPage(ctx, { values, errors }, 400);
      // The format by the file's name, else by what it starts with (an iCalendar file says so on its first line).
      const format =
        /\.(ics|ical|ifb|icalendar)$/i.test(file!.name) ||
        /^\s*(\uFEFF)?BEGIN:VCALENDAR/i.test(Buffer.from(file!.bytes.subarray(0, 64)).toString('latin1'))
          ? 'ics'
          : 'csv';
      const answer = await ctx.api.post<{
        calendar: TermCalendar;
        imported: string[];
        schoolsFollowing: number;
        openNotificationsUpdated: number;
        leftOut: { line: number; reason: string }[];
      }>('/term-calendars/import', {
        calendarId: values.calendarId,
        ...(values.name ? { name: values.name } : {}),
        format,
        base64: base64Of(file!),
      });
      if (answer.status === 400) {
        const refusal = issuesOf(answer)!;
        const fieldOf: Record<string, string> = { calendarId: '#calendarId', name: '#name' };
        const lines = refusal.issues
          .filter((i) => /^(csv|ics):\d+/.test(i.path))
          .map((i) => ({
            line: i.path.split(':')[1]!,
            reason: `${i.path.split(':')[2] ? `(character ${i.path.split(':')[2]}) ` : ''}${i.message}`,
          }));
        const fields = refusal.issues.filter((i) => !/^(csv|ics):\d+/.test(i.path));
        const fieldLabel = (path: string) =>
          path === 'calendarId' ? 'Term calendar' : path === 'name' ? 'Name' : humanise(path);
        const list = [
          ...fields.map((i) => ({
            text: `${fieldLabel(i.path)} ${i.message}`,
            href: fieldOf[i.path] ?? '#file',
          })),
          ...(lines.length ? [{ text: `${file!.name}: ${refusal.message}`, href: '#problems' }] : []),
        ];
        const fieldErrors = Object.fromEntries(
          fields
            .filter((i) => fieldOf[i.path])
            .map((i) => [i.path, { text: `${i.path === 'calendarId' ? 'Term calendar' : 'Name'} ${i.message}` }]),
        );
        const leftOut = (
          (answer.body as unknown as { leftOut?: { line: number; reason: string }[] }).leftOut ?? []
        ).map((l) => ({ line: String(l.line), reason: l.reason }));
        return termDatesPage(
          ctx,
          { values, errors: list, fieldErrors, problems: lines, leftOut, fileName: file!.name },
          400,
        );
      }
      if (answer.status !== 200 && answer.status !== 201) return ctx.problem(answer);
      const { calendar, imported, schoolsFollowing, openNotificationsUpdated, leftOut } = answer.body;
      const told = openNotificationsUpdated
        ? `; ${openNotificationsUpdated} open ` +
          `${openNotificationsUpdated === 1 ? 'notification follows' : 'notifications follow'} the new dates`
        : '';
      const following = ` ${schoolsFollowing} ${schoolsFollowing === 1 ? 'school follows' : 'schools follow'} it`;
      const leftOutText = leftOut.length
        ? `; ${leftOut.length} ${leftOut.length === 1 ? 'entry' : 'entries'} left out (bank holidays)`
        : '';
      return ctx.redirect(
        `${PREFIX}/schools/term-dates`,
        `${calendar.name}: school ${imported.length === 1 ? 'year' : 'years'} ` +
          `${imported.join(', ')} loaded from ${file!.name}${leftOutText};${following}${told}.`,
      );
    },
  },
  {
    method: 'GET',
    path: '/schools/{urn}',
    access: ['partnership-administrator'],
    async handle(ctx) {
      const urn = ctx.params.urn!;
      const answer = await ctx.api.get<School>(`/schools/${segment(urn)}`);
      if (answer.status !== 200) return ctx.problem(answer);
      return schoolPage(ctx, urn, formOfSchool(answer.body));
    },
  },
  {
    method: 'POST',
    path: '/schools/{urn}',
    access: ['partnership-administrator'],
    async handle(ctx) {
      const urn = ctx.params.urn!;
      const { body, values } = schoolFromForm(ctx.form);
      const answer = await ctx.api.put<School>(`/schools/${segment(urn)}`, body);
      if (answer.status === 400 && issuesOf(answer)?.issues.length) {
        return schoolPage(ctx, urn, values, errorsFrom(issuesOf(answer)!.issues, schoolFieldId, schoolLabel), 400);
      }
      if (answer.status !== 200 && answer.status !== 201) return ctx.problem(answer);
      return ctx.redirect(
        `${PREFIX}/schools?la=${encodeURIComponent(answer.body.localAuthorityCode)}`,
        `${answer.body.name}: directory entry saved.`,
      );
    },
  },
];
