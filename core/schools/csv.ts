/**
 * The school directory from two CSV files: the national schools register export (Get Information about
 * Schools: URN, EstablishmentName, LA (code), PhaseOfEducation (name), and many columns we ignore) and a
 * contacts file naming each school's Operation Encompass Key Adult and deputy. Every bad row is reported
 * with its file, line and reason; nothing here writes anything.
 */
import * as z from 'zod';
import { normaliseText } from '../schema';
import { isUrn, type Contact, type School, type SchoolPhase } from './model';
import { localAuthorityCalendarId, termCalendars } from './term-calendars';

// ---------------------------------------------------------------------------------------------------
// RFC 4180 CSV

export interface CsvRecord {
  /** The 1-based line of the file the record starts on (a quoted newline makes a record span lines). */
  line: number;
  fields: string[];
  /** Set when the record is not well-formed CSV (a quote not closed, text after a closing quote). */
  malformed?: string;
}

/**
 * Parse CSV text (RFC 4180): fields separated by commas, records by CRLF (LF or CR alone are accepted
 * too); a field in double quotes may hold commas, line breaks and doubled quotes (""). A leading byte
 * order mark is dropped, and empty lines (such as the blank line at the end of a file) make no record.
 * A quote inside an unquoted field is kept as it is. Never throws: a malformed record says why.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let line = 1;
  let fields: string[] = [];
  let field = '';
  let recordLine = 1;
  let quoted = false; // inside a quoted field
  let wasQuoted = false; // the current field was quoted (and its closing quote seen)
  let started = false; // the current record has any character
  let malformed: string | undefined;

  const endField = () => {
    fields.push(field);
    field = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    if (started) records.push({ line: recordLine, fields, ...(malformed ? { malformed } : {}) });
    fields = [];
    started = false;
    malformed = undefined;
  };

  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (!started) {
      recordLine = line;
    }
    if (quoted) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          wasQuoted = true;
        }
      } else {
        if (c === '\n' || (c === '\r' && input[i + 1] !== '\n')) line++;
        field += c;
      }
      continue;
    }
    if (c === ',') {
      started = true;
      endField();
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      endRecord();
      line++;
    } else if (c === '"' && field === '' && !wasQuoted) {
      started = true;
      quoted = true;
    } else {
      started = true;
      if (wasQuoted) malformed ??= `text after the closing quote of field ${fields.length + 1}`;
      field += c;
    }
  }
  if (quoted) malformed ??= `a quoted field opened on this line is not closed before the end of the file`;
  endRecord();
  return records;
}

// ---------------------------------------------------------------------------------------------------
// The two files

export type DirectoryFile = 'register' | 'contacts';

export interface DirectoryProblem {
  file: DirectoryFile;
  /** 1-based line in that file (the header is line 1). */
  line: number;
  urn?: string;
  reason: string;
}

/** GIAS `PhaseOfEducation (name)` values and the phase each means here. */
export const GIAS_PHASES: Readonly<Record<string, SchoolPhase>> = {
  'Nursery': 'nursery',
  'Primary': 'primary',
  'Middle deemed primary': 'middle',
  'Middle deemed secondary': 'middle',
  'Secondary': 'secondary',
  'All-through': 'allThrough',
  '16 plus': 'sixteenPlus',
  'Not applicable': 'notApplicable',
};

export const REGISTER_COLUMNS = { urn: 'URN', name: 'EstablishmentName', localAuthorityCode: 'LA (code)', phase: 'PhaseOfEducation (name)' } as const;

export const CONTACTS_COLUMNS = [
  'URN',
  'KeyAdultName',
  'KeyAdultEmail',
  'KeyAdultPhone',
  'DeputyName',
  'DeputyEmail',
  'DeputyPhone',
  'TermCalendar',
  'StartOfDay',
  'HolidayCover',
] as const;
type ContactsColumn = (typeof CONTACTS_COLUMNS)[number];

export const NO_KEY_ADULT = 'no Operation Encompass Key Adult named';

