/**
 * Supporting Families / Family Help: who opens, reads and records on an episode. The council that took
 * the request opens it at its front door, or a school sends it to the council's front door; the
 * council's family support staff read and record on its
 * episodes; a partner's staff only the episode their organisation holds, and then only its lead
 * practitioner (by sign-in id) or a team leader of that partner: a school's lead practitioner sees only
 * the episodes they hold. Administrators of the organisations on the case read it and its audit trail;
 * the partnership administrator only the audit trail.
 */
import { AUDIT_READERS, defineAccess } from '#core/process/access';
import type { SfDetails } from './details';

/** The council's family support staff. */
const COUNCIL_STAFF = ['front-door', 'lead-practitioner', 'team-leader', 'service-manager'] as const;

export const access = defineAccess<SfDetails>()({
  relations: {
    leadPractitioner: {
      words: 'as the lead practitioner it is allocated to (by sign-in id), of a partner',
      holds: (actor, record) => {
        const lead = record.details.allocation?.leadPractitioner;
        return !!lead && lead.organisation === actor.organisation && lead.userId === actor.userId;
      },
    },
    partnerHolding: {
      words: 'of the partner whose lead practitioner holds it',
      holds: (actor, record) => record.details.allocation?.leadPractitioner.organisation === actor.organisation,
    },
  },
  open: [
    { roles: ['front-door'], organisationKinds: ['council'] },
    // A school asks its council's front door for support for a family (the request names the council);
    // the school does not read the case afterwards unless its lead practitioner is allocated it.
    { roles: ['school-key-adult', 'lead-practitioner'], organisationKinds: ['school'] },
  ],
  read: [
    { roles: COUNCIL_STAFF, relation: 'responsibleCouncil' },
    { roles: ['lead-practitioner'], relation: 'leadPractitioner' },
    { roles: ['team-leader'], relation: 'partnerHolding' },
    { roles: ['administrator'], relation: 'onCase' },
  ],
  record: [
    { roles: ['front-door', 'lead-practitioner', 'team-leader'], relation: 'responsibleCouncil' },
    { roles: ['lead-practitioner'], relation: 'leadPractitioner' },
    { roles: ['team-leader'], relation: 'partnerHolding' },
  ],
  readAudit: AUDIT_READERS,
});
