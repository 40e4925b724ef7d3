/**
 * /events/{eventId}: the outcome of an event (for a request answered 202 while it was being applied).
 *
 * Only the person or system that sent the event may read it, and whoever may read its case's audit
 * trail (core/process/access.ts: the partnership administrator, administrators of organisations on the
 * case), and the partnership administrator an event with no case. Anyone else gets the same 404 as for
 * an event that does not exist, and the attempt is audited.
 */
import { type Actor, isPartnershipAdministrator } from '#core/identity/actor';
import { mayReadCaseAudit } from '#core/process/access';
import { contractCatalogue } from '#workflows/contracts';
import type { StoredEvent } from '../../store/reads';
import type { ApiContext } from '../context';
import type { Route } from '../http';
import { invalid, Problem } from '../problem';
import { json } from '../responses';

const EVENT_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** The answer for an event with no recorded outcome, and, word for word, for one the reader may not see. */
const eventNotFound = () => new Problem(404, 'eventNotFound', 'No outcome is recorded for that event yet');

export function eventRoutes(ctx: ApiContext): Route[] {
  const catalogue = ctx.runtime.catalogue ?? contractCatalogue;
  const auditRoles = new Set<string>([
    ...catalogue.processes.flatMap((p) => p.access.readAudit.flatMap((rule) => rule.roles)),
    'partnership-administrator',
  ]);
  const sentBy = (actor: Actor, stored: StoredEvent) =>
    stored.sentBy?.userId === actor.userId && stored.sentBy.organisation === actor.organisation;

  /**
   * The sender, and whoever reads the audit trail of the event's case (an event's outcome
   * says what was done to it, not the record).
   */
  async function mayRead(actor: Actor, stored: StoredEvent): Promise<boolean> {
    if (sentBy(actor, stored)) return true;
    // A role no process lets read an audit trail reads no other sender's event: no read of the case for it.
    if (!auditRoles.has(actor.role)) return false;
    const record = stored.caseId ? await ctx.store.getCase(stored.caseId) : undefined;
    const definition = record && catalogue.forCase(record);
    // An event with no case (or a refused opening, whose case was never made): the partnership administrator.
    if (!record || !definition) return isPartnershipAdministrator(actor);
    return mayReadCaseAudit(actor, definition, record, { partnership: ctx.runtime.partnership });
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
