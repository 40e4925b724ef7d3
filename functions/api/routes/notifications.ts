/**
 * A school's Operation Encompass notifications, and telling open notifications of directory changes.
 *
 *   GET /schools/{urn}/notifications   that school's Key Adult, an administrator of its local authority's council
 */
import type { Actor } from '#core/identity/actor';
import { hearsOfSchoolChanges, SCHOOL_DETAILS_CHANGED, type School } from '#core/schools/model';
import { caseReading, summaryOfCase } from '../clock-states';
import type { ApiContext } from '../context';
import type { Route } from '../http';
import { invalid, Problem } from '../problem';
import { json } from '../responses';
import type { Prepared, Submitter } from '../submit';
import { type SchoolEntry, sameForNotifications, schoolNotFound } from './schools';

export function notificationRoutes(ctx: ApiContext): Route[] {
  const { store } = ctx;

  /**
   * A school's Key Adult sees their own school's notifications; an administrator of the council whose
   * local authority the school is in sees that school's. Nobody else: not another school, not another
   * authority, not the partnership administrator (the directory and figures, never case lists).
   */
  async function maySee(
    actor: Actor,
    urn: string,
  ): Promise<{ permitted: true } | { permitted: false; reason: string }> {
    if (actor.role === 'school-key-adult' && actor.schoolUrn === urn) return { permitted: true };
    if (actor.role !== 'administrator') return { permitted: false, reason: 'not permitted' };
    const school = await ctx.schools?.get(urn);
    if (!school) return { permitted: false, reason: 'no such school' };
    const council = ctx.runtime.partnership.organisations.find((o) => o.id === actor.organisation);
    return council?.kind === 'council' && council.localAuthorityCode === school.localAuthorityCode
      ? { permitted: true }
      : { permitted: false, reason: 'not permitted' };
  }

  return [
    {
      method: 'GET',
      path: '/schools/{urn}/notifications',
      summary: "A school's open notifications, without names",
      roles: ['school-key-adult', 'administrator'],
      async handler({ actor, params }) {
        const urn = params.urn!;
        if (!/^\d{6}$/.test(urn))
          throw invalid('invalidUrn', 'That is not a school URN', [{ path: 'urn', message: 'must be 6 digits' }]);
        const access = await maySee(actor, urn);
        // 404, as for a school not in the directory: the answer never says which schools have notifications.
        if (!access.permitted) throw schoolNotFound(urn).audited(`notifications of school ${urn}: ${access.reason}`);
        const cases = await store.casesOnPeopleIndex(`SCHOOL#${urn}`);
        await ctx.audit(actor, 'read', `notification list of school ${urn}`);
        return json(200, {
          schoolUrn: urn,
          notifications: cases
            .filter((c) => c.status === 'open')
            .map((c) => {
              const definition = ctx.processes.forCase(c);
              const view = definition?.viewFor
                ? (definition.viewFor(actor, c) as { status?: string; deadline?: string; policeAttendedAt?: string })
                : {};
              // The deadline's one state (overdue and how late; acknowledged late) and the escalations made.
              const summary = (definition && summaryOfCase(definition, c, caseReading(ctx, definition, c))) as
                | { deadline?: Record<string, unknown> | null; escalations?: unknown[] }
                | undefined;
              return {
                caseId: c.caseId,
                caseCode: c.caseCode,
                status: view.status,
                deadline: view.deadline,
                ...(summary?.deadline ?? {}),
                escalations: summary?.escalations ?? [],
                policeAttendedAt: view.policeAttendedAt,
                links: { case: `/cases/${c.caseId}` },
              };
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
        const definition = ctx.processes.forCase(record);
        if (record.status !== 'open' || !definition || !hearsOfSchoolChanges(definition)) continue;
        const details = record.details as { acknowledgement?: unknown; school?: SchoolEntry };
        if (details.acknowledgement || sameForNotifications(details.school, school)) continue;
        let prepared: Prepared;
        try {
          prepared = await submitter.prepare(
            actor,
            definition,
            record.caseId,
            SCHOOL_DETAILS_CHANGED,
            { schoolUrn: school.urn, directoryUpdatedAt: school.updatedAt },
            undefined,
            false,
          );
          await submitter.stageAll([prepared]);
        } catch (error) {
          // A case that cannot be told now is told by the next change (each compares with the directory); a
          // refusal is audited as any is.
          if (!(error instanceof Problem)) throw error;
          for (const refusal of error.audits) await ctx.audit(actor, 'refused', refusal.what, refusal.caseId);
          continue;
        }
        const outcome = await submitter.start(definition, prepared, 0);
        if (outcome.status !== 'failed') told++;
      }
    }
    return told;
  };
}
