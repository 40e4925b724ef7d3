/**
 * What a Lambda's bundle holds in place of the part of the processes it does not run. A process folder's
 * index.ts takes its rules from `#process-rules/<folder>`, its views from `#process-views/<folder>` and its
 * board measures from `#process-measures/<folder>` (package.json "imports"): those are the folder's
 * rules.ts, views.ts and measures.ts everywhere (TypeScript, the tests, the local runtime, infra), except
 * in a build with the condition `without-rules` (the API and the pages: they read contracts and views),
 * `without-views` or `without-measures` (the rules step: contracts and rules), where they are this module
 * (infra/handler-function.ts LEFT_OUT). So no part is in a bundle that does not run it, and
 * infra/bundles.test.ts checks each bundle's files. Likewise a folder's clocks.ts takes the words of its
 * checkpoints' messages from `#process-messages/<folder>` (its messages.ts), left out with `without-messages`
 * where no message is sent (the API, the file imports, the figures: they read the clocks, never their words).
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

/**
 * The messages left out. A clock names each checkpoint's message by a path (`m.review.due`) when its module
 * loads, so any path answers a message left out; reading its words (`subject`, `body`), or listing,
 * spreading or testing its keys, throws, naming the part.
 */
function leftOutMessages(): never {
  const refuse = (): never => {
    throw new Error("The processes' messages are left out of this Lambda's bundle (workflows/left-out.ts)");
  };
  const message: object = new Proxy(
    {},
    {
      get: (_target, key) =>
        typeof key === 'symbol' || key === 'then'
          ? undefined
          : key === 'subject' || key === 'body'
            ? refuse()
            : message,
      has: refuse,
      ownKeys: refuse,
      getOwnPropertyDescriptor: refuse,
    },
  );
  return message as never;
}

/** Every export of a folder's messages.ts that its clocks.ts reads. */
export const checkpointMessages = leftOutMessages();
export const meetingMessages = leftOutMessages();
