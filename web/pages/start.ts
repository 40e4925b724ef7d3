/**
 * Start a process: the processes this person may open a case of, and each one's opening form, made from
 * its opening event's schema (web/forms/event-form.ts). Every process in the catalogue gets these pages
 * from its contract; none has page code.
 *
 *   GET       /app/start                processes this person may open a case of
 *   GET, POST /app/start/{process}      the opening form
 */
import type { Actor, Role } from '#core/identity/actor';
import { type AccessFacts, mayOpen } from '#core/process/access';
import type { EventSpec, ReadableProcess } from '#core/process/definition';
import { contractCatalogue } from '#workflows/contracts';
import { segment } from '../api-client';
import { eventFormPage } from '../forms/event-form';
import { type PageContext, type PageModule, PREFIX, type SignedInUser } from './page';

/**
 * The opening event of a process, if this person may send it: their role, and their organisation's
 * kind (core/process/access.ts, as the API decides; the fields that must name their own organisation
 * are the API's to check when the form is sent).
 */
export function openingFor(
  definition: ReadableProcess,
  user: Pick<SignedInUser, 'userId' | 'name' | 'role' | 'organisation' | 'schoolUrn'>,
  partnership: AccessFacts['partnership'],
): EventSpec | undefined {
  const opening = definition.events.find((e) => e.opensCase);
  if (!opening || !(opening.allowedRoles as readonly string[]).includes(user.role)) return undefined;
  const actor: Actor = {
    kind: 'person',
    userId: user.userId,
    name: user.name,
    role: user.role,
    organisation: user.organisation,
    ...(user.schoolUrn ? { schoolUrn: user.schoolUrn } : {}),
  };
  return mayOpen(actor, definition, { partnership }).permitted ? opening : undefined;
}

/** Roles some process lets open a case (its access declaration): who is offered the Start page. */
export const openerRoles = (processes: readonly ReadableProcess[]): Role[] => [
  ...new Set(processes.flatMap((p) => p.access.open.flatMap((rule) => rule.roles))),
];

export const startPages: PageModule = (deps) => [
  {
    method: 'GET',
    path: '/start',
    access: openerRoles((deps.runtime.catalogue ?? contractCatalogue).processes),
    nav: { text: 'Start', order: 10, description: 'Start a process, for example when a child enters care.' },
    async handle(ctx) {
      const partnership = ctx.deps.runtime.partnership;
      const processes = ctx.catalogue.processes
        .filter((p) => openingFor(p, ctx.user, partnership))
        .map((p) => ({
          id: p.id,
          title: p.title,
          opening: openingFor(p, ctx.user, partnership)!.title,
          href: `${PREFIX}/start/${p.id}`,
        }));
      return ctx.render('start.njk', { title: 'Start a process', processes });
    },
  },
  ...(['GET', 'POST'] as const).map((method) => ({
    method,
    path: '/start/{process}',
    access: 'signed-in' as const,
    async handle(ctx: PageContext) {
      const definition = ctx.catalogue.byId(ctx.params.process!);
      const opening = definition && openingFor(definition, ctx.user, ctx.deps.runtime.partnership);
      if (!definition || !opening) return ctx.notFound();
      return eventFormPage(ctx, {
        definition,
        event: opening,
        action: `${PREFIX}/start/${definition.id}`,
        title: opening.title,
        caption: definition.title,
        backLink: `${PREFIX}/start`,
        submitText: 'Start',
        send: (payload, key) =>
          ctx.api.post(
            `/processes/${segment(definition.id)}/cases`,
            { type: opening.type, ...payload },
            { idempotencyKey: key },
          ),
        done: (answer) =>
          ctx.redirect(
            `${PREFIX}/cases/${segment(String(answer.body.caseId))}`,
            answer.status === 202
              ? 'Received: it is being recorded. Refresh this page in a moment.'
              : `${definition.title} started. The clocks below are running.`,
          ),
      });
    },
  })),
];
