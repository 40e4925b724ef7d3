/**
 * The school directory import: the national schools register extract (Get Information about Schools:
 * URN, EstablishmentName, LA (code), EstablishmentStatus (name), PhaseOfEducation (name), and many
 * columns we ignore), one file per local authority or one for several, and a contacts file naming each
 * school's Operation Encompass Key Adult and deputy. Files arrive as bytes in the register's encoding
 * (Windows-1252) or UTF-8 (file-text.ts) and are read by csv-parse (csv-records.ts). Every bad row is
 * reported with its file, line and reason; closed establishments are left out and listed with their
 * line; nothing here writes anything.
 */

import { normaliseText } from '../schema';
import * as z from '../schema/zod';
import { readCsv } from './csv-records';
import { textOfFile } from './file-text';
import { type Contact, isTimeOfDay, isUkPhone, isUrn, type School, type SchoolPhase } from './model';
import { localAuthorityCalendarId, termCalendars } from './term-calendars';

// ---------------------------------------------------------------------------------------------------
// The files

export type DirectoryFile = 'register' | 'contacts';

/** A file as it arrives: its bytes (read in its own encoding), or text already decoded by the caller. */
export type DirectoryInput = string | Uint8Array;

/** Where something is in the files: which file (and which register, when several), and its line. */
export interface DirectoryPlace {
  file: DirectoryFile;
  /** Which register file, 1-based, when one import has several (one per local authority). */
  fileNumber?: number;
  /** 1-based line in that file (the header is line 1). */
  line: number;
}

export interface DirectoryProblem extends DirectoryPlace {
  /** 1-based character column, where it helps (a character that cannot be read). */
  column?: number;
  urn?: string;
  reason: string;
}

/** A row left out on purpose, not a problem: a closed establishment, or contacts for a school not in this import. */
export interface DirectoryLeftOut extends DirectoryPlace {
  urn?: string;
  /** The establishment's name as the register gives it. */
  name?: string;
  reason: string;
}

/** GIAS `PhaseOfEducation (name)` values and the phase each means here. */
export const GIAS_PHASES: Readonly<Record<string, SchoolPhase>> = {
  Nursery: 'nursery',
  Primary: 'primary',
  'Middle deemed primary': 'middle',
  'Middle deemed secondary': 'middle',
  Secondary: 'secondary',
  'All-through': 'allThrough',
  '16 plus': 'sixteenPlus',
  'Not applicable': 'notApplicable',
};

/**
 * GIAS `EstablishmentStatus (name)` values, and whether the establishment is loaded.
 * - "Closed": left out (listed with its line). It has no pupils to notify about, and a Key Adult named
 *   for it would be told of children who are not there.
 * - "Open, but proposed to close": loaded; it is open and its children attend until it closes.
 * - "Proposed to open": loaded. The register lists a new school (an academy conversion takes a new URN)
 *   before its first day, and the partnership names its Key Adult ahead so police notifications reach
 *   someone from that day; until it opens no child gives it as their school, so nothing is sent to it.
 */
export const GIAS_STATUSES: Readonly<Record<string, 'load' | 'leaveOut'>> = {
  Open: 'load',
  'Open, but proposed to close': 'load',
  'Proposed to open': 'load',
  Closed: 'leaveOut',
};

export const REGISTER_COLUMNS = {
  urn: 'URN',
  name: 'EstablishmentName',
  localAuthorityCode: 'LA (code)',
  status: 'EstablishmentStatus (name)',
  phase: 'PhaseOfEducation (name)',
} as const;

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

export { isTimeOfDay, isUkPhone };

interface Table<C extends string> {
  ok: boolean;
  rows: { line: number; cells: Record<C, string> }[];
  problems: DirectoryProblem[];
}

/**
 * The records of a file under its header (line 1), by the columns we need; other columns are ignored.
 * Rows whose every value is blank are skipped (spreadsheets leave them). A file that is not text in
 * UTF-8 or Windows-1252, is not well-formed CSV past some line, is empty or lacks a column is unusable
 * as a whole (`ok` false).
 */
