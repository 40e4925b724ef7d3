/**
 * Child protection: who opens a case, reads it and records on it. Children's social care of the council
 * responsible for the child, and no one else: its front door opens a case (or a social worker), its social
 * workers, team leaders and service managers record the enquiry, the conferences and the plan, and every
 * one of them reads it; the council's administrator reads it and its audit trail; the partnership
 * administrator only the audit trail; commissioners only figures and clocks by case code.
 *
 * The police and health take part in strategy discussions and conferences, but read nothing here: the
 * access model decides by a person's role and their organisation's relation to the case, and a police or
 * health role would read every case their organisation took part in, not only what they need (the
 * conference's minutes reach them through the council, as today). Who took part is kept as the kind of
 * agency, not as an organisation on the case, so no administrator of theirs reads it either
 * (docs/decisions.md).
 */
import { AUDIT_READERS, defineAccess } from '#core/process/access';
import type { CpDetails } from './details';

/** Children's social care staff of the council. */
const COUNCIL_STAFF = ['front-door', 'lead-practitioner', 'team-leader', 'service-manager'] as const;

export const access = defineAccess<CpDetails>()({
  open: [{ roles: ['front-door', 'lead-practitioner'], organisationKinds: ['council'] }],
  read: [
    { roles: COUNCIL_STAFF, relation: 'responsibleCouncil' },
    { roles: ['administrator'], relation: 'onCase' },
  ],
  record: [{ roles: COUNCIL_STAFF, relation: 'responsibleCouncil' }],
  readAudit: AUDIT_READERS,
});
