/** A test-only version 2 of the IHA rules: the reminder of the council's request (a local target) comes a working day sooner, and says it is version 2. */
import type { ProcessDefinition } from '#core/process/definition';
import { catalogueOf } from '#workflows/catalogue';
import { initialHealthAssessment as iha, REQUEST_CLOCK } from '#workflows/initial-health-assessment/definition';
import { operationEncompass } from '#workflows/operation-encompass/definition';

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
export const catalogueWithIhaVersion2 = catalogueOf([iha, ihaVersion2, operationEncompass]);