function readTable<C extends string>(
  place: Omit<DirectoryPlace, 'line'>,
  input: DirectoryInput,
  columns: readonly C[],
): Table<C> {
  const at = (line: number) => ({ ...place, line });
  const decoded = textOfFile(input);
  if (!decoded.ok) {
    return {
      ok: false,
      rows: [],
      problems: decoded.problems.map((p) => ({
        ...at(p.line),
        ...(p.column ? { column: p.column } : {}),
        reason: `cannot be read: it ${p.reason}`,
      })),
    };
  }
  const csv = readCsv(decoded.text);
  const problems: DirectoryProblem[] = csv.problems.map((p) => ({
    ...at(p.line),
    reason: `not valid CSV: ${p.reason}${p.value ? ` (value ${p.value} of the row)` : ''}`,
  }));
  if (!csv.complete) {
    const stop = problems.at(-1)!;
    stop.reason += '; the rest of the file cannot be read reliably, so nothing in it was loaded';
    return { ok: false, rows: [], problems };
  }
  const [header, ...records] = csv.records;
  if (!header)
    return {
      ok: false,
      rows: [],
      problems: [
        { ...at(1), reason: `the ${place.file} file is empty: expected a header line naming ${columns.join(', ')}` },
      ],
    };
  const names = header.fields.map((f) => f.trim());
  const index = {} as Record<C, number>;
  const missing: string[] = [];
  const headerProblems: DirectoryProblem[] = [];
  for (const column of columns) {
    const found = names.indexOf(column);
    if (found < 0) missing.push(column);
    if (names.lastIndexOf(column) !== found)
      headerProblems.push({ ...at(header.line), reason: `the header names column ${column} twice` });
    index[column] = found;
  }
  if (missing.length) {
    const separator =
      names.length === 1 && /[;\t]/.test(names[0]!)
        ? ' The header has no commas: save the file as CSV with commas between the values ' +
          '(semicolons and tabs are not read).'
        : '';
    headerProblems.push({
      ...at(header.line),
      reason:
        `the header has no column ${missing.join(', ')} (columns are matched exactly, e.g. ` +
        `${columns.map((c) => `'${c}'`).join(', ')})${separator}`,
    });
  }
  if (headerProblems.length) return { ok: false, rows: [], problems: [...problems, ...headerProblems] };

  const rows: Table<C>['rows'] = records.map((record) => {
    const cells = {} as Record<C, string>;
    for (const column of columns) cells[column] = (record.fields[index[column]] ?? '').trim();
    return { line: record.line, cells };
  });
  // A row csv-parse could not take (a value too many) is reported with its URN when csv-parse read it.
  csv.problems.forEach((p, i) => {
    const urn = p.fields?.[index[columns[0]!]]?.trim();
    if (urn && isUrn(urn)) problems[i]!.urn = urn;
  });
  return { ok: true, rows, problems };
}

const placeText = (p: DirectoryPlace) => `${p.fileNumber ? `register file ${p.fileNumber} ` : ''}line ${p.line}`;

/** Rows sharing a URN: all are refused, since nobody can tell which one is right. */
function refuseDuplicates<R extends DirectoryPlace & { urn: string }>(rows: R[], problems: DirectoryProblem[]): R[] {
  const places = new Map<string, R[]>();
  for (const row of rows) places.set(row.urn, [...(places.get(row.urn) ?? []), row]);
  return rows.filter((row) => {
    const on = places.get(row.urn)!;
    if (on.length === 1) return true;
    const where = on.every((r) => r.fileNumber === row.fileNumber)
      ? `on lines ${on.map((r) => r.line).join(', ')}`
      : `on ${on.map(placeText).join(', ')}`;
    problems.push({
      file: row.file,
      ...(row.fileNumber ? { fileNumber: row.fileNumber } : {}),
      line: row.line,
      urn: row.urn,
      reason: `duplicate URN ${row.urn} (${where}); none of these rows was loaded`,
    });
    return false;
  });
}

