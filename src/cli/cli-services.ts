// What a CLI command works with, opened on first use from the same configuration the gateway
// reads (SWITCHYARD_CONFIG / switchyard.yaml, DATABASE_URL, REDIS_URL, SWITCHYARD_DATA_DIR…),
// and closed once the command is done.
import { AuditLog } from '../audit/index.js';
import { loadConfig, type ResolvedConfig } from '../config/index.js';
import { openSharedState, type SharedState } from '../shared-state/index.js';
import { openStore, type Store } from '../store/index.js';
import { AdminClient } from './admin-client.js';
import { buildCliAdminRouter } from './cli-admin-router.js';
import type { CliIo } from './cli-io.js';

export class CliServices {
  private configP: Promise<ResolvedConfig> | undefined;
  private storeP: Promise<Store> | undefined;
  private sharedP: Promise<SharedState> | undefined;
  private adminP: Promise<AdminClient> | undefined;
  private readonly closers: (() => Promise<void>)[] = [];

  constructor(private readonly io: CliIo) {}

  config(): Promise<ResolvedConfig> {
    this.configP ??= loadConfig(this.io.env);
    return this.configP;
  }

  /** the governance database, created and migrated when needed */
  store(): Promise<Store> {
    this.storeP ??= this.config().then(async (c) => {
      const store = await openStore({ databaseUrl: c.databaseUrl, dataDir: c.dataDir, poolSize: 2 });
      this.closers.push(() => store.close());
      return store;
    });
    return this.storeP;
  }

  /** Redis when configured (changes reach running gateways at once), else in-process */
  shared(): Promise<SharedState> {
    this.sharedP ??= this.config().then(async (c) => {
      const shared = await openSharedState({
        redisUrl: c.redisUrl,
        keyPrefix: c.redisKeyPrefix,
        sweepIntervalMs: 0,
      });
      this.closers.push(() => shared.close());
      return shared;
    });
    return this.sharedP;
  }

  /** the admin API, in-process, acting as `cli` */
  admin(): Promise<AdminClient> {
    this.adminP ??= (async () => {
      const [config, store, shared] = await Promise.all([this.config(), this.store(), this.shared()]);
      const { router, close } = await buildCliAdminRouter({ config, env: this.io.env, db: store.db, shared });
      this.closers.push(close);
      const client = await AdminClient.create(router, new AuditLog(store.db));
      this.closers.push(() => client.close());
      return client;
    })();
    return this.adminP;
  }

  /** closes what was opened, the last opened first */
  async close(): Promise<void> {
    const errors: unknown[] = [];
    for (const close of this.closers.splice(0).reverse()) {
      try {
        await close();
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length > 0) throw errors[0];
  }
}
