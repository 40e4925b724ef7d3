/**
 * A RightTime Lambda handler: Node.js 22 on ARM, bundled by esbuild as ESM (handlerBundling), its own role (no AWS
 * managed policies), its own log group kept for a year and encrypted with the project's key, and X-Ray
 * tracing.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { DEFAULT_FIRST_YEAR, DEFAULT_LAST_YEAR } from '#core/calendar/working-days';
import { hearsOfSchoolChanges } from '#core/schools/model';
import { apiRoutes } from '#functions/api/app';
import { type ApiDependencies, apiContext } from '#functions/api/context';
import { openApiDocument } from '#functions/api/openapi';
import { API_DESCRIPTION_FILE } from '#functions/api/openapi-file';
import { processes } from '#workflows/processes';
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
  /** Bundling beyond handlerBundling's, e.g. the pages' templates copied beside the bundle (infra/web-pages.ts). */
  bundling?: Partial<BundlingOptions>;
  /** The one process this function runs (a process's rules step): its bundle holds no other (handlerBundling). */
  process?: string;
}

export const NODE_RUNTIME = lambda.Runtime.NODEJS_22_X;

/**
 * The parts of the processes each handler's bundle leaves out, by its entry: the API and the file imports
 * read each process's contract and views; the figures and the pages its contract, views and board
 * measures; none of them its rules; the rules step its contract and rules, never its views or measures.
 * Each process folder's index.ts takes those parts through package.json "imports" (`#process-rules/*`,
 * `#process-views/*`, `#process-measures/*`), which the build's conditions (`without-rules`, ...) resolve
 * to workflows/left-out.ts: the part is not in the bundle (infra/bundles.test.ts reads them). Every other
 * handler reads no process (or all of it). Its clocks.ts takes the words of its messages likewise
 * (`#process-messages/*`): the functions that send no message (the API, the file imports, the figures)
 * leave them out.
 */
export const LEFT_OUT: Readonly<Record<string, readonly ('rules' | 'views' | 'measures' | 'messages')[]>> = {
  'functions/api/handler.ts': ['rules', 'measures', 'messages'],
  'functions/api/imports-handler.ts': ['rules', 'measures', 'messages'],
  'functions/api/figures-handler.ts': ['rules', 'messages'],
  'web/handler.ts': ['rules'],
  'functions/decide/handler.ts': ['views', 'measures'],
};

/**
 * The handlers whose bundle holds some of the processes only, by entry: which, from the list of processes
 * (workflows/processes.ts), so that a new process joins them by what it is, not by a line here. The file
 * imports' function tells the open cases of a changed school of the processes that hear of it
 * (core/schools/model.ts hearsOfSchoolChanges, in any of its versions), and reads no other process.
 * (Each process's rules step holds its own process alone: HandlerFunctionProps `process`.)
 */
/**
 * Modules a handler's bundle takes in place of others (esbuild aliases), by entry: the API's own function
 * serves /openapi.json from the document made at synth (functions/api/openapi-file.ts, apiDescriptionFile),
 * so its bundle holds neither the document's code nor zod's JSON Schema processors.
 */
export const STAND_INS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'functions/api/handler.ts': { '#functions/api/openapi': './functions/api/openapi-file.ts' },
};

export const SOME_PROCESSES: Readonly<Record<string, () => readonly string[]>> = {
  'functions/api/imports-handler.ts': () =>
    processes.filter((p) => p.contracts.some(hearsOfSchoolChanges)).map((p) => p.contracts[0]!.id),
};

/**
 * How every handler is bundled (the bench bundles with these same options, bench/bundles.ts): ESM for
 * Node 22, minified, the AWS SDK v3 left to the Lambda runtime (what NodejsFunction does by default for
 * Node 18 and later, said here so the bench matches), and two modules swapped for slim ones generated
 * at synth from the installed packages (slimModules): `date-holidays` and `mime-db`. A handler that reads the
 * processes leaves out the part it does not run (LEFT_OUT). A handler of one process (`process`: each
 * process's rules step) or of some (SOME_PROCESSES) reads the list of processes as those alone
 * (processesAlone), so its bundle holds their parts and no other's, however many processes the list names.
 */
