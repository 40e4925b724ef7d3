/** A test-only version 2 of the IHA rules: the reminder of the council's request (a local target) comes a working day sooner, and says it is version 2. */

import { catalogueOf, definitionOf } from '#core/process/catalogue';
import type { ProcessDefinition } from '#core/process/definition';
import { REQUEST_CLOCK } from '#workflows/initial-health-assessment/contract';
import * as ihaParts from '#workflows/initial-health-assessment/index';
import * as oeParts from '#workflows/operation-encompass/index';

const iha = definitionOf(ihaParts);
const operationEncompass = definitionOf(oeParts);

export const ihaVersion2: ProcessDefinition = {
  ...iha,
  version: 2,
  clocks: iha.clocks.map((c) =>
    c.id !== REQUEST_CLOCK
      ? c
      : {
          ...c,
          checkpoints: c.checkpoints.map((cp) =>
            cp.id === 'request-reminder'
              ? { ...cp, at: { after: 2 }, message: { ...cp.message!, subject: `[version 2] ${cp.message!.subject}` } }
              : cp,
          ),
        },
  ),
};

/** The catalogue with both versions of IHA side by side (the newest opens new cases). */
export const catalogueWithIhaVersion2 = catalogueOf<ProcessDefinition>([iha, ihaVersion2, operationEncompass]);
