// What the request path needs from the rest of the process, built once in app.ts.
import type { Admission } from '../admission/admission.js';
import type { ModelCatalog } from '../catalog/index.js';
import type { DeploymentRegistry } from '../deployments/index.js';
import type { SimulatorOptions, UpstreamClient } from '../providers/index.js';
import type { RetryOptions } from '../reliability/index.js';
import type { Router } from '../routing/router.js';
import type { ResponsesStore } from './responses-store.js';

export interface GatewayServices {
  /** limits, reservations and metering of governed (virtual-key) traffic; absent = none */
  admission?: Admission;
  catalog: ModelCatalog;
  deployments: DeploymentRegistry;
  upstream: UpstreamClient;
  simulator: SimulatorOptions;
  retries: RetryOptions;
  /** silence after which a stream gets a keep-alive (0 = never) */
  keepAliveMs: number;
  /** Responses API answers kept where data retention allows; absent = none kept */
  responses?: ResponsesStore;
  /** picks the model of `auto` / `auto:<policy>` / default-policy requests; absent = no routing */
  router?: Router;
}
