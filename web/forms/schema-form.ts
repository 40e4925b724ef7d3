/**
 * Forms made from an event's zod schema, so a new process gets its start form and its action forms
 * without page code: `z.toJSONSchema` gives the shape (objects, strings, enums, booleans, arrays), the
 * field names and any `.describe()`/`.meta({ title, description })` give the words, and what the API
 * refuses comes back as field issues mapped onto the fields (the GOV.UK error summary pattern).
 *
 * Field names in the form are the payload paths (`child.name`, `children.0.name`); a date is three
 * inputs (`<path>-day`, `-month`, `-year`) and an instant a date plus a 24-hour time (`<path>-time`,
 * London time). A list of objects shows a number of rows kept in `<path>-rows`; "Add another" and
 * "Remove" are submit buttons, so the form works without JavaScript.
 *
 * Written here rather than taken from a library: the form generators for JSON Schema render their own
 * markup (React or Bootstrap), not the GOV.UK Frontend macros, and none maps API issues back to fields.
 */

import { isLocalDate, londonDateOf, londonDateTime, londonTimeOf } from '#core/calendar/index';
import { dateOfBirth, instant, localDate, recordDate, recordInstant } from '#core/schema/index';
import * as z from '#core/schema/zod';
import { govukText, humanise } from '../render';

export type Choice = { value: string; text: string };

/** What every field of the form model has: its path, words and when it is asked (core/schema FieldWords). */
interface NodeBase {
  name: string;
  title: string;
  hint?: string;
  /** Required by the schema, or whenever it is asked (`requiredWhenAsked`). */
  required: boolean;
  /** Required whenever asked, though the schema lets it be absent: the form names it when left empty. */
  requiredWhenAsked?: boolean;
  /** What an error calls it ("the name of the social worker"); made from the title when absent. */
  errorName?: string;
  /** What it is within its group ("name"), for an error made with the group's name. */
  noun?: string;
  /** Asked only when a sibling field has one of these values (a conditional reveal). */
  when?: Record<string, readonly string[]>;
  /** A start form's section that begins at this top-level field. */
  section?: string;
  /** Not asked of this opener: set to this value (null: left out). */
  fixed?: string | null;
}

/** The shape of a payload, as the form sees it. */
export type FormNode = NodeBase &
  (
    | { kind: 'text'; multiline: boolean; numeric: boolean; choices?: Choice[] }
    | { kind: 'date'; dateOfBirth: boolean }
    | { kind: 'instant' }
    | { kind: 'enum'; choices: Choice[] }
    | { kind: 'boolean'; mustBeTrue: boolean }
    | { kind: 'object'; fields: FormNode[] }
    | { kind: 'list'; item: FormNode; min: number; max: number }
    /** A list of values from a fixed set (needs, organisations present): checkboxes. */
    | { kind: 'multi'; choices: Choice[] }
  );

/**
 * Choices for a field from configuration (e.g. delay reasons), by its path;
 * organisations are offered by the caller too.
 */
export type ChoicesFor = (path: string, fieldName: string) => Choice[] | undefined;

/** A JSON Schema object as zod writes it; each keyword is checked or read with the type zod gives it. */
type Json = Record<string, unknown>;

const DATE_SCHEMAS = new Set<unknown>([dateOfBirth, recordDate, localDate]);
const INSTANT_SCHEMAS = new Set<unknown>([instant, recordInstant]);

/**
 * Whether a schema is one of `shared` or made from one by adding checks (`z.meta()` words are a check in
 * zod/mini; classic zod's `.meta()` is a copy): each such schema keeps the one it was made from as its
 * `_zod.parent`.
 */
function isFrom(schema: z.core.$ZodType, shared: ReadonlySet<unknown>): boolean {
  for (let s: z.core.$ZodType | undefined = schema; s; s = s._zod.parent) if (shared.has(s)) return true;
  return false;
}

/**
 * The form model of a zod schema. `openerKind` (a start form's: the kind of the opener's organisation)
 * leaves out the fields the schema sets for that kind (`setFor`), with their values.
 */
