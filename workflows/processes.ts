/**
 * THE list of the processes RightTime runs, in the order the API and the pages show them. Each is its
 * folder, whose index.ts exports the folder's parts: `contracts` (every version's), `views` and `rules`
 * (each version's, by number). Adding a process is its folder and its line here (with the import that
 * names it); every catalogue is made from this list:
 *
 *   workflows/contracts.ts  contracts and views: the API and the pages
 *   workflows/runnable.ts   contracts and rules: the rules step
 *   workflows/catalogue.ts  everything: infra, the local runtime and the tests
 *
 * The Lambdas' bundles carry only the parts they run: a folder's index.ts takes its rules and views
 * through package.json "imports" (`#process-rules/*`, `#process-views/*`), which the API's and the pages'
 * builds resolve, for the rules, and the rules step's, for the views, to workflows/left-out.ts
 * (infra/handler-function.ts LEFT_OUT). infra/bundles.test.ts reads the bundles to check it.
 */
import type { ProcessParts } from '#core/process/definition';
import * as beforeAdmission from './before-admission/index';
import * as childProtection from './child-protection/index';
import * as childrenInCare from './children-in-care/index';
import * as crisisEscalation from './crisis-escalation/index';
import * as initialHealthAssessment from './initial-health-assessment/index';
import * as operationEncompass from './operation-encompass/index';
import * as supportingFamilies from './supporting-families/index';

export const processes: readonly ProcessParts[] = [
  initialHealthAssessment,
  operationEncompass,
  crisisEscalation,
  beforeAdmission,
  supportingFamilies,
  childProtection,
  childrenInCare,
];
