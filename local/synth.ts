/**
 * The local runtime's view of the AWS app: synthesize it (without bundling) and take the table's
 * definition and each process's state machine definition from the template. Nothing is written twice.
 */
import type { RunnableProcess } from '#core/process/definition';
import { buildApp, stateMachineDefinitions } from '#infra/build';
import { catalogue } from '#workflows/catalogue';

export interface SynthesizedDefinitions {
  template: Record<string, any>;
  tableProperties: Record<string, any>;
  definitions: Record<string, object>;
}

/** By the ids of the processes built (a state machine depends on its process's id only). */
const cached = new Map<string, SynthesizedDefinitions>();

/**
 * The app as CDK synthesizes it, for the catalogue's processes or, given `processes` (a test-only
 * catalogue's), for those: each gets its own state machine exactly as a catalogue process does.
 */
export function synthesizedDefinitions(processes?: readonly RunnableProcess[]): SynthesizedDefinitions {
  const key = (processes ?? catalogue).map((p) => p.id).join('|');
  const hit = cached.get(key);
  if (hit) return hit;
  const { app, stack } = buildApp({ bundling: false, ...(processes ? { processes } : {}) });
  const template = app.synth().getStackByName(stack.stackName).template as Record<string, any>;
  const tables = Object.values(template.Resources as Record<string, any>).filter(
    (r) => r.Type === 'AWS::DynamoDB::Table' || r.Type === 'AWS::DynamoDB::GlobalTable',
  );
  if (tables.length !== 1) throw new Error(`Expected one DynamoDB table in the template, found ${tables.length}`);
  const synthesized = {
    template,
    tableProperties: tables[0].Properties,
    definitions: stateMachineDefinitions(template),
  };
  cached.set(key, synthesized);
  return synthesized;
}
