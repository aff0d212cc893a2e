// The `switchyard` CLI: `npx switchyard …` (bin/switchyard.mjs) or `node --import tsx src/cli/main.ts …`.
// Exit codes: 0 done, 1 a user error (message on stderr), 2 an internal error.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { buildProgram } from './build-program.js';
import { EXIT_INTERNAL, EXIT_OK, exitCodeFor, messageFor } from './cli-errors.js';
import { type CliIo, processIo } from './cli-io.js';
import { CliServices } from './cli-services.js';

export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const services = new CliServices(io);
  let code = EXIT_OK;
  try {
    const program = buildProgram({ services, io });
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT_OK;
    }
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    code = exitCodeFor(e);
    const message = messageFor(e);
    if (message) io.stderr(message);
  } finally {
    try {
      await services.close();
    } catch (e) {
      io.stderr(`internal error while closing: ${(e as Error).message}\n`);
      if (code === EXIT_OK) code = EXIT_INTERNAL;
    }
  }
  return code;
}

function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  process.exitCode = await runCli(process.argv.slice(2));
  // everything is closed by now; should a stray handle remain, do not hang the shell
  setTimeout(() => process.exit(process.exitCode), 2_000).unref();
}
