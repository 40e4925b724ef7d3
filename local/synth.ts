/**
 * The local runtime's view of the AWS app: synthesize it (without bundling) and take the table's
 * definition and each process's state machine definition from the template. Nothing is written twice.
 */
import { buildApp, stateMachineDefinitions } from '#infra/build';

export interface SynthesizedDefinitions {
  template: Record<string, any>;
  tableProperties: Record<string, any>;
  definitions: Record<string, object>;
}

let cached: SynthesizedDefinitions | undefined;

export function synthesizedDefinitions(): SynthesizedDefinitions {
  if (cached) return cached;
  const { app, stack } = buildApp({ bundling: false });
  const template = app.synth().getStackByName(stack.stackName).template as Record<string, any>;
  const tables = Object.values(template.Resources as Record<string, any>).filter((r) => r.Type === 'AWS::DynamoDB::Table' || r.Type === 'AWS::DynamoDB::GlobalTable');
  if (tables.length !== 1) throw new Error(`Expected one DynamoDB table in the template, found ${tables.length}`);
  cached = { template, tableProperties: tables[0].Properties, definitions: stateMachineDefinitions(template) };
  return cached;
}
