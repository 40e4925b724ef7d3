/**
 * What the local runtime needs to know about other processes on this machine, without trusting a pid alone
 * (pids are reused): whether a process is alive, when it started, its command line, and stopping it
 * gracefully. Linux reads /proc; elsewhere `ps` answers.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const hasProc = existsSync('/proc/self/stat');

export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The process's start time (clock ticks since boot on Linux, `ps`'s lstart
 * elsewhere); with the pid it names one process.
 */
export function startTimeOf(pid: number): string | undefined {
  try {
    if (hasProc) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces and parentheses): state is field 3, starttime field 22.
      return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    }
    const out = spawnSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8' });
    return out.status === 0 ? out.stdout.trim() || undefined : undefined;
  } catch {
    return undefined;
  }
}

/** The command line as its arguments (on Linux exactly; elsewhere split on spaces). */
export function commandLineOf(pid: number): string[] | undefined {
  try {
    if (hasProc) return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const out = spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
    return out.status === 0 ? out.stdout.trim().split(/\s+/) : undefined;
  } catch {
    return undefined;
  }
}

/** Every process whose command line passes `matches`. */
export function findProcesses(matches: (args: string[]) => boolean): number[] {
  const pids: number[] = [];
  if (hasProc) {
    for (const entry of readdirSync('/proc')) {
      const pid = Number(entry);
      if (!Number.isInteger(pid) || pid === process.pid) continue;
      const args = commandLineOf(pid);
      if (args && matches(args)) pids.push(pid);
    }
    return pids;
  }
  const out = spawnSync('ps', ['-ax', '-o', 'pid=,args='], { encoding: 'utf8' });
  for (const line of out.stdout?.split('\n') ?? []) {
    const [pidText, ...args] = line.trim().split(/\s+/);
    const pid = Number(pidText);
    if (Number.isInteger(pid) && pid !== process.pid && matches(args)) pids.push(pid);
  }
  return pids;
}

/** SIGTERM, wait up to `graceMs` for it to go, then SIGKILL. Resolves when it is gone. */
export async function stopProcess(pid: number, graceMs = 5000): Promise<'stopped' | 'killed' | 'gone'> {
  if (!isAlive(pid)) return 'gone';
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return 'gone';
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return 'stopped';
    await new Promise((r) => setTimeout(r, 50));
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return 'stopped';
  }
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 20));
  return 'killed';
}
