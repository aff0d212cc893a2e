// Every migration, in order, compiled into the program (no files read at run time).
// Names sort in order; a new migration is a new file and one line here.
import type { Migration, MigrationProvider } from 'kysely';
import { governance0001 } from './0001-governance.js';
import { responses0002 } from './0002-responses.js';
import { mediaUnits0003 } from './0003-media-units.js';
import { routing0004 } from './0004-routing.js';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-governance': governance0001,
  '0002-responses': responses0002,
  '0003-media-units': mediaUnits0003,
  '0004-routing': routing0004,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};
