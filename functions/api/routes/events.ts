/**
 * /events/{eventId}: the outcome of an event (for a request answered 202 while it was being applied).
 */
import type { ApiContext } from '../context';
import type { Route } from '../http';
import { json, problem } from '../responses';

const EVENT_ID = /^[A-Za-z0-9_-]{1,80}$/;

export function eventRoutes(ctx: ApiContext): Route[] {
  return [
    {
      method: 'GET',
      path: '/events/{eventId}',
      summary: "An event's outcome",
      roles: 'any signed-in user',
      async handler({ params }) {
        const eventId = params.eventId!;
        if (!EVENT_ID.test(eventId)) return problem(400, 'invalidEventId', 'That is not an event id', [{ path: 'eventId', message: 'letters, digits, - and _ only' }]);
        const response = await ctx.store.getEvent(eventId);
        if (!response) return problem(404, 'eventNotFound', 'No outcome is recorded for that event yet');
        return json(200, response);
      },
    },
  ];
}
