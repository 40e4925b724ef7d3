/**
 * The log check: no log line may carry a personal value from a request or a case. The values are the
 * fictional people and children the tests and the demo use (names, dates of birth, contacts); the
 * setup file test/support/log-check.setup.ts captures everything a test file writes to the console,
 * stdout and stderr, in the test worker only (not vitest's reporter, titles or assertion messages), and
 * fails the file when a captured line holds one of them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Always checked, whether or not a fixture still uses them. */
const ALWAYS = ['Ava Thompson', '2016-04-12'];

/** Where the fixtures' people and children are: shared fixtures, the demo, and every test file. */
const FIXTURE_FILES = [
  'test/support/process-harness.ts',
  'workflows/initial-health-assessment/example.ts',
  'workflows/child-protection/example.ts',
  'workflows/children-in-care/example.ts',
  'workflows/before-admission/example.ts',
  'local/demo.ts',
  'local/auth.ts',
];
const TEST_FOLDERS = ['core', 'workflows', 'functions', 'web', 'infra', 'local', 'test'];
/** The demo school directory's contacts files: Riverside's and Eastbrook's. */
const CONTACTS_CSV = ['config/demo-schools/contacts.csv', 'config/demo-schools/eastbrook-contacts.csv'];

/** A person's name as the fixtures write them: two or more capitalised words, perhaps after "Dr". */
const PERSON_NAME = /^(?:Dr )?[A-Z][a-z]+(?:[ '-][A-Z][a-z]+)+$/;
/** Capitalised words that make a name an organisation's, a term's or a holiday's rather than a person's. */
const NOT_A_PERSON =
  /\b(?:School|Academy|Primary|High|College|Council|Police|Health|Trust|Board|Partnership|Day|Friday|Monday|Christmas|Easter|Holiday|Term|Half|Spring|Summer|Autumn|Riverside|Northvale|Unit|Desk|Team|Service|System|Error|Exception)\b/;
/**
 * `name: 'Ann Lee'`, `childName: "Ann Lee"`, `dateOfBirth: '2016-04-12'`, `personId: 'LCS-40017'` (a council's
 * id for a child: core/schema/about-child.ts), and the same as JSON keys.
 */
const FIELD =
  /["']?\b(name|childName|fullName|firstName|lastName|familyName|dateOfBirth|dob|personId)["']?\s*:\s*(['"`])([^'"`\n]{2,80})\2/g;
/** A person id as the fixtures write them (letters, digits and hyphens, with a digit), whole. */
const PERSON_ID = /^(?=.*\d)[A-Za-z0-9-]{4,40}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function testFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.test\.ts$/.test(entry.name)) out.push(relative(ROOT, path));
    }
  };
  walk(join(ROOT, folder));
  return out;
}

/** The personal values in a fixture's source text: people's names and dates of birth. */
export function personalValuesInSource(text: string): string[] {
  const found = new Set<string>();
  for (const [, field, , value] of text.matchAll(FIELD)) {
    if (field === 'dateOfBirth' || field === 'dob') {
      if (DATE.test(value!)) found.add(value!);
    } else if (field === 'personId') {
      if (PERSON_ID.test(value!.trim())) found.add(value!.trim());
    } else if (PERSON_NAME.test(value!) && !NOT_A_PERSON.test(value!)) {
      found.add(value!);
    }
  }
  return [...found];
}

/** The people in the demo school directory: Key Adults' and deputies' names, emails and phones. */
export function personalValuesInContacts(csv: string): string[] {
  const [header, ...rows] = csv.trim().split(/\r?\n/);
  const columns = header!.split(',');
  const personal = columns.map((c, i) => (/Name$|Email$|Phone$/.test(c) ? i : -1)).filter((i) => i >= 0);
  return [
    ...new Set(
      rows.flatMap((row) => personal.map((i) => row.split(',')[i]?.trim() ?? '')).filter((v) => v.length >= 3),
    ),
  ];
}

let known: readonly string[] | undefined;

/** Every personal value the fixtures know, gathered once per worker. */
export function knownPersonalValues(): readonly string[] {
  if (known) return known;
  const files = [...FIXTURE_FILES, ...TEST_FOLDERS.flatMap(testFiles)];
  const values = new Set<string>(ALWAYS);
  for (const file of new Set(files))
    for (const v of personalValuesInSource(readFileSync(join(ROOT, file), 'utf8'))) values.add(v);
  for (const csv of CONTACTS_CSV)
    for (const v of personalValuesInContacts(readFileSync(join(ROOT, csv), 'utf8'))) values.add(v);
  known = [...values].sort();
  return known;
}

/**
 * What the setup file captured in this test file so far (shared with the tests of the log check
 * itself, which plant a line and take it back).
 */
export const captured: string[] = [];

/** Take back captured lines (only the log check's own tests do, after planting one). */
export function withdraw(predicate: (line: string) => boolean): void {
  for (let i = captured.length - 1; i >= 0; i--) if (predicate(captured[i]!)) captured.splice(i, 1);
}

export interface Leak {
  value: string;
  line: string;
}

/** Each captured line that holds a personal value (ignoring case), with the value it holds. */
export function findPersonalValues(lines: readonly string[], values: readonly string[]): Leak[] {
  const lowered = values.map((v) => [v, v.toLowerCase()] as const);
  const leaks: Leak[] = [];
  for (const line of lines) {
    const text = line.toLowerCase();
    for (const [value, low] of lowered) if (text.includes(low)) leaks.push({ value, line });
  }
  return leaks;
}

/** The failure message: which values, in which lines (shortened). */
export function describeLeaks(leaks: readonly Leak[]): string {
  const shown = leaks
    .slice(0, 10)
    .map((l) => `  ${JSON.stringify(l.value)} in: ${l.line.length > 300 ? `${l.line.slice(0, 300)}…` : l.line}`);
  return [
    `${leaks.length} log line(s) carry a personal value from the fixtures; log ids, counts and outcomes instead:`,
    ...shown,
  ].join('\n');
}