export interface RegisterRow extends DirectoryPlace {
  urn: string;
  name: string;
  localAuthorityCode: string;
  phase: SchoolPhase;
}

export interface ParsedFile<R> {
  /** The rows without problems. */
  rows: R[];
  problems: DirectoryProblem[];
  /** Rows left out on purpose (closed establishments), with their line. */
  leftOut: DirectoryLeftOut[];
  /**
   * False when the file as a whole cannot be read (not text, not CSV past a
   * line, empty, or a required column missing).
   */
  usable: boolean;
}

export interface ParsedRegister extends ParsedFile<RegisterRow> {
  /**
   * Every local authority code the file names (on any row, loaded or not): an
   * import replaces these authorities' schools.
   */
  localAuthorityCodes: string[];
  /** Every URN the file names on a row with a problem: those schools are kept as they are. */
  urnsWithProblems: string[];
  /** Lines whose URN could not be read: their school cannot be told apart, so no school is removed. */
  linesWithoutUrn: DirectoryPlace[];
}

/**
 * A national register extract: the columns URN, EstablishmentName, LA (code), EstablishmentStatus
 * (name) and PhaseOfEducation (name). `fileNumber` names it among several in one import.
 */
export function parseRegister(input: DirectoryInput, fileNumber?: number): ParsedRegister {
  const place = { file: 'register' as const, ...(fileNumber ? { fileNumber } : {}) };
  const table = readTable(place, input, [
    REGISTER_COLUMNS.urn,
    REGISTER_COLUMNS.name,
    REGISTER_COLUMNS.localAuthorityCode,
    REGISTER_COLUMNS.status,
    REGISTER_COLUMNS.phase,
  ]);
  const problems = [...table.problems];
  const rows: RegisterRow[] = [];
  const leftOut: DirectoryLeftOut[] = [];
  const localAuthorityCodes = new Set<string>();
  const linesWithoutUrn: DirectoryPlace[] = table.problems
    .filter((p) => !p.urn)
    .map((p) => ({ ...place, line: p.line }));
  for (const { line, cells } of table.rows) {
    const urn = cells[REGISTER_COLUMNS.urn];
    const nameText = cells[REGISTER_COLUMNS.name];
    const name = nameText ? normaliseText(nameText, { max: NAME_MAX }) : undefined;
    const la = cells[REGISTER_COLUMNS.localAuthorityCode];
    const statusText = cells[REGISTER_COLUMNS.status];
    const phaseText = cells[REGISTER_COLUMNS.phase];
    const phase = Object.hasOwn(GIAS_PHASES, phaseText) ? GIAS_PHASES[phaseText] : undefined;
    const status = Object.hasOwn(GIAS_STATUSES, statusText) ? GIAS_STATUSES[statusText] : undefined;
    const laValid = /^\d{3}$/.test(la);
    if (laValid) localAuthorityCodes.add(la);
    const urnPart = isUrn(urn) ? { urn } : {};
    if (status === 'leaveOut') {
      leftOut.push({
        ...place,
        line,
        ...urnPart,
        ...(name?.ok ? { name: name.value } : {}),
        reason: `the register lists it as ${statusText}`,
      });
      continue;
    }
    const reasons: string[] = [];
    if (!isUrn(urn)) reasons.push(urn ? `URN '${urn}' is not 6 digits` : 'URN is missing');
    if (!name) reasons.push('EstablishmentName is missing');
    else if (!name.ok) reasons.push(`EstablishmentName ${name.reason}`);
    if (!laValid) reasons.push(la ? `LA (code) '${la}' is not 3 digits` : 'LA (code) is missing');
    if (!status)
      reasons.push(
        statusText
          ? `unknown EstablishmentStatus (name) '${statusText}' (expected one of ` +
              `${Object.keys(GIAS_STATUSES).join('; ')})`
          : 'EstablishmentStatus (name) is missing',
      );
    if (!phase)
      reasons.push(
        phaseText
          ? `unknown phase '${phaseText}' (expected one of ${Object.keys(GIAS_PHASES).join(', ')})`
          : 'PhaseOfEducation (name) is missing',
      );
    if (reasons.length) {
      for (const reason of reasons) problems.push({ ...place, line, ...urnPart, reason });
      if (!isUrn(urn)) linesWithoutUrn.push({ ...place, line });
      continue;
    }
    rows.push({ ...place, line, urn, name: (name as { value: string }).value, localAuthorityCode: la, phase: phase! });
  }
  const unique = refuseDuplicates(rows, problems);
  return {
    rows: unique,
    problems: sortProblems(problems),
    leftOut,
    usable: table.ok,
    localAuthorityCodes: [...localAuthorityCodes].sort(),
    urnsWithProblems: [...new Set(problems.filter((p) => p.urn).map((p) => p.urn!))],
    linesWithoutUrn,
  };
}

