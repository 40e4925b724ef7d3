/**
 * A RightTime Lambda handler: Node.js 22 on ARM, bundled by esbuild as ESM, its own role (no AWS
 * managed policies), its own log group kept for a year and encrypted with the project's key, and X-Ray
 * tracing.
 */
import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from './nag';

export interface HandlerFunctionProps {
  /** Repository root; `entry` is relative to it. */
  projectRoot: string;
  /** e.g. `functions/decide/handler.ts`; the module exports `handler` (or the name given in `handler`). */
  entry: string;
  /** The exported handler's name in `entry` (default `handler`). */
  handler?: string;
  description: string;
  environment: Record<string, string>;
  timeout: Duration;
  memorySize?: number;
  /**
   * The customer-managed key the function's log group is encrypted with (the data key: logs may carry
   * ids and outcomes of children's cases). Its key policy must let CloudWatch Logs use it
   * (infra/righttime-stack.ts).
   */
  logKey: kms.IKey;
  /** Why else, besides X-Ray, this function's role has a statement on Resource "*" (nag IAM5). */
  otherStarResources?: string;
}

export const NODE_RUNTIME = lambda.Runtime.NODEJS_22_X;

export class HandlerFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_YEAR,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // An explicit role instead of the AWSLambdaBasicExecutionRole managed policy: this function may
    // write to its own log group only.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `RightTime ${id} function`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      description: props.description,
      projectRoot: props.projectRoot,
      depsLockFilePath: join(props.projectRoot, 'package-lock.json'),
      entry: join(props.projectRoot, props.entry),
      handler: props.handler ?? 'handler',
      runtime: NODE_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      tracing: lambda.Tracing.ACTIVE,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        mainFields: ['module', 'main'],
        banner: "import { createRequire } from 'module';const require = createRequire(import.meta.url);",
      },
    });

    acknowledge(this.function, {
      id: 'AwsSolutions-L1',
      reason:
        'Pinned to nodejs22.x on purpose: the project runs on Node 22 (package.json engines and the `node` dev dependency) and the local runtime runs these same handlers in-process, so the runtime that is tested is the one deployed. Move to the next LTS in one change across both.',
    });
    acknowledge(this.role, {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray tracing (Tracing.ACTIVE): xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions, so AWS requires Resource "*".' +
        (props.otherStarResources ? ` ${props.otherStarResources}` : ''),
    });
  }
}
