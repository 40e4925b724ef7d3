/**
 * /events/{eventId}: the outcome of an event (for a request answered 202 while it was being applied).
 *
 * Only the person or system that sent the event may read it, and administrators of an organisation on
 * its case, and the partnership administrator. Anyone else gets the same 404 as for an event that does
 * not exist, and the attempt is audited.
 */
import { administersOneOf, isPartnershipAdministrator, type Actor } from '#core/identity/actor';
import type { StoredEvent } from '../../store/reads';
import type { ApiContext } from '../context';
import type { Route } from '../http';
import { json, problem } from '../responses';

const EVENT_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** The answer for an event with no recorded outcome, and, word for word, for one the reader may not see. */
const eventNotFound = () => problem(404, 'eventNotFound', 'No outcome is recorded for that event yet');

export function eventRoutes(ctx: ApiContext): Route[] {
  const sentBy = (actor: Actor, stored: StoredEvent) => stored.sentBy?.userId === actor.userId && stored.sentBy.organisation === actor.organisation;

  async function mayRead(actor: Actor, stored: StoredEvent): Promise<boolean> {
    if (sentBy(actor, stored) || isPartnershipAdministrator(actor)) return true;
    if (actor.role !== 'administrator' || !stored.caseId) return false;
    const record = await ctx.store.getCase(stored.caseId);
    return !!record && administersOneOf(actor, record.organisations);
  }

  return [
    {
      method: 'GET',
      path: '/events/{eventId}',
      summary: "An event's outcome (its sender, administrators of its case; audited)",
      roles: 'any signed-in user',
      async handler({ actor, params }) {
        const eventId = params.eventId!;
        if (!EVENT_ID.test(eventId)) return problem(400, 'invalidEventId', 'That is not an event id', [{ path: 'eventId', message: 'letters, digits, - and _ only' }]);
        const stored = await ctx.store.getEvent(eventId);
        if (!stored) return ctx.refuseAsNotFound(actor, `outcome of event ${eventId}: none recorded`, eventNotFound());
        if (!(await mayRead(actor, stored))) return ctx.refuseAsNotFound(actor, `outcome of event ${eventId}: not permitted`, eventNotFound(), stored.caseId);
        await ctx.audit(actor, 'read', `outcome of event ${eventId}`, stored.caseId);
        return json(200, stored.response);
      },
    },
  ];
}
