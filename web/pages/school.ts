/**
 * Schools: the Key Adult's Operation Encompass notifications, the ones still to acknowledge first with
 * their deadlines; a notification with only what the school needs (what the API's view for a Key
 * Adult holds); acknowledge, optionally saying support was offered. A school sees only its own
 * pupils: another school's notification is "Page not found" (the API answers 404 and audits it).
 *
 *   GET  /app/school
 *   GET  /app/school/notifications/{caseId}
 *   POST /app/school/notifications/{caseId}
 */
import { type ClockStateAnswer, type Lateness, latenessWords } from '#core/clocks/state';
import { type ApiRefusal, type CaseAnswer, type RecordedAnswer, segment } from '../api-client';
import { Sessions } from '../session';
import { type PageContext, type PageModule, PREFIX } from './page';
import { FAMILY_SUPPORT, openingFor } from './start';

/** A notification's status in the Key Adult's words, and its tag's colour. */
export const NOTIFICATION_STATUS: Record<string, { text: string; classes: string }> = {
  waiting: { text: 'To acknowledge', classes: 'govuk-tag--yellow' },
  heldOverHoliday: { text: 'To acknowledge when school opens', classes: 'govuk-tag--blue' },
  acknowledged: { text: 'Acknowledged', classes: 'govuk-tag--green' },
  closed: { text: 'Closed', classes: 'govuk-tag--grey' },
  findingSchool: { text: 'School being found', classes: 'govuk-tag--grey' },
};

/**
 * A notification's tag: its status, unless the API's state of its deadline says it is late (a notification
 * to acknowledge past its deadline is overdue, in red; one acknowledged after it was acknowledged late).
 */
export function statusOf(status: string | undefined, deadline?: { state?: string; late?: Lateness }) {
  const late = deadline?.late ? ` by ${latenessWords(deadline.late)}` : '';
  if (deadline?.state === 'overdue' && (status === 'waiting' || status === 'heldOverHoliday'))
    return { text: `Overdue${late}`, classes: 'govuk-tag--red' };
  if (deadline?.state === 'metLate' && status === 'acknowledged')
    return { text: `Acknowledged late${late}`, classes: 'govuk-tag--orange' };
  return NOTIFICATION_STATUS[status ?? ''] ?? { text: status ?? 'Unknown', classes: 'govuk-tag--grey' };
}

/** The reminders and escalations made, as the API words them. */
interface EscalationMade {
  at: string;
  words: string;
}

/**
 * The start form of a request for family support, filled in from this notification (the child's name and
 * date of birth, which the school already has), if this Key Adult may send one
 * (web/pages/start.ts `?notification=`), else none.
 */
function familySupportHrefFor(ctx: PageContext, caseId: string): string | undefined {
  const definition = ctx.catalogue.byId(FAMILY_SUPPORT);
  if (!definition || !openingFor(definition, ctx.user, ctx.deps.runtime.partnership)) return undefined;
  return `${PREFIX}/start/${FAMILY_SUPPORT}?${new URLSearchParams({ notification: caseId }).toString()}`;
}

async function notificationPage(ctx: PageContext, error?: string) {
  const caseId = ctx.params.caseId!;
  const answer = await ctx.api.get<CaseAnswer>(`/cases/${segment(caseId)}`);
  if (answer.status !== 200 || answer.body.process !== 'operation-encompass')
    return ctx.problem(answer.status === 200 ? { status: 404, body: {} } : answer);
  const view = answer.body.details as {
    school?: string;
    child?: { name?: string; dateOfBirth?: string; present?: boolean; welfareCheck?: boolean; removed?: true };
    policeAttendedAt?: string;
    policeContact?: { name?: string; desk?: string; phone?: string; removed?: true };
    deadline?: string | null;
    status?: string;
    acknowledgement?: { at: string; supportOffered: boolean | null } | null;
  };
  // The API's: the deadline's state (overdue and how late, acknowledged late) and the escalations made.
  const summary = (answer.body as { summary?: { deadline?: ClockStateAnswer | null; escalations?: EscalationMade[] } })
    .summary;
  return ctx.render(
    'school-notification.njk',
    {
      title: `Notification ${answer.body.caseCode}`,
      caseId,
      caseCode: answer.body.caseCode,
      view,
      status: statusOf(view.status, summary?.deadline ?? undefined),
      escalations: (summary?.escalations ?? []).map((e) => e.words),
      canAcknowledge: !view.acknowledgement && answer.body.status === 'open' && view.status !== 'closed',
      ...(view.child?.removed ? {} : { familySupportHref: familySupportHrefFor(ctx, caseId) }),
      idempotencyKey: Sessions.newToken(),
      backLink: `${PREFIX}/school`,
      ...(error ? { errors: { list: [{ text: error, href: '#supportOffered' }] } } : {}),
    },
    error ? 400 : 200,
  );
}

