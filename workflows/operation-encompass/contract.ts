/**
 * Operation Encompass, its contract: what the API and the pages know of it. The rules are in rules.ts and
 * the views in views.ts; index.ts exports the three parts (workflows/processes.ts lists it).
 *
 * Operation Encompass: after police attend a domestic abuse incident where a child is involved, the
 * child's school Key Adult knows before the child walks in the next morning, so that a trusted adult
 * can offer quiet support.
 *
 * Sources:
 * - Domestic Abuse Act 2021 s49A (inserted by the Victims and Prisoners Act 2024 s20; in force
 *   7 November 2025): police notify the school "as soon as is reasonably practicable".
 * - Operation Encompass national practice: before the start of the next school day.
 *
 * One case per child per incident. Schools get the least data that lets them help: the child's name,
 * date of birth, when police attended, whether the child was present, and a police contact; never who
 * did what or where. Fields beyond those are refused by the schema, not stored.
 */
import type { ProcessContract } from '#core/process/definition';
import { access, peopleIndexKey } from './access';
import { calendarsFor, clocks } from './clocks';
import { type EncompassDetails, PROCESS_ID } from './details';
import { caseKeyOf, events, submission } from './events';
import { settingsSchema } from './settings';

export { clocks, FIND_SCHOOL_CLOCK, KEY_ADULT_CLOCK, NOTIFICATION_RETENTION } from './clocks';
export { administratorClosureReasons, type EncompassDetails, PROCESS_ID } from './details';
export * from './events';
export { NOTIFICATION_RETENTION_DAYS, settingsFor, settingsSchema } from './settings';

export const operationEncompassContract: ProcessContract<EncompassDetails> = {
  id: PROCESS_ID,
  title: 'Operation Encompass',
  casePrefix: 'OE',
  clocks,
  events,
  settings: settingsSchema,
  access,
  figureReaders: ['commissioner', 'partnership-administrator'],
  // The local authority's administrator keeps the queue of children whose school is not yet known.
  clockReaders: ['commissioner', 'partnership-administrator', 'administrator'],
  caseKeyOf,
  calendarsFor,
  peopleIndexKey,
  submission,
};

/** Every version's contract (the process has one). */
export const contracts: readonly ProcessContract<EncompassDetails>[] = [operationEncompassContract];
