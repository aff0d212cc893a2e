// Runs the real CLI as a child process (`node --import tsx src/cli/main.ts …`), in a working
// directory of the test's own (so no switchyard.yaml is picked up), with only the environment
// the test gives (plus PATH and HOME).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/switchyard.mjs', import.meta.url));
const TSX = import.meta.resolve('tsx');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as the one JSON document --json prints */
  json<T = any>(): T;
}

export function runCli(
  args: string[],
  opts: { env: Record<string, string>; cwd: string; stdin?: string; bin?: boolean },
): Promise<CliResult> {
  const argv = opts.bin ? [BIN, ...args] : ['--import', TSX, MAIN, ...args];
  const child = spawn(process.execPath, argv, {
    cwd: opts.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  child.stdin.end(opts.stdin ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        stdout,
        stderr,
        json: () => {
          try {
            return JSON.parse(stdout);
          } catch {
            throw new Error(`not JSON on stdout (exit ${code}):\n${stdout}\nstderr:\n${stderr}`);
          }
        },
      }),
    );
  });
}
