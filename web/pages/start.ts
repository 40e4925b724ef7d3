/**
 * Start a process: each process this person may open a case of is in their menu ("Request family support",
 * "Crisis presentation"), and each one's opening form comes in short pages made from its opening event's
 * schema, then "Check your answers" (web/forms/event-form.ts). Every process in the catalogue gets these
 * pages from its contract; none has page code.
 *
 *   GET       /app/start                   processes this person may open a case of
 *   GET, POST /app/start/{process}         the opening form, page by page, then "Check your answers"
 *   GET       /app/start/{process}/sent    what happens next, for someone who does not read what they sent
 */
import type { Actor, Role } from '#core/identity/actor';
import { type AccessFacts, mayOpen, mayReadCase, organisationKindOf } from '#core/process/access';
import type { EventSpec, ReadableProcess } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import { aboutChild } from '#core/schema/about-child';
import { fieldWords } from '#core/schema/index';
import * as z from '#core/schema/zod';
import { contractCatalogue } from '#workflows/contracts';
import { segment } from '../api-client';
import { eventFormPage } from '../forms/event-form';
import { startWords } from '../words';
import { type MenuEntry, type PageContext, type PageModule, PREFIX, type SignedInUser } from './page';

type Opener = Pick<SignedInUser, 'userId' | 'name' | 'role' | 'organisation' | 'schoolUrn'>;

const actorOf = (user: Opener): Actor => ({
  kind: 'person',
  userId: user.userId,
  name: user.name,
  role: user.role,
  organisation: user.organisation,
  ...(user.schoolUrn ? { schoolUrn: user.schoolUrn } : {}),
});

/**
 * The opening event of a process, if this person may send it: their role, and their organisation's
 * kind (core/process/access.ts, as the API decides; the fields that must name their own organisation
 * are the API's to check when the form is sent).
 */
export function openingFor(
  definition: ReadableProcess,
  user: Opener,
  partnership: AccessFacts['partnership'],
): EventSpec | undefined {
  const opening = definition.events.find((e) => e.opensCase);
  if (!opening || !(opening.allowedRoles as readonly string[]).includes(user.role)) return undefined;
  return mayOpen(actorOf(user), definition, { partnership }).permitted ? opening : undefined;
}

/**
 * Whether the opener reads the case they open, by the process's read rules on a case only their own
 * organisation is on (a school's request for family support reaches the council's front door, and the
 * school does not read it).
 */
export function readsWhatTheyOpen(
  definition: ReadableProcess,
  user: Opener,
  partnership: AccessFacts['partnership'],
): boolean {
  const record = {
    organisation: user.organisation,
    organisations: [user.organisation],
    details: {},
    clocks: {},
  } as unknown as CaseRecord;
  return mayReadCase(actorOf(user), definition, record, { partnership });
}

/** Roles some process lets open a case (its access declaration): who is offered the Start page. */
export const openerRoles = (processes: readonly ReadableProcess[]): Role[] => [
  ...new Set(processes.flatMap((p) => p.access.open.flatMap((rule) => rule.roles))),
];

/**
 * A council opener's start form: the opening event's fields and, on a page of its own at the end, "About
 * the child (optional)": the council's person id for the child and the equality monitoring fields
 * (core/schema/about-child.ts). The API takes the block beside the process's payload (`aboutChild`);
 * nobody else is asked it, as the API takes it from a council only.
 */
export function withAboutChild(opening: EventSpec): EventSpec {
  const block = z.optional(
    aboutChild.check(
      z.meta(fieldWords({ title: 'About the child', section: 'About the child (optional)', noun: 'child' })),
    ),
  );
  return { ...opening, schema: z.extend(opening.schema as z.ZodMiniObject, { aboutChild: block }) };
}

/** The opening event as an opener of this kind of organisation fills it in (a council's: withAboutChild). */
export const startFormEvent = (opening: EventSpec, openerKind: string | undefined): EventSpec =>
  openerKind === 'council' ? withAboutChild(opening) : opening;

/** The process a school asks for family support through. */
export const FAMILY_SUPPORT = 'supporting-families';

/**
 * A request for family support a school's Key Adult starts from an Operation Encompass notification
 * (`?notification={caseId}`): the child's name and date of birth come from the notification as the API
 * shows it to this Key Adult (one audited read), so nothing the school already has is typed again. A
 * notification this person may not read answers "Page not found", as the API does.
 */
