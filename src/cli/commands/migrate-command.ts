// switchyard migrate: create or upgrade the governance database (the gateway also does it at start).
import type { Command } from 'commander';
import { sql } from 'kysely';
import { SQLITE_FILE } from '../../store/index.js';
import { action, type CommandContext } from '../command-context.js';

export function registerMigrateCommand(program: Command, ctx: CommandContext): void {
  program
    .command('migrate')
    .description('create or upgrade the database')
    .action(
      action(ctx, async (_args, _opts, out) => {
        const config = await ctx.services.config();
        const store = await ctx.services.storeOnly();
        // opening the store migrated it; Kysely's bookkeeping lists what is applied
        const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
          store.db,
        );
        const migrations = applied.rows.map((r) => r.name);
        const where =
          store.dialect === 'sqlite'
            ? `${config.dataDir}/${SQLITE_FILE}`
            : redactUrl(config.databaseUrl ?? '');
        out.result({ dialect: store.dialect, database: where, migrations }, (v) =>
          [
            `database ${v.database} (${v.dialect}) is up to date`,
            ...v.migrations.map((m) => `  applied ${m}`),
          ].join('\n'),
        );
      }),
    );
}

/** a database URL without its password */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(database url)';
  }
}
