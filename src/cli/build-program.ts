// The `switchyard` command line: one commander program, each command group in commands/.
import { Command } from 'commander';
import type { CommandContext } from './command-context.js';
import { registerBillingCommands } from './commands/billing-commands.js';
import { registerByokCommands } from './commands/byok-commands.js';
import { registerKeyCommands } from './commands/key-commands.js';
import { registerMigrateCommand } from './commands/migrate-command.js';
import { registerOrgCommands } from './commands/org-commands.js';
import { registerPeopleCommands } from './commands/people-commands.js';
import { registerRouterCommands } from './commands/router-commands.js';
import { registerUsageCommand } from './commands/usage-command.js';

export function buildProgram(ctx: CommandContext): Command {
  const program = new Command('switchyard')
    .description(
      'Switchyard administration: orgs, users, keys, credits, budgets, usage and provider keys.\n' +
        'Works on the database the gateway uses (SWITCHYARD_CONFIG / switchyard.yaml, DATABASE_URL, ' +
        'REDIS_URL, SWITCHYARD_DATA_DIR), as the audited actor "cli".',
    )
    .option('--json', 'print one JSON document instead of text')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => ctx.io.stdout(s), writeErr: (s) => ctx.io.stderr(s) })
    .exitOverride();
  registerKeyCommands(program, ctx);
  registerOrgCommands(program, ctx);
  registerPeopleCommands(program, ctx);
  registerBillingCommands(program, ctx);
  registerUsageCommand(program, ctx);
  registerByokCommands(program, ctx);
  registerMigrateCommand(program, ctx);
  registerRouterCommands(program, ctx);
  // subcommands inherit the output settings and exit behaviour
  const inherit = (cmd: Command) => {
    for (const sub of cmd.commands) {
      sub.configureOutput({ writeOut: (s) => ctx.io.stdout(s), writeErr: (s) => ctx.io.stderr(s) });
      sub.exitOverride();
      sub.showHelpAfterError('(run with --help for usage)');
      sub.configureHelp({ showGlobalOptions: true });
      inherit(sub);
    }
  };
  inherit(program);
  return program;
}