export interface ContactsRow extends DirectoryPlace {
  urn: string;
  keyAdult?: Contact;
  deputy?: Contact;
  /** Absent when the row leaves TermCalendar empty: the school follows its local authority's. */
  termCalendarId?: string;
  startOfDay: string;
  holidayCover: boolean;
}

function contactFrom(
  cells: Record<ContactsColumn, string>,
  who: 'KeyAdult' | 'Deputy',
  reasons: string[],
): Contact | undefined {
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
  else if (!isUkPhone(phone))
    reasons.push(`${who}Phone '${phone}' is not a UK phone number (digits and spaces, starting 0 or +44)`);
  return reasons.length === before ? { name, email, phone } : undefined;
}

/**
 * The contacts file: URN, Key Adult and deputy (name, email, phone), TermCalendar (empty: the local
 * authority's), StartOfDay ('HH:MM', empty: 08:30) and HolidayCover (yes/no/true/false; empty: no).
 */
export function parseContacts(input: DirectoryInput): ParsedFile<ContactsRow> {
  const place = { file: 'contacts' as const };
  const table = readTable(place, input, CONTACTS_COLUMNS);
  const problems = [...table.problems];
  const rows: ContactsRow[] = [];
  for (const { line, cells } of table.rows) {
    const urn = cells.URN;
    const reasons: string[] = [];
    if (!isUrn(urn)) reasons.push(urn ? `URN '${urn}' is not 6 digits` : 'URN is missing');
    const keyAdult = contactFrom(cells, 'KeyAdult', reasons);
    const deputy = contactFrom(cells, 'Deputy', reasons);
    const termCalendarId = cells.TermCalendar;
    if (termCalendarId && !/^[a-z0-9-]+$/.test(termCalendarId))
      reasons.push(
        `TermCalendar '${termCalendarId}' is not a term calendar id (lower-case letters, digits and hyphens)`,
      );
    const startOfDay = cells.StartOfDay || '08:30';
    if (!isTimeOfDay(startOfDay)) reasons.push(`StartOfDay '${cells.StartOfDay}' is not a time written HH:MM`);
    const cover = cells.HolidayCover.toLowerCase();
    if (!['', 'yes', 'no', 'true', 'false'].includes(cover))
      reasons.push(`HolidayCover '${cells.HolidayCover}' must be yes, no, true or false`);
    if (reasons.length) {
      for (const reason of reasons) problems.push({ ...place, line, ...(isUrn(urn) ? { urn } : {}), reason });
      continue;
    }
    rows.push({
      ...place,
      line,
      urn,
      ...(keyAdult ? { keyAdult } : {}),
      ...(deputy ? { deputy } : {}),
      ...(termCalendarId ? { termCalendarId } : {}),
      startOfDay,
      holidayCover: cover === 'yes' || cover === 'true',
    });
  }
  return { rows: refuseDuplicates(rows, problems), problems: sortProblems(problems), leftOut: [], usable: table.ok };
}

