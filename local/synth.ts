/**
 * The local runtime's view of the AWS app: synthesize it (without bundling) and take the table's
 * definition and each process's state machine definition from the template. Nothing is written twice.
 */
import type { RunnableProcess } from '#core/process/definition';
import { buildApp, stateMachineDefinitions } from '#infra/build';
import { catalogue } from '#workflows/catalogue';
import type { TableProperties } from './dynamodb-local';

/** A resource of the synthesized template, as far as read here. */
interface TemplateResource {
  Type: string;
  Properties: Record<string, unknown>;
}

export interface SynthesizedDefinitions {
  template: { Resources: Record<string, TemplateResource> };
  tableProperties: TableProperties;
  definitions: Record<string, object>;
}

/** By the ids of the processes built (a state machine depends on its process's id only). */
const cached = new Map<string, SynthesizedDefinitions>();

/**
 * Take definitions synthesized earlier (by this same code, for the catalogue's processes) instead of
 * synthesizing again: the simulator's platform process, started again after each kill, reads those its
 * first start synthesized, as a deployed platform restarts without being built again.
 */
export function useSynthesized(synthesized: SynthesizedDefinitions) {
  cached.set(catalogue.map((p) => p.id).join('|'), synthesized);
}

/**
 * The app as CDK synthesizes it, for the catalogue's processes or, given `processes` (a test-only
 * catalogue's), for those: each gets its own state machine exactly as a catalogue process does.
 */
export function synthesizedDefinitions(processes?: readonly RunnableProcess[]): SynthesizedDefinitions {
  const key = (processes ?? catalogue).map((p) => p.id).join('|');
  const hit = cached.get(key);
  if (hit) return hit;
  const { app, stack } = buildApp({ bundling: false, ...(processes ? { processes } : {}) });
  const template = app.synth().getStackByName(stack.stackName).template as SynthesizedDefinitions['template'];
  const tables = Object.values(template.Resources).filter(
    (r) => r.Type === 'AWS::DynamoDB::Table' || r.Type === 'AWS::DynamoDB::GlobalTable',
  );
  const [table] = tables;
  if (!table || tables.length !== 1)
    throw new Error(`Expected one DynamoDB table in the template, found ${tables.length}`);
  const synthesized = {
    template,
    tableProperties: table.Properties as unknown as TableProperties,
    definitions: stateMachineDefinitions(template),
  };
  cached.set(key, synthesized);
  return synthesized;
}
