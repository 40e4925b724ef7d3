/**
 * A school's Operation Encompass notifications, and telling open notifications of directory changes.
 *
 *   GET /schools/{urn}/notifications   that school's Key Adult, administrator
 */
import type { Actor } from '#core/identity/actor';
import { sameContacts, type School } from '#core/schools/model';
import { processById } from '#workflows/catalogue';
import type { ApiContext } from '../context';
import type { Route } from '../http';
import { json, problem } from '../responses';
import type { Submitter } from '../submit';

export function notificationRoutes(ctx: ApiContext): Route[] {
  const { store } = ctx;
  return [
    {
      method: 'GET',
      path: '/schools/{urn}/notifications',
      summary: "A school's open notifications, without names",
      roles: ['school-key-adult', 'administrator'],
      async handler({ actor, params }) {
        const urn = params.urn!;
        if (!/^\d{6}$/.test(urn)) return problem(400, 'invalidUrn', 'That is not a school URN', [{ path: 'urn', message: 'must be 6 digits' }]);
        if (!(actor.role === 'administrator' || (actor.role === 'school-key-adult' && actor.schoolUrn === urn))) {
          return ctx.refuse(actor, `notifications of school ${urn}: not permitted`, "You can see only your own school's notifications");
        }
        const cases = await store.casesOnPeopleIndex(`SCHOOL#${urn}`);
        await ctx.audit(actor, 'read', `notification list of school ${urn}`);
        return json(200, {
          schoolUrn: urn,
          notifications: cases
            .filter((c) => c.status === 'open')
            .map((c) => {
              const definition = processById(c.process);
              const view = definition?.viewFor ? (definition.viewFor(actor, c) as { status?: string; deadline?: string; policeAttendedAt?: string }) : {};
              return { caseId: c.caseId, caseCode: c.caseCode, status: view.status, deadline: view.deadline, policeAttendedAt: view.policeAttendedAt, links: { case: `/cases/${c.caseId}` } };
            }),
        });
      },
    },
  ];
}

/** A school's directory entry changed: each open, unacknowledged case with that school hears of it. */
export function tellOpenCases(ctx: ApiContext, submitter: Submitter) {
  return async (actor: Actor, schools: School[]): Promise<number> => {
    let told = 0;
    for (const school of schools) {
      for (const record of await ctx.store.casesOnPeopleIndex(`SCHOOL#${school.urn}`, 1000)) {
        const definition = processById(record.process);
        if (record.status !== 'open' || !definition?.events.some((e) => e.type === 'schoolDetailsChanged')) continue;
        const details = record.details as { acknowledgement?: unknown; school?: Pick<School, 'name' | 'keyAdult' | 'deputy'> };
        if (details.acknowledgement || sameContacts(details.school, school)) continue;
        const prepared = await submitter.prepare(actor, definition, record.caseId, 'schoolDetailsChanged', { schoolUrn: school.urn, directoryUpdatedAt: school.updatedAt }, undefined, false);
        if ('statusCode' in prepared) continue;
        const outcome = await ctx.starter.startAndWait(definition.id, prepared.eventId, prepared.input, 0);
        if (outcome.status !== 'failed' && outcome.status !== 'conflict') told++;
      }
    }
    return told;
  };
}
