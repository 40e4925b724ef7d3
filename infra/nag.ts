/**
 * cdk-nag 3 runs as a CDK validation plugin (`Validations.of(app).addPlugins(...)`), and a finding is
 * acknowledged on the construct it concerns with CDK's `Validations.of(scope).acknowledge()`. A
 * finding of a rule that reports several per resource (IAM5) is named `AwsSolutions-IAM5[<finding>]`
 * and acknowledged one by one; there is no blanket or pattern acknowledgement.
 */
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export { AwsSolutionsChecks } from 'cdk-nag';

export interface Acknowledgement {
  /** e.g. `AwsSolutions-L1`, or `AwsSolutions-IAM5[Resource::*]` for one finding. */
  id: string;
  /** Why this finding is acceptable here: specific, never "not needed". */
  reason: string;
}

/** Acknowledge findings on a construct and everything under it. */
export function acknowledge(scope: IConstruct, ...rules: Acknowledgement[]): void {
  Validations.of(scope).acknowledge(...rules);
}