export function handlerBundling(projectRoot: string, entry?: string, process?: string) {
  const slim = slimModules(projectRoot);
  const leftOut = entry === undefined ? undefined : LEFT_OUT[entry];
  const some = process === undefined ? entry && SOME_PROCESSES[entry]?.() : [process];
  const only = some ? { '#workflows/processes': processesAlone(projectRoot, some) } : {};
  const standIns = (entry !== undefined && STAND_INS[entry]) || {};
  // The API's description, made here and copied beside its bundle (functions/api/openapi-file.ts reads it).
  const description = '#functions/api/openapi' in standIns ? apiDescriptionFile(projectRoot) : undefined;
  return {
    format: OutputFormat.ESM,
    target: 'node22',
    minify: true,
    // Source maps stay on (NODE_OPTIONS=--enable-source-maps below): errors are logged through Powertools
    // with the first frames of their stack (functions/observability.ts errorKind), and a frame of a
    // minified 300 KB one-line bundle says nothing without the map. Node needs only the map's mappings to
    // place a frame in its TypeScript file and line, not the sources' text, so the map leaves it out:
    // about a third of the size, which Node reads and parses at every cold start.
    sourceMap: true,
    sourcesContent: false,
    mainFields: ['module', 'main'],
    banner: "import { createRequire } from 'module';const require = createRequire(import.meta.url);",
    externalModules: ['@aws-sdk/*'],
    // esbuild resolves an alias's path from its working directory, the project root (locally and in Docker).
    // `node:http` through require() (functions/node-http.ts): an ES module import of it costs a cold start ~50 ms.
    esbuildArgs: {
      '--alias': Object.entries({ ...slim, 'node:http': './functions/node-http.ts', ...only, ...standIns }).map(
        ([pkg, path]) => `${pkg}=${path}`,
      ),
      // `module` is esbuild's own condition, which naming any condition would otherwise drop.
      ...(leftOut ? { '--conditions': ['module', ...leftOut.map((part) => `without-${part}`)].join(',') } : {}),
    },
    ...(description
      ? {
          commandHooks: {
            beforeBundling: () => [],
            beforeInstall: () => [],
            afterBundling: (inputDir: string, outputDir: string) => [
              `cp "${inputDir}/${description}" "${outputDir}/${API_DESCRIPTION_FILE}"`,
            ],
          },
        }
      : {}),
  } satisfies BundlingOptions;
}

/**
 * Write (when changed) the API's description (GET /openapi.json) as functions/api/openapi.ts makes it from
 * the route table and the shipped catalogue, and return its path relative to the project root. Made at
 * each synth, so it always describes the code it ships with; the route table is built with no store or
 * clock, which making the table never reads (only answering a request does).
 */
export function apiDescriptionFile(projectRoot: string): string {
  const noDependencies = {
    runtime: { clock: { now: () => new Date(0) } },
    store: {},
    starter: {},
    staging: {},
    schools: {},
  } as unknown as ApiDependencies;
  const document = openApiDocument(apiRoutes(apiContext(noDependencies)));
  return writeGenerated(projectRoot, API_DESCRIPTION_FILE, [JSON.stringify(document)], GENERATED_DOCUMENTS);
}

/** Where the API's description is written: in the project, so the Docker bundling's copy has it too. */
const GENERATED_DOCUMENTS = '.generated/documents';

/** Where the slim modules are written: under node_modules, so their own imports resolve from the project's packages. */
const GENERATED = 'node_modules/.cache/righttime';

/** The holiday types the working-day calendar counts as days off (core/calendar/working-days.ts). */
const COUNTED_HOLIDAY_TYPES = ['public', 'bank'];
const MIDNIGHT = ' 00:00:00';

