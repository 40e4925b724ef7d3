/**
 * Initial health assessment: who opens a child's case, reads it and records on it. The council
 * responsible for the child opens it (its front door or the child's social worker) and records the
 * council's steps; the health provider the council asks records the assessments; the ICBs on the case
 * (where the child lives and where placed) read it for their designated nurse, and so does the ICB that
 * serves the child's council (its directory entry's `councils`) when another ICB is named: the designated
 * nurse for children in care oversees the health assessments of every child in care of the councils the
 * ICB serves, wherever the child is placed. Administrators of the organisations on the case read it; the
 * partnership administrator reads only its audit trail.
 */
import { AUDIT_READERS, defineAccess } from '#core/process/access';
import type { IhaDetails } from './details';

const COUNCIL_STAFF = ['front-door', 'lead-practitioner'] as const;

export const access = defineAccess<IhaDetails>()({
  open: [{ roles: COUNCIL_STAFF, organisationKinds: ['council'] }],
  read: [
    { roles: COUNCIL_STAFF, relation: 'responsibleCouncil' },
    { roles: ['health'], relation: 'provider' },
    { roles: ['designated-nurse'], relation: 'onCase', organisationKinds: ['icb'] },
    { roles: ['designated-nurse'], relation: 'servesCouncil', organisationKinds: ['icb'] },
    { roles: ['administrator'], relation: 'onCase' },
  ],
  record: [
    { roles: COUNCIL_STAFF, relation: 'responsibleCouncil' },
    { roles: ['health'], relation: 'provider' },
  ],
  readAudit: AUDIT_READERS,
});
