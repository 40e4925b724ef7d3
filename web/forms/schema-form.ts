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
import * as z from 'zod';
import { isLocalDate, londonDateOf, londonDateTime, londonTimeOf } from '#core/calendar/index';
import { dateOfBirth, instant, localDate, recordDate, recordInstant } from '#core/schema/index';
import { humanise } from '../render';

export type Choice = { value: string; text: string };

/** The shape of a payload, as the form sees it. */
export type FormNode =
  | {
      kind: 'text';
      name: string;
      title: string;
      hint?: string;
      required: boolean;
      multiline: boolean;
      numeric: boolean;
      choices?: Choice[];
    }
  | { kind: 'date'; name: string; title: string; hint?: string; required: boolean }
  | { kind: 'instant'; name: string; title: string; hint?: string; required: boolean }
  | { kind: 'enum'; name: string; title: string; hint?: string; required: boolean; choices: Choice[] }
  | { kind: 'boolean'; name: string; title: string; hint?: string; required: boolean; mustBeTrue: boolean }
  | { kind: 'object'; name: string; title: string; hint?: string; required: boolean; fields: FormNode[] }
  | {
      kind: 'list';
      name: string;
      title: string;
      hint?: string;
      required: boolean;
      item: FormNode;
      min: number;
      max: number;
    };

/**
 * Choices for a field from configuration (e.g. delay reasons), by its path;
 * organisations are offered by the caller too.
 */
export type ChoicesFor = (path: string, fieldName: string) => Choice[] | undefined;

/** A JSON Schema object as zod writes it; each keyword is checked or read with the type zod gives it. */
type Json = Record<string, unknown>;

/** A schema's definition: `.meta()` and `.describe()` make a new schema with the same definition. */
const defOf = (schema: unknown) => (schema as { _zod?: { def?: unknown } })._zod?.def;
const DATE_SCHEMAS = new Set<unknown>([dateOfBirth, recordDate, localDate].map(defOf));
const INSTANT_SCHEMAS = new Set<unknown>([instant, recordInstant].map(defOf));

/** The form model of a zod schema. */
export function formModel(schema: z.ZodType, choicesFor: ChoicesFor = () => undefined): FormNode {
  const json = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    // The shared date and instant schemas are strings to JSON Schema; mark them so they get date inputs.
    override: (ctx) => {
      if (DATE_SCHEMAS.has(defOf(ctx.zodSchema))) ctx.jsonSchema.format = 'date';
      if (INSTANT_SCHEMAS.has(defOf(ctx.zodSchema))) ctx.jsonSchema.format = 'date-time';
    },
  }) as Json;
  return nodeOf(json, '', 'Details', true, choicesFor);
}

/** 'Children' → 'Child', 'Adults' → 'Adult': what one row of a list is called. */
function singular(title: string): string {
  const irregular: Record<string, string> = { children: 'child', people: 'person' };
  const last = title.split(' ').at(-1)!;
  const one = irregular[last.toLowerCase()] ?? last.replace(/ies$/, 'y').replace(/s$/, '');
  const word = last[0] === last[0]!.toUpperCase() ? one.charAt(0).toUpperCase() + one.slice(1) : one;
  return [...title.split(' ').slice(0, -1), word].join(' ');
}