/** Register files first (in their order), then contacts; by line within a file. */
const fileOrder = (p: DirectoryPlace) => (p.file === 'register' ? (p.fileNumber ?? 1) : Number.MAX_SAFE_INTEGER);
function sortProblems<P extends DirectoryPlace>(problems: P[]): P[] {
  return [...problems].sort((a, b) => fileOrder(a) - fileOrder(b) || a.line - b.line);
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
  /** Closed establishments and contacts rows for schools not in this import, each with its line: not problems. */
  leftOut: DirectoryLeftOut[];
  /** True only when there are no problems, or a partial load was asked for and every file could be read. */
  loaded: boolean;
  /** The local authorities the register files name: the import replaces their schools, and no other authority's. */
  localAuthorityCodes: string[];
  /** Schools of those authorities kept as they are though not loaded: their row had a problem. */
  urnsWithProblems: string[];
  /** Register lines whose URN could not be read (then no school is removed: one of them may be that school). */
  linesWithoutUrn: DirectoryPlace[];
  /** URNs the register lists as closed, with their line (for the reason a stored school is removed). */
  closed: Map<string, DirectoryPlace>;
}

/**
 * The school directory from one or more register extracts (one per local authority, or one for
 * several) and a contacts file. A school is left out when its register row or its contacts row has a
 * problem (so a partial load never wipes a Key Adult because of a typo in their row); a school with no
 * contacts row is kept, with no Key Adult and a problem saying so. Closed establishments, and contacts
 * for schools not in these register files (a partnership-wide contacts file, loaded with each council's
 * extract in turn), are left out and listed with their line.
 */
