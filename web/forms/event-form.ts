/**
 * A form for one event of a process, made from its schema: shown, re-shown with "Add another" or
 * "Remove", checked (the event's own schema, with nothing written), sent to the API as the signed-in
 * person, and re-shown with the API's refusal mapped onto the fields (GOV.UK error summary).
 */
import type { EventSpec, ReadableProcess } from '#core/process/definition';
import { issuesFrom } from '#functions/api/responses';
import { type ApiAnswer, issuesOf, type RecordedAnswer } from '../api-client';
import type { PageContext, PageResult } from '../pages/page';
import { Sessions } from '../session';
import { choicesFor } from './choices';
import { changeRows, type FormIssue, fieldViews, formModel, payloadFrom } from './schema-form';

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
  send(payload: Record<string, unknown>, idempotencyKey: string): Promise<ApiAnswer<RecordedAnswer>>;
  /** Where to go once the API accepted it. */
  done(answer: ApiAnswer<RecordedAnswer>): PageResult;
}

/** Fields the person does not type: the form's own token, its idempotency key and its buttons. */
const FORM_ONLY = new Set(['csrfToken', 'idempotencyKey', 'rowAction']);

export async function eventFormPage(ctx: PageContext, options: EventFormOptions): Promise<PageResult> {
  const model = formModel(options.event.schema, choicesFor(ctx.deps.runtime.partnership, options.definition.id));
  const show = (form: URLSearchParams, issues: FormIssue[], status = 200) => {
    const { fields, errors } = fieldViews(model, form, issues, 'event-form');
    const hasLists = JSON.stringify(fields).includes('"kind":"list"');
    return ctx.render(
      'event-form.njk',
      { ...options, fields, errors, hasLists, idempotencyKey: form.get('idempotencyKey') || Sessions.newToken() },
      status,
    );
  };
  if (ctx.request.method === 'GET') return show(new URLSearchParams(), []);

  const form = new URLSearchParams([...ctx.form].filter(([name]) => !FORM_ONLY.has(name) || name === 'idempotencyKey'));
  const rowAction = ctx.form.get('rowAction');
  if (rowAction) {
    const changed = changeRows(form, rowAction);
    if (changed) return show(changed, []);
  }
  const { payload, issues: formIssues } = payloadFrom(model, form);
  if (formIssues.length) {
    // Everything else the schema would refuse, shown at once (nothing is sent or written).
    const parsed = options.event.schema.safeParse(payload);
    const schemaIssues = parsed.success
      ? []
      : issuesFrom(parsed.error.issues).filter(
          (i) => !formIssues.some((f) => f.path === i.path || f.path === `${i.path}-time`),
        );
    return show(form, [...formIssues, ...schemaIssues], 400);
  }
  const answer = await options.send(payload, form.get('idempotencyKey') || Sessions.newToken());
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
    return show(form, issues, answer.status);
  }
  return ctx.problem(answer);
}
