/**
 * The layers, checked in CI (`npm run layers`): each folder imports only from the layers below it.
 *   core/       pure domain: no AWS, no other layer of this project
 *   workflows/  process definitions: core/ only
 *   functions/  Lambda handlers and adapters: core/ and workflows/
 *   web/        the pages: core/, workflows/ and functions/ (they call the API's handlers in-process)
 *   functions/api/ and web/ reach no process's rules.ts; functions/decide/ (the rules step) no views.ts;
 *   functions/api/ no messages.ts (the words of the processes' messages)
 *   web/ imports none of the API's routes (functions/api/routes/): access rules are in core/process/access.ts
 *   infra/      the CDK app: anything but local/, test/ and bench/
 *   local/      the runtime on one machine: anything but test/ and bench/
 * Tests may reach across layers; production code may not. No import cycles anywhere, not even of type-only
 * imports.
 */
const notTest = '\\.test\\.ts$';
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment:
        'no cycle of imports anywhere, type-only imports included: two modules that name each other are one ' +
        'module, or share a third (the pages take their types from web/pages/page.ts; a change reads its ' +
        'process through core/process/change.ts)',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      comment: 'core/ is the pure domain: no AWS SDK or CDK, no handlers, workflows, infra or local runtime',
      severity: 'error',
      from: { path: '^core/', pathNot: notTest },
      to: {
        path: [
          '^functions/',
          '^workflows/',
          '^web/',
          '^infra/',
          '^local/',
          '^test/',
          '^bench/',
          '@aws-sdk',
          'aws-cdk-lib',
          'constructs',
          '@middy',
          'aws-lambda',
        ],
      },
    },
    {
      name: 'workflows-are-definitions',
      comment: 'workflows/ holds process definitions only: they build on core/, nothing above it and no AWS',
      severity: 'error',
      from: { path: '^workflows/', pathNot: notTest },
      to: {
        path: [
          '^functions/',
          '^web/',
          '^infra/',
          '^local/',
          '^test/',
          '^bench/',
          '@aws-sdk',
          'aws-cdk-lib',
          'constructs',
          '@middy',
        ],
      },
    },
    {
      name: 'functions-below-infra',
      severity: 'error',
      from: { path: '^functions/', pathNot: notTest },
      to: { path: ['^web/', '^infra/', '^local/', '^test/', '^bench/', 'aws-cdk-lib'] },
    },
    {
      name: 'web-below-infra',
      comment:
        'web/ (the pages) builds on core/, workflows/ and functions/ (the API in-process); ' +
        'infra/ deploys it and local/ serves it',
      severity: 'error',
      from: { path: '^web/', pathNot: notTest },
      to: { path: ['^infra/', '^local/', '^test/', '^bench/', 'aws-cdk-lib'] },
    },
    {
      name: 'pages-not-api-routes',
      comment:
        "the pages call the API's routes through its handler (web/api-client.ts), never import them: " +
        'the access rules both need are in core/process/access.ts',
      severity: 'error',
      from: { path: '^web/', pathNot: notTest },
      to: { path: '^functions/api/routes/' },
    },
    {
      name: 'api-and-pages-read-contracts',
      comment:
        'the API and the pages know each process by its contract and views (workflows/contracts.ts), ' +
        'never by its rules: no workflows/*/rules.ts is reachable from them as their builds resolve the ' +
        "processes' parts (options below), so none is in their bundles",
      severity: 'error',
      from: { path: ['^functions/api/', '^web/'], pathNot: notTest },
      to: { path: '^workflows/[^/]+/rules\\.ts$', reachable: true },
    },
    {
      name: 'rules-step-runs-contracts-and-rules',
      comment:
        'the rules step runs each process by its contract and rules (workflows/runnable.ts), ' +
        'never its views: no workflows/*/views.ts is reachable from it as its build resolves the ' +
        "processes' parts (options below), so none is in its bundle",
      severity: 'error',
      from: { path: '^functions/decide/', pathNot: notTest },
      to: { path: '^workflows/[^/]+/views\\.ts$', reachable: true },
    },
    {
      name: 'api-functions-send-no-message',
      comment:
        "the API's functions (the API, the file imports, the figures) send no message: no " +
        "workflows/*/messages.ts is reachable from them as their builds resolve the processes' parts " +
        '(their clocks take the words of their messages through #process-messages/*, options below)',
      severity: 'error',
      from: { path: '^functions/api/', pathNot: notTest },
      to: { path: '^workflows/[^/]+/messages\\.ts$', reachable: true },
    },
    {
      name: 'infra-not-local',
      severity: 'error',
      from: { path: '^infra/', pathNot: notTest },
      to: { path: ['^local/', '^test/', '^bench/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      // A process folder's index.ts takes its rules and views through package.json "imports"
      // (#process-rules/*, #process-views/*); the Lambdas that do not run a part build with the condition
      // that leaves it out (infra/handler-function.ts LEFT_OUT, workflows/left-out.ts). Resolved here as
      // those builds resolve them, so the two reachability rules above see what each bundle holds (and
      // infra/bundles.test.ts reads the bundles themselves): any other way to a rules.ts or a views.ts
      // from those Lambdas is still refused.
      // The words of the processes' messages likewise (#process-messages/*, without-messages).
      conditionNames: [
        'without-rules',
        'without-views',
        'without-messages',
        'import',
        'require',
        'node',
        'default',
        'types',
      ],
      extensions: ['.ts', '.js', '.json'],
    },
    tsPreCompilationDeps: true,
  },
};
