/**
 * Forms made from event schemas: every event of every process in the catalogue gets a form (so a new
 * process needs no page code), a filled form gives back the payload, and the API's issues land on
 * their fields with GOV.UK words.
 */
import { describe, expect, it } from 'vitest';
import { definitionOf } from '#core/process/catalogue';
import { recordDate } from '#core/schema/index';
import * as z from '#core/schema/zod';
import { partnership } from '#functions/runtime';
import { choicesFor } from '#web/forms/choices';
import {
  changeRows,
  type FieldView,
  type FormNode,
  fieldViews,
  formModel,
  formValuesFrom,
  payloadFrom,
  timeOf,
} from '#web/forms/schema-form';
import { createRenderer } from '#web/render';
import { catalogue } from '#workflows/catalogue';
import { contractCatalogue } from '#workflows/contracts';
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
      { path: 'enteredCareAt-time', message: 'must include a real time, like 9:30 or 14:30' },
    ]);
    const { errors } = fieldViews(model, form, issues);
    expect(errors.list).toEqual([
      { text: "The child's date of birth must be a real date", href: '#child-dateOfBirth-day' },
      {
        text: 'The date and time the child entered care must include a real time, like 9:30 or 14:30',
        href: '#enteredCareAt-time',
      },
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
      { text: 'Enter the date the assessment was completed', href: '#completedOn-day' },
      { text: 'Enter the reason for the delay', href: '#delayReason-code' },
    ]);
    expect(fields.find((f) => f.name === 'delayReason')?.error?.text).toBe('Enter the reason for the delay');
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
      family: z.optional(
        z.strictObject({
          children: z.array(z.strictObject({ name: z.string(), dateOfBirth: recordDate })).check(z.minLength(1)),
        }),
      ),
      adults: z.optional(z.array(z.strictObject({ name: z.string() }))),
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

  it('words every error GOV.UK style, naming the field as people do: never a path or a field name', () => {
    const iha = (type: string) =>
      formModel(
        initialHealthAssessment.events.find((e) => e.type === type)!.schema,
        choicesFor(partnership, initialHealthAssessment.id),
      );
    const undefinedIssue = 'Invalid input: expected string, received undefined';
    const names = Object.fromEntries(partnership.organisations.map((o) => [o.id, o.name]));
    const words = (model: FormNode, issues: { path: string; message: string }[]) =>
      fieldViews(model, new URLSearchParams(), issues, 'form', { names }).errors.list.map((e) => e.text);
    expect(
      words(iha('assessmentCompleted'), [
        { path: 'practitioner.name', message: undefinedIssue },
        { path: 'healthPlanShared', message: 'Invalid input: expected true' },
      ]),
    ).toEqual([
      'Enter the name of the person who carried out the assessment',
      'Confirm that the health plan has been shared',
    ]);
    expect(
      words(iha('childEnteredCare'), [
        { path: 'socialWorker.email', message: 'must be an email address' },
        { path: 'socialWorkManager.email', message: undefinedIssue },
        { path: 'legalBasis', message: 'Invalid option: expected one of "section20"|"other"' },
        { path: 'legalBasisOther', message: "is required when legalBasis is 'other'" },
        { path: 'healthProvider', message: "must be your own organisation ('riverside-health')" },
        { path: 'child.name', message: 'must be at most 120 characters' },
      ]),
    ).toEqual([
      "The child's full name must be 120 characters or fewer",
      'Select the legal basis',
      'Enter the legal basis',
      'The health provider who will do the assessment must be your own organisation (Riverside Community Health NHS Trust)',
      'Enter the email address of the social worker in the correct format, like name@example.com',
      'Enter the email address of the social work manager',
    ]);
  });

  it('reveals a field inside the answer that asks for it, and sends it only when that answer is chosen', () => {
    const model = formModel(initialHealthAssessment.events.find((e) => e.opensCase)!.schema);
    const { fields } = fieldViews(model, new URLSearchParams(), []);
    // "Legal basis, if other" sits inside the "Other" choice, and nowhere else.
    const basis = fields.find((f) => f.name === 'legalBasis')!;
    expect(basis.items!.find((i) => i.value === 'other')!.reveal!.map((f) => f.name)).toEqual(['legalBasisOther']);
    expect(fields.some((f) => f.name === 'legalBasisOther')).toBe(false);
    expect(basis.items!.find((i) => i.value === 'section20')!.text).toBe('Section 20 (accommodated with agreement)');
    const html = renderFields(fields);
    expect(html).toContain('data-aria-controls="conditional-legalBasis-6"');
    expect(html).toMatch(/for="legalBasisOther">\s*Legal basis, if other\s*<\/label>/);
    // Typed, then another basis chosen: not sent (the API would refuse it).
    const form = formValuesFrom(model, exampleEntryIntoCare());
    form.set('legalBasisOther', 'typed before changing my mind');
    expect(payloadFrom(model, form).payload).not.toHaveProperty('legalBasisOther');
    form.set('legalBasis', 'other');
    expect(payloadFrom(model, form).payload).toHaveProperty('legalBasisOther', 'typed before changing my mind');
  });

  it("sets what a school's request need not ask (the channel is a school), and offers needs as checkboxes", () => {
    const opening = contractCatalogue.byId('supporting-families')!.events.find((e) => e.opensCase)!;
    const asSchool = formModel(opening.schema, choicesFor(partnership, 'supporting-families'), 'school');
    const asCouncil = formModel(opening.schema, choicesFor(partnership, 'supporting-families'), 'council');
    const names = (m: FormNode) => fieldViews(m, new URLSearchParams(), []).fields.map((f) => f.name);
    expect(names(asSchool)).not.toContain('channel');
    expect(names(asSchool)).toContain('council');
    expect(names(asCouncil)).toContain('channel');
    expect(names(asCouncil)).not.toContain('council');
    const form = new URLSearchParams([
      ['consent', 'true'],
      ['needs', 'secureHousing'],
      ['needs', 'goodEducation'],
      ['needs', 'notANeed'],
    ]);
    const { payload } = payloadFrom(asSchool, form);
    expect(payload).toMatchObject({
      channel: 'partner',
      partnerKind: 'school',
      needs: ['secureHousing', 'goodEducation'],
    });
    expect(payloadFrom(asCouncil, form).payload).not.toHaveProperty('channel');
    const consent = fieldViews(asSchool, form, []).fields.find((f) => f.name === 'consent')!;
    expect(consent.items!.find((i) => i.value === 'true')!.reveal!.map((f) => f.name)).toEqual([
      'familyReference',
      'locality',
      'family',
      'needs',
    ]);
    const needs = consent.items!.find((i) => i.value === 'true')!.reveal!.find((f) => f.name === 'needs')!;
    expect(needs.kind).toBe('multi');
    expect(needs.items!.filter((i) => i.checked).map((i) => i.text)).toEqual([
      'Getting a good education',
      'Secure housing',
    ]);
    // "Family reference" is required whenever it is asked: never labelled optional.
    expect(renderFields(fieldViews(asSchool, form, []).fields)).not.toContain('Family reference (optional)');
  });

  it('gives a date of birth an example in the past, and reads times as people write them', () => {
    const opening = initialHealthAssessment.events.find((e) => e.opensCase)!;
    const now = new Date('2027-02-15T10:00:00Z');
    const leavesOf = leaves(fieldViews(formModel(opening.schema), new URLSearchParams(), [], 'f', { now }).fields);
    expect(leavesOf.find((f) => f.name === 'child.dateOfBirth')!.hint).toBe('For example, 15 2 2017');
    expect(leavesOf.find((f) => f.name === 'enteredCareAt')!.hint).toBe('For example, 15 2 2027');
    expect(['14:30', '14.30', '9:30', '2:30pm', '2pm', '12am', 'midday', '25:00', '2', '13pm'].map(timeOf)).toEqual([
      '14:30',
      '14:30',
      '09:30',
      '14:30',
      '14:00',
      '00:00',
      '12:00',
      undefined,
      undefined,
      undefined,
    ]);
  });
});
