/**
 * Before admission: who reads and records, as crisis escalation (its next part): the clinical group on
 * the case, health staff and crisis chairs of the health organisations on it (the provider that holds the
 * young person's place on the Dynamic Support Register and its ICB), and the Bronze chair of the area.
 * Nobody else reads its contents: the Bronze working group and commissioners read figures and case codes
 * only; administrators its audit trail. A case is opened by the health provider's own staff, naming their
 * own organisation as the provider.
 */
import { AUDIT_READERS, defineAccess } from '#core/process/access';
import { bronzeChairOrganisations } from '../crisis-escalation/access';
import type { BeforeAdmissionDetails } from './details';

const HEALTH_ORGANISATIONS = ['healthProvider', 'icb'] as const;
const CLINICAL = ['health', 'crisis-chair'] as const;

export const access = defineAccess<BeforeAdmissionDetails>()({
  relations: {
    bronzeChair: {
      words:
        "as the Bronze chair of the young person's area (of an organisation crisis escalation's " +
        '`settings.levels.bronze` names as chair)',
      holds: (actor, _record, facts) => bronzeChairOrganisations(facts.partnership).includes(actor.organisation),
    },
  },
  open: [{ roles: CLINICAL, organisationKinds: ['healthProvider'], ownFields: ['healthProvider'] }],
  read: [
    { roles: CLINICAL, relation: 'onCase', organisationKinds: HEALTH_ORGANISATIONS },
    { roles: ['crisis-chair'], relation: 'bronzeChair' },
  ],
  record: [
    { roles: CLINICAL, relation: 'onCase', organisationKinds: HEALTH_ORGANISATIONS },
    { roles: ['crisis-chair'], relation: 'bronzeChair' },
  ],
  readAudit: AUDIT_READERS,
});
