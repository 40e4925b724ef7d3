/**
 * Administration: the school directory (the partnership administrator) and the audit by case and by
 * person (the partnership administrator; an organisation's administrator within what the API shows
 * them). Every read and change goes through the API's routes as the signed-in person, so the API
 * decides who may do what, audits it, and answers 404 for what someone may not see.
 *
 *   GET  /app/schools?la=330            the directory of a local authority
 *   GET  /app/schools/import            load the register export and the contacts file
 *   POST /app/schools/import            (multipart: two CSV files) problems listed with their line
 *   GET  /app/schools/{urn}             edit a school
 *   POST /app/schools/{urn}
 *   GET  /app/audit                     find the audit of a case or a person
 *   GET  /app/audit/case?caseId=…       who read or changed a case
 *   GET  /app/audit/person?actor=…      what a person read or changed
 */
import { SCHOOL_PHASES, type School } from '#core/schools/model';
import { termCalendars } from '#core/schools/term-calendars';
import type { PageContext, PageModule } from '../app';
import { segment, issuesOf, type FieldIssue } from '../api-client';
import { humanise } from '../render';
import { roleText } from '../words';

const PREFIX = '/app';

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

const ACTION_WORDS: Record<string, string> = { read: 'Read', create: 'Created', change: 'Changed', refused: 'Refused' };

/** The local authorities the partnership's councils serve (the directory is listed by one of them). */
function localAuthorities(ctx: PageContext): { code: string; name: string }[] {
  const organisations = (ctx.deps.runtime.partnership as unknown as { organisations?: { kind: string; name: string; localAuthorityCode?: string }[] }).organisations ?? [];
  return organisations.filter((o) => o.kind === 'council' && o.localAuthorityCode).map((o) => ({ code: o.localAuthorityCode!, name: o.name }));
}

/** Field errors for the GOV.UK error summary, from the API's issues: each links to its field. */
function errorsFrom(issues: FieldIssue[], fieldId: (path: string) => string, label: (path: string) => string) {
  const list = issues.map((i) => ({ text: `${label(i.path)} ${i.message}`, href: `#${fieldId(i.path)}` }));
  const byField: Record<string, { text: string }> = {};
  for (const i of issues) byField[fieldId(i.path)] ??= { text: `${label(i.path)} ${i.message}` };
  return { list, byField };
}

// ---- school edit form: form fields <-> the API's school record ----

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
    extraInsetDays: school.extraInsetDays.join('\n'),
  };
  for (const c of CONTACTS) for (const f of CONTACT_FIELDS) form[`${c}-${f}`] = school[c]?.[f] ?? '';
  return form;
}

