/**
 * Builds the RightTime CDK app without synthesizing it, so the CDK CLI (infra/app.ts), the tests and
 * the local runtime all construct exactly the same stack. Importing this module has no side effects.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import type { RunnableProcess } from '#core/process/definition';
import { AwsSolutionsChecks } from './nag';
import { RightTimeStack } from './righttime-stack';

export { stateMachineDefinitions } from './definitions';

/** The repository root: NodejsFunction entries, the lock file and cdk.json are found from here. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface BuildOptions {
  /**
   * Bundle the Lambda handlers with esbuild (default true). Tests and the local runtime pass false:
   * the template is the same apart from asset hashes, and synth takes a fraction of the time.
   */
  bundling?: boolean;
  /** Extra context, e.g. `{ notifyTemplateId: '…' }`. */
  context?: Record<string, unknown>;
  /** The processes to build (default: the catalogue's); the local runtime passes a test catalogue's. */
  processes?: readonly RunnableProcess[];
}

/**
 * The feature flags in cdk.json. The CDK CLI passes them to the app itself; reading them here too
 * means an app built by a test or by the local runtime has the same flags as `cdk synth`.
 */
function cdkJsonContext(): Record<string, unknown> {
  try {
    const cdkJson = JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8')) as {
      context?: Record<string, unknown>;
    };
    return cdkJson.context ?? {};
  } catch {
    return {};
  }
}

export function buildApp(options: BuildOptions = {}): { app: App; stack: RightTimeStack } {
  const bundling = options.bundling ?? true;
  const app = new App({
    context: { ...cdkJsonContext(), ...options.context },
    // Applied after the CLI's context so it wins over the CLI's default of bundling every stack.
    ...(bundling ? {} : { postCliContext: { 'aws:cdk:bundling-stacks': [] } }),
  });
  const stack = new RightTimeStack(app, 'RightTime', {
    projectRoot: PROJECT_ROOT,
    description: "RightTime: statutory clocks, workflows and notifications for children's services partnerships",
    ...(options.processes ? { processes: options.processes } : {}),
  });
  // cdk-nag 3 is a validation plugin (not an Aspect): synth fails on any unacknowledged error.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
}
