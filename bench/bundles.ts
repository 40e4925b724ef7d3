/**
 * The Lambda bundles as deployed: each handler entry bundled by esbuild with the options the CDK
 * functions use (infra/handler-function.ts handlerBundling), its size, what it holds (esbuild's
 * metafile, by package), and its module load: a cold `import()` of the bundle in a fresh Node process
 * (median of BENCH_IMPORT_RUNS), with NODE_OPTIONS=--enable-source-maps as the functions set it. The
 * bundles are written under node_modules/.cache so the AWS SDK v3, which the bundles leave out (the
 * Lambda runtime provides it), resolves from the project like it does in Lambda.
 *
 * Also checks the slim `date-holidays` (Great Britain's data only): the England bank holidays of 2026
 * and 2027 computed by a bundle of core/calendar/working-days.ts equal those computed here from the
 * full package.
 *
 * `npx tsx bench/bundles.ts` runs this part alone.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { createWorkingDayCalendar } from '#core/calendar/working-days';
import { handlerBundling } from '#infra/handler-function';
import { catalogue } from '#workflows/catalogue';

export const LOAD_LIMIT_MS = 150;

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const outRoot = join(projectRoot, 'node_modules/.cache/righttime/bench-bundles');

export const HANDLERS = {
  api: 'functions/api/handler.ts',
  imports: 'functions/api/imports-handler.ts',
  figures: 'functions/api/figures-handler.ts',
  decide: 'functions/decide/handler.ts',
  notifier: 'functions/notifier/handler.ts',
  sweeper: 'functions/notifier/sweep-handler.ts',
} as const;

/**
 * The handlers deployed once per process, each bundled for its process alone (infra/handler-function.ts
 * processesAlone): the rules step, one per state machine. Each is measured once per process, as
 * `decide:<process>`.
 */
export const PER_PROCESS: readonly (keyof typeof HANDLERS)[] = ['decide'];

/** The bundles as deployed: each handler once, or once per process (PER_PROCESS). */
export function deployedBundles(): { name: string; handler: keyof typeof HANDLERS; process?: string }[] {
  return (Object.keys(HANDLERS) as (keyof typeof HANDLERS)[]).flatMap(
    (handler): ReturnType<typeof deployedBundles> =>
      PER_PROCESS.includes(handler)
        ? catalogue.map((p) => ({ name: `${handler}:${p.id}`, handler, process: p.id }))
        : [{ name: handler, handler }],
  );
}

/**
 * Each bundle's size budget, KiB: 300, but the file imports' function, whose work is reading the files
 * (csv-parse and ical.js, about 105 KiB) on top of what the API's holds to tell open cases: 400
 * (docs/decisions.md). Every bundle's load budget is LOAD_LIMIT_MS.
 */
export const BUNDLE_LIMIT_KIB: Readonly<Record<keyof typeof HANDLERS, number>> = {
  api: 300,
  imports: 400,
  figures: 300,
  decide: 300,
  notifier: 300,
  sweeper: 300,
};

/**
 * The CDK bundling options of a handler as esbuild's own: the same flags NodejsFunction passes to the
 * esbuild CLI for that entry (relative to the project root), for one process when it is deployed per process.
 */
export function esbuildOptions(entry?: string, process?: string): BuildOptions {
  const b = handlerBundling(projectRoot, entry, process);
  const alias = Object.fromEntries(b.esbuildArgs['--alias'].map((a) => a.split('=') as [string, string]));
  const conditions = (b.esbuildArgs as { '--conditions'?: string })['--conditions']?.split(',');
  return {
    absWorkingDir: projectRoot,
    bundle: true,
    platform: 'node',
    format: b.format === 'esm' ? 'esm' : 'cjs',
    target: b.target,
    minify: b.minify,
    sourcemap: b.sourceMap,
    sourcesContent: b.sourcesContent,
    mainFields: b.mainFields,
    banner: { js: b.banner },
    external: b.externalModules,
    alias,
    ...(conditions ? { conditions } : {}),
    metafile: true,
    logLevel: 'warning',
  };
}

