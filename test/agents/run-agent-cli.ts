// Runs an agent CLI (Claude Code, Codex) as a child process the way a user would, offline: only 127.0.0.1,
// a throwaway HOME, no auto-update or telemetry. The child is killed (its whole process group) when it
// outlives its time limit, and every child still running is killed when the test process exits.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface AgentRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface AgentRunOptions {
  args: string[];
  cwd: string;
  /** the whole environment of the child (nothing is inherited but PATH) */
  env: Record<string, string>;
  timeoutMs: number;
}

/** node_modules/.bin/<name> of this repository, or undefined when it is not installed */
export function agentBinary(name: 'claude' | 'codex'): string | undefined {
  const path = fileURLToPath(new URL(`../../node_modules/.bin/${name}`, import.meta.url));
  return existsSync(path) ? path : undefined;
}

/** what every agent run gets: no proxy but 127.0.0.1, no background traffic */
export function offlineEnv(home: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    TMPDIR: process.env.TMPDIR ?? '/tmp',
    LANG: 'C.UTF-8',
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
    CI: '1',
  };
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) killGroup(child);
});

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

export function runAgentCli(binary: string, options: AgentRunOptions): Promise<AgentRun> {
  const child = spawn(binary, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so a timeout kills its helpers too
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child);
  }, options.timeoutMs);
  return new Promise((resolve, reject) => {
    child.once('error', (error) => {
      clearTimeout(timer);
      running.delete(child);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/** a run's output for an assertion message */
export function describeRun(run: AgentRun): string {
  const cut = (text: string) => (text.length > 4000 ? `${text.slice(0, 4000)}…` : text);
  return `exit ${run.code ?? run.signal}${run.timedOut ? ' (timed out)' : ''}\nstdout: ${cut(run.stdout)}\nstderr: ${cut(run.stderr)}`;
}
