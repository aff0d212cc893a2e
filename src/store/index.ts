// The governance database: open it (SQLite or PostgreSQL, migrated), make ids, read BIGINTs.
export { idTime, newId } from './ids.js';
export { int8ToBigInt, int8ToNumber, int8ToNumberOrNull } from './numbers.js';
export { type OpenStoreOptions, openStore, SQLITE_FILE, type Store } from './open-store.js';
export { isValidSchemaName, parsePostgresUrl } from './postgres-url.js';
export type * from './tables.js';
