/** Operation Encompass: who reads a notification and who may record on it, and its key on the people index. */
import type { Actor } from '#core/identity/actor';
import type { ProcessContract } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import type { EncompassDetails } from './details';

type Record_ = CaseRecord<EncompassDetails>;

const isKeyAdultOf = (actor: Actor, record: Record_) =>
  actor.role === 'school-key-adult' && !!actor.schoolUrn && actor.schoolUrn === record.details.school?.urn;

/** The case on the people index: its school's, or while the school is being found the local authority's queue. */
export const peopleIndexKey = (record: Record_) => (record.details?.school ? `SCHOOL#${record.details.school.urn}` : `LAQUEUE#${record.details?.localAuthorityCode ?? ''}`);

export const access: Pick<ProcessContract<EncompassDetails>, 'canRead' | 'canRecord'> = {
  canRead(actor: Actor, record: Record_): boolean {
    if (actor.role === 'administrator') return record.organisations.includes(actor.organisation);
    if (actor.role === 'police') return actor.organisation === record.organisation;
    return isKeyAdultOf(actor, record) && !record.details.detailsRemovedAt;
  },
  canRecord(actor: Actor, record: Record_, type: string): boolean {
    if (type === 'acknowledged') return isKeyAdultOf(actor, record);
    // The partnership administrator runs the school directory: its changes reach every open notification.
    if (type === 'schoolDetailsChanged' && actor.role === 'partnership-administrator') return true;
    if (type === 'closedByAdministrator') return actor.role === 'partnership-administrator' || (actor.role === 'administrator' && record.organisations.includes(actor.organisation));
    if (actor.role === 'police') return actor.organisation === record.organisation;
    return record.organisations.includes(actor.organisation);
  },
};
