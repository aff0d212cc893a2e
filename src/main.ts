// `npm start`: loads the configuration, starts the gateway, stops cleanly on SIGINT/SIGTERM.
import { ConfigError, createGateway } from './app.js';

async function main() {
  let gw: Awaited<ReturnType<typeof createGateway>>;
  try {
    gw = await createGateway();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`switchyard: ${e.message}`);
      process.exit(78);
    }
    throw e;
  }
  const log = gw.app.log;
  for (const note of gw.notes) log.warn(note);
  const url = await gw.listen();
  const names = gw.providers.map((p) => (p.protocol === 'simulated' ? `${p.id} (simulated)` : p.id));
  log.info({ providers: names }, `Switchyard listening on ${url}`);
  if (gw.masterKeyPath)
    log.info(
      `${gw.masterKeyCreated ? 'Generated a master key' : 'Using the master key'} stored in ${gw.masterKeyPath} ` +
        '(set SWITCHYARD_MASTER_KEY to choose your own)',
    );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await gw.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

void main();
