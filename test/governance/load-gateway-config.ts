// The configuration of a governed gateway for the load and crash tests: one OpenAI provider
// (a fake upstream), the store and shared state of a test backend, one attempt per request,
// quiet logs. Shared by the in-process tests and the child-process gateway
// (load-gateway-child.ts), so both run the same gateway.
import type { BackendConfig } from '../support/stores.js';

export const LOAD_MASTER_KEY = 'sk-test-master-key-load-0123456789';

/** the priced catalog model served by the fake OpenAI upstream */
export const LOAD_MODEL = 'openai/gpt-4o-mini';

export interface LoadGatewayConfigInput {
  backend: BackendConfig;
  upstream: { apiKey: string; baseUrl: string };
  /** extra top-level sections (metering, timeouts, …), replacing the defaults' */
  extra?: Record<string, unknown>;
}

export function loadGatewayConfig(input: LoadGatewayConfigInput): Record<string, unknown> {
  return {
    ...input.backend,
    server: { host: '127.0.0.1', port: 0, log_level: 'silent', data_dir: input.backend.server.data_dir },
    master_key: LOAD_MASTER_KEY,
    providers: { openai: { api_key: input.upstream.apiKey, base_url: input.upstream.baseUrl } },
    retries: { max_attempts: 1 },
    ...input.extra,
  };
}
