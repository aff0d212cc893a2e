export { ConfigError, loadConfig, type ResolvedConfig, resolveConfig } from './load-config.js';
export type { ConfigFile, KeyConfig, ModelConfig, ProviderConfig } from './schema.js';
