/**
 * Forms made from event schemas: every event of every process in the catalogue gets a form (so a new
 * process needs no page code), a filled form gives back the payload, and the API's issues land on
 * their fields with GOV.UK words.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { definitionOf } from '#core/process/catalogue';
import { recordDate } from '#core/schema/index';
import { partnership } from '#functions/runtime';
import { choicesFor } from '#web/forms/choices';
import { changeRows, type FieldView, fieldViews, formModel, formValuesFrom, payloadFrom } from '#web/forms/schema-form';
import { createRenderer } from '#web/render';
import { catalogue } from '#workflows/catalogue';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import * as ihaParts from '#workflows/initial-health-assessment/index';

const initialHealthAssessment = definitionOf(ihaParts);

const renderer = createRenderer();
const renderFields = (fields: FieldView[]) =>
  renderer.render('event-form.njk', {
    prefix: '/app',
    title: 't',
    caption: 'c',
    action: '/app/x',
    submitText: 'Save',
    fields,
    errors: { list: [] },
    csrf: 'token',
    nav: [],
  });

function leaves(fields: FieldView[]): FieldView[] {
  return fields.flatMap((f) =>
    f.kind === 'object'
      ? leaves(f.fields ?? [])
      : f.kind === 'list'
        ? leaves(f.rows?.flatMap((r) => r.fields) ?? [])
        : [f],
  );
}

describe('forms from event schemas', () => {
  const events = catalogue.flatMap((p) => p.events.map((e) => [p.id, e.type, p, e] as const));

  it.each(events.map(([p, t, def, e]) => [`${p} ${t}`, def, e] as const))(
    '%s: a form with a labelled input for every field',
    (_name, definition, event) => {
      const model = formModel(event.schema, choicesFor(partnership, definition.id));
      const { fields } = fieldViews(model, new URLSearchParams(), []);
      const html = renderFields(fields);
      for (const leaf of leaves(fields)) {
        // Every input has a label or a legend naming it.
        expect(html, `${leaf.name}`).toContain(
          leaf.label.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/</g, '&lt;'),
        );
        expect(html, `${leaf.name}`).toMatch(new RegExp(`name="${leaf.name.replace(/[.]/g, '\\.')}(-day|-time)?"`));
      }
    },
  );

  it('gives back the payload a person typed: dates, a London time, choices, yes/no, nested groups', () => {
    const opening = initialHealthAssessment.events.find((e) => e.opensCase)!;
    const model = formModel(opening.schema, choicesFor(partnership, initialHealthAssessment.id));
    // 1 July 2027 09:30 London is 08:30 UTC (British Summer Time).
    const payload = exampleEntryIntoCare({
      enteredCareAt: '2027-07-01T08:30:00.000Z',
      child: { name: 'Ava Thompson', dateOfBirth: '2016-04-12', nhsNumber: '9434765919' },
    });
    const form = formValuesFrom(model, payload);
    expect(form.get('enteredCareAt-time')).toBe('09:30');
    expect(form.get('child.dateOfBirth-day')).toBe('12');
    const back = payloadFrom(model, form);
    expect(back.issues).toEqual([]);
    expect(back.payload).toEqual(payload);
    expect(opening.schema.safeParse(back.payload).success).toBe(true);
  });

  it('names a date that is not one, and a time that is not HH:MM, before anything is sent', () => {
    const opening = initialHealthAssessment.events.find((e) => e.opensCase)!;
    const model = formModel(opening.schema);
    const form = formValuesFrom(model, exampleEntryIntoCare());
    form.set('child.dateOfBirth-day', '31');
    form.set('child.dateOfBirth-month', '2');
    form.set('enteredCareAt-time', '25:00');
    const { issues } = payloadFrom(model, form);
    expect(issues).toEqual([
      { path: 'child.dateOfBirth', message: 'must be a real date' },
      { path: 'enteredCareAt-time', message: expect.stringContaining('hours and minutes') },
    ]);
    const { errors } = fieldViews(model, form, issues);
    expect(errors.list).toEqual([
      { text: 'Child date of birth must be a real date', href: '#child-dateOfBirth-day' },
      { text: expect.stringContaining('Enter the time'), href: '#enteredCareAt-time' },
    ]);
  });

  it("maps the API's issues to fields in page order, in GOV.UK words, and one about the whole form to its top", () => {
    const completed = initialHealthAssessment.events.find((e) => e.type === 'assessmentCompleted')!;
    const model = formModel(completed.schema, choicesFor(partnership, initialHealthAssessment.id));
    const { fields, errors } = fieldViews(
      model,
      new URLSearchParams(),
      [
        {
          path: 'delayReason',
          message: 'is required when the assessment is completed after it was due; code is one of requestLate, other',
        },
        { path: 'completedOn', message: 'Invalid input: expected string, received undefined' },
        { path: '', message: 'This case is closed' },
      ],
      'event-form',
    );
    expect(errors.list).toEqual([
      { text: 'This case is closed', href: '#event-form' },
      { text: 'Enter date the assessment was completed', href: '#completedOn-day' },
      {
        text: 'Reason for the delay is required when the assessment is completed after it was due',
        href: '#delayReason-code',
      },
    ]);
    expect(fields.find((f) => f.name === 'delayReason')?.error?.text).toContain('Reason for the delay is required');
    // The delay reasons are the partnership's, offered as choices.
    expect(
      leaves(fields)
        .find((f) => f.name === 'delayReason.code')
        ?.items?.map((i) => i.value),
    ).toContain('healthCapacity');
  });

  it('leaves out list rows and optional groups left empty, and names a row by what one item is', () => {
    const schema = z.strictObject({
      reference: z.string(),
      family: z
        .strictObject({ children: z.array(z.strictObject({ name: z.string(), dateOfBirth: recordDate })).min(1) })
        .optional(),
      adults: z.array(z.strictObject({ name: z.string() })).optional(),
    });
    const model = formModel(schema);
    const empty = payloadFrom(
      model,
      new URLSearchParams([
        ['reference', 'R-1'],
        ['family.children-rows', '1'],
        ['adults-rows', '2'],
        ['adults.1.name', 'Jo'],
      ]),
    );
    expect(empty).toEqual({ payload: { reference: 'R-1', adults: [{ name: 'Jo' }] }, issues: [] });
    const { fields } = fieldViews(model, new URLSearchParams(), []);
    const children = fields.find((f) => f.name === 'family')!.fields!.find((f) => f.name === 'family.children')!;
    expect(children.rows![0]!.legend).toBe('Child 1');
  });

  it('adds and removes rows of a list without JavaScript, keeping what was typed', () => {
    const form = new URLSearchParams([
      ['children-rows', '2'],
      ['children.0.name', 'A'],
      ['children.1.name', 'B'],
    ]);
    const added = changeRows(form, 'add:children')!;
    expect(added.get('children-rows')).toBe('3');
    const removed = changeRows(added, 'remove:children.0')!;
    expect(removed.get('children-rows')).toBe('2');
    expect(removed.get('children.0.name')).toBe('B');
    expect(removed.has('children.1.name')).toBe(false);
  });
});