export function formModel(
  schema: z.core.$ZodType,
  choicesFor: ChoicesFor = () => undefined,
  openerKind?: string,
): FormNode {
  const json = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    // The shared date and instant schemas are strings to JSON Schema; mark them so they get date inputs.
    override: (ctx) => {
      if (isFrom(ctx.zodSchema, DATE_SCHEMAS)) ctx.jsonSchema.format = 'date';
      if (isFrom(ctx.zodSchema, INSTANT_SCHEMAS)) ctx.jsonSchema.format = 'date-time';
    },
  }) as Json;
  return nodeOf(json, '', 'Details', true, { choicesFor, openerKind });
}

/** 'Children' → 'Child', 'Adults' → 'Adult': what one row of a list is called. */
function singular(title: string): string {
  const irregular: Record<string, string> = { children: 'child', people: 'person' };
  const last = title.split(' ').at(-1)!;
  const one = irregular[last.toLowerCase()] ?? last.replace(/ies$/, 'y').replace(/s$/, '');
  const word = last[0] === last[0]!.toUpperCase() ? one.charAt(0).toUpperCase() + one.slice(1) : one;
  return [...title.split(' ').slice(0, -1), word].join(' ');
}

const stringOf = (v: unknown) => String(v);
const choicesOf = (values: unknown[], words: unknown): Choice[] =>
  values.map((v) => ({
    value: stringOf(v),
    text: (words as Record<string, string> | undefined)?.[stringOf(v)] ?? humanise(stringOf(v)),
  }));

function nodeOf(
  json: Json,
  path: string,
  fallbackTitle: string,
  schemaRequired: boolean,
  options: { choicesFor: ChoicesFor; openerKind?: string | undefined },
): FormNode {
  const fieldName = path.split('.').at(-1) ?? '';
  const title = typeof json.title === 'string' ? json.title : fallbackTitle;
  const hint = typeof json.description === 'string' ? json.description : undefined;
  const when =
    json.when && typeof json.when === 'object'
      ? Object.fromEntries(
          Object.entries(json.when as Record<string, unknown>).map(([k, v]) => [
            k,
            (Array.isArray(v) ? v : [v]).map(stringOf),
          ]),
        )
      : undefined;
  const setFor = json.setFor as Record<string, string | null> | undefined;
  const fixed = options.openerKind && setFor && options.openerKind in setFor ? setFor[options.openerKind] : undefined;
  const base: NodeBase = {
    name: path,
    title,
    required: schemaRequired || json.requiredWhenAsked === true,
    ...(json.requiredWhenAsked === true ? { requiredWhenAsked: true } : {}),
    ...(hint ? { hint } : {}),
    ...(typeof json.errorName === 'string' ? { errorName: json.errorName } : {}),
    ...(typeof json.noun === 'string' ? { noun: json.noun } : {}),
    ...(when ? { when } : {}),
    ...(typeof json.section === 'string' ? { section: json.section } : {}),
    ...(fixed !== undefined ? { fixed } : {}),
  };
  if (json.type === 'object' && json.properties) {
    const req = new Set<string>((json.required as string[] | undefined) ?? []);
    return {
      ...base,
      kind: 'object',
      fields: Object.entries(json.properties as Record<string, Json>).map(([key, child]) =>
        nodeOf(child, path ? `${path}.${key}` : key, humanise(key), req.has(key), options),
      ),
    };
  }
  if (json.type === 'array' && json.items) {
    const items = json.items as Json;
    const configured = options.choicesFor(path, fieldName);
    if (Array.isArray(items.enum) || configured)
      return {
        ...base,
        kind: 'multi',
        choices: configured ?? choicesOf(items.enum as unknown[], items.choices),
      };
    return {
      ...base,
      kind: 'list',
      item: nodeOf(items, `${path}.#`, singular(title), true, options),
      min: (json.minItems as number | undefined) ?? 0,
      max: Math.min((json.maxItems as number | undefined) ?? 20, 20),
    };
  }
  if (json.type === 'boolean') return { ...base, kind: 'boolean', mustBeTrue: json.const === true };
  if (Array.isArray(json.enum)) return { ...base, kind: 'enum', choices: choicesOf(json.enum, json.choices) };
  if (json.format === 'date') return { ...base, kind: 'date', dateOfBirth: json.dateOfBirth === true };
  if (json.format === 'date-time') return { ...base, kind: 'instant' };
  const anyOf = Array.isArray(json.anyOf) ? (json.anyOf as Json[]) : undefined;
  const choices = options.choicesFor(path, fieldName);
  const numeric = json.type === 'number' || json.type === 'integer';
  const maxLength = typeof json.maxLength === 'number' ? json.maxLength : undefined;
  const constants = anyOf?.filter((a) => a.const !== undefined).map((a) => `'${a.const}'`);
  const anyOfHint = constants?.length ? `Or ${constants.join(' or ')}` : undefined;
  return {
    ...base,
    kind: 'text',
    multiline: (maxLength ?? 0) > 200 || /reason|text|notes?|decisions|plan|support$/i.test(fieldName),
    numeric,
    ...(choices ? { choices } : {}),
    ...((hint ?? anyOfHint) ? { hint: hint ?? anyOfHint } : {}),
  };
}

