/**
 * Crisis escalation: a young person's mental health crisis record is read by the clinical group on the
 * case: health staff and crisis chairs of the health organisations on it (the provider whose crisis team
 * responds and its ICB, whose chairs lead Silver and Gold), and the Bronze chair of the young person's
 * area. Nobody else reads its contents: not a council's administrators, not the partnership
 * administrator (they read its audit trail: who read or changed it, and when), not the Bronze working
 * group or commissioners (figures and case codes only). A presentation is recorded by the health
 * provider's own staff, naming their own organisation as the provider.
 */
import type { Actor } from '#core/identity/actor';
import type { PartnershipConfig } from '#core/partnership/config';
import { AUDIT_READERS, defineAccess } from '#core/process/access';
import type { CrisisDetails } from './details';
import { settingsFor } from './settings';

const HEALTH_ORGANISATIONS = ['healthProvider', 'icb'] as const;
const CLINICAL = ['health', 'crisis-chair'] as const;

/** The organisations the partnership names as Bronze chair (`settings.levels.bronze`, role chair). */
export function bronzeChairOrganisations(partnership: Pick<PartnershipConfig, 'processes'>): string[] {
  const bronze = settingsFor(partnership).levels?.bronze ?? [];
  return [...new Set(bronze.filter((m) => m.role === 'chair').map((m) => m.organisation))];
}

export const access = defineAccess<CrisisDetails>()({
  relations: {
    bronzeChair: {
      words:
        "as the Bronze chair of the young person's area (of an organisation `settings.levels.bronze` names as chair)",
      holds: (actor: Actor, _record, facts) => bronzeChairOrganisations(facts.partnership).includes(actor.organisation),
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
