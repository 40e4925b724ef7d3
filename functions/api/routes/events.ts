/**
 * /events/{eventId}: the outcome of an event (for a request answered 202 while it was being applied).
 *
 * Only the person or system that sent the event may read it, and whoever may read its case's audit
 * trail (the partnership administrator, administrators of organisations on the case), and the
 * partnership administrator an event with no case (core/process/access.ts mayReadEventOutcome). Anyone
 * else gets the same 404 as for an event that does not exist, and the attempt is audited.
 */
import type { Actor } from '#core/identity/actor';
import { auditReaderRoles, isSenderOf, mayReadEventOutcome } from '#core/process/access';
import type { StoredEvent } from '../../store/reads';
import type { ApiContext } from '../context';
import type { Route } from '../http';
import { invalid, Problem } from '../problem';
import { json } from '../responses';

const EVENT_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** The answer for an event with no recorded outcome, and, word for word, for one the reader may not see. */
const eventNotFound = () => new Problem(404, 'eventNotFound', 'No outcome is recorded for that event yet');

export function eventRoutes(ctx: ApiContext): Route[] {
  const catalogue = ctx.processes;
  const auditRoles = auditReaderRoles(catalogue.processes);
  const facts = { partnership: ctx.runtime.partnership };

  /** Who may read an event's outcome (core/process/access.ts), reading its case only when that decides it. */
  async function mayRead(actor: Actor, stored: StoredEvent): Promise<boolean> {
    // Neither its sender nor a role that reads no audit trail needs the case read to be answered.
    if (isSenderOf(actor, stored.sentBy)) return true;
    if (!auditRoles.has(actor.role)) return false;
    const record = stored.caseId ? await ctx.store.getCase(stored.caseId) : undefined;
    const definition = record && catalogue.forCase(record);
    return mayReadEventOutcome(actor, stored.sentBy, record && definition ? { record, definition } : undefined, facts);
  }

  return [
    {
      method: 'GET',
      path: '/events/{eventId}',
      summary: "An event's outcome (its sender, administrators of its case; audited)",
      roles: 'any signed-in user',
      async handler({ actor, params }) {
        const eventId = params.eventId!;
        if (!EVENT_ID.test(eventId))
          throw invalid('invalidEventId', 'That is not an event id', [
            { path: 'eventId', message: 'letters, digits, - and _ only' },
          ]);
        const stored = await ctx.store.getEvent(eventId);
        if (!stored) throw eventNotFound().audited(`outcome of event ${eventId}: none recorded`);
        if (!(await mayRead(actor, stored)))
          throw eventNotFound().audited(`outcome of event ${eventId}: not permitted`, stored.caseId);
        await ctx.audit(actor, 'read', `outcome of event ${eventId}`, stored.caseId);
        return json(200, stored.response);
      },
    },
  ];
}
