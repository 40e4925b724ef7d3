/**
 * The curl walkthroughs in docs/walkthroughs/ work verbatim. Every ```sh block of every walkthrough runs, in
 * order, in one `bash -euo pipefail` per walkthrough, from the repository's folder, against the platform
 * started as `npm start` starts it (local/main.ts with its demo data) on a free loopback port with a
 * temporary data folder; the blocks find it through PORT, as a reader's shell would.
 *
 * Under each block an HTML comment says what it must do:
 *
 *   <!-- expect
 *   answers: 400 200              the HTTP status of every curl call in the block, in order
 *   shows: "path": "delayReason"  a regular expression the block's output must match
 *   hides: Ava Thompson           one it must not
 *   -->
 *
 * The statuses are recorded by a `curl` function defined before the blocks that adds
 * `-w '%{stderr}…'`: curl then writes the status to stderr, and what it prints to stdout is unchanged.
 * A block that exits non-zero, answers otherwise or shows otherwise fails the test, naming the file and
 * the block's line.
 *
 * docs/walkthroughs/README.md gives the order in which several run on one platform (the clock only moves
 * forward): they run so once, and each but the first again on a fresh platform, as each says it works
 * on a fresh start too.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '#local/dynamodb-local';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FOLDER = join(ROOT, 'docs/walkthroughs');

interface Expectation {
  answers: number[];
  shows: RegExp[];
  hides: RegExp[];
}

interface Block {
  /** Where the block starts in its file (1-based), for messages. */
  line: number;
  code: string;
  expect?: Expectation;
}

interface Walkthrough {
  file: string;
  blocks: Block[];
}

/** The ```sh blocks of a Markdown text, in order, each with the expectations in the comment under it. */
function blocksOf(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```sh\s*$/.test(lines[i]!)) continue;
    const start = i + 1;
    const code: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) code.push(lines[i]!);
    const block: Block = { line: start, code: code.join('\n') };
    if (lines[i + 1]?.trim() === '<!-- expect') {
      const found: Expectation = { answers: [], shows: [], hides: [] };
      for (i += 2; i < lines.length && lines[i]!.trim() !== '-->'; i++) {
        const directive = /^(answers|shows|hides): (.+)$/.exec(lines[i]!.trim());
        if (!directive) throw new Error(`line ${i + 1}: expectations are "answers: …", "shows: …", "hides: …"`);
        const [, kind, value] = directive;
        if (kind === 'answers') found.answers = value!.split(/\s+/).map(Number);
        else found[kind as 'shows' | 'hides'].push(new RegExp(value!));
      }
      block.expect = found;
    }
    blocks.push(block);
  }
  return blocks;
}

function walkthrough(file: string): Walkthrough {
  return { file, blocks: blocksOf(readFileSync(join(FOLDER, file), 'utf8')) };
}

/** The order docs/walkthroughs/README.md gives: the links in its paragraph that says "in this order". */
function documentedOrder(): string[] {
  const readme = readFileSync(join(FOLDER, 'README.md'), 'utf8');
  const paragraph = readme.split(/\n\s*\n/).find((p) => /in\s+this\s+order:/.test(p)) ?? '';
  const after = paragraph.slice(paragraph.search(/in\s+this\s+order:/));
  return [...after.matchAll(/\]\(([\w-]+\.md)\)/g)].map((m) => m[1]!);
}

// The platform, as `npm start` runs it.

interface Platform {
  port: number;
  proc: ChildProcess;
  dataDir: string;
  output: () => string;
}

/** Monday 11 January 2027, 09:00: before every fixed day the walkthroughs use. */
const WALKTHROUGH_CLOCK_START = '2027-01-11T09:00:00Z';

const started: Platform[] = [];

async function startPlatform(): Promise<Platform> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'righttime-walkthroughs-'));
  // The walkthroughs' fixed days (from 12 February 2027) stay ahead of the clock whatever today's date is.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    RIGHTTIME_DATA: dataDir,
    RIGHTTIME_CLOCK_START: WALKTHROUGH_CLOCK_START,
  };
  delete env.RIGHTTIME_DEMO;
  // Its own process group, so that whatever is left of it (DynamoDB Local's Java) can be ended by its id.
  const proc = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  // Read all it prints (the inbox is logged), keeping the end for messages, so its pipes never fill.
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const platform = { port, proc, dataDir, output: () => output };
  started.push(platform);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in 180 s:\n${output}`)), 180_000);
    const ready = () => {
      if (!output.includes('RightTime is running at')) return;
      clearTimeout(timer);
      proc.stdout!.off('data', ready);
      resolve();
    };
    proc.stdout!.on('data', ready);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before it was ready:\n${output}`));
    });
  });
  return platform;
}

/** Stop it as Ctrl+C would (it stops DynamoDB Local too); if it has not stopped in 30 s, end its process group. */
async function stopPlatform(platform: Platform) {
  started.splice(started.indexOf(platform), 1);
  const { proc } = platform;
  if (proc.exitCode === null && proc.signalCode === null) {
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    const stopped = await Promise.race([
      exited.then(() => true),
      new Promise((r) => setTimeout(() => r(false), 30_000)),
    ]);
    if (!stopped) process.kill(-proc.pid!, 'SIGKILL');
  }
  rmSync(platform.dataDir, { recursive: true, force: true });
}

afterAll(async () => {
  for (const platform of [...started]) await stopPlatform(platform);
});

/** Run `act` against a platform of its own, stopped afterwards whatever happens. */
async function withPlatform<T>(act: (platform: Platform) => Promise<T>): Promise<T> {
  const platform = await startPlatform();
  try {
    return await act(platform);
  } finally {
    await stopPlatform(platform);
  }
}

// Running a walkthrough.

const MARK = '@@walkthrough-block';
const ANSWER = '@@walkthrough-answer';

interface Ran {
  exitCode: number | null;
  /** Per block: what it printed to stdout, what else to stderr, and the status of each curl call. */
  blocks: { stdout: string; stderr: string; answers: number[] }[];
}

function script(blocks: Block[]): string {
  const parts = [`curl() { command curl -w '%{stderr}${ANSWER} %{http_code}\\n' "$@"; }`];
  for (const [i, block] of blocks.entries()) {
    parts.push(`printf '\\n${MARK} ${i}\\n'; printf '${MARK} ${i}\\n' >&2`, block.code);
  }
  return `${parts.join('\n')}\n`;
}

async function run(w: Walkthrough, port: number): Promise<Ran> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
  delete env.B;
  const proc = spawn('bash', ['-euo', 'pipefail', '-c', script(w.blocks)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => proc.kill('SIGKILL'), 300_000);
  const exitCode = await new Promise<number | null>((resolve) => proc.once('close', resolve));
  clearTimeout(timer);

  const blocks = w.blocks.map(() => ({ stdout: '', stderr: '', answers: [] as number[] }));
  const outParts = `\n${stdout}`.split(new RegExp(`\\n${MARK} (\\d+)\\n`));
  for (let i = 1; i < outParts.length; i += 2) blocks[Number(outParts[i])]!.stdout = outParts[i + 1]!;
  let current = -1;
  for (const line of stderr.split('\n')) {
    const mark = new RegExp(`^${MARK} (\\d+)$`).exec(line);
    const answer = new RegExp(`${ANSWER} (\\d{3})$`).exec(line);
    if (mark) current = Number(mark[1]);
    else if (current < 0) continue;
    else if (answer) {
      blocks[current]!.answers.push(Number(answer[1]));
      const before = line.slice(0, answer.index);
      if (before) blocks[current]!.stderr += `${before}\n`;
    } else if (line) blocks[current]!.stderr += `${line}\n`;
  }
  return { exitCode, blocks };
}

const excerpt = (text: string) => (text.length > 3000 ? `${text.slice(0, 1500)}\n…\n${text.slice(-1500)}` : text);

/** Every way the run differs from what the walkthrough says, as sentences naming the block. */
function problems(w: Walkthrough, ran: Ran): string[] {
  const found: string[] = [];
  const reached = ran.blocks.findLastIndex(
    (b, i) => i === 0 || b.stdout !== '' || b.answers.length > 0 || b.stderr !== '',
  );
  if (ran.exitCode !== 0) {
    const b = ran.blocks[reached]!;
    const block = w.blocks[reached]!;
    const failed = `${w.file}: the block at line ${block.line} failed (bash exit ${ran.exitCode})`;
    found.push(`${failed}; answers ${b.answers.join(' ')}; stderr:\n${b.stderr}\nstdout:\n${excerpt(b.stdout)}`);
    return found;
  }
  w.blocks.forEach((block, i) => {
    const b = ran.blocks[i]!;
    const where = `${w.file}, the block at line ${block.line}`;
    const expected = block.expect!;
    if (b.answers.join(' ') !== expected.answers.join(' ')) {
      found.push(`${where} answered ${b.answers.join(' ')}, not ${expected.answers.join(' ')}:\n${excerpt(b.stdout)}`);
    }
    for (const re of expected.shows) {
      if (!re.test(b.stdout)) found.push(`${where} does not show /${re.source}/:\n${excerpt(b.stdout)}`);
    }
    for (const re of expected.hides) {
      if (re.test(b.stdout)) found.push(`${where} shows /${re.source}/, which it must not`);
    }
  });
  return found;
}

const report = (found: string[], platformOutput: string) =>
  `${found.join('\n\n')}\n\nThe platform's output (its end):\n${platformOutput.slice(-3000)}`;