export const schoolPages: PageModule = () => [
  {
    method: 'GET',
    path: '/school',
    access: ['school-key-adult'],
    nav: {
      text: 'Notifications',
      order: 25,
      description: 'Operation Encompass notifications for your school, the ones to acknowledge first.',
    },
    async handle(ctx) {
      const urn = ctx.user.schoolUrn;
      if (!urn) return ctx.notFound();
      const answer = await ctx.api.get<{
        notifications: {
          caseId: string;
          caseCode: string;
          status?: string;
          deadline?: string | null;
          state?: string;
          late?: Lateness;
          escalations?: EscalationMade[];
          policeAttendedAt?: string;
        }[];
      }>(`/schools/${segment(urn)}/notifications`);
      if (answer.status !== 200) return ctx.problem(answer);
      const toDo = (s?: string) => s !== 'acknowledged' && s !== 'closed';
      const rows = answer.body.notifications
        .slice()
        .sort(
          (a, b) =>
            Number(toDo(b.status)) - Number(toDo(a.status)) ||
            String(a.deadline ?? '~').localeCompare(String(b.deadline ?? '~')),
        )
        .map((n) => ({
          ...n,
          toDo: toDo(n.status),
          statusTag: statusOf(n.status, n),
          escalations: (n.escalations ?? []).map((e) => e.words),
          href: `${PREFIX}/school/notifications/${segment(n.caseId)}`,
        }));
      return ctx.render('school.njk', {
        title: 'Notifications for your school',
        rows,
        waiting: rows.filter((r) => r.toDo).length,
      });
    },
  },
  {
    method: 'GET',
    path: '/school/notifications/{caseId}',
    access: ['school-key-adult'],
    handle: (ctx) => notificationPage(ctx),
  },
  {
    method: 'POST',
    path: '/school/notifications/{caseId}',
    access: ['school-key-adult'],
    async handle(ctx) {
      const caseId = ctx.params.caseId!;
      const support = ctx.form.get('supportOffered');
      if (support !== null && support !== 'true')
        return notificationPage(ctx, 'Support offered must be ticked or left blank');
      const askForFamilySupport = ctx.form.get('askForFamilySupport') === 'true';
      const familySupportHref = askForFamilySupport ? familySupportHrefFor(ctx, caseId) : undefined;
      const answer = await ctx.api.post<RecordedAnswer & ApiRefusal>(
        `/cases/${segment(caseId)}/events`,
        { type: 'acknowledged', ...(support === 'true' ? { supportOffered: true } : {}) },
        { idempotencyKey: ctx.form.get('idempotencyKey') || Sessions.newToken() },
      );
      if (answer.status >= 200 && answer.status < 300 && familySupportHref)
        return ctx.redirect(
          familySupportHref,
          answer.body?.outcome === 'duplicate'
            ? 'This notification was already acknowledged. Now ask for family support.'
            : `Notification ${answer.body?.caseCode ?? ''} acknowledged. Now ask for family support: ` +
                "the child's name and date of birth are filled in.",
        );
      if (answer.status >= 200 && answer.status < 300)
        return ctx.redirect(
          `${PREFIX}/school`,
          answer.body?.outcome === 'duplicate'
            ? 'This notification was already acknowledged.'
            : `Notification ${answer.body?.caseCode ?? ''} acknowledged. Thank you.`.replace('  ', ' '),
        );
      if (answer.status === 400 || answer.status === 409)
        return notificationPage(ctx, String(answer.body?.detail ?? 'This notification could not be acknowledged'));
      return ctx.problem(answer);
    },
  },
];
