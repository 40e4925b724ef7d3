/**
 * A case: what is expected next (the process's steps as a GOV.UK task list, from the API's answer:
 * web/steps.ts), its details, every clock with its state and source, its timeline, and the forms to record
 * what happened, each made from its event's schema (web/forms/event-form.ts). Every process in the
 * catalogue gets these pages from its contract and views; none has page code.
 *
 *   GET       /app/cases/{caseId}                 a case: steps, something else, details, clocks, timeline
 *   GET, POST /app/cases/{caseId}/record/{type}   record an event
 */
import type { EventSpec, ReadableProcess } from '#core/process/definition';
import type { ExpectedSteps } from '#core/process/steps';
import { type EqualityMonitoring, ETHNICITY_WORDS, SEND_WORDS, SEX_WORDS } from '#core/schema/about-child';
import { PROCESS_ID as ENCOMPASS } from '#workflows/operation-encompass/contract';
import { type CaseAnswer, segment } from '../api-client';
import { eventFormPage } from '../forms/event-form';
import { humanise, longDateTime } from '../render';
import { stepsView } from '../steps';
import { clockView, detailGroups, processWords } from '../views';
import { type PageContext, type PageModule, PREFIX } from './page';

/** 'Assessment completed' → 'assessment completed'; 'MDT review' stays. */
const lowerFirst = (t: string) => (/^[A-Z][a-z]/.test(t) ? t.charAt(0).toLowerCase() + t.slice(1) : t);

/** The stage a case is at, in words ("Silver", "Awaiting request"), or none when closed. */
const stageOf = (record: { stage?: unknown; status: string }) =>
  record.status === 'open' && typeof record.stage === 'string' ? humanise(record.stage) : undefined;

/** Events the API sends itself (not typed by people), kept off the forms. */
const SENT_BY_THE_SYSTEM = new Set(['schoolDetailsChanged']);

/** Events this role may record on a case of this process (the API still checks the case and organisation). */
export function recordableBy(definition: ReadableProcess, role: string): EventSpec[] {
  return definition.events.filter(
    (e) => !e.opensCase && !SENT_BY_THE_SYSTEM.has(e.type) && (e.allowedRoles as readonly string[]).includes(role),
  );
}

/**
 * Events whose form names a lead practitioner (Supporting Families and Family Help: the allocation, and a
 * child protection plan's lead): on one machine the lead can be chosen from the people who sign in here,
 * and the form is filled with their sign-in ID, name, email, organisation and school, so nobody types an
 * ID. With Cognito's sign-in the pages hold no list of people, and the details are typed.
 */
const LEAD_PICKED: Record<string, readonly string[]> = {
  'supporting-families': ['leadPractitionerAllocated', 'childProtectionPlanStarted'],
};

