/**
 * A start form in short pages (GOV.UK "one thing per page", grouped): the opening event's top-level fields
 * split into sections by their `section` words (core/schema FieldWords), then "Check your answers" before
 * anything is sent. Answers travel between pages in the form itself (hidden inputs), so nothing is kept on
 * the server before it is sent and no JavaScript is needed.
 */
import { longDate, longDateTime } from '../render';
import { type FormNode, isAsked } from './schema-form';

export interface Section {
  title: string;
  /** The top-level fields of the section, by name. */
  fields: string[];
}

/**
 * The sections of a form: a new one at each top-level field with a `section` title (fields before the
 * first go in one titled `firstTitle`); fields the opener is not asked (fixed) belong to none.
 */
export function sectionsOf(model: FormNode, firstTitle: string): Section[] {
  if (model.kind !== 'object') return [{ title: firstTitle, fields: [] }];
  const sections: Section[] = [];
  for (const field of model.fields) {
    if (field.fixed !== undefined) continue;
    if (field.section || !sections.length) sections.push({ title: field.section ?? firstTitle, fields: [] });
    sections.at(-1)!.fields.push(field.name);
  }
  return sections;
}

/**
 * Is anything in the section asked, given the answers so far (a section of fields all revealed by another
 * answer may not be)?
 */
export function sectionAsked(model: FormNode, section: Section, form: URLSearchParams): boolean {
  return section.fields.some((name) => isAsked(model, name, form));
}

/** The top-level field a form value belongs to (`child.name`, `enteredCareAt-day`, `family.children-rows`). */
export const fieldOfValue = (key: string) => key.split(/[.-]/)[0]!;

export interface AnswerRow {
  key: { text: string };
  value: { text?: string; html?: string };
}

export interface AnswerGroup {
  /** A group's title (a nested group: "Child"), or none for the section's own fields. */
  title?: string;
  rows: AnswerRow[];
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const lines = (items: string[]): AnswerRow['value'] => ({
  html: `<ul class="govuk-list">${items.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`,
});

/** One answer in words: a choice by its words, a date GOV.UK style, yes or no; nothing as "Not given". */
export function answerText(node: FormNode, value: unknown): string {
  if (value === undefined || value === null || value === '') return 'Not given';
  switch (node.kind) {
    case 'enum':
      return node.choices.find((c) => c.value === value)?.text ?? String(value);
    case 'text':
      return node.choices?.find((c) => c.value === value)?.text ?? String(value);
    case 'boolean':
      return value === true ? 'Yes' : 'No';
    case 'date':
      return longDate(String(value));
    case 'instant':
      return longDateTime(String(value));
    case 'multi':
      return (value as unknown[]).map((v) => node.choices.find((c) => c.value === v)?.text ?? String(v)).join(', ');
    default:
      return String(value);
  }
}

/**
 * The answers of one section, in words, as summary-list rows: its own fields, then each group of fields
 * under the group's title; a list of things as one row of lines.
 */
export function answerGroups(model: FormNode, section: Section, payload: Record<string, unknown>): AnswerGroup[] {
  if (model.kind !== 'object') return [];
  const own: AnswerRow[] = [];
  const groups: AnswerGroup[] = [];
  const rowOf = (node: FormNode, value: unknown): AnswerRow => {
    if (node.kind === 'list') {
      const rows = Array.isArray(value) ? value : [];
      if (!rows.length) return { key: { text: node.title }, value: { text: 'None' } };
      const item = node.item;
      return {
        key: { text: node.title },
        value: lines(
          rows.map((row) =>
            item.kind === 'object'
              ? item.fields
                  .map((f) => answerText(f, (row as Record<string, unknown>)[f.name.split('.').at(-1)!]))
                  .filter((t) => t !== 'Not given')
                  .join(', ')
              : answerText(item, row),
          ),
        ),
      };
    }
    if (node.kind === 'multi' && Array.isArray(value) && value.length)
      return {
        key: { text: node.title },
        value: lines(value.map((v) => node.choices.find((c) => c.value === v)?.text ?? String(v))),
      };
    return { key: { text: node.title }, value: { text: answerText(node, value) } };
  };
  for (const field of model.fields) {
    if (!section.fields.includes(field.name)) continue;
    const value = payload[field.name];
    if (field.kind === 'object') {
      if (value === undefined) continue;
      const nested = field.fields.map((f) => ({
        node: f,
        value: (value as Record<string, unknown>)[f.name.split('.').at(-1)!],
      }));
      groups.push({
        title: field.title,
        rows: nested
          .filter(({ node, value: v }) => v !== undefined || node.required)
          .map(({ node, value: v }) => rowOf(node, v)),
      });
    } else if (value !== undefined || field.required) own.push(rowOf(field, value));
  }
  return [...(own.length ? [{ rows: own }] : []), ...groups];
}
