/** Supporting Families / Family Help: who reads an episode and who may record on it. */
import type { Actor } from '#core/identity/actor';
import type { ProcessContract } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import type { SfDetails } from './details';

type Record_ = CaseRecord<SfDetails>;

/** The council's roles that read its episodes (an administrator only of an organisation on the case). */
export const READER_ROLES = ['front-door', 'lead-practitioner', 'team-leader', 'service-manager', 'administrator'] as const;

/**
 * Staff of the council that took the request read and record its episodes (by role); a partner's
 * staff only the episode their organisation holds, and then only its lead practitioner (by sign-in id)
 * or a team leader of that partner: a school's lead practitioner sees only the episodes they hold.
 */
function mayAct(actor: Actor, record: Record_): boolean {
  if (!(READER_ROLES as readonly string[]).includes(actor.role)) return false;
  if (actor.role === 'administrator') return record.organisations.includes(actor.organisation);
  if (actor.organisation === record.organisation) return true;
  const lead = record.details.allocation?.leadPractitioner;
  if (!lead || lead.organisation !== actor.organisation) return false;
  return (actor.role === 'lead-practitioner' && actor.userId === lead.userId) || actor.role === 'team-leader';
}

export const access: Pick<ProcessContract<SfDetails>, 'canRead' | 'canRecord'> = {
  canRead: mayAct,
  canRecord: (actor: Actor, record: Record_) => mayAct(actor, record),
};
