/**
 * Value lists a form offers that come from configuration rather than from the schema: organisations
 * of the partnership (a field named after an organisation kind, e.g. `healthProvider`, `icb`), and a
 * process's delay reasons (`delayReason.code`). A process whose fields need another list adds it here.
 */
import { organisationKinds, type PartnershipConfig } from '#core/partnership/config';
import { delayReasonsFor } from '#workflows/initial-health-assessment/contract';
import type { Choice, ChoicesFor } from './schema-form';

const DELAY_REASONS: Record<string, (partnership: PartnershipConfig) => Record<string, string>> = {
  'initial-health-assessment': delayReasonsFor,
};

export function choicesFor(partnership: PartnershipConfig, processId: string): ChoicesFor {
  return (path, fieldName) => {
    if (/(^|\.)delayReason\.code$/.test(path)) {
      const reasons =
        DELAY_REASONS[processId]?.(partnership) ??
        (partnership.processes?.[processId] as { delayReasons?: Record<string, string> } | undefined)?.delayReasons;
      if (reasons) return Object.entries(reasons).map(([value, text]): Choice => ({ value, text }));
    }
    if ((organisationKinds as readonly string[]).includes(fieldName)) {
      const orgs = partnership.organisations.filter((o) => o.kind === fieldName);
      if (orgs.length) return orgs.map((o) => ({ value: o.id, text: o.name }));
    }
    return undefined;
  };
}
