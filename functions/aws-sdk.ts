/**
 * The AWS SDK v3 clients the handlers use, loaded with require(). The SDK is CommonJS (in Lambda's
 * runtime as in node_modules); an ESM `import` of it makes Node scan the CommonJS modules it re-exports
 * for their names (cjs-module-lexer) before the bundle runs, about 30 ms of a cold start on this
 * project's machine (`npm run bench -- --only bundles`). require() loads the same modules without the
 * scan, and the types are the SDK's own. The bundles leave `@aws-sdk/*` to the runtime, as before.
 */
// Imported under another name: the bundles' banner (infra/handler-function.ts) declares `createRequire` itself.
import { createRequire as requireFrom } from 'node:module';

const load = requireFrom(import.meta.url);

export const dynamodb = load('@aws-sdk/client-dynamodb') as typeof import('@aws-sdk/client-dynamodb');

/** Step Functions, loaded when first asked for (most cold paths start no execution). */
export const stepFunctions = (): typeof import('@aws-sdk/client-sfn') =>
  load('@aws-sdk/client-sfn') as typeof import('@aws-sdk/client-sfn');