function nodeOf(json: Json, path: string, fallbackTitle: string, required: boolean, choicesFor: ChoicesFor): FormNode {
  const fieldName = path.split('.').at(-1) ?? '';
  const title = typeof json.title === 'string' ? json.title : fallbackTitle;
  const hint = typeof json.description === 'string' ? json.description : undefined;
  const base = { name: path, title, required, ...(hint ? { hint } : {}) };
  if (json.type === 'object' && json.properties) {
    const req = new Set<string>((json.required as string[] | undefined) ?? []);
    return {
      ...base,
      kind: 'object',
      fields: Object.entries(json.properties as Record<string, Json>).map(([key, child]) =>
        nodeOf(child, path ? `${path}.${key}` : key, humanise(key), req.has(key), choicesFor),
      ),
    };
  }
  if (json.type === 'array' && json.items) {
    return {
      ...base,
      kind: 'list',
      item: nodeOf(json.items as Json, `${path}.#`, singular(title), true, choicesFor),
      min: (json.minItems as number | undefined) ?? 0,
      max: Math.min((json.maxItems as number | undefined) ?? 20, 20),
    };
  }
  if (json.type === 'boolean') return { ...base, kind: 'boolean', mustBeTrue: json.const === true };
  if (Array.isArray(json.enum))
    return {
      ...base,
      kind: 'enum',
      choices: json.enum.map((v: unknown) => ({ value: String(v), text: humanise(String(v)) })),
    };
  if (json.format === 'date') return { ...base, kind: 'date' };
  if (json.format === 'date-time') return { ...base, kind: 'instant' };
  const anyOf = Array.isArray(json.anyOf) ? (json.anyOf as Json[]) : undefined;
  const choices = choicesFor(path, fieldName);
  const numeric = json.type === 'number' || json.type === 'integer';
  const maxLength = typeof json.maxLength === 'number' ? json.maxLength : anyOf ? undefined : undefined;
  const constants = anyOf?.filter((a) => a.const !== undefined).map((a) => `'${a.const}'`);
  const anyOfHint = constants?.length ? `Or ${constants.join(' or ')}` : undefined;
  return {
    ...base,
    kind: 'text',
    multiline: (maxLength ?? 0) > 200 || /reason|text|notes?$/i.test(fieldName),
    numeric,
    ...(choices ? { choices } : {}),
    ...((hint ?? anyOfHint) ? { hint: hint ?? anyOfHint } : {}),
  };
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

/**
 * The payload a form describes, with the problems found before the API is asked (a date that is not
 * one, a time not written HH:MM). Empty fields are left out, so the API names a missing one.
 */
export function payloadFrom(
  model: FormNode,
  form: URLSearchParams,
): { payload: Record<string, unknown>; issues: FormIssue[] } {
  const issues: FormIssue[] = [];
  const value = read(model, '', form, issues);
  return { payload: (value as Record<string, unknown>) ?? {}, issues };
}

function read(node: FormNode, path: string, form: URLSearchParams, issues: FormIssue[]): unknown {
  const get = (name: string) => (form.get(name) ?? '').trim();
  switch (node.kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const field of node.fields) {
        const key = field.name.split('.').at(-1)!;
        const v = read(field, path ? `${path}.${key}` : key, form, issues);
        if (v !== undefined) out[key] = v;
      }
      // An optional group left empty is not sent at all.
      return Object.keys(out).length || node.required ? out : undefined;
    }
    case 'list': {
      // Rows left empty are not sent; a list with no row filled in is left out, so the API names it if it is needed.
      const rows: unknown[] = [];
      for (let i = 0; i < rowsOf(node, path, form); i++) {
        const row = read(node.item, `${path}.${i}`, form, issues);
        if (
          row !== undefined &&
          !(typeof row === 'object' && row !== null && !Array.isArray(row) && Object.keys(row).length === 0)
        )
          rows.push(row);
      }
      return rows.length ? rows : undefined;
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
        issues.push({ path, message: 'must be a real date' });
        return undefined;
      }
      return day;
    }
    case 'instant': {
      const [d, m, y, t] = [get(`${path}-day`), get(`${path}-month`), get(`${path}-year`), get(`${path}-time`)];
      if (!d && !m && !y && !t) return undefined;
      const day = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
      const time = /^\d{1,2}[:.]\d{2}$/.test(t) ? pad(t.replace('.', ':'), 5) : '';
      if (!/^\d+$/.test(d + m + y) || !isLocalDate(day)) {
        issues.push({ path, message: 'must be a real date' });
        return undefined;
      }
      if (!time || Number(time.slice(0, 2)) > 23 || Number(time.slice(3)) > 59) {
        issues.push({
          path: `${path}-time`,
          message:
            `Enter the time of ${node.title.charAt(0).toLowerCase()}${node.title.slice(1)} as hours and ` +
            `minutes, for example 14:30`,
        });
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
  items?: { value: string; text: string; checked?: boolean; selected?: boolean }[];
  multiline?: boolean;
  numeric?: boolean;
  mustBeTrue?: boolean;
  fields?: FieldView[];
  rows?: { legend: string; index: number; fields: FieldView[] }[];
  canAdd?: boolean;
  canRemove?: boolean;
}

export interface ErrorSummary {
  list: { text: string; href: string }[];
}

const idOf = (path: string) => path.replace(/[^A-Za-z0-9_-]/g, '-') || 'form';

/** The words of an issue on a field, GOV.UK style ("Enter …", "Select …", "<Field> must be …"). */
export function issueWords(node: Pick<FormNode, 'kind' | 'title'>, rawMessage: string, groupTitle = ''): string {
  // A field inside a group is named with it ("Enter social worker email"), so the summary is never ambiguous.
  const title = groupTitle ? `${groupTitle} ${node.title.charAt(0).toLowerCase()}${node.title.slice(1)}` : node.title;
  // The API lists the codes it takes ("…; code is one of requestLate, other"): the form offers them as choices instead.
  const message = rawMessage.replace(/;\s*\w+ is one of [^;]*$/, '');
  const lower = title.charAt(0).toLowerCase() + title.slice(1);
  if (message.startsWith(title) || message.startsWith('Enter ') || message.startsWith('Select ')) return message;
  if (message.startsWith(node.title)) return `${title}${message.slice(node.title.length)}`;
  // A date or time left empty: the API's words for the format are not the person's business.
  if ((node.kind === 'date' || node.kind === 'instant') && /ISO-8601|YYYY-MM-DD/.test(message)) return `Enter ${lower}`;
  if (/received undefined|^Required$/i.test(message)) {
    if (node.kind === 'enum' || node.kind === 'boolean') return `Select ${lower}`;
    return `Enter ${lower}`;
  }
  if (/^Invalid option|^must be one of/i.test(message)) return `Select ${lower}`;
  if (/^Invalid input: expected true/i.test(message)) return `Confirm ${lower}`;
  return `${title} ${message}`;
}

/**
 * What to render: each field with its value from the form and its error, and the error summary (issues
 * in page order, each linking to its field). Issues whose path names no field (a whole group, or the
 * form) go to the group's first field, or to the top of the form.
 */
export function fieldViews(
  model: FormNode,
  form: URLSearchParams,
  issues: readonly FormIssue[],
  formId = 'form',
): { fields: FieldView[]; errors: ErrorSummary } {
  const flat: { path: string; node: FormNode; view: FieldView; group: string }[] = [];
  const build = (node: FormNode, path: string, group = ''): FieldView => {
    const id = idOf(path);
    const base: FieldView = {
      kind: node.kind,
      id,
      name: path,
      label: node.title,
      required: node.required,
      ...(node.hint ? { hint: node.hint } : {}),
    };
    const view: FieldView = base;
    switch (node.kind) {
      case 'object':
        flat.push({ path, node, view, group });
        view.fields = node.fields.map((f) =>
          build(f, path ? `${path}.${f.name.split('.').at(-1)}` : f.name.split('.').at(-1)!, path ? node.title : ''),
        );
        return view;
      case 'list': {
        flat.push({ path, node, view, group });
        const count = rowsOf(node, path, form);
        view.rows = Array.from({ length: count }, (_, i) => ({
          legend: `${node.item.title} ${i + 1}`,
          index: i,
          fields:
            node.item.kind === 'object'
              ? node.item.fields.map((f) =>
                  build(f, `${path}.${i}.${f.name.split('.').at(-1)}`, `${node.item.title} ${i + 1}`),
                )
              : [build(node.item, `${path}.${i}`, `${node.item.title} ${i + 1}`)],
        }));
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
        break;
      case 'enum':
        view.value = form.get(path) ?? '';
        view.items = node.choices.map((c) => ({
          ...c,
          checked: view.value === c.value,
          selected: view.value === c.value,
        }));
        break;
      case 'boolean':
        view.value = form.get(path) ?? '';
        view.mustBeTrue = node.mustBeTrue;
        view.items = node.mustBeTrue
          ? [{ value: 'true', text: 'Yes', checked: view.value === 'true' }]
          : [
              { value: 'true', text: 'Yes', checked: view.value === 'true' },
              { value: 'false', text: 'No', checked: view.value === 'false' },
            ];
        break;
      case 'text':
        view.value = form.get(path) ?? '';
        view.multiline = node.multiline;
        view.numeric = node.numeric;
        if (node.choices)
          view.items = [
            { value: '', text: 'Choose one' },
            ...node.choices.map((c) => ({ ...c, selected: view.value === c.value })),
          ];
        break;
    }
    flat.push({ path, node, view, group });
    return view;
  };
  const root = build(model, '');
  const fields = root.fields ?? [root];

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
      placed.push({ at: -1, text: issue.message.charAt(0).toUpperCase() + issue.message.slice(1), href: `#${formId}` });
      continue;
    }
    const text = issueWords(target.node, issue.message, target.group);
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
