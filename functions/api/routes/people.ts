/**
 * The signed-in person, their own cases, and the audit by person.
 *
 *   GET /me
 *   GET /my/cases
 *   GET /audit?actor=   the partnership administrator; an organisation's administrator for their own people
 */
import { isOpen } from '#core/clocks/model';
import { isPartnershipAdministrator } from '#core/identity/actor';
import { mayReadCase } from '#core/process/access';
import { emailOf } from '../claims';
import type { ApiContext } from '../context';
import type { Route } from '../http';
import { invalid, Problem } from '../problem';
import { json } from '../responses';

export function peopleRoutes(ctx: ApiContext): Route[] {
  const { store } = ctx;
  return [
    {
      method: 'GET',
      path: '/me',
      summary: 'Who you are signed in as',
      roles: 'any signed-in user',
      handler: async ({ actor }) =>
        json(200, { userId: actor.userId, name: actor.name, role: actor.role, organisation: actor.organisation }),
    },
    {
      method: 'GET',
      path: '/my/cases',
      summary: 'The cases you lead',
      roles: 'any signed-in user',
      async handler({ actor, event }) {
        const email = emailOf(event.requestContext.authorizer?.jwt?.claims);
        if (!email) return json(200, { cases: [] });
        // Only cases the person may read (core/process/access.ts): an address named as lead on a case they
        // may not read (another organisation's, or one handed over) lists nothing of it.
        const catalogue = ctx.processes;
        const facts = { partnership: ctx.runtime.partnership };
        const cases = (await store.casesOfLead(email)).filter((c) => {
          const definition = catalogue.forCase(c);
          return !!definition && mayReadCase(actor, definition, c, facts);
        });
        await ctx.audit(actor, 'read', 'my cases list');
        // Each case with its open clocks: the lead needs to see what is due without opening every case.
        return json(200, {
          cases: cases.map((c) => ({
            caseId: c.caseId,
            caseCode: c.caseCode,
            process: c.process,
            stage: c.stage,
            status: c.status,
            clocks: Object.values(c.clocks)
              .filter(isOpen)
              .map((k) => ({
                clockId: k.id,
                title: k.title,
                status: k.status,
                source: k.source,
                startedAt: k.startedAt,
                dueAt: k.dueAt,
              })),
          })),
        });
      },
    },
    {
      method: 'GET',
      path: '/audit',
      summary:
        "A person's actions: what they read or changed, when (?actor=userId); " +
        "an organisation's administrator sees only their own organisation's people",
      roles: ['partnership-administrator', 'administrator'],
      async handler({ actor, query }) {
        // The query names a person, so a role that may never read the audit gets the answer the API gives
        // for a route that does not exist: it tells nobody whose audit trail is there.
        if (!isPartnershipAdministrator(actor) && actor.role !== 'administrator')
          throw new Problem(404, 'notFound', 'No route GET /audit').audited('audit by actor: not permitted');
        const userId = query.actor;
        if (!userId)
          throw invalid('invalidQuery', 'Say whose actions to list', [{ path: 'actor', message: 'is required' }]);
        const entries = await store.auditOfActor(userId);
        // An organisation's administrator sees what their own organisation's people did, nothing else.
        const audit = isPartnershipAdministrator(actor)
          ? entries
          : entries.filter((entry) => entry.actor.organisation === actor.organisation);
        await ctx.audit(
          actor,
          'read',
          isPartnershipAdministrator(actor)
            ? `audit trail of ${userId}`
            : `audit trail of ${userId} within ${actor.organisation}`,
        );
        return json(200, { actor: userId, audit });
      },
    },
  ];
}