export interface BundleFigures {
  entry: string;
  bytes: number;
  kib: number;
  sourceMapKib: number;
  /** Cold `import()` of the bundle in a fresh Node process, every run and the median, ms. */
  importMs: { median: number; runs: number[] };
  withinLimits: { size: boolean; load: boolean };
  /** Bytes in the bundle by origin (a package, or a project folder), largest first, KiB. */
  holds: Record<string, number>;
}

function origin(path: string): string {
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + 'node_modules/'.length).split('/');
    if (rest[0] === '.cache') return 'date-holidays (GB data, generated)';
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  return `project: ${path.split('/')[0]}/`;
}

function holdings(metafile: Metafile): Record<string, number> {
  const bytes = new Map<string, number>();
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (file.endsWith('.map')) continue;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs))
      bytes.set(origin(input), (bytes.get(origin(input)) ?? 0) + bytesInOutput);
  }
  return Object.fromEntries(
    [...bytes.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, +(v / 1024).toFixed(1)]),
  );
}

/** Milliseconds to import `file` in a fresh Node process (the same Node as this one), as Lambda's init does. */
function coldImportMs(file: string): number {
  const script = `const t=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});process.stdout.write(String(performance.now()-t));`;
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
  return Number(out);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function measureBundles(runs = Number(process.env.BENCH_IMPORT_RUNS ?? 5)): Promise<{
  bundles: Record<string, BundleFigures>;
  greatBritainHolidays: { years: number[]; sameAsFullPackage: boolean; bankHolidays: number };
  loadAverage: { before: number; after: number };
}> {
  const loadBefore = +loadavg()[0]!.toFixed(1);
  rmSync(outRoot, { recursive: true, force: true });
  const bundles: Record<string, BundleFigures> = {};
  for (const { name, handler, process } of deployedBundles()) {
    const entry = HANDLERS[handler];
    const outfile = join(outRoot, name.replace(':', '-'), 'index.mjs');
    mkdirSync(dirname(outfile), { recursive: true });
    const result = await build({
      ...esbuildOptions(entry, process),
      entryPoints: [join(projectRoot, entry)],
      outfile,
    });
    const bytes = statSync(outfile).size;
    const timings = Array.from({ length: Math.max(1, runs) }, () => coldImportMs(outfile));
    const importMedian = median(timings);
    bundles[name] = {
      entry,
      bytes,
      kib: +(bytes / 1024).toFixed(1),
      sourceMapKib: +(statSync(`${outfile}.map`).size / 1024).toFixed(1),
      importMs: { median: +importMedian.toFixed(1), runs: timings.map((t) => +t.toFixed(1)) },
      withinLimits: {
        size: bytes <= BUNDLE_LIMIT_KIB[handler] * 1024,
        load: importMedian <= LOAD_LIMIT_MS,
      },
      holds: holdings(result.metafile!),
    };
  }

  // The slim date-holidays gives England the same bank holidays as the full package.
  const years = [2026, 2027];
  const checkFile = join(outRoot, 'holidays-check', 'index.mjs');
  mkdirSync(join(outRoot, 'holidays-check'), { recursive: true });
  await build({
    ...esbuildOptions(),
    sourcemap: false,
    stdin: {
      contents: `import { createWorkingDayCalendar } from './core/calendar/working-days.ts';\nexport const bankHolidays = ${JSON.stringify(years)}.map((y) => createWorkingDayCalendar().bankHolidays(y));`,
      resolveDir: projectRoot,
      loader: 'ts',
      sourcefile: 'holidays-check.ts',
    },
    outfile: checkFile,
  });
  const slim = ((await import(pathToFileURL(checkFile).href)) as { bankHolidays: unknown[] }).bankHolidays;
  const full = years.map((y) => createWorkingDayCalendar().bankHolidays(y));
  const sameAsFullPackage = JSON.stringify(slim) === JSON.stringify(full);
  if (!sameAsFullPackage)
    throw new Error(
      `The bundled Great Britain holidays differ from the full package's: ${JSON.stringify({ slim, full })}`,
    );
  return {
    bundles,
    greatBritainHolidays: { years, sameAsFullPackage, bankHolidays: full.flat().length },
    loadAverage: { before: loadBefore, after: +loadavg()[0]!.toFixed(1) },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await measureBundles(), null, 2));
}
