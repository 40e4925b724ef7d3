/**
 * Before admission, its contract: what the API and the pages know of it. The rules are in rules.ts and
 * the views in views.ts; index.ts exports the three parts (workflows/processes.ts lists it).
 *
 * Crisis escalation's next part, a process of its own: a young person on the Dynamic Support Register
 * rated at risk of admission (Red or Amber), before any crisis presentation. The multi-agency meeting the
 * CAMHS plan describes (its weekly all-agency meeting to prevent admissions) discusses them within 7 days
 * and then every week while they stay at risk; a community Care (Education) and Treatment Review is held
 * before admission (clocks.ts says which timescale, and why); a key worker is named. A case of its own
 * rather than crisis escalation's: that process opens at a presentation in crisis and its cases and
 * clocks (assessment, Bronze, Silver, Gold, discharge) stay as they are; a young person who is then
 * admitted is followed there (its review after admission).
 *
 * Sources: NHS England, Dynamic support register and Care (Education) and Treatment Review policy and
 * guide (January 2023) and code of practice (PRN00117); NHS Long Term Plan (2019), key workers; the
 * partnership's CAMHS plan (the weekly all-agency meeting to prevent admissions).
 */
import type { ProcessContract } from '#core/process/definition';
import { access } from './access';
import { clocks } from './clocks';
import { type BeforeAdmissionDetails, PROCESS_ID } from './details';
import { caseKeyOf, events } from './events';
import { checkConfiguration, settingsSchema } from './settings';

export * from './clocks';
export * from './details';
export { caseKeyOf, events } from './events';
export { settingsFor, settingsSchema } from './settings';

export const beforeAdmissionContract: ProcessContract<BeforeAdmissionDetails> = {
  id: PROCESS_ID,
  title: 'Before admission: young people at risk of admission',
  casePrefix: 'DSR',
  clocks,
  events,
  settings: settingsSchema,
  checkConfiguration,
  // The clinical group on the case and the Bronze chair (access.ts); administrators read its audit only.
  access,
  // The Bronze working group and commissioners: pseudonymous codes and counts only, as crisis escalation.
  figureReaders: ['commissioner', 'partnership-administrator', 'crisis-working-group', 'crisis-chair'],
  clockReaders: [
    'commissioner',
    'partnership-administrator',
    'crisis-working-group',
    'crisis-chair',
    'health',
    'administrator',
  ],
  caseKeyOf,
};

/** Every version's contract (the process has one). */
export const contracts: readonly ProcessContract<BeforeAdmissionDetails>[] = [beforeAdmissionContract];