/** The years the England calendar answers for (core/calendar/working-days.ts), with a year's margin each side. */
const HOLIDAY_YEARS = { first: DEFAULT_FIRST_YEAR - 1, last: DEFAULT_LAST_YEAR + 1 };

/**
 * Write (when changed) the slim stand-ins and return, by package, each one's path relative to the
 * project root. Both are made at each synth from the installed packages, so an upgrade flows through.
 * - `date-holidays`: the code keeps `new Holidays('GB', 'ENG').getHolidays(year)`; the stand-in answers
 *   it (date, name and type of each public or bank holiday: what the calendar reads and counts) from
 *   what the installed date-holidays itself returns for those years, computed here at synth.
 *   The package's rule engine (date-holidays-parser, astronomia, moment and its time zones: about
 *   300 KB) evaluates rules no England holiday needs at run time; a year outside the table is an
 *   error, and the calendar never asks for one (it refuses dates beyond its range first).
 * - `mime-db`: the GOV.UK Notify client's HTTP stack (axios, form-data) looks up a content type only
 *   for multipart uploads, which RightTime never sends; the stand-in keeps the few types an HTTP
 *   client uses instead of every media type's record (130 KB).
 */
export function slimModules(projectRoot: string): { 'date-holidays': string; 'mime-db': string } {
  const fromProject = createRequire(join(projectRoot, 'package.json'));
  const Holidays = fromProject('date-holidays') as { default?: unknown } & (new (
    country: string,
    state: string,
  ) => { getHolidays(year: number): unknown[] });
  const HolidaysClass = ((Holidays as { default?: unknown }).default ?? Holidays) as new (
    country: string,
    state: string,
  ) => { getHolidays(year: number): unknown[] };
  const england = new HolidaysClass('GB', 'ENG');
  // The fields the calendar reads (date, name, type) of the holidays of the types it counts (public and
  // bank: core/calendar/working-days.ts), not observances such as Mother's Day. Kept small: each holiday
  // as [date, name's index, type's index] into the lists of names and types, which repeat every year; a
  // date at midnight is kept as its day and given back with ' 00:00:00'.
  const names: string[] = [];
  const types: string[] = [];
  const indexIn = (list: string[], value: string) => {
    if (!list.includes(value)) list.push(value);
    return list.indexOf(value);
  };
  const years: Record<number, [string, number, number][]> = {};
  for (let year = HOLIDAY_YEARS.first; year <= HOLIDAY_YEARS.last; year++) {
    years[year] = (england.getHolidays(year) as { date: string; name: string; type: string }[])
      .filter((h) => COUNTED_HOLIDAY_TYPES.includes(h.type))
      .map((h) => [
        h.date.endsWith(MIDNIGHT) ? h.date.slice(0, -MIDNIGHT.length) : h.date,
        indexIn(names, h.name),
        indexIn(types, h.type),
      ]);
  }
  const holidaysVersion = (fromProject('date-holidays/package.json') as { version: string }).version;
  const holidaysPath = writeGenerated(projectRoot, 'date-holidays-england.mjs', [
    `// Generated by infra/handler-function.ts: the ${COUNTED_HOLIDAY_TYPES.join(' and ')} holidays ` +
      `date-holidays ${holidaysVersion} returns for new Holidays('GB', 'ENG').getHolidays(year), ` +
      `${HOLIDAY_YEARS.first} to ${HOLIDAY_YEARS.last}.`,
    `const names = ${JSON.stringify(names)};`,
    `const types = ${JSON.stringify(types)};`,
    `const years = ${JSON.stringify(years)};`,
    'export class Holidays {',
    '  constructor(country, state) {',
    `    if (country !== 'GB' || state !== 'ENG') throw new Error(\`This bundle holds England's holidays ` +
      `only, not \${country} \${state}\`);`,
    '  }',
    '  getHolidays(year) {',
    '    const list = years[year];',
    `    if (!list) throw new RangeError(\`England's holidays are bundled for ${HOLIDAY_YEARS.first} to ` +
      `${HOLIDAY_YEARS.last}, not \${year}\`);`,
    `    return list.map(([date, name, type]) => ({ date: date.length === 10 ? ` +
      `date + '${MIDNIGHT}' : date, name: names[name], type: types[type] }));`,
    '  }',
    '}',
    'export default Holidays;',
  ]);

  const mimeDb = fromProject(createRequire(fromProject.resolve('form-data')).resolve('mime-db')) as Record<
    string,
    unknown
  >;
  const kept = [
    'application/json',
    'application/octet-stream',
    'application/x-www-form-urlencoded',
    'multipart/form-data',
    'text/plain',
    'text/html',
    'text/csv',
    'application/pdf',
  ];
  const mimePath = writeGenerated(projectRoot, 'mime-db-slim.cjs', [
    '// Generated by infra/handler-function.ts: the few media types an HTTP client uses, from mime-db.',
    `module.exports = ` +
      `${JSON.stringify(Object.fromEntries(kept.filter((t) => t in mimeDb).map((t) => [t, mimeDb[t]])))};`,
  ]);
  return { 'date-holidays': holidaysPath, 'mime-db': mimePath };
}