// The tests.

const order = documentedOrder();

describe('the walkthroughs in docs/walkthroughs', () => {
  it('are all in the order the README gives, and every block says what it must answer', () => {
    // Prepare
    const files = readdirSync(FOLDER).filter((f) => f.endsWith('.md') && f !== 'README.md');
    // Act
    const walkthroughs = files.map(walkthrough);
    // Assess
    expect([...order].sort()).toEqual([...files].sort());
    for (const w of walkthroughs) {
      expect(w.blocks.length, `${w.file} has no sh block`).toBeGreaterThan(0);
      const unchecked = w.blocks.filter((b) => !b.expect || b.expect.answers.length === 0).map((b) => b.line);
      expect(unchecked, `${w.file}: the blocks at these lines have no "<!-- expect" comment with answers`).toEqual([]);
    }
  });

  it(
    'run one after another on one platform, in that order',
    async () => {
      // Prepare: a fresh platform, as `npm start` on a new data folder
      const { found, output } = await withPlatform(async (platform) => {
        // Act: each walkthrough in its own shell, one after another
        const found: string[] = [];
        for (const file of order) {
          const w = walkthrough(file);
          found.push(...problems(w, await run(w, platform.port)));
        }
        return { found, output: platform.output() };
      });
      // Assess
      expect(found.length, report(found, output)).toBe(0);
    },
    15 * 60_000,
  );

  it.each(order.slice(1))(
    '%s runs on a fresh platform',
    async (file) => {
      // Prepare
      const w = walkthrough(file);
      const { ran, output } = await withPlatform(async (platform) => {
        // Act
        const ran = await run(w, platform.port);
        return { ran, output: platform.output() };
      });
      // Assess
      const found = problems(w, ran);
      expect(found.length, report(found, output)).toBe(0);
    },
    10 * 60_000,
  );
});
