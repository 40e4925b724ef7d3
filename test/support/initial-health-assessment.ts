/** Drives the initial health assessment's pure rules in memory (test/support/process-harness.ts's harness). */
import type { PartnershipConfig } from '#core/partnership/config';
import { definitionOf } from '#core/process/catalogue';
import type { IhaDetails } from '#workflows/initial-health-assessment/contract';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import * as ihaParts from '#workflows/initial-health-assessment/index';
import { ProcessHarness, testPartnership } from './process-harness';

const iha = definitionOf(ihaParts);

export const enteredCare = exampleEntryIntoCare;

export class IhaHarness extends ProcessHarness<IhaDetails> {
  constructor(partnership: PartnershipConfig = testPartnership) {
    super(iha, partnership);
  }
}