/**
 * Is a field asked, given the form's answers: every `when` of it names a sibling that is itself asked
 * and has one of the values (a fixed value counts as the answer).
 */
export function isAsked(model: FormNode, path: string, form: URLSearchParams): boolean {
  const parts = path.split('.');
  let node: FormNode | undefined = model;
  const chain: { node: FormNode; parent: FormNode; path: string }[] = [];
  for (let i = 0; i < parts.length && node; i++) {
    const part = parts[i]!;
    const parent: FormNode = node;
    if (parent.kind === 'object') node = parent.fields.find((f) => f.name.split('.').at(-1) === part);
    else if (parent.kind === 'list' && /^\d+$/.test(part)) {
      node = parent.item;
      continue;
    } else node = undefined;
    if (node) chain.push({ node, parent, path: parts.slice(0, i + 1).join('.') });
  }
  for (const { node: n, parent, path: at } of chain) {
    if (n.fixed !== undefined) return false;
    if (!n.when || parent.kind !== 'object') continue;
    const parentPath = at.split('.').slice(0, -1).join('.');
    for (const [sibling, values] of Object.entries(n.when)) {
      const siblingPath = parentPath ? `${parentPath}.${sibling}` : sibling;
      const siblingNode = parent.fields.find((f) => f.name.split('.').at(-1) === sibling);
      const answer = siblingNode?.fixed !== undefined ? (siblingNode.fixed ?? '') : (form.get(siblingPath) ?? '');
      if (!values.includes(answer)) return false;
      if (siblingNode?.fixed === undefined && !isAsked(model, siblingPath, form)) return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// From the posted form to the payload
// ---------------------------------------------------------------------------------------------

export interface FormIssue {
  path: string;
  message: string;
}

/** How many rows each list shows: from the form (`<path>-rows`), at least its minimum and 1. */
function rowsOf(node: Extract<FormNode, { kind: 'list' }>, path: string, form: URLSearchParams): number {
  const n = Number(form.get(`${path}-rows`) ?? NaN);
  return Math.max(1, node.min, Number.isInteger(n) && n > 0 ? Math.min(n, node.max) : 1);
}

const pad = (s: string, n: number) => s.trim().padStart(n, '0');

/** What the form-side checks say (then worded for the field by issueWords). */
export const NOT_A_DATE = 'must be a real date';
export const NOT_A_TIME = 'must include a real time, like 9:30 or 14:30';

/**
 * The payload a form describes, with the problems found before the API is asked (a date that is not
 * one, a time not written HH:MM). Empty fields are left out, so the API names a missing one; so are
 * fields not asked (a conditional reveal whose answer is not chosen), whatever they hold; a fixed
 * field (`setFor` the opener) sends its value.
 */
export function payloadFrom(
  model: FormNode,
  form: URLSearchParams,
): { payload: Record<string, unknown>; issues: FormIssue[] } {
  const issues: FormIssue[] = [];
  const value = read(model, model, '', form, issues);
  return { payload: (value as Record<string, unknown>) ?? {}, issues };
}

function read(model: FormNode, node: FormNode, path: string, form: URLSearchParams, issues: FormIssue[]): unknown {
  if (node.fixed !== undefined) return node.fixed ?? undefined;
  if (path && !isAsked(model, path, form)) return undefined;
  const value = readAsked(model, node, path, form, issues);
  // Asked, and needed whenever asked (the schema's own refinement would say so only once all else is right).
  if (value === undefined && node.requiredWhenAsked && !issues.some((i) => i.path.startsWith(path)))
    issues.push({ path, message: 'Required' });
  return value;
}

function readAsked(model: FormNode, node: FormNode, path: string, form: URLSearchParams, issues: FormIssue[]): unknown {
  const get = (name: string) => (form.get(name) ?? '').trim();
  switch (node.kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const field of node.fields) {
        const key = field.name.split('.').at(-1)!;
        const v = read(model, field, path ? `${path}.${key}` : key, form, issues);
        if (v !== undefined) out[key] = v;
      }
      // An optional group left empty is not sent at all.
      return Object.keys(out).length || node.required || !path ? out : undefined;
    }
    case 'list': {
      // Rows left empty are not sent; a list with no row filled in is left out, so the API names it if it is needed.
      const rows: unknown[] = [];
      for (let i = 0; i < rowsOf(node, path, form); i++) {
        const row = read(model, node.item, `${path}.${i}`, form, issues);
        if (
          row !== undefined &&
          !(typeof row === 'object' && row !== null && !Array.isArray(row) && Object.keys(row).length === 0)
        )
          rows.push(row);
      }
      return rows.length ? rows : undefined;
    }
    case 'multi': {
      const known = new Set(node.choices.map((c) => c.value));
      const values = [...new Set(form.getAll(path).map((v) => v.trim()))].filter((v) => known.has(v));
      return values.length ? values : undefined;
    }
    case 'boolean': {
      const v = get(path);
      return v === 'true' ? true : v === 'false' ? false : undefined;
    }
    case 'date': {
      const [d, m, y] = [get(`${path}-day`), get(`${path}-month`), get(`${path}-year`)];
      if (!d && !m && !y) return undefined;
      const day = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
      if (!/^\d+$/.test(d + m + y) || !isLocalDate(day)) {
        issues.push({ path, message: NOT_A_DATE });
        return undefined;
      }
      return day;
    }
    case 'instant': {
      const [d, m, y, t] = [get(`${path}-day`), get(`${path}-month`), get(`${path}-year`), get(`${path}-time`)];
      if (!d && !m && !y && !t) return undefined;
      const day = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
      const time = timeOf(t);
      if (!/^\d+$/.test(d + m + y) || !isLocalDate(day)) {
        issues.push({ path, message: NOT_A_DATE });
        return undefined;
      }
      if (!time) {
        issues.push({ path: `${path}-time`, message: NOT_A_TIME });
        return undefined;
      }
      return londonDateTime(day, time).toISOString();
    }
    default: {
      const v = get(path);
      if (!v) return undefined;
      return node.kind === 'text' && node.numeric ? Number(v) : v;
    }
  }
}

/**
 * A time as people write it, as HH:MM (24-hour): 14:30, 14.30, 9:30, 2:30pm, 2pm, 12am, midday,
 * midnight; undefined when it is not a time.
 */
export function timeOf(typed: string): string | undefined {
  const t = typed.trim().toLowerCase().replace(/\s+/g, '');
  if (t === 'midday' || t === 'noon') return '12:00';
  if (t === 'midnight') return '00:00';
  const m = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)?$/.exec(t);
  if (!m || (!m[2] && !m[3])) return undefined;
  let hours = Number(m[1]);
  const minutes = Number(m[2] ?? '0');
  if (minutes > 59) return undefined;
  if (m[3]) {
    if (hours < 1 || hours > 12) return undefined;
    hours = (hours % 12) + (m[3] === 'pm' ? 12 : 0);
  } else if (hours > 23) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** An event's payload as the form's values (to fill an edit form, or show what was sent back). */
export function formValuesFrom(model: FormNode, payload: unknown): URLSearchParams {
  const form = new URLSearchParams();
  const walk = (node: FormNode, path: string, value: unknown) => {
    if (value === undefined || value === null) return;
    switch (node.kind) {
      case 'object':
        for (const f of node.fields) {
          const key = f.name.split('.').at(-1)!;
          walk(f, path ? `${path}.${key}` : key, (value as Record<string, unknown>)[key]);
        }
        return;
      case 'list':
        if (Array.isArray(value)) {
          form.set(`${path}-rows`, String(value.length));
          for (const [i, v] of value.entries()) walk(node.item, `${path}.${i}`, v);
        }
        return;
      case 'multi':
        if (Array.isArray(value)) for (const v of value) form.append(path, String(v));
        return;
      case 'date': {
        const [y, m, d] = String(value).split('-');
        form.set(`${path}-day`, String(Number(d)));
        form.set(`${path}-month`, String(Number(m)));
        form.set(`${path}-year`, y ?? '');
        return;
      }
      case 'instant': {
        const at = new Date(String(value));
        const [y, m, d] = londonDateOf(at).split('-');
        form.set(`${path}-day`, String(Number(d)));
        form.set(`${path}-month`, String(Number(m)));
        form.set(`${path}-year`, y ?? '');
        form.set(`${path}-time`, londonTimeOf(at));
        return;
      }
      default:
        form.set(path, String(value));
    }
  };
  walk(model, '', payload);
  return form;
}

// ---------------------------------------------------------------------------------------------
// From the model, the form's values and the issues, to what the template renders
// ---------------------------------------------------------------------------------------------

/** One choice of a radio, checkbox or select field, and the fields it reveals when chosen. */
export interface ItemView {
  value: string;
  text: string;
  checked?: boolean;
  selected?: boolean;
  reveal?: FieldView[];
}

/** One field as the templates render it (web/templates/macros.njk, `schemaFields`). */
export interface FieldView {
  kind: FormNode['kind'];
  id: string;
  name: string;
  label: string;
  hint?: string;
  required: boolean;
  error?: { text: string };
  value?: string;
  date?: { day: string; month: string; year: string; time?: string };
  items?: ItemView[];
  multiline?: boolean;
  numeric?: boolean;
  mustBeTrue?: boolean;
  fields?: FieldView[];
  rows?: { legend: string; index: number; fields: FieldView[] }[];
  canAdd?: boolean;
  canRemove?: boolean;
  /** One of its choices reveals fields. */
  reveals?: boolean;
}

export interface ErrorSummary {
  list: { text: string; href: string }[];
}

const idOf = (path: string) => path.replace(/[^A-Za-z0-9_-]/g, '-') || 'form';
const lowerFirst = (t: string) => (/^[A-Z][a-z]/.test(t) ? t.charAt(0).toLowerCase() + t.slice(1) : t);
const upperFirst = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

/**
 * What an error calls a field: its `errorName`, else its title, within its group's ("the name of the social
 * worker", "the full name of child 1").
 */
export function nounOf(node: Pick<FormNode, 'title' | 'errorName' | 'noun'>, groupNoun = ''): string {
  if (node.errorName) return node.errorName;
  const own = node.noun ?? lowerFirst(node.title);
  return groupNoun ? `the ${own} of ${groupNoun}` : own;
}

/** Org ids and codes a refusal quotes ('northvale-health'), as the names people know. */
function named(message: string, names: Record<string, string>): string {
  return message.replace(
    /'([A-Za-z0-9-]+)'/g,
    (all, code: string) => names[code] ?? (/^[a-z]+([A-Z][a-z0-9]*)+$/.test(code) ? humanise(code).toLowerCase() : all),
  );
}

/**
 * The words of an issue on a field, GOV.UK style: "Enter the name of the person who carried out the
 * assessment", "Select the legal basis", "The child's date of birth must be a real date", "Enter the
 * email address of the social worker in the correct format, like name@example.com". `noun` is what the
 * field is called (nounOf); `names` turns organisation ids into names.
 */
export function issueWords(
  node: Pick<FormNode, 'kind' | 'title'> & { mustBeTrue?: boolean; choices?: unknown },
  rawMessage: string,
  noun: string = lowerFirst(node.title),
  names: Record<string, string> = {},
): string {
  // The API lists the codes it takes ("…; code is one of requestLate, other"): the form offers them as choices instead.
  const message = rawMessage.replace(/;\s*\w+ is one of [^;]*$/, '').trim();
  const Noun = upperFirst(noun);
  const chosen = node.kind === 'enum' || node.kind === 'boolean' || node.kind === 'multi' || !!node.choices;
  if (/^(Enter|Select|Confirm) /.test(message)) return message;
  if (node.kind === 'boolean' && node.mustBeTrue) return `Confirm ${noun}`;
  const empty = /received undefined|^Required$|^is required|must not be empty|expected (?:string|array) to have >=1/i;
  if (empty.test(message) || ((node.kind === 'date' || node.kind === 'instant') && /ISO-8601|YYYY-MM-DD/.test(message)))
    return `${chosen ? 'Select' : 'Enter'} ${noun}`;
  if (/^Invalid option|^must be one of|expected one of/i.test(message)) return `Select ${noun}`;
  if (/email/i.test(message)) return `Enter ${noun} in the correct format, like name@example.com`;
  const tooLong = /(?:at most|<=)\s*(\d+) characters?|expected string to have <=(\d+)/i.exec(message);
  if (tooLong) return `${Noun} must be ${tooLong[1] ?? tooLong[2]} characters or fewer`;
  const small = /Too small: expected (?:number|int) to be >=?(\d+)/i.exec(message);
  if (small) return `${Noun} must be ${small[1]} or more`;
  const big = /Too big: expected (?:number|int) to be <=?(\d+)/i.exec(message);
  if (big) return `${Noun} must be ${big[1]} or fewer`;
  if (/expected (?:number|int)/i.test(message)) return `${Noun} must be a whole number`;
  if (/letters, digits/i.test(message)) return `${Noun} must only include letters, numbers, / and -`;
  if (/^is only for|^is not a field/i.test(message)) return `Remove ${noun}: it is not needed for the answers given`;
  if (message.startsWith(node.title)) return named(`${Noun}${message.slice(node.title.length)}`, names);
  return named(`${Noun} ${message}`, names);
}

export interface FieldViewOptions {
  /** The platform's clock: a date's example in its hint is near it (a date of birth years before). */
  now?: Date;
  /** Organisation ids and their names, for refusals that quote an id. */
  names?: Record<string, string>;
  /** Only these top-level fields (a start form's section); default all. */
  only?: ReadonlySet<string>;
}

/** "For example, 27 3 2017": a date of birth ten years before the platform's day; another date, its day. */
function dateHint(now: Date, dateOfBirth: boolean): string {
  const [y, m, d] = londonDateOf(now).split('-').map(Number) as [number, number, number];
  return `For example, ${Math.min(d, 28)} ${m} ${dateOfBirth ? y - 10 : y}`;
}

/** Where a dependent field can be revealed: inside one radio choice of a sibling on the same page. */
function revealTarget(node: FormNode, siblings: readonly FormNode[]): { sibling: FormNode; value: string } | undefined {
  const entries = Object.entries(node.when ?? {});
  if (entries.length !== 1) return undefined;
  const [[name, values]] = entries as [[string, readonly string[]]];
  if (values.length !== 1) return undefined;
  const sibling = siblings.find((f) => f.name.split('.').at(-1) === name && f.fixed === undefined);
  const radios =
    sibling &&
    ((sibling.kind === 'enum' && sibling.choices.length <= 6) || (sibling.kind === 'boolean' && !sibling.mustBeTrue));
  return radios ? { sibling, value: values[0]! } : undefined;
}

/**
 * What to render: each field with its value from the form and its error, and the error summary (issues
 * in page order, each linking to its field). A field asked only for one answer of a sibling is revealed
 * inside that answer (GOV.UK conditional reveal: shown without JavaScript, hidden until chosen with it);
 * one whose sibling is on another page is shown only when asked. Issues whose path names no field (a
 * whole group, or the form) go to the group's first field, or to the top of the form.
 */
export function fieldViews(
  model: FormNode,
  form: URLSearchParams,
  issues: readonly FormIssue[],
  formId = 'form',
  options: FieldViewOptions = {},
): { fields: FieldView[]; errors: ErrorSummary } {
  const now = options.now ?? new Date();
  const flat: { path: string; node: FormNode; view: FieldView; noun: string }[] = [];
  const build = (node: FormNode, path: string, groupNoun: string): FieldView => {
    const id = idOf(path);
    const noun = nounOf(node, groupNoun);
    const view: FieldView = {
      kind: node.kind,
      id,
      name: path,
      label: node.title,
      required: node.required,
      ...(node.hint ? { hint: node.hint } : {}),
    };
    flat.push({ path, node, view, noun });
    switch (node.kind) {
      case 'object':
        view.fields = childViews(node.fields, path, node.errorName ?? (path ? `the ${lowerFirst(node.title)}` : ''));
        return view;
      case 'list': {
        const count = rowsOf(node, path, form);
        view.rows = Array.from({ length: count }, (_, i) => {
          const rowNoun = `${lowerFirst(node.item.title)} ${i + 1}`;
          return {
            legend: `${node.item.title} ${i + 1}`,
            index: i,
            fields:
              node.item.kind === 'object'
                ? childViews(node.item.fields, `${path}.${i}`, rowNoun)
                : [build({ ...node.item, errorName: rowNoun }, `${path}.${i}`, '')],
          };
        });
        view.value = String(count);
        view.canAdd = count < node.max;
        view.canRemove = count > Math.max(1, node.min);
        return view;
      }
      case 'date':
      case 'instant':
        view.date = {
          day: form.get(`${path}-day`) ?? '',
          month: form.get(`${path}-month`) ?? '',
          year: form.get(`${path}-year`) ?? '',
          ...(node.kind === 'instant' ? { time: form.get(`${path}-time`) ?? '' } : {}),
        };
        view.hint ??= dateHint(now, node.kind === 'date' && node.dateOfBirth);
        return view;
      case 'enum':
        view.value = form.get(path) ?? '';
        view.items = node.choices.map((c) => ({
          ...c,
          checked: view.value === c.value,
          selected: view.value === c.value,
        }));
        return view;
      case 'multi': {
        const chosen = new Set(form.getAll(path));
        view.items = node.choices.map((c) => ({ ...c, checked: chosen.has(c.value) }));
        return view;
      }
      case 'boolean':
        view.value = form.get(path) ?? '';
        view.mustBeTrue = node.mustBeTrue;
        view.items = node.mustBeTrue
          ? [{ value: 'true', text: 'Yes', checked: view.value === 'true' }]
          : [
              { value: 'true', text: 'Yes', checked: view.value === 'true' },
              { value: 'false', text: 'No', checked: view.value === 'false' },
            ];
        return view;
      case 'text':
        view.value = form.get(path) ?? '';
        view.multiline = node.multiline;
        view.numeric = node.numeric;
        if (node.choices)
          view.items = [
            { value: '', text: 'Choose one' },
            ...node.choices.map((c) => ({ ...c, selected: view.value === c.value })),
          ];
        return view;
    }
  };
  /**
   * The fields of a group as shown: fixed ones left out, a dependent one inside its sibling's answer, one
   * whose sibling is elsewhere only when asked.
   */
  function childViews(nodes: readonly FormNode[], parentPath: string, groupNoun: string): FieldView[] {
    const shown = nodes.filter((n) => n.fixed === undefined);
    const pathOf = (n: FormNode) => {
      const key = n.name.split('.').at(-1)!;
      return parentPath ? `${parentPath}.${key}` : key;
    };
    const views = new Map<FormNode, FieldView>();
    const out: FieldView[] = [];
    for (const n of shown) {
      const target = revealTarget(n, shown);
      const elsewhere = n.when && Object.keys(n.when).some((k) => !shown.some((s) => s.name.split('.').at(-1) === k));
      if (elsewhere && !isAsked(model, pathOf(n), form)) continue;
      const view = build(n, pathOf(n), groupNoun);
      views.set(n, view);
      if (target) continue;
      if (n.when && !elsewhere) {
        // Asked for several answers of a sibling: shown here, saying when it is needed.
        const when = Object.entries(n.when)
          .map(([k, values]) => {
            const sibling = shown.find((s) => s.name.split('.').at(-1) === k);
            const words = values.map((v) => {
              const choice = sibling && 'choices' in sibling ? sibling.choices?.find((c) => c.value === v) : undefined;
              return `“${choice?.text ?? (v === 'true' ? 'Yes' : v === 'false' ? 'No' : humanise(v))}”`;
            });
            return `${sibling ? `“${sibling.title}” is ` : ''}${words.join(' or ')}`;
          })
          .join(' and ');
        view.hint = `${view.hint ? `${view.hint}. ` : ''}Only when ${when}`;
      }
      out.push(view);
    }
    for (const n of shown) {
      const target = revealTarget(n, shown);
      const view = views.get(n);
      const siblingView = target && views.get(target.sibling);
      if (!target || !view) continue;
      const item = siblingView?.items?.find((i) => i.value === target.value);
      if (item && siblingView) {
        item.reveal = [...(item.reveal ?? []), view];
        siblingView.reveals = true;
      } else out.push(view);
    }
    return out;
  }
  const rootNode: FormNode =
    model.kind === 'object' && options.only
      ? { ...model, fields: model.fields.filter((f) => options.only!.has(f.name)) }
      : model;
  const fields = rootNode.kind === 'object' ? childViews(rootNode.fields, '', '') : [build(rootNode, '', '')];

  const firstInput = (v: FieldView): string => {
    if (v.kind === 'object' && v.fields?.[0]) return firstInput(v.fields[0]);
    if (v.kind === 'list' && v.rows?.[0]?.fields[0]) return firstInput(v.rows[0].fields[0]);
    if (v.kind === 'date' || v.kind === 'instant') return `${v.id}-day`;
    return v.id;
  };
  const list: ErrorSummary['list'] = [];
  const order = (path: string) => flat.findIndex((f) => f.path === path);
  const placed: { at: number; text: string; href: string }[] = [];
  for (const issue of issues) {
    const timeIssue = issue.path.endsWith('-time');
    const path = timeIssue ? issue.path.slice(0, -5) : issue.path;
    let target = flat.find((f) => f.path === path && f.path !== '');
    if (!target)
      target = flat.find((f) => f.path.startsWith(`${path}.`) && f.node.kind !== 'object' && f.node.kind !== 'list');
    for (let p = path; !target && p.includes('.'); ) {
      p = p.slice(0, p.lastIndexOf('.'));
      target = flat.find((f) => f.path === p);
    }
    if (!target) {
      if (options.only && path && !path.startsWith('(')) continue; // a field of another page: shown there
      placed.push({
        at: -1,
        text: govukText(upperFirst(named(issue.message, options.names ?? {}))),
        href: `#${formId}`,
      });
      continue;
    }
    const text = govukText(
      issueWords(
        { ...target.node, ...(target.node.kind === 'boolean' ? { mustBeTrue: target.node.mustBeTrue } : {}) },
        issue.message,
        target.noun,
        options.names,
      ),
    );
    if (!target.view.error) target.view.error = { text };
    placed.push({
      at: order(target.path),
      text,
      href: `#${timeIssue ? `${target.view.id}-time` : firstInput(target.view)}`,
    });
  }
  placed.sort((a, b) => a.at - b.at);
  for (const p of placed)
    if (!list.some((l) => l.text === p.text && l.href === p.href)) list.push({ text: p.text, href: p.href });
  return { fields, errors: { list } };
}

/** The form after "Add another" or "Remove" on a list: the same values, one row more or fewer. */
export function changeRows(form: URLSearchParams, action: string): URLSearchParams | undefined {
  const add = /^add:(.+)$/.exec(action);
  const remove = /^remove:(.+)\.(\d+)$/.exec(action);
  if (!add && !remove) return undefined;
  const next = new URLSearchParams(form);
  if (add) {
    const path = add[1]!;
    next.set(`${path}-rows`, String(Math.max(1, Number(form.get(`${path}-rows`) ?? 1)) + 1));
    return next;
  }
  const [, path, indexText] = remove!;
  const index = Number(indexText);
  const rows = Math.max(1, Number(form.get(`${path!}-rows`) ?? 1));
  const moved = new URLSearchParams();
  for (const [name, value] of next) {
    const m = name.startsWith(`${path}.`) ? /^(\d+)(.*)$/.exec(name.slice(path!.length + 1)) : null;
    if (!m) moved.append(name, value);
    else if (Number(m[1]) < index) moved.append(name, value);
    else if (Number(m[1]) > index) moved.append(`${path}.${Number(m[1]) - 1}${m[2]}`, value);
  }
  moved.set(`${path}-rows`, String(Math.max(1, rows - 1)));
  return moved;
}
