/**
 * Children in care, reviews and visits: who opens a case, reads it and records on it. The council
 * responsible for the child, as for child protection: its front door or the child's social worker opens
 * it; its social workers, team leaders and service managers record the reviews, visits and placement
 * moves, and read it with the front door; the council's administrator reads it and its audit trail; the
 * partnership administrator only the audit trail; commissioners figures and clocks by case code. Health
 * reads the child's health assessments in the initial health assessment's case, not this one.
 */
import { AUDIT_READERS, defineAccess } from '#core/process/access';
import type { CicDetails } from './details';

const PRACTICE = ['lead-practitioner', 'team-leader', 'service-manager'] as const;

export const access = defineAccess<CicDetails>()({
  open: [{ roles: ['front-door', 'lead-practitioner'], organisationKinds: ['council'] }],
  read: [
    { roles: ['front-door', ...PRACTICE], relation: 'responsibleCouncil' },
    { roles: ['administrator'], relation: 'onCase' },
  ],
  record: [{ roles: PRACTICE, relation: 'responsibleCouncil' }],
  readAudit: AUDIT_READERS,
});
