/**
 * A vitest setup file (vitest.config.ts `setupFiles`): it runs in the test worker, before each test
 * file, so it sees what the code under test logs and not vitest's reporter (titles, assertion errors),
 * which runs in the main process. It records every console call and every write to stdout and stderr,
 * passes them on unchanged, and after the file's tests fails the file if a line carries a personal
 * value the fixtures know (test/support/log-check.ts).
 */
import { format } from 'node:util';
import { afterAll } from 'vitest';
import { captured, describeLeaks, findPersonalValues, knownPersonalValues } from './log-check';

const record = (text: string) => {
  for (const line of text.split('\n')) if (line.trim()) captured.push(line);
};

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
for (const method of CONSOLE_METHODS) {
  const original = console[method];
  console[method] = function capturedConsole(this: Console, ...args: unknown[]) {
    record(format(...args));
    return original.apply(this, args);
  };
}

for (const stream of [process.stdout, process.stderr]) {
  const original = stream.write;
  stream.write = function capturedWrite(this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    record(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return (original as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof stream.write;
}

afterAll(() => {
  const leaks = findPersonalValues(captured, knownPersonalValues());
  if (leaks.length) throw new Error(describeLeaks(leaks));
});
