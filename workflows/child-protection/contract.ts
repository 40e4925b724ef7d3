/**
 * Child protection, its contract: what the API and the pages know of it (no rule: those are in rules.ts;
 * definition.ts joins the two).
 *
 * From a referral reaching children's social care, through strategy discussions and the section 47
 * enquiry, to the initial child protection conference, the child protection plan with its lead child
 * protection practitioner (a social worker), its core group and review conferences, and the plan's end.
 *
 * Sources:
 * - Working Together to Safeguard Children 2023, chapter 4: the initial conference within 15 working days
 *   of the strategy discussion (the last, if more than one is held); the core group within 10 working
 *   days of the initial conference; the first review conference within 3 months of it, later ones within
 *   6 months of the previous; the lead child protection practitioner is a social worker.
 * - DfE, the children in need census guide: initial conferences within 15 working days (the measure the
 *   census counts), plans lasting 2 years or more, and plans that are a child's second or later.
 * - Each clock is statutory: working days in England, never the council's closure days, never lengthened
 *   by configuration (clocks.ts).
 */
import type { ProcessContract } from '#core/process/definition';
import { access } from './access';
import { clocks } from './clocks';
import { type CpDetails, PROCESS_ID } from './details';
import { caseKeyOf, events } from './events';
import { settingsSchema } from './settings';

export * from './clocks';
export * from './details';
export * from './events';
export { settingsFor, settingsSchema } from './settings';

export const childProtectionContract: ProcessContract<CpDetails> = {
  id: PROCESS_ID,
  title: 'Child protection',
  casePrefix: 'CP',
  clocks,
  events,
  settings: settingsSchema,
  access,
  figureReaders: ['commissioner', 'partnership-administrator', 'service-manager'],
  clockReaders: ['commissioner', 'partnership-administrator', 'team-leader', 'service-manager', 'front-door'],
  caseKeyOf,
};

/** Every version's contract (the process has one). */
export const contracts: readonly ProcessContract<CpDetails>[] = [childProtectionContract];
