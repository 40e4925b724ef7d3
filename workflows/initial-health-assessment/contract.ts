/**
 * Initial health assessment (IHA), its contract: what the API and the pages know of it. The rules are in
 * rules.ts and the views in views.ts; index.ts exports the three parts (workflows/processes.ts lists it).
 *
 * The initial health assessment (IHA) for a child entering care, and the review health assessments after it.
 *
 * Sources:
 * - Promoting the health and well-being of looked-after children, statutory guidance (DfE/DHSC, 2015):
 *   the IHA should happen, and the health plan be ready, in time for the child's first review, i.e.
 *   within 20 working days of entering care; reviews every 6 months under age 5, every 12 months from 5.
 * - The Care Planning, Placement and Case Review (England) Regulations 2010 (regulation 7).
 * - The 5-working-day request from council to health is a local target (configurable), owned by the
 *   council: it skips the council's closure days. The statutory clocks count working days in England
 *   only (weekends and bank holidays), whatever any organisation's closure days.
 */
import type { ProcessContract } from '#core/process/definition';
import { access } from './access';
import { clocks } from './clocks';
import { type IhaDetails, PROCESS_ID } from './details';
import { caseKeyOf, events } from './events';
import { settingsSchema } from './settings';

export { ASSESSMENT_CLOCK, clocks, REQUEST_CLOCK, REVIEW_CLOCK } from './clocks';
export { type IhaDetails, leavingCareReasons, legalBases, PROCESS_ID } from './details';
export * from './events';
export { defaultDelayReasons, delayReasonsFor, settingsSchema } from './settings';

export const initialHealthAssessmentContract: ProcessContract<IhaDetails> = {
  id: PROCESS_ID,
  title: 'Initial health assessment',
  casePrefix: 'IHA',
  clocks,
  events,
  settings: settingsSchema,
  access,
  figureReaders: ['commissioner', 'partnership-administrator', 'designated-nurse'],
  clockReaders: [
    'commissioner',
    'partnership-administrator',
    'administrator',
    'designated-nurse',
    'health',
    'lead-practitioner',
    'front-door',
  ],
  caseKeyOf,
};

/** Every version's contract (the process has one). */
export const contracts: readonly ProcessContract<IhaDetails>[] = [initialHealthAssessmentContract];
