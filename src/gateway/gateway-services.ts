// What the request path needs from the rest of the process, built once in main.ts.
import type { ModelCatalog } from '../catalog/index.js';
import type { SimulatorOptions, UpstreamClient } from '../providers/index.js';

export interface GatewayServices {
  catalog: ModelCatalog;
  upstream: UpstreamClient;
  simulator: SimulatorOptions;
  /** silence after which a stream gets a keep-alive (0 = never) */
  keepAliveMs: number;
}