/** The lead practitioners one may choose from, and the form's answers for the one chosen (by sign-in ID). */
function leadPicker(ctx: PageContext, processId: string, eventType: string) {
  if (!LEAD_PICKED[processId]?.includes(eventType) || ctx.deps.signIn.kind !== 'local') return undefined;
  const names = Object.fromEntries(ctx.deps.runtime.partnership.organisations.map((o) => [o.id, o.name]));
  const people = ctx.deps.signIn.users
    .filter((u) => u.role === 'lead-practitioner' && typeof u.claims.email === 'string')
    .map((u) => ({
      userId: String(u.claims.sub),
      name: u.name,
      email: String(u.claims.email),
      organisation: u.organisation,
      organisationName: u.organisationName ?? names[u.organisation] ?? u.organisation,
      schoolUrn: typeof u.claims['custom:schoolUrn'] === 'string' ? u.claims['custom:schoolUrn'] : undefined,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const chosen = people.find((p) => p.userId === ctx.query.get('lead'));
  return {
    picker: {
      items: [
        { value: '', text: 'Choose a person' },
        ...people.map((p) => ({
          value: p.userId,
          text: `${p.name}, ${p.organisationName}`,
          selected: p.userId === chosen?.userId,
        })),
      ],
    },
    initial: chosen
      ? {
          leadPractitioner: {
            userId: chosen.userId,
            name: chosen.name,
            email: chosen.email,
            organisation: chosen.organisation,
            ...(chosen.schoolUrn ? { schoolUrn: chosen.schoolUrn } : {}),
          },
        }
      : undefined,
  };
}

/** One of this child's other cases, as GET /cases/{caseId}/related gives it. */
interface RelatedCase {
  caseId: string;
  caseCode: string;
  process: string;
  processTitle: string;
  status: 'open' | 'closed';
  stage: string;
  clocks: Parameters<typeof clockView>[0][];
}

/**
 * "This child's other clocks you may see": the child's other cases this person may read (the API reads
 * each by the same rule as the case itself, audits each read, and says nothing of the others), each with
 * its process, code, stage and clocks, linked to its page. Undefined when the API would not answer.
 */
async function relatedCases(ctx: PageContext, caseId: string) {
  const answer = await ctx.api.get<{ related: RelatedCase[] }>(`/cases/${segment(caseId)}/related`);
  if (answer.status !== 200) return undefined;
  return answer.body.related.map((r) => ({
    caseCode: r.caseCode,
    processTitle: r.processTitle,
    href: `${PREFIX}/cases/${segment(r.caseId)}`,
    status: r.status,
    stage: stageOf(r),
    clocks: r.clocks.map((c) => clockView(c)),
  }));
}

/** The equality monitoring the council gave at opening, as summary rows in words (none given: none). */
function aboutChildRows(about: unknown): { key: { text: string }; value: { text: string } }[] {
  if (!about || typeof about !== 'object') return [];
  const a = about as EqualityMonitoring;
  const yesNo = (value: boolean | undefined) => (value === undefined ? undefined : value ? 'Yes' : 'No');
  const rows: [string, string | undefined][] = [
    ['Ethnicity', a.ethnicity && ETHNICITY_WORDS[a.ethnicity]],
    ['Sex', a.sex && SEX_WORDS[a.sex]],
    ['Special educational needs and disabilities', a.send && SEND_WORDS[a.send]],
    ['Unaccompanied asylum-seeking child', yesNo(a.unaccompaniedAsylumSeeking)],
    ['Care experienced', yesNo(a.careExperienced)],
  ];
  return rows.flatMap(([key, value]) => (value ? [{ key: { text: key }, value: { text: value } }] : []));
}

export const casePages: PageModule = () => [
  {
    method: 'GET',
    path: '/cases/{caseId}',
    access: 'signed-in',
    async handle(ctx) {
      const caseId = ctx.params.caseId!;
      // A school's Key Adult reads an Operation Encompass notification on the school's own page (what the
      // school needs), wherever the link they followed came from.
      if (ctx.user.role === 'school-key-adult' && ctx.catalogue.ofCaseId(caseId)?.id === ENCOMPASS)
        return ctx.redirect(`${PREFIX}/school/notifications/${segment(caseId)}`);
      // The case and its timeline in one read, so one page view is one audit entry ("case record and timeline").
      const record = await ctx.api.get<CaseAnswer & { timeline?: unknown[]; steps?: ExpectedSteps }>(
        `/cases/${segment(caseId)}`,
        {
          include: 'timeline',
        },
      );
      if (record.status !== 200) return ctx.problem(record);
      const definition = ctx.catalogue.forCase(record.body) ?? ctx.catalogue.byId(record.body.process);
      // What is expected next (the process's steps, from the API's answer) and what else this person may record.
      const mine = definition ? recordableBy(definition, ctx.user.role) : [];
      const hrefOf = (type: string) => `${PREFIX}/cases/${segment(caseId)}/record/${type}`;
      const { tasks, otherActions } = stepsView(
        record.body.steps,
        new Set(mine.map((e) => e.type)),
        (type) => mine.find((e) => e.type === type)?.title,
        hrefOf,
      );
      const clocks = (record.body.clocks as Parameters<typeof clockView>[0][]).map((c) => clockView(c));
      const otherCases = record.body.linkedAcrossProcesses ? await relatedCases(ctx, caseId) : undefined;
      const entries = (
        (record.body.timeline ?? []) as {
          at: string;
          kind?: string;
          type?: string;
          text?: string;
          summary?: string;
          actor?: { name?: string; role?: string };
        }[]
      )
        .slice()
        .sort((a, b) => b.at.localeCompare(a.at));
      return ctx.render('case.njk', {
        title: `Case ${record.body.caseCode}`,
        caseRecord: record.body,
        processTitle: definition?.title ?? record.body.process,
        details: detailGroups(record.body.details, {
          names: Object.fromEntries(ctx.deps.runtime.partnership.organisations.map((o) => [o.id, o.name])),
          ...(definition ? { words: processWords(definition) } : {}),
        }),
        stage: stageOf(record.body),
        clocks,
        ...(otherCases ? { otherCases } : {}),
        aboutChild: aboutChildRows(record.body.aboutChild),
        timeline: entries,
        tasks,
        otherActions,
        backLink: `${PREFIX}/cases`,
      });
    },
  },
  ...(['GET', 'POST'] as const).map((method) => ({
    method,
    path: '/cases/{caseId}/record/{type}',
    access: 'signed-in' as const,
    async handle(ctx: PageContext) {
      const caseId = ctx.params.caseId!;
      const newest = ctx.catalogue.ofCaseId(caseId);
      if (!newest || !recordableBy(newest, ctx.user.role).some((e) => e.type === ctx.params.type))
        return ctx.notFound();
      // The case as this person may see it (a case they may not see is "Page not found", audited by the API).
      const record = await ctx.api.get<CaseAnswer & { steps?: ExpectedSteps }>(`/cases/${segment(caseId)}`);
      if (record.status !== 200) return ctx.problem(record);
      // The event as the version of the process the case runs has it (Supporting Families or Family Help).
      const definition = ctx.catalogue.forCase(record.body) ?? newest;
      const event = recordableBy(definition, ctx.user.role).find((e) => e.type === ctx.params.type);
      if (!event) return ctx.notFound();
      // A form opened for something that no longer applies to the case (a one-off already recorded, a
      // pause on a paused episode) says so, rather than offering a form the rules would refuse. A form
      // already filled in is still sent: the API decides, and says why if it refuses.
      const steps = record.body.steps;
      const applies =
        !steps ||
        steps.steps.some((s) => s.event === event.type && s.recordable) ||
        steps.otherEvents.includes(event.type);
      if (ctx.request.method === 'GET' && !applies)
        return ctx.render(
          'problem.njk',
          {
            title: `${event.title}: no longer applies`,
            heading: `${event.title} no longer applies to this case`,
            body:
              `Case ${record.body.caseCode} has moved on, so this cannot be recorded now. ` +
              'Its page shows what is expected next.',
            action: { href: `${PREFIX}/cases/${segment(caseId)}`, text: `Go to case ${record.body.caseCode}` },
          },
          409,
        );
      // Say which open clocks are already past their due time: the form may then ask why (a delay reason).
      const overdue = (record.body.clocks as Parameters<typeof clockView>[0][])
        .map((c) => clockView(c))
        .filter((c) => c.state === 'overdue' && !c.stoppedAt);
      const lead = leadPicker(ctx, definition.id, event.type);
      return eventFormPage(ctx, {
        definition,
        event,
        ...(lead?.picker ? { picker: lead.picker } : {}),
        ...(lead?.initial ? { initial: lead.initial } : {}),
        ...(overdue.length
          ? { lead: overdue.map((c) => `${c.title} was due ${longDateTime(c.dueAt)} and is overdue.`).join(' ') }
          : {}),
        action: `${PREFIX}/cases/${segment(caseId)}/record/${event.type}`,
        title: event.title,
        caption: `${definition.title}: case ${record.body.caseCode}`,
        backLink: `${PREFIX}/cases/${segment(caseId)}`,
        submitText: 'Save',
        send: (payload, key) =>
          ctx.api.post(`/cases/${segment(caseId)}/events`, { type: event.type, ...payload }, { idempotencyKey: key }),
        done: (answer) =>
          ctx.redirect(
            `${PREFIX}/cases/${segment(caseId)}`,
            answer.status === 202
              ? 'Received: it is being recorded. Refresh this page in a moment.'
              : answer.body?.outcome === 'duplicate'
                ? 'This was already recorded; nothing more was done.'
                : `Recorded: ${lowerFirst(event.title)}.`,
          ),
      });
    },
  })),
];
