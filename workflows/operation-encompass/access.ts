/**
 * Operation Encompass: who reads a notification and who may record on it, and its key on the people
 * index. Police (a police force's case system) send notifications; the Key Adult of the child's school
 * reads the least the school needs and acknowledges it, until the child's details are removed; the
 * police force that sent it reads and corrects it; the local authority's administrator finds a school
 * police could not name, redirects and closes notifications; the partnership administrator's directory
 * changes reach every open notification. Administrators of the organisations on the case read it and
 * its audit trail; the partnership administrator only the audit trail.
 */
import type { Actor } from '#core/identity/actor';
import { AUDIT_READERS, defineAccess } from '#core/process/access';
import type { CaseRecord } from '#core/process/model';
import type { EncompassDetails } from './details';

type Record_ = CaseRecord<EncompassDetails>;

const isKeyAdultOf = (actor: Actor, record: Record_) =>
  !!actor.schoolUrn && actor.schoolUrn === record.details.school?.urn;

/** The case on the people index: its school's, or while the school is being found the local authority's queue. */
export const peopleIndexKey = (record: Record_) =>
  record.details?.school
    ? `SCHOOL#${record.details.school.urn}`
    : `LAQUEUE#${record.details?.localAuthorityCode ?? ''}`;

export const access = defineAccess<EncompassDetails>()({
  relations: {
    keyAdultOfSchool: {
      words: "as the Key Adult of the child's school, until the child's details are removed",
      holds: (actor, record) => isKeyAdultOf(actor, record) && !record.details.detailsRemovedAt,
    },
    sendingForce: {
      words: 'of the police force that sent it',
      holds: (actor, record) => actor.organisation === record.organisation,
    },
  },
  open: [{ roles: ['police'], organisationKinds: ['police'] }],
  read: [
    { roles: ['school-key-adult'], relation: 'keyAdultOfSchool' },
    { roles: ['police'], relation: 'sendingForce' },
    { roles: ['administrator'], relation: 'onCase' },
  ],
  record: [
    { roles: ['school-key-adult'], relation: 'keyAdultOfSchool', events: ['acknowledged'] },
    { roles: ['police'], relation: 'sendingForce', events: ['redirected', 'amended'] },
    {
      roles: ['administrator'],
      relation: 'responsibleCouncil',
      events: ['schoolIdentified', 'redirected', 'closedByAdministrator', 'schoolDetailsChanged'],
    },
    {
      roles: ['partnership-administrator'],
      relation: 'partnership',
      events: ['closedByAdministrator', 'schoolDetailsChanged'],
    },
  ],
  readAudit: AUDIT_READERS,
});
