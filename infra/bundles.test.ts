/**
 * The Lambda bundles as infra/handler-function.ts bundles them (the bench's esbuild options) load in a
 * fresh Node process as Lambda loads them, and load only the AWS SDK clients their cold path needs: the
 * rules step DynamoDB only (it reads the case and commits the decision itself, so every invocation uses
 * it), the API, the imports and the sweeper no Step Functions (loaded at their first execution start),
 * and none by an ESM import (each is require()d: functions/aws-sdk.ts), nor node:http
 * (functions/node-http.ts); and each holds only the parts it runs. Sizes and load times are the bench's
 * (`npm run bench -- --only bundles`).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { esbuildOptions, HANDLERS, PER_PROCESS } from '#bench/bundles';
import { hearsOfSchoolChanges } from '#core/schools/model';
import { catalogue } from '#workflows/catalogue';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const outRoot = join(projectRoot, 'node_modules/.cache/righttime/bundles-test');

/** The AWS SDK packages the bundle has loaded once its module has loaded, in a fresh Node process. */
function sdkLoadedBy(file: string): string[] {
  const script = [
    "import { createRequire } from 'node:module';",
    `await import(${JSON.stringify(pathToFileURL(file).href)});`,
    'const loaded = Object.keys(createRequire(import.meta.url).cache).map((p) => p.match(/node_modules\\/(@aws-sdk\\/client-[a-z-]+)\\//)?.[1]).filter(Boolean);',
    'process.stdout.write(JSON.stringify([...new Set(loaded)].sort()));',
  ].join('\n');
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_OPTIONS: '--enable-source-maps',
      AWS_REGION: 'eu-west-2',
      TABLE_NAME: 'righttime',
      POWERTOOLS_METRICS_DISABLED: 'true',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(out) as string[];
}

describe('the Lambda bundles load only the SDK clients their cold path needs', () => {
  it.each([
    ['decide', ['@aws-sdk/client-dynamodb']],
    ['api', ['@aws-sdk/client-dynamodb']],
    ['imports', ['@aws-sdk/client-dynamodb']],
    ['figures', ['@aws-sdk/client-dynamodb']],
    ['notifier', ['@aws-sdk/client-dynamodb']],
    ['sweeper', ['@aws-sdk/client-dynamodb']],
  ] as const)('%s', async (name, expected) => {
    // Prepare: the handler bundled as deployed (a rules step: the first process's)
    const outfile = join(outRoot, name, 'index.mjs');
    mkdirSync(join(outRoot, name), { recursive: true });
    const result = await build({
      ...esbuildOptions(HANDLERS[name], PER_PROCESS.includes(name) ? catalogue[0]!.id : undefined),
      entryPoints: [join(projectRoot, HANDLERS[name])],
      outfile,
    });
    // Act
    const loaded = sdkLoadedBy(outfile);
    // Assess: those clients and no other; and no SDK package imported as ESM (each is require()d)
    expect(loaded).toEqual(expected);
    const esmImports = Object.values(result.metafile!.outputs).flatMap((o) =>
      o.imports
        .filter((i) => i.external && i.path.startsWith('@aws-sdk/') && i.kind === 'import-statement')
        .map((i) => i.path),
    );
    expect(esmImports).toEqual([]);
    // nor node:http, whose ES module face loads undici and node:http2 at load (functions/node-http.ts)
    const httpImports = Object.values(result.metafile!.outputs).flatMap((o) =>
      o.imports
        .filter((i) => i.external && ['node:http', 'http'].includes(i.path) && i.kind === 'import-statement')
        .map((i) => i.path),
    );
    expect(httpImports).toEqual([]);
  });
});

