/** Drives the initial health assessment's pure rules in memory (test/support/process-harness.ts's harness). */
import type { PartnershipConfig } from '#core/partnership/config';
import { type IhaDetails, initialHealthAssessment as iha } from '#workflows/initial-health-assessment/definition';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { ProcessHarness, testPartnership } from './process-harness';

export const enteredCare = exampleEntryIntoCare;

export class IhaHarness extends ProcessHarness<IhaDetails> {
  constructor(partnership: PartnershipConfig = testPartnership) {
    super(iha, partnership);
  }
}
