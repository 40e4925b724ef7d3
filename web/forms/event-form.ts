/**
 * A form for one event of a process, made from its schema: shown, re-shown with "Add another" or
 * "Remove", checked (the event's own schema, with nothing written), sent to the API as the signed-in
 * person, and re-shown with the API's refusal mapped onto the fields (GOV.UK error summary).
 *
 * A start form (`sections`) comes in short pages, one for each section of the opening event's fields
 * (web/forms/sections.ts), then "Check your answers" with a way back to change each section, and is sent
 * from there. Each page carries the answers of the others as hidden inputs, so nothing is held on the
 * server before it is sent and no JavaScript is needed.
 */
import type { EventSpec, ReadableProcess } from '#core/process/definition';
import { issuesFrom } from '#functions/api/responses';
import { type ApiAnswer, issuesOf, type RecordedAnswer } from '../api-client';
import type { PageContext, PageResult } from '../pages/page';
import { Sessions } from '../session';
import { choicesFor } from './choices';
import { changeRows, type FormIssue, fieldViews, formModel, formValuesFrom, payloadFrom } from './schema-form';
import { answerGroups, fieldOfValue, type Section, sectionAsked, sectionsOf } from './sections';

export interface EventFormOptions {
  definition: ReadableProcess;
  event: EventSpec;
  /** Where the form posts (this page). */
  action: string;
  title: string;
  caption: string;
  backLink: string;
  submitText: string;
  /** Words above the form (e.g. which case). */
  lead?: string;
  /** A start form: short pages by section, then "Check your answers". */
  sections?: boolean;
  /** The kind of the opener's organisation: fields the schema sets for it are not asked (`setFor`). */
  openerKind?: string;
  /** Answers filled in before the person starts (part of a payload, e.g. a child the school already knows). */
  initial?: Record<string, unknown>;
  /** A person to choose whose details fill the form (a lead practitioner), by a GET form above it. */
  picker?: { items: { value: string; text: string; selected?: boolean }[] };
  send(payload: Record<string, unknown>, idempotencyKey: string): Promise<ApiAnswer<RecordedAnswer>>;
  /** Where to go once the API accepted it. */
  done(answer: ApiAnswer<RecordedAnswer>): PageResult;
}

/** Fields the person does not type: the form's own token, its idempotency key, its buttons and its page. */
const FORM_ONLY = new Set(['csrfToken', 'idempotencyKey', 'rowAction', 'formAction', 'step', 'checking']);
const CHECK = 'check';