export function buildDirectory(
  register: DirectoryInput | readonly DirectoryInput[],
  contactsInput: DirectoryInput,
  options: DirectoryOptions,
): Directory {
  const known = new Set(options.knownCalendars ?? Object.keys(termCalendars));
  const files = typeof register === 'string' || register instanceof Uint8Array ? [register] : [...register];
  const registers = files.map((file, i) => parseRegister(file, files.length > 1 ? i + 1 : undefined));
  const contacts = parseContacts(contactsInput);
  const problems: DirectoryProblem[] = [...registers.flatMap((r) => r.problems), ...contacts.problems];
  const leftOut: DirectoryLeftOut[] = registers.flatMap((r) => r.leftOut);
  const updatedAt = options.now.toISOString();
  const closed = new Map<string, DirectoryPlace>();
  for (const l of leftOut)
    if (l.urn) closed.set(l.urn, { file: l.file, ...(l.fileNumber ? { fileNumber: l.fileNumber } : {}), line: l.line });
  const scope = {
    localAuthorityCodes: [...new Set(registers.flatMap((r) => r.localAuthorityCodes))].sort(),
    urnsWithProblems: [...new Set(registers.flatMap((r) => r.urnsWithProblems))],
    linesWithoutUrn: registers.flatMap((r) => r.linesWithoutUrn),
    closed,
  };
  // Without every file, no school can be joined: report what is wrong with each and load nothing.
  if (!registers.every((r) => r.usable) || !contacts.usable)
    return { schools: [], problems: sortProblems(problems), leftOut: sortProblems(leftOut), loaded: false, ...scope };

  // One URN in two register files is refused like one on two lines of a file.
  const registerRows = refuseDuplicates(
    registers.flatMap((r) => r.rows),
    problems,
  );

  // URNs named anywhere in the registers, valid row or not, so contacts of a refused
  // school are not also "not in the register".
  const registerUrns = new Set<string>([
    ...registers.flatMap((r) => r.rows.map((row) => row.urn)),
    ...scope.urnsWithProblems,
  ]);
  const refusedContacts = new Set(contacts.problems.filter((p) => p.urn).map((p) => p.urn!));

  const contactsByUrn = new Map<string, ContactsRow>();
  for (const row of contacts.rows) {
    const closedAt = closed.get(row.urn);
    if (closedAt && !registerUrns.has(row.urn)) {
      leftOut.push({
        file: 'contacts',
        line: row.line,
        urn: row.urn,
        reason: `the register lists URN ${row.urn} as closed (${placeText(closedAt)})`,
      });
      continue;
    }
    if (!registerUrns.has(row.urn)) {
      leftOut.push({
        file: 'contacts',
        line: row.line,
        urn: row.urn,
        reason:
          `URN ${row.urn} is not in ${files.length > 1 ? 'these register files' : 'this register file'}: ` +
          `its contacts are read when its own local authority's register is loaded with them`,
      });
      continue;
    }
    contactsByUrn.set(row.urn, row);
  }

  const schools: School[] = [];
  for (const row of registerRows) {
    if (refusedContacts.has(row.urn)) continue; // its contacts row is reported already
    const contact = contactsByUrn.get(row.urn);
    const termCalendarId = contact?.termCalendarId ?? localAuthorityCalendarId(row.localAuthorityCode);
    const registerPlace = {
      file: 'register' as const,
      ...(row.fileNumber ? { fileNumber: row.fileNumber } : {}),
      line: row.line,
    };
    if (!known.has(termCalendarId)) {
      const where = contact ? { file: 'contacts' as const, line: contact.line } : registerPlace;
      problems.push({
        ...where,
        urn: row.urn,
        reason: `unknown term calendar '${termCalendarId}' (known: ${[...known].join(', ') || 'none'})`,
      });
      continue;
    }
    if (!contact)
      problems.push({
        ...registerPlace,
        urn: row.urn,
        reason: `${NO_KEY_ADULT}: the contacts file has no row for URN ${row.urn}`,
      });
    else if (!contact.keyAdult)
      problems.push({ file: 'contacts', line: contact.line, urn: row.urn, reason: NO_KEY_ADULT });
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

  const urnsWithProblems = [
    ...new Set([...scope.urnsWithProblems, ...problems.filter((p) => p.urn).map((p) => p.urn!)]),
  ];
  return {
    schools,
    problems: sortProblems(problems),
    leftOut: sortProblems(leftOut),
    loaded: problems.length === 0 || options.partial === true,
    ...scope,
    urnsWithProblems,
  };
}

export interface SchoolRemoval {
  school: School;
  /** Why it is removed, naming the register line when the register lists it as closed. */
  reason: string;
}

export type Replacement = { remove: SchoolRemoval[]; withheld?: undefined } | { remove: []; withheld: string };

/**
 * What an import that loads removes: a stored school of a local authority the register files name,
 * which the files list as closed or no longer list at all. Another authority's schools are never
 * touched, and neither is a school whose row has a problem (kept as it is). When some register line's
 * URN could not be read, nothing is removed: that line may be one of these schools.
 */
export function schoolsToRemove(directory: Directory, stored: readonly School[]): Replacement {
  if (!directory.loaded) return { remove: [] };
  const authorities = new Set(directory.localAuthorityCodes);
  const kept = new Set([...directory.schools.map((s) => s.urn), ...directory.urnsWithProblems]);
  const candidates = stored.filter((s) => authorities.has(s.localAuthorityCode) && !kept.has(s.urn));
  if (candidates.length && directory.linesWithoutUrn.length) {
    return {
      remove: [],
      withheld:
        `No school was removed: the URN on ${directory.linesWithoutUrn.map(placeText).join(', ')} could ` +
        `not be read, and it may be one of the ${candidates.length} ` +
        `${candidates.length === 1 ? 'school' : 'schools'} the register files no longer list`,
    };
  }
  return {
    remove: candidates.map((school) => {
      const closedAt = directory.closed.get(school.urn);
      return {
        school,
        reason: closedAt
          ? `the register lists it as closed (${placeText(closedAt)})`
          : `not in the register ${directory.localAuthorityCodes.length > 1 ? 'files' : 'file'} for local ` +
            `authority ${school.localAuthorityCode}`,
      };
    }),
  };
}