function schoolFromForm(form: URLSearchParams): { body: Record<string, unknown>; values: SchoolForm } {
  const values: SchoolForm = {};
  for (const key of ['name', 'localAuthorityCode', 'phase', 'termCalendarId', 'startOfDay', 'holidayCover', 'extraInsetDays', ...CONTACTS.flatMap((c) => CONTACT_FIELDS.map((f) => `${c}-${f}`))]) values[key] = (form.get(key) ?? '').trim();
  const body: Record<string, unknown> = {
    name: values.name,
    localAuthorityCode: values.localAuthorityCode,
    phase: values.phase,
    termCalendarId: values.termCalendarId,
    startOfDay: values.startOfDay,
    // Left unanswered: sent as it is, so the API names the field.
    holidayCover: values.holidayCover === 'yes' ? true : values.holidayCover === 'no' ? false : values.holidayCover,
    extraInsetDays: values.extraInsetDays!.split(/[\s,]+/).filter(Boolean),
  };
  for (const c of CONTACTS) {
    const contact = Object.fromEntries(CONTACT_FIELDS.map((f) => [f, values[`${c}-${f}`]!]));
    // A contact left wholly blank is no contact (the API then removes it); a part-filled one is sent, so the API names what is missing.
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
  if (first === 'keyAdult' || first === 'deputy') return second && CONTACT_FIELDS.includes(second as never) ? `${first}-${second}` : `${first}-name`;
  return first ?? path;
};
const schoolLabel = (path: string) => SCHOOL_LABELS[schoolFieldId(path)] ?? humanise(path);

function schoolPage(ctx: PageContext, urn: string, values: SchoolForm, errors?: ReturnType<typeof errorsFrom>, status = 200) {
  return ctx.render(
    'admin/school.njk',
    {
      title: `${values.name || `School ${urn}`}: directory entry`,
      backLink: `${PREFIX}/schools?la=${encodeURIComponent(values.localAuthorityCode ?? '')}`,
      urn,
      values,
      phases: SCHOOL_PHASES.map((p) => ({ value: p, text: PHASE_WORDS[p] ?? p, selected: values.phase === p })),
      calendars: Object.values(termCalendars).map((c) => ({ value: c.id, text: c.name, selected: values.termCalendarId === c.id })),
      ...(errors ? { errors, fieldErrors: errors.byField } : { fieldErrors: {} }),
    },
    status,
  );
}

// ---- audit ----

interface AuditEntryView {
  at: string;
  actor: { userId: string; role: string; organisation: string };
  action: string;
  caseId?: string;
  what: string;
}

const auditRows = (entries: AuditEntryView[]) =>
  [...entries]
    .sort((a, b) => b.at.localeCompare(a.at))
    .map((e) => ({ at: e.at, userId: e.actor.userId, role: roleText(e.actor.role), organisation: e.actor.organisation, action: ACTION_WORDS[e.action] ?? e.action, caseId: e.caseId ?? '', what: e.what }));

export const administrationPages: PageModule = () => [
  {
    method: 'GET',
    path: '/schools',
    access: ['partnership-administrator'],
    nav: { text: 'School directory', order: 90, description: 'Schools, their Key Adults, start of day and term dates; load the register and contacts files' },
    async handle(ctx) {
      const authorities = localAuthorities(ctx);
      const la = ctx.query.get('la') || authorities[0]?.code || '';
      const answer = await ctx.api.get<{ schools: School[] }>('/schools', { la });
      if (answer.status === 400) {
        const problem = issuesOf(answer);
        return ctx.render('admin/schools.njk', { title: 'School directory', authorities, la, schools: [], errors: { list: [{ text: `Local authority code ${problem?.issues[0]?.message ?? 'is not valid'}`, href: '#la' }] }, laError: { text: `Local authority code ${problem?.issues[0]?.message ?? 'is not valid'}` } }, 400);
      }
      if (answer.status !== 200) return ctx.problem(answer);
      const schools = [...answer.body.schools].sort((a, b) => a.name.localeCompare(b.name)).map((s) => ({ ...s, phaseText: PHASE_WORDS[s.phase] ?? s.phase }));
      return ctx.render('admin/schools.njk', { title: 'School directory', authorities, la, schools });
    },
  },
  {
    method: 'GET',
    path: '/schools/import',
    access: ['partnership-administrator'],
    handle: async (ctx) => ctx.render('admin/import.njk', { title: 'Load the school directory', backLink: `${PREFIX}/schools` }),
  },
  {
    method: 'POST',
    path: '/schools/import',
    access: ['partnership-administrator'],
    async handle(ctx) {
      const register = ctx.form.get('register') ?? '';
      const contacts = ctx.form.get('contacts') ?? '';
      const partial = ctx.form.get('partial') === 'yes';
      const missing = [
        ...(register.trim() ? [] : [{ text: 'Choose the register export (a CSV file)', href: '#register' }]),
        ...(contacts.trim() ? [] : [{ text: 'Choose the contacts file (a CSV file)', href: '#contacts' }]),
      ];
      if (missing.length) {
        return ctx.render('admin/import.njk', { title: 'Load the school directory', backLink: `${PREFIX}/schools`, partial, errors: { list: missing }, registerError: missing.find((m) => m.href === '#register'), contactsError: missing.find((m) => m.href === '#contacts') }, 400);
      }
      const answer = await ctx.api.post<{ loaded: number; problems: { file: string; line: number; urn?: string; reason: string }[]; openNotificationsUpdated?: number }>('/schools/import', { register, contacts, partial });
      if (answer.status === 400) {
        const refusal = issuesOf(answer)!;
        // Each problem is "file:line" and its reason: shown as a table with the line to correct.
        const problems = refusal.issues.map((i) => {
          const [file, line] = i.path.split(':');
          return { file: file === 'register' ? 'Register export' : file === 'contacts' ? 'Contacts file' : humanise(file ?? ''), line: line ?? '', reason: i.message };
        });
        // The API's words speak to API clients ("partial": true); the page says it in its own terms.
        const message = refusal.code === 'invalidRows' && !partial ? `${problems.length === 1 ? '1 row has a problem' : `${problems.length} rows have problems`}; nothing was loaded. Correct the files and load them again, or choose to load the other schools and leave these rows out` : refusal.message;
        return ctx.render('admin/import.njk', { title: 'Load the school directory', backLink: `${PREFIX}/schools`, partial, problems, refusal: message, errors: { list: [{ text: message, href: '#problems' }] } }, 400);
      }
      if (answer.status !== 200) return ctx.problem(answer);
      const { loaded, problems, openNotificationsUpdated = 0 } = answer.body;
      const leftOut = problems.length ? `; ${problems.length} ${problems.length === 1 ? 'row was' : 'rows were'} left out` : '';
      const told = openNotificationsUpdated ? `; ${openNotificationsUpdated} open ${openNotificationsUpdated === 1 ? 'notification follows' : 'notifications follow'} the changes` : '';
      if (problems.length) {
        return ctx.render('admin/import.njk', {
          title: 'Load the school directory',
          backLink: `${PREFIX}/schools`,
          loadedMessage: `${loaded} ${loaded === 1 ? 'school' : 'schools'} loaded${leftOut}${told}.`,
          problems: problems.map((p) => ({ file: p.file === 'register' ? 'Register export' : 'Contacts file', line: String(p.line), reason: p.reason })),
        });
      }
      return ctx.redirect(`${PREFIX}/schools`, `${loaded} ${loaded === 1 ? 'school' : 'schools'} loaded${told}.`);
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
      return ctx.redirect(`${PREFIX}/schools?la=${encodeURIComponent(answer.body.localAuthorityCode)}`, `${answer.body.name}: directory entry saved.`);
    },
  },
  {
    method: 'GET',
    path: '/audit',
    access: ['partnership-administrator', 'administrator'],
    nav: { text: 'Audit', order: 95, description: 'Who read or changed a case, and what a person read or changed' },
    handle: async (ctx) => ctx.render('admin/audit.njk', { title: 'Audit' }),
  },
  {
    method: 'GET',
    path: '/audit/case',
    access: ['partnership-administrator', 'administrator'],
    async handle(ctx) {
      const caseId = (ctx.query.get('caseId') ?? '').trim().toLowerCase();
      const refused = (text: string, status: number) => ctx.render('admin/audit.njk', { title: 'Audit', caseId, errors: { list: [{ text, href: '#caseId' }] }, caseIdError: { text } }, status);
      if (!caseId) return refused('Enter a case code', 400);
      const answer = await ctx.api.get<{ caseId: string; audit: AuditEntryView[] }>(`/cases/${segment(caseId)}/audit`);
      if (answer.status === 400) return refused('Enter a case code like iha-7k3f-9q2m', 400);
      // What you may not see answers exactly as what does not exist.
      if (answer.status === 404) return refused(`There is no case ${caseId} whose audit you can see`, 404);
      if (answer.status !== 200) return ctx.problem(answer);
      return ctx.render('admin/audit-trail.njk', { title: `Audit of case ${caseId}`, heading: `Who read or changed case ${caseId}`, backLink: `${PREFIX}/audit`, rows: auditRows(answer.body.audit), showCase: false });
    },
  },
  {
    method: 'GET',
    path: '/audit/person',
    access: ['partnership-administrator', 'administrator'],
    async handle(ctx) {
      const actor = (ctx.query.get('actor') ?? '').trim();
      if (!actor) return ctx.render('admin/audit.njk', { title: 'Audit', errors: { list: [{ text: "Enter the person's user ID", href: '#actor' }] }, actorError: { text: "Enter the person's user ID" } }, 400);
      const answer = await ctx.api.get<{ actor: string; audit: AuditEntryView[] }>('/audit', { actor });
      if (answer.status !== 200) return ctx.problem(answer);
      return ctx.render('admin/audit-trail.njk', { title: `Audit of ${actor}`, heading: `What ${actor} read or changed`, backLink: `${PREFIX}/audit`, rows: auditRows(answer.body.audit), showCase: true, empty: ctx.user.role === 'administrator' ? `Nothing recorded for ${actor} within ${ctx.user.organisation}.` : `Nothing recorded for ${actor}.` });
    },
  },
];
