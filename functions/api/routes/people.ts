/**
 * The signed-in person, their own cases, and the audit by person.
 *
 *   GET /me
 *   GET /my/cases
 *   GET /audit?actor=
 */
import type { ApiContext } from '../context';
import { emailOf } from '../claims';
import type { Route } from '../http';
import { json, problem } from '../responses';

export function peopleRoutes(ctx: ApiContext): Route[] {
  const { store } = ctx;
  return [
    {
      method: 'GET',
      path: '/me',
      summary: 'Who you are signed in as',
      roles: 'any signed-in user',
      handler: async ({ actor }) => json(200, { userId: actor.userId, name: actor.name, role: actor.role, organisation: actor.organisation }),
    },
    {
      method: 'GET',
      path: '/my/cases',
      summary: 'The cases you lead',
      roles: 'any signed-in user',
      async handler({ actor, event }) {
        const email = emailOf(event.requestContext.authorizer?.jwt?.claims);
        if (!email) return json(200, { cases: [] });
        const cases = await store.casesOfLead(email);
        await ctx.audit(actor, 'read', 'my cases list');
        return json(200, { cases: cases.map((c) => ({ caseId: c.caseId, caseCode: c.caseCode, process: c.process, stage: c.stage, status: c.status })) });
      },
    },
    {
      method: 'GET',
      path: '/audit',
      summary: "A person's actions: what they read or changed, when (?actor=userId)",
      roles: ['administrator'],
      async handler({ actor, query }) {
        if (actor.role !== 'administrator') return ctx.refuse(actor, 'audit by actor: not permitted', 'The audit trail is for administrators');
        const userId = query.actor;
        if (!userId) return problem(400, 'invalidQuery', 'Say whose actions to list', [{ path: 'actor', message: 'is required' }]);
        await ctx.audit(actor, 'read', `audit trail of ${userId}`);
        return json(200, { actor: userId, audit: await store.auditOfActor(userId) });
      },
    },
  ];
}