export async function eventFormPage(ctx: PageContext, options: EventFormOptions): Promise<PageResult> {
  const partnership = ctx.deps.runtime.partnership;
  const model = formModel(
    options.event.schema,
    choicesFor(partnership, options.definition.id, options.event.type),
    options.openerKind,
  );
  const names = Object.fromEntries(partnership.organisations.map((o) => [o.id, o.name]));
  const sections = options.sections ? sectionsOf(model, options.title) : undefined;
  const paged = !!sections && sections.length > 1;
  const keyOf = (form: URLSearchParams) => form.get('idempotencyKey') || Sessions.newToken();

  /** A page of the form: all of it, or one section with the other answers carried along. */
  const show = (form: URLSearchParams, issues: FormIssue[], status = 200, step = 0, checking = false) => {
    const section = paged ? sections[step] : undefined;
    const only = section ? new Set(section.fields) : undefined;
    const { fields, errors } = fieldViews(model, form, issues, 'event-form', {
      now: ctx.now(),
      names,
      ...(only ? { only } : {}),
    });
    const hasLists = JSON.stringify(fields).includes('"kind":"list"');
    const hidden = only ? [...form].filter(([name]) => name !== 'idempotencyKey' && !only.has(fieldOfValue(name))) : [];
    return ctx.render(
      'event-form.njk',
      {
        ...options,
        fields,
        errors,
        hasLists,
        idempotencyKey: keyOf(form),
        ...(section
          ? {
              step,
              checking,
              hidden,
              sectionTitle: section.title,
              progress: `Page ${step + 1} of ${sections!.length}`,
              submitText: 'Continue',
              ...(step > 0 || checking ? { previous: true } : {}),
            }
          : {}),
      },
      status,
    );
  };

  /** "Check your answers": every section's answers in words, each with a way back to change it. */
  const check = (form: URLSearchParams, payload: Record<string, unknown>) =>
    ctx.render('check-answers.njk', {
      ...options,
      title: 'Check your answers',
      caption: options.title,
      idempotencyKey: keyOf(form),
      hidden: [...form].filter(([name]) => name !== 'idempotencyKey'),
      sections: sections!
        .map((section, index) => ({ index, title: section.title, groups: answerGroups(model, section, payload) }))
        .filter((s) => sectionAsked(model, sections![s.index]!, form)),
    });

  if (ctx.request.method === 'GET')
    return show(options.initial ? formValuesFrom(model, options.initial) : new URLSearchParams(), []);

  const form = new URLSearchParams([...ctx.form].filter(([name]) => !FORM_ONLY.has(name) || name === 'idempotencyKey'));
  const stepText = ctx.form.get('step') ?? '0';
  const step = paged ? Math.min(Math.max(Number(stepText) || 0, 0), sections.length - 1) : 0;
  const checking = ctx.form.get('checking') === '1' || stepText === CHECK;
  const rowAction = ctx.form.get('rowAction');
  if (rowAction) {
    const changed = changeRows(form, rowAction);
    if (changed) return show(changed, [], 200, step, checking);
  }
  const { payload, issues: formIssues } = payloadFrom(model, form);
  // Everything the schema refuses, found before anything is sent (nothing is written).
  const problems = (fields?: readonly string[]) => {
    const parsed = options.event.schema.safeParse(payload);
    const schemaIssues = parsed.success
      ? []
      : issuesFrom(parsed.error.issues).filter(
          (i) => !formIssues.some((f) => f.path === i.path || f.path === `${i.path}-time`),
        );
    const all = [...formIssues, ...schemaIssues];
    return fields ? all.filter((i) => fields.includes(fieldOfValue(i.path))) : all;
  };

  if (paged) {
    const action = ctx.form.get('formAction') ?? 'continue';
    const next = (from: number, by: 1 | -1) => {
      let at = from + by;
      while (at >= 0 && at < sections.length && !sectionAsked(model, sections[at]!, form)) at += by;
      return at;
    };
    const change = /^change:(\d+)$/.exec(action);
    if (change) return show(form, [], 200, Math.min(Number(change[1]), sections.length - 1), true);
    if (action === 'back') {
      if (stepText === CHECK) return show(form, [], 200, next(sections.length, -1), false);
      return step > 0 ? show(form, [], 200, Math.max(next(step, -1), 0), checking) : show(form, [], 200, 0);
    }
    if (action !== 'send') {
      const here = problems(sections[step]!.fields);
      if (here.length) return show(form, here, 400, step, checking);
      const after = checking ? sections.length : next(step, 1);
      if (after < sections.length) return show(form, [], 200, after, checking);
      // Every page answered: check the whole answer before showing it back.
      const all = problems();
      if (all.length) return showFirstProblem(all);
      return check(form, payload);
    }
    const all = problems();
    if (formIssues.length || all.length) return showFirstProblem(all);
  } else if (formIssues.length) {
    return show(form, problems(), 400);
  }

  /** The page holding the first problem, with that page's problems (a refusal naming no field: the first page). */
  function showFirstProblem(issues: FormIssue[]) {
    const at = sectionOfIssue(sections!, issues[0]!);
    return show(form, issues, 400, at, true);
  }

  const answer = await options.send(payload, keyOf(form));
  if (answer.status >= 200 && answer.status < 300) return options.done(answer);
  const refusal = issuesOf(answer);
  // A refusal naming a field (a 403 for an opening naming another organisation where it must name the
  // person's own) is shown on the form like any other problem with a field.
  if (
    (answer.status === 400 ||
      answer.status === 409 ||
      answer.status === 422 ||
      (answer.status === 403 && !!refusal?.issues.length)) &&
    refusal
  ) {
    const issues = refusal.issues.length ? refusal.issues : [{ path: '', message: refusal.message }];
    if (paged) return show(form, issues, answer.status, sectionOfIssue(sections, issues[0]!), true);
    return show(form, issues, answer.status);
  }
  return ctx.problem(answer);
}

/** The section an issue's field is on (the first section for one about the whole form). */
function sectionOfIssue(sections: readonly Section[], issue: FormIssue): number {
  const at = sections.findIndex((s) => s.fields.includes(fieldOfValue(issue.path)));
  return Math.max(at, 0);
}
