// What a CLI command works with, opened on first use and closed when the command is done. The
// CLI builds the gateway's own composition (createGateway, never listening) from the same
// configuration the gateway reads (SWITCHYARD_CONFIG / switchyard.yaml, DATABASE_URL, REDIS_URL,
// SWITCHYARD_DATA_DIR…), so its admin routes, services and checks are the gateway's.
import { createGateway, type Gateway } from '../app.js';
import { loadConfig, type ResolvedConfig } from '../config/index.js';
import { openStore, type Store } from '../store/index.js';
import { AdminClient } from './admin-client.js';
import type { CliIo } from './cli-io.js';

export class CliServices {
  private configP: Promise<ResolvedConfig> | undefined;
  private gatewayP: Promise<Gateway> | undefined;
  private adminP: Promise<AdminClient> | undefined;
  private readonly closers: (() => Promise<void>)[] = [];

  constructor(private readonly io: CliIo) {}

  config(): Promise<ResolvedConfig> {
    this.configP ??= loadConfig(this.io.env);
    return this.configP;
  }

  /** the gateway's services: the database (created and migrated when needed), shared state, admin routes */
  gateway(): Promise<Gateway> {
    this.gatewayP ??= (async () => {
      const gw = await createGateway({
        env: this.io.env,
        // the gateway's own log lines (none expected: it never listens) stay off stdout
        logStream: { write: (line: string) => this.io.stderr(line) },
      });
      this.closers.push(() => gw.close());
      return gw;
    })();
    return this.gatewayP;
  }

  async store(): Promise<Store> {
    return (await this.gateway()).governance.store;
  }

  /** only the database, migrated (for `migrate`, which needs nothing else) */
  async storeOnly(): Promise<Store> {
    const c = await this.config();
    const store = await openStore({ databaseUrl: c.databaseUrl, dataDir: c.dataDir, poolSize: 1 });
    this.closers.push(() => store.close());
    return store;
  }

  /** the admin API, in-process, acting as `cli` */
  admin(): Promise<AdminClient> {
    this.adminP ??= (async () => {
      const { governance } = await this.gateway();
      const client = await AdminClient.create(governance.router, governance.audit);
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
