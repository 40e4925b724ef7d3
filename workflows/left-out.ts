/**
 * What a Lambda's bundle holds in place of the part of the processes it does not run. A process folder's
 * index.ts takes its rules from `#process-rules/<folder>`, its views from `#process-views/<folder>` and its
 * board measures from `#process-measures/<folder>` (package.json "imports"): those are the folder's
 * rules.ts, views.ts and measures.ts everywhere (TypeScript, the tests, the local runtime, infra), except
 * in a build with the condition `without-rules` (the API and the pages: they read contracts and views),
 * `without-views` or `without-measures` (the rules step: contracts and rules), where they are this module
 * (infra/handler-function.ts LEFT_OUT). So no part is in a bundle that does not run it, and
 * infra/bundles.test.ts checks each bundle's files.
 *
 * Reading a part that was left out is a mistake in the code, said at once rather than as a puzzling
 * `undefined` later: every read of it throws, naming it.
 */
function leftOut(part: 'views' | 'rules' | 'measures'): never {
  const refuse = (): never => {
    throw new Error(`The processes' ${part} are left out of this Lambda's bundle (workflows/left-out.ts)`);
  };
  // `then` and symbols answer undefined, so that inspecting or awaiting what holds it does not throw.
  return new Proxy(
    {},
    {
      get: (_target, key) => (typeof key === 'symbol' || key === 'then' ? undefined : refuse()),
      has: refuse,
      ownKeys: refuse,
      getOwnPropertyDescriptor: refuse,
    },
  ) as never;
}

export const views = leftOut('views');
export const rules = leftOut('rules');
export const measures = leftOut('measures');
