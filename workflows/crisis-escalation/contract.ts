/**
 * Crisis escalation, its contract: what the API and the pages know of it. The rules are in rules.ts and
 * the views in views.ts; index.ts exports the three parts (workflows/processes.ts lists it).
 *
 * Crisis escalation: Bronze, Silver and Gold for children and young people in mental health crisis.
 *
 * A young person presents in crisis; the crisis team assesses face to face (within 4 hours when very
 * urgent, 24 when urgent); the Bronze multi-agency group meets within 1 working day, then daily while
 * the young person is rated Red on the Dynamic Support Register and weekly while Amber. Medically fit
 * for discharge and still in an acute bed 24 hours later, the case goes to Silver; 72 hours, or Silver
 * unresolved, to Gold. Tier 4 referrals, Care, Education and Treatment Reviews, intensive home
 * treatment and referrals on to adult crisis services are recorded; discharge stops the clocks.
 *
 * Sources: NHS England's proposed crisis access standards (consultation, 2021); NHS England Care,
 * Education and Treatment Reviews code and toolkit (2017); the partnership's escalation protocol. Every
 * clock here is a local target (configurable).
 */
import type { ProcessContract } from '#core/process/definition';
import { access } from './access';
import { clocks } from './clocks';
import { type CrisisDetails, PROCESS_ID } from './details';
import { caseKeyOf, events } from './events';
import { checkConfiguration, settingsSchema } from './settings';

export * from './clocks';
export * from './details';
export { caseKeyOf, events } from './events';
export { settingsFor, settingsSchema } from './settings';

export const crisisEscalationContract: ProcessContract<CrisisDetails> = {
  id: PROCESS_ID,
  title: 'Crisis escalation',
  casePrefix: 'CRI',
  clocks,
  events,
  settings: settingsSchema,
  checkConfiguration,
  // The clinical group on the case and the Bronze chair (access.ts); administrators read its audit only.
  access,
  // The Bronze working group and commissioners: pseudonymous codes and counts only.
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
export const contracts: readonly ProcessContract<CrisisDetails>[] = [crisisEscalationContract];