async function fromNotification(
  ctx: PageContext,
  processId: string,
): Promise<{ payload: Record<string, unknown> } | { notFound: true } | undefined> {
  const caseId = ctx.query.get('notification');
  if (!caseId || processId !== FAMILY_SUPPORT) return undefined;
  const answer = await ctx.api.get<{ process?: string; details?: unknown }>(`/cases/${segment(caseId)}`);
  if (answer.status !== 200 || answer.body.process !== 'operation-encompass') return { notFound: true };
  const child = (answer.body.details as { child?: { name?: string; dateOfBirth?: string; removed?: true } })?.child;
  if (!child?.name || !child.dateOfBirth) return undefined;
  return { payload: { family: { children: [{ name: child.name, dateOfBirth: child.dateOfBirth }] } } };
}

export const startPages: PageModule = (deps) => {
  const catalogue = deps.runtime.catalogue ?? contractCatalogue;
  const partnership = deps.runtime.partnership;
  /** The processes a person may start, in the catalogue's order, as entries of their menu. */
  const startsOf = (user: SignedInUser): MenuEntry[] =>
    catalogue.processes
      .filter((p) => openingFor(p, user, partnership))
      .map((p) => ({ path: `/start/${p.id}`, ...startWords(p) }));
  return [
    {
      method: 'GET',
      path: '/start',
      access: openerRoles(catalogue.processes),
      nav: {
        text: 'Start',
        order: 10,
        description: 'Start a process, for example when a child enters care.',
        entriesFor: startsOf,
      },
      async handle(ctx) {
        const processes = startsOf(ctx.user).map((entry) => ({ ...entry, href: `${PREFIX}${entry.path}` }));
        return ctx.render('start.njk', { title: 'Start', processes });
      },
    },
    ...(['GET', 'POST'] as const).map((method) => ({
      method,
      path: '/start/{process}',
      access: 'signed-in' as const,
      async handle(ctx: PageContext) {
        // The version in force today (Supporting Families, or Family Help from the partnership's day).
        const definition =
          catalogue.byId(ctx.params.process!) &&
          (catalogue.forOpening(ctx.params.process!, {}, partnership, ctx.now()) ??
            catalogue.byId(ctx.params.process!));
        const opening = definition && openingFor(definition, ctx.user, partnership);
        if (!definition || !opening) return ctx.notFound();
        const openerKind = organisationKindOf(actorOf(ctx.user), { partnership });
        const initial = ctx.request.method === 'GET' ? await fromNotification(ctx, definition.id) : undefined;
        if (initial && 'notFound' in initial) return ctx.notFound();
        return eventFormPage(ctx, {
          ...(initial ? { initial: initial.payload } : {}),
          definition,
          event: startFormEvent(opening, openerKind),
          action: `${PREFIX}/start/${definition.id}`,
          title: startWords(definition).text,
          caption: definition.title,
          backLink: `${PREFIX}/start`,
          submitText: 'Send',
          sections: true,
          ...(openerKind ? { openerKind } : {}),
          send: (payload, key) =>
            ctx.api.post(
              `/processes/${segment(definition.id)}/cases`,
              { type: opening.type, ...payload },
              { idempotencyKey: key },
            ),
          done: (answer) =>
            readsWhatTheyOpen(definition, ctx.user, partnership)
              ? ctx.redirect(
                  `${PREFIX}/cases/${segment(String(answer.body.caseId))}`,
                  answer.status === 202
                    ? 'Received: it is being recorded. Refresh this page in a moment.'
                    : `${definition.title} started. The clocks below are running.`,
                )
              : ctx.redirect(
                  `${PREFIX}/start/${definition.id}/sent?` +
                    new URLSearchParams({ code: String(answer.body.caseCode ?? '') }).toString(),
                ),
        });
      },
    })),
    {
      method: 'GET',
      path: '/start/{process}/sent',
      access: 'signed-in',
      async handle(ctx) {
        const definition = catalogue.byId(ctx.params.process!);
        if (!definition || !openingFor(definition, ctx.user, partnership)) return ctx.notFound();
        // The case code is pseudonymous: it says nothing about the family, and is what to quote.
        const code = (ctx.query.get('code') ?? '').toUpperCase();
        return ctx.render('start-sent.njk', {
          title: `${startWords(definition).text}: sent`,
          heading: `${startWords(definition).text}: sent`,
          code: /^[A-Z0-9-]{1,40}$/.test(code) ? code : '',
          processTitle: definition.title,
        });
      },
    },
  ];
};
