/**
 * Supporting Families and Family Help, their contracts: what the API and the pages know of them. The rules
 * are in rules.ts and the views in views.ts; index.ts exports the three parts (workflows/processes.ts lists it).
 *
 * Supporting Families (version 1) and Family Help (version 2): the 16-week intervention of intensive
 * family support, from request for support to closure and the 6-month check.
 *
 * Sources:
 * - Supporting Families programme guidance 2022-25 and its outcome framework (ten headline areas);
 *   "Outcomes Met" when every identified need improved.
 * - Working Together to Safeguard Children 2023: Family Help; the assessment of a child in need
 *   (Children Act 1989 s17) within 45 working days of the request (statutory; working days in England,
 *   never lengthened by configuration). A Family Help Lead Practitioner may come from any agency, and is a
 *   social worker while a child protection plan is in place.
 * - Every other timescale is the partnership's local target (configurable in config/partnership.json).
 *
 * An episode keeps the rules it started under; a new request gets the version in force on its request
 * date: Family Help from the partnership's `familyHelpFrom` (default 1 April 2025).
 */
import type { ProcessContract } from '#core/process/definition';
import { access } from './access';
import { clocksV1, clocksV2 } from './clocks';
import { PROCESS_ID, type SfDetails } from './details';
import { caseKeyOf, eventsV1, eventsV2, openingDay } from './events';
import { settingsFor, settingsSchema } from './settings';

export * from './clocks';
export * from './details';
export * from './events';
export { defaultPauseReasons, settingsFor, settingsSchema } from './settings';

export const supportingFamiliesContract: ProcessContract<SfDetails> = {
  id: PROCESS_ID,
  version: 1,
  title: 'Supporting Families',
  casePrefix: 'SF',
  clocks: clocksV1,
  events: eventsV1,
  settings: settingsSchema,
  access,
  figureReaders: ['commissioner', 'partnership-administrator', 'service-manager'],
  clockReaders: ['commissioner', 'partnership-administrator', 'team-leader', 'service-manager', 'front-door'],
  caseKeyOf,
  openingDay,
};

export const familyHelpContract: ProcessContract<SfDetails> = {
  ...supportingFamiliesContract,
  version: 2,
  title: 'Family Help',
  clocks: clocksV2,
  events: eventsV2,
  inForceFrom: (partnership) => settingsFor(partnership).familyHelpFrom,
};

/** Every version's contract: Supporting Families (1) and Family Help (2). */
export const contracts: readonly ProcessContract<SfDetails>[] = [supportingFamiliesContract, familyHelpContract];