/**
 * Where the lists of one process are written: in the project itself (git ignores it), not under
 * node_modules, because they import the project's own files by relative path, which must resolve in this
 * checkout (node_modules may be a link to another one's) and in the Docker bundling's copy alike.
 */
const GENERATED_LISTS = '.generated/processes';

/**
 * Write (when changed) a module that stands in for workflows/processes.ts in the bundle of a function of
 * one process or some (the `#workflows/processes` alias): the list of processes as those alone, in the
 * list's order, each its folder's, workflows/<id>/ (named after the process's id). Returns its path
 * relative to the project root. Generated, so that a new process needs no file but its folder and its
 * line in the list.
 */
export function processesAlone(projectRoot: string, processes: readonly string[]): string {
  for (const id of processes)
    if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`A process id is lower-case words and hyphens, not '${id}'`);
  const names = processes.map((_, i) => `p${i}`);
  return writeGenerated(
    projectRoot,
    `${processes.join('+') || 'none'}.ts`,
    [
      '// Generated by infra/handler-function.ts (processesAlone): in place of workflows/processes.ts, the list',
      `// of processes of a function that runs ${processes.join(', ') || 'none'} alone.`,
      ...processes.map((id, i) => `import * as ${names[i]} from '../../workflows/${id}/index.ts';`),
      '',
      `export const processes = [${names.join(', ')}];`,
    ],
    GENERATED_LISTS,
  );
}

function writeGenerated(projectRoot: string, name: string, lines: string[], folder = GENERATED): string {
  const path = join(projectRoot, folder, name);
  const source = `${lines.join('\n')}\n`;
  if (!existsSync(path) || readFileSync(path, 'utf8') !== source) {
    mkdirSync(dirname(path), { recursive: true });
    // Written whole then renamed, so a bundling running at the same moment never reads half a module.
    const partial = `${path}.${process.pid}.tmp`;
    writeFileSync(partial, source);
    renameSync(partial, path);
  }
  return `./${folder}/${name}`;
}

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
      bundling: { ...handlerBundling(props.projectRoot, props.entry, props.process), ...props.bundling },
    });

    acknowledge(this.function, {
      id: 'AwsSolutions-L1',
      reason:
        'Pinned to nodejs22.x on purpose: the project runs on Node 22 (package.json engines and the `node` dev ' +
        'dependency) and the local runtime runs these same handlers in-process, ' +
        'so the runtime that is tested is the one deployed. Move to the next LTS in one change across both.',
    });
    acknowledge(this.role, {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray tracing (Tracing.ACTIVE): xray:PutTraceSegments and xray:PutTelemetryRecords do not ' +
        'support resource-level permissions, so AWS requires Resource "*".' +
        (props.otherStarResources ? ` ${props.otherStarResources}` : ''),
    });
  }
}
