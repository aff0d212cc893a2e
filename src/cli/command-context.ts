// What every command's action gets: the services, the IO, and its output (text or --json).
import type { Command } from 'commander';
import type { CliIo } from './cli-io.js';
import type { CliServices } from './cli-services.js';
import { Output } from './output.js';

export interface CommandContext {
  services: CliServices;
  io: CliIo;
}

/**
 * An action for commander: `handler(args, options, output)` with the command's positional
 * arguments, its options merged with the global ones, and the output it prints to.
 */
export function action<O extends object>(
  ctx: CommandContext,
  handler: (args: string[], opts: O, out: Output) => Promise<void>,
): (...params: unknown[]) => Promise<void> {
  return async (...params: unknown[]) => {
    const command = params[params.length - 1] as Command;
    const opts = command.optsWithGlobals() as O & { json?: boolean };
    const args = params.slice(0, -2).filter((p): p is string => typeof p === 'string');
    await handler(args, opts, new Output(ctx.io, opts.json === true));
  };
}