const emailSchema = z.email();
/** Names of schools and people: one line, normalised (NFC, trimmed), something visible. */
const NAME_MAX = 200;
/** A UK phone number: digits and spaces, starting 0 (10 or 11 digits) or +44 (then 9 or 10 digits). */
export function isUkPhone(value: string): boolean {
  if (!/^\+?[\d ]+$/.test(value)) return false;
  const compact = value.replace(/ /g, '');
  return /^0\d{9,10}$/.test(compact) || /^\+44\d{9,10}$/.test(compact);
}
/** 'HH:MM', 24-hour clock. */
export const isTimeOfDay = (value: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(value);

interface Table<C extends string> {
  ok: boolean;
  rows: { line: number; cells: Record<C, string> }[];
  problems: DirectoryProblem[];
}

/**
 * The records of a file under its header (line 1), by the columns we need; other columns are ignored.
 * Rows whose every field is blank are skipped (spreadsheets leave them). A missing column or an empty
 * file makes the whole file unusable (`ok` false).
 */
function readTable<C extends string>(file: DirectoryFile, text: string, columns: readonly C[]): Table<C> {
  const problems: DirectoryProblem[] = [];
  const records = parseCsv(text);
  const header = records[0];
  if (!header) return { ok: false, rows: [], problems: [{ file, line: 1, reason: `the ${file} file is empty: expected a header line naming ${columns.join(', ')}` }] };
  if (header.malformed) return { ok: false, rows: [], problems: [{ file, line: header.line, reason: `the header line is not valid CSV: ${header.malformed}` }] };
  const names = header.fields.map((f) => f.trim());
  const index = {} as Record<C, number>;
  const missing: string[] = [];
  for (const column of columns) {
    const found = names.indexOf(column);
    if (found < 0) missing.push(column);
    if (names.lastIndexOf(column) !== found) problems.push({ file, line: header.line, reason: `the header names column ${column} twice` });
    index[column] = found;
  }
  if (missing.length) problems.push({ file, line: header.line, reason: `the header has no column ${missing.join(', ')} (columns are matched exactly, e.g. ${columns.map((c) => `'${c}'`).join(', ')})` });
  if (problems.length) return { ok: false, rows: [], problems };

  const rows: Table<C>['rows'] = [];
  for (const record of records.slice(1)) {
    if (record.fields.every((f) => f.trim() === '')) continue;
    const urnCell = record.fields[index[columns[0]!]]?.trim();
    const urn = urnCell && isUrn(urnCell) ? { urn: urnCell } : {};
    if (record.malformed) {
      problems.push({ file, line: record.line, ...urn, reason: `not valid CSV: ${record.malformed}` });
      continue;
    }
    if (record.fields.length !== header.fields.length) {
      problems.push({ file, line: record.line, ...urn, reason: `has ${record.fields.length} fields but the header has ${header.fields.length}` });
      continue;
    }
    const cells = {} as Record<C, string>;
    for (const column of columns) cells[column] = (record.fields[index[column]] ?? '').trim();
    rows.push({ line: record.line, cells });
  }
  return { ok: true, rows, problems };
}

/** Rows sharing a URN: all are refused, since nobody can tell which one is right. */
function refuseDuplicates<R extends { line: number; urn: string }>(file: DirectoryFile, rows: R[], problems: DirectoryProblem[]): R[] {
  const lines = new Map<string, number[]>();
  for (const row of rows) lines.set(row.urn, [...(lines.get(row.urn) ?? []), row.line]);
  return rows.filter((row) => {
    const on = lines.get(row.urn)!;
    if (on.length === 1) return true;
    problems.push({ file, line: row.line, urn: row.urn, reason: `duplicate URN ${row.urn} (on lines ${on.join(', ')}); none of these rows was loaded` });
    return false;
  });
}

export interface RegisterRow {
  line: number;
  urn: string;
  name: string;
  localAuthorityCode: string;
  phase: SchoolPhase;
}

export interface ParsedFile<R> {
  /** The rows without problems. */
  rows: R[];
  problems: DirectoryProblem[];
  /** False when the file as a whole cannot be read (empty, or a required column missing). */
  usable: boolean;
}

/** The national schools register export: the columns URN, EstablishmentName, LA (code) and PhaseOfEducation (name). */
export function parseRegister(text: string): ParsedFile<RegisterRow> {
  const table = readTable('register', text, [REGISTER_COLUMNS.urn, REGISTER_COLUMNS.name, REGISTER_COLUMNS.localAuthorityCode, REGISTER_COLUMNS.phase]);
  const problems = [...table.problems];
  const rows: RegisterRow[] = [];
  for (const { line, cells } of table.rows) {
    const urn = cells[REGISTER_COLUMNS.urn];
    const nameText = cells[REGISTER_COLUMNS.name];
    const name = nameText ? normaliseText(nameText, { max: NAME_MAX }) : undefined;
    const la = cells[REGISTER_COLUMNS.localAuthorityCode];
    const phaseText = cells[REGISTER_COLUMNS.phase];
    const phase = Object.hasOwn(GIAS_PHASES, phaseText) ? GIAS_PHASES[phaseText] : undefined;
    const reasons: string[] = [];
    if (!isUrn(urn)) reasons.push(urn ? `URN '${urn}' is not 6 digits` : 'URN is missing');
    if (!name) reasons.push('EstablishmentName is missing');
    else if (!name.ok) reasons.push(`EstablishmentName ${name.reason}`);
    if (!/^\d{3}$/.test(la)) reasons.push(la ? `LA (code) '${la}' is not 3 digits` : 'LA (code) is missing');
    if (!phase) reasons.push(phaseText ? `unknown phase '${phaseText}' (expected one of ${Object.keys(GIAS_PHASES).join(', ')})` : 'PhaseOfEducation (name) is missing');
    if (reasons.length) {
      for (const reason of reasons) problems.push({ file: 'register', line, ...(isUrn(urn) ? { urn } : {}), reason });
      continue;
    }
    rows.push({ line, urn, name: (name as { value: string }).value, localAuthorityCode: la, phase: phase! });
  }
  return { rows: refuseDuplicates('register', rows, problems), problems: sortProblems(problems), usable: table.ok };
}

export interface ContactsRow {
  line: number;
  urn: string;
  keyAdult?: Contact;
  deputy?: Contact;
  /** Absent when the row leaves TermCalendar empty: the school follows its local authority's. */
  termCalendarId?: string;
  startOfDay: string;
  holidayCover: boolean;
}

function contactFrom(cells: Record<ContactsColumn, string>, who: 'KeyAdult' | 'Deputy', reasons: string[]): Contact | undefined {
  const nameText = cells[`${who}Name`];
  const email = cells[`${who}Email`];
  const phone = cells[`${who}Phone`];
  if (!nameText && !email && !phone) return undefined;
  const before = reasons.length;
  const normal = nameText ? normaliseText(nameText, { max: NAME_MAX }) : undefined;
  const name = normal?.ok ? normal.value : '';
  if (!normal) reasons.push(`${who}Name is missing`);
  else if (!normal.ok) reasons.push(`${who}Name ${normal.reason}`);
  if (!email) reasons.push(`${who}Email is missing`);
  else if (!emailSchema.safeParse(email).success) reasons.push(`${who}Email '${email}' is not an email address`);
  if (!phone) reasons.push(`${who}Phone is missing`);
  else if (!isUkPhone(phone)) reasons.push(`${who}Phone '${phone}' is not a UK phone number (digits and spaces, starting 0 or +44)`);
  return reasons.length === before ? { name, email, phone } : undefined;
}

/**
 * The contacts file: URN, Key Adult and deputy (name, email, phone), TermCalendar (empty: the local
 * authority's), StartOfDay ('HH:MM', empty: 08:30) and HolidayCover (yes/no/true/false; empty: no).
 */
export function parseContacts(text: string): ParsedFile<ContactsRow> {
  const table = readTable('contacts', text, CONTACTS_COLUMNS);
  const problems = [...table.problems];
  const rows: ContactsRow[] = [];
  for (const { line, cells } of table.rows) {
    const urn = cells.URN;
    const reasons: string[] = [];
    if (!isUrn(urn)) reasons.push(urn ? `URN '${urn}' is not 6 digits` : 'URN is missing');
    const keyAdult = contactFrom(cells, 'KeyAdult', reasons);
    const deputy = contactFrom(cells, 'Deputy', reasons);
    const termCalendarId = cells.TermCalendar;
    if (termCalendarId && !/^[a-z0-9-]+$/.test(termCalendarId)) reasons.push(`TermCalendar '${termCalendarId}' is not a term calendar id (lower-case letters, digits and hyphens)`);
    const startOfDay = cells.StartOfDay || '08:30';
    if (!isTimeOfDay(startOfDay)) reasons.push(`StartOfDay '${cells.StartOfDay}' is not a time written HH:MM`);
    const cover = cells.HolidayCover.toLowerCase();
    if (!['', 'yes', 'no', 'true', 'false'].includes(cover)) reasons.push(`HolidayCover '${cells.HolidayCover}' must be yes, no, true or false`);
    if (reasons.length) {
      for (const reason of reasons) problems.push({ file: 'contacts', line, ...(isUrn(urn) ? { urn } : {}), reason });
      continue;
    }
    rows.push({
      line,
      urn,
      ...(keyAdult ? { keyAdult } : {}),
      ...(deputy ? { deputy } : {}),
      ...(termCalendarId ? { termCalendarId } : {}),
      startOfDay,
      holidayCover: cover === 'yes' || cover === 'true',
    });
  }
  return { rows: refuseDuplicates('contacts', rows, problems), problems: sortProblems(problems), usable: table.ok };
}

function sortProblems(problems: DirectoryProblem[]): DirectoryProblem[] {
  return [...problems].sort((a, b) => (a.file === b.file ? a.line - b.line : a.file === 'register' ? -1 : 1));
}

export interface DirectoryOptions {
  /** Load the valid schools even when some rows have problems. */
  partial?: boolean;
  /** Stamped as each school's updatedAt. */
  now: Date;
  /** Ids of the term calendars a school may follow (default: those in config/term-calendars.json). */
  knownCalendars?: Iterable<string>;
}

export interface Directory {
  /** The valid schools (also when not loaded: then callers must write nothing; empty when a file cannot be read). */
  schools: School[];
  problems: DirectoryProblem[];
  /** True only when there are no problems, or a partial load was asked for and both files could be read. */
  loaded: boolean;
}

/**
 * The school directory from a register export and a contacts file. A school is left out when its
 * register row or its contacts row has a problem (so a partial load never wipes a Key Adult because of
 * a typo in their row); a school with no contacts row is kept, with no Key Adult and a problem saying so.
 */
export function buildDirectory(registerText: string, contactsText: string, options: DirectoryOptions): Directory {
  const known = new Set(options.knownCalendars ?? Object.keys(termCalendars));
  const register = parseRegister(registerText);
  const contacts = parseContacts(contactsText);
  const problems: DirectoryProblem[] = [...register.problems, ...contacts.problems];
  const updatedAt = options.now.toISOString();
  // Without both files, no school can be joined: report what is wrong with each and load nothing.
  if (!register.usable || !contacts.usable) return { schools: [], problems: sortProblems(problems), loaded: false };

  // URNs named anywhere in the register, valid row or not, so contacts of a refused school are not also "not in the register".
  const registerUrns = new Set<string>(register.rows.map((r) => r.urn));
  for (const p of register.problems) if (p.urn) registerUrns.add(p.urn);
  const refusedContacts = new Set(contacts.problems.filter((p) => p.urn).map((p) => p.urn!));

  const contactsByUrn = new Map<string, ContactsRow>();
  for (const row of contacts.rows) {
    if (!registerUrns.has(row.urn)) {
      problems.push({ file: 'contacts', line: row.line, urn: row.urn, reason: `contacts for URN ${row.urn}, which is not in the register` });
      continue;
    }
    contactsByUrn.set(row.urn, row);
  }

  const schools: School[] = [];
  for (const row of register.rows) {
    if (refusedContacts.has(row.urn)) continue; // its contacts row is reported already
    const contact = contactsByUrn.get(row.urn);
    const termCalendarId = contact?.termCalendarId ?? localAuthorityCalendarId(row.localAuthorityCode);
    if (!known.has(termCalendarId)) {
      const where = contact ? { file: 'contacts' as const, line: contact.line } : { file: 'register' as const, line: row.line };
      problems.push({ ...where, urn: row.urn, reason: `unknown term calendar '${termCalendarId}' (known: ${[...known].join(', ') || 'none'})` });
      continue;
    }
    if (!contact) problems.push({ file: 'register', line: row.line, urn: row.urn, reason: `${NO_KEY_ADULT}: the contacts file has no row for URN ${row.urn}` });
    else if (!contact.keyAdult) problems.push({ file: 'contacts', line: contact.line, urn: row.urn, reason: NO_KEY_ADULT });
    schools.push({
      urn: row.urn,
      name: row.name,
      localAuthorityCode: row.localAuthorityCode,
      phase: row.phase,
      ...(contact?.keyAdult ? { keyAdult: contact.keyAdult } : {}),
      ...(contact?.deputy ? { deputy: contact.deputy } : {}),
      termCalendarId,
      extraInsetDays: [],
      startOfDay: contact?.startOfDay ?? '08:30',
      holidayCover: contact?.holidayCover ?? false,
      updatedAt,
    });
  }

  return { schools, problems: sortProblems(problems), loaded: problems.length === 0 || options.partial === true };
}
