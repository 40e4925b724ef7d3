/**
 * Value lists a form offers that come from configuration rather than from the schema: organisations
 * of the partnership (a field named after an organisation kind, e.g. `healthProvider`, `icb`, `council`,
 * or `localAuthority`; every organisation for `organisationsPresent`), a process's delay reasons
 * (`delayReason.code`) and the reasons an episode may be paused for (`reason` of `episodePaused` and of
 * `pauseRequested`). A
 * process whose fields need another list adds it here.
 */
import { organisationKinds, type PartnershipConfig } from '#core/partnership/config';
import { delayReasonsFor } from '#workflows/initial-health-assessment/contract';
import { defaultPauseReasons } from '#workflows/supporting-families/contract';
import type { Choice, ChoicesFor } from './schema-form';

const DELAY_REASONS: Record<string, (partnership: PartnershipConfig) => Record<string, string>> = {
  'initial-health-assessment': delayReasonsFor,
};

/** The reasons a process's pausable clocks may be paused for: the partnership's list, else the process's own. */
const PAUSE_REASONS: Record<string, Record<string, string>> = { 'supporting-families': defaultPauseReasons };

/** Fields that name an organisation of a kind without being called after it. */
const KIND_OF_FIELD: Record<string, string> = { localAuthority: 'council' };

const listed = (words: Record<string, string>): Choice[] =>
  Object.entries(words).map(([value, text]) => ({ value, text }));

export function choicesFor(partnership: PartnershipConfig, processId: string, eventType?: string): ChoicesFor {
  return (path, fieldName) => {
    if ((eventType === 'episodePaused' || eventType === 'pauseRequested') && path === 'reason') {
      const reasons = partnership.processes?.[processId]?.pauseReasons ?? PAUSE_REASONS[processId];
      if (reasons) return listed(reasons);
    }
    if (fieldName === 'organisationsPresent')
      return partnership.organisations.map((o) => ({ value: o.id, text: o.name }));
    if (/(^|\.)delayReason\.code$/.test(path)) {
      const reasons =
        DELAY_REASONS[processId]?.(partnership) ??
        (partnership.processes?.[processId] as { delayReasons?: Record<string, string> } | undefined)?.delayReasons;
      if (reasons) return Object.entries(reasons).map(([value, text]): Choice => ({ value, text }));
    }
    const kind = KIND_OF_FIELD[fieldName] ?? fieldName;
    if ((organisationKinds as readonly string[]).includes(kind)) {
      const orgs = partnership.organisations.filter((o) => o.kind === kind);
      if (orgs.length) return orgs.map((o) => ({ value: o.id, text: o.name }));
    }
    return undefined;
  };
}
