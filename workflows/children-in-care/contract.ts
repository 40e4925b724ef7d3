/**
 * Children in care, reviews and visits, its contract: what the API and the pages know of it (no rule:
 * those are in rules.ts; definition.ts joins the two).
 *
 * Every child in care's reviews and their social worker's visits, from the day the child becomes looked
 * after until they leave care or turn 18.
 *
 * Sources (each clock statutory, never lengthened by configuration: clocks.ts):
 * - The Care Planning, Placement and Case Review (England) Regulations 2010, regulation 33 (reviews: the
 *   first within 20 working days, the second within 3 months of it, later ones within 6 months of the
 *   previous), regulation 36 and the Children Act 1989 s25A-B (the independent reviewing officer chairs
 *   them), and regulation 28 (visits within one week of each placement's start, then every 6 weeks at
 *   most in the placement's first year, and every 3 months at most after it where the placement is meant
 *   to last until the child is 18).
 * - The case is linked to the child's initial health assessment by the same child key (the council's case
 *   reference and entry into care).
 */
import type { ProcessContract } from '#core/process/definition';
import { access } from './access';
import { clocks } from './clocks';
import { type CicDetails, PROCESS_ID } from './details';
import { caseKeyOf, events } from './events';
import { settingsSchema } from './settings';

export * from './clocks';
export * from './details';
export * from './events';
export { settingsFor, settingsSchema } from './settings';

export const childrenInCareContract: ProcessContract<CicDetails> = {
  id: PROCESS_ID,
  title: 'Children in care: reviews and visits',
  casePrefix: 'CIC',
  clocks,
  events,
  settings: settingsSchema,
  access,
  figureReaders: ['commissioner', 'partnership-administrator', 'service-manager'],
  clockReaders: ['commissioner', 'partnership-administrator', 'team-leader', 'service-manager', 'front-door'],
  caseKeyOf,
};

/** Every version's contract (the process has one). */
export const contracts: readonly ProcessContract<CicDetails>[] = [childrenInCareContract];
