// A gateway in a process of its own, for the crash test: reads its whole configuration (JSON)
// from the SWITCHYARD_TEST_GATEWAY_CONFIG environment variable, starts, and prints one line
// `{"url":"http://127.0.0.1:PORT"}` on stdout once it listens. The test kills it with SIGKILL.
//
//   node --import tsx test/governance/load-gateway-child.ts
import { createGateway } from '../../src/app.js';

const text = process.env.SWITCHYARD_TEST_GATEWAY_CONFIG;
if (!text) {
  console.error('SWITCHYARD_TEST_GATEWAY_CONFIG is not set');
  process.exit(2);
}
const gw = await createGateway({ env: {}, config: JSON.parse(text) });
const url = await gw.listen();
process.stdout.write(`${JSON.stringify({ url, pid: process.pid })}\n`);
