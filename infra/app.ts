/** The CDK app the CLI runs (cdk.json: `npx tsx infra/app.ts`). */
import { buildApp } from './build';

const { app } = buildApp();
app.synth();