describe("each bundle holds the parts of the processes it runs: the API's contracts and views, the figures' and the pages' their measures too, none of them rules; the rules step's contracts and rules, no views or measures", () => {
  /** The project files esbuild put in a handler's bundle, built as deployed (infra/handler-function.ts LEFT_OUT). */
  async function bundledFiles(entry: string, process?: string): Promise<string[]> {
    const result = await build({
      ...esbuildOptions(entry, process),
      entryPoints: [join(projectRoot, entry)],
      outfile: join(outRoot, `${entry.replaceAll('/', '-')}-${process ?? 'all'}-inputs`, 'index.mjs'),
      write: false,
    });
    return Object.values(result.metafile!.outputs).flatMap((o) =>
      Object.entries(o.inputs)
        .filter(([, i]) => i.bytesInOutput > 0)
        .map(([file]) => file),
    );
  }
  const each = (file: string) => catalogue.map((p) => `workflows/${p.id}/${file}`).sort();
  const found = (files: string[], file: string) =>
    files.filter((f) => new RegExp(`^workflows/[^/]+/${file.replace('.', '\\.')}$`).test(f)).sort();

  it.each([
    [HANDLERS.api, 'no', 'no'],
    [HANDLERS.figures, 'every', 'no'],
    ['web/handler.ts', 'every', 'every'],
  ] as const)(
    "%s: every process's events, clocks and views, %s process's measures, %s process's messages, no rules.ts",
    async (entry, measures, messages) => {
      // Act
      const files = await bundledFiles(entry);
      // Assess
      expect(found(files, 'rules.ts')).toEqual([]);
      expect(found(files, 'events.ts')).toEqual(each('events.ts'));
      expect(found(files, 'views.ts')).toEqual(each('views.ts'));
      expect(found(files, 'measures.ts')).toEqual(measures === 'every' ? each('measures.ts') : []);
      expect(found(files, 'messages.ts')).toEqual(messages === 'every' ? each('messages.ts') : []);
      expect(found(files, 'clocks.ts')).toEqual(each('clocks.ts'));
      expect(files).toContain('workflows/left-out.ts');
    },
  );

  it("the API's own: its description read from the file made at synth, not made by functions/api/openapi.ts", async () => {
    // Act
    const api = await bundledFiles(HANDLERS.api);
    const pages = await bundledFiles('web/handler.ts');
    // Assess: nor zod's JSON Schema processors; the pages' function runs the API in-process and makes it
    expect(api).toContain('functions/api/openapi-file.ts');
    expect(api).not.toContain('functions/api/openapi.ts');
    expect(api.filter((f) => /zod\/v4\/core\/(to-json-schema|json-schema-processors)\.js$/.test(f))).toEqual([]);
    expect(pages).toContain('functions/api/openapi.ts');
  });

  it("file imports: the events and views of the processes that hear of a school's change alone, no measures, messages or rules", async () => {
    // Prepare: those processes (SOME_PROCESSES), Operation Encompass among them
    const told = catalogue.filter(hearsOfSchoolChanges).map((p) => p.id);
    expect(told).toContain('operation-encompass');
    expect(told.length).toBeLessThan(catalogue.length);
    const ofTold = (file: string) => told.map((id) => `workflows/${id}/${file}`).sort();
    // Act
    const files = await bundledFiles(HANDLERS.imports);
    // Assess
    expect(found(files, 'rules.ts')).toEqual([]);
    expect(found(files, 'measures.ts')).toEqual([]);
    expect(found(files, 'messages.ts')).toEqual([]);
    expect(found(files, 'views.ts')).toEqual(ofTold('views.ts'));
    expect(found(files, 'contract.ts')).toEqual(ofTold('contract.ts'));
    expect(files).not.toContain('workflows/processes.ts');
  });

  it.each(catalogue.map((p) => p.id))(
    "rules step of %s: that process's events, messages and rules and no other process's rules, no views or measures",
    async (process) => {
      // Act
      const files = await bundledFiles(HANDLERS.decide, process);
      // Assess
      expect(found(files, 'views.ts')).toEqual([]);
      expect(found(files, 'measures.ts')).toEqual([]);
      expect(found(files, 'messages.ts')).toContain(`workflows/${process}/messages.ts`);
      expect(found(files, 'rules.ts')).toEqual([`workflows/${process}/rules.ts`]);
      expect(found(files, 'events.ts')).toContain(`workflows/${process}/events.ts`);
      // the list of processes is this one alone (infra/handler-function.ts processesAlone)
      expect(files).not.toContain('workflows/processes.ts');
      expect(files).toContain(`.generated/processes/${process}.ts`);
      expect(files).toContain('workflows/left-out.ts');
    },
  );
});

describe("the files' readers are in the imports' bundle only", () => {
  /** The packages and project files esbuild put in a handler's bundle, built as deployed. */
  async function holds(entry: string): Promise<string[]> {
    const result = await build({
      ...esbuildOptions(entry),
      entryPoints: [join(projectRoot, entry)],
      outfile: join(outRoot, `${entry.replaceAll('/', '-')}-readers`, 'index.mjs'),
      write: false,
    });
    return Object.values(result.metafile!.outputs).flatMap((o) =>
      Object.entries(o.inputs)
        .filter(([, i]) => i.bytesInOutput > 0)
        .map(([file]) => file.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+)\/.*$/, 'package $1')),
    );
  }
  const readers = [
    'package csv-parse',
    'package ical.js',
    'core/schools/directory-import.ts',
    'core/schools/term-dates-import.ts',
  ];

  it("the API's holds no csv-parse, ical.js or import reader; the imports' holds them all", async () => {
    // Act
    const api = await holds(HANDLERS.api);
    const imports = await holds(HANDLERS.imports);
    // Assess
    expect(readers.filter((r) => api.includes(r))).toEqual([]);
    expect(readers.filter((r) => imports.includes(r))).toEqual(readers);
  });
});
