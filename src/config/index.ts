export {
  ConfigError,
  DEFAULT_TIMEOUTS,
  loadConfig,
  overlayTimeouts,
  type ResolvedConfig,
  resolveConfig,
  type Timeouts,
} from './load-config.js';
export type {
  ConfigFile,
  DeploymentConfig,
  KeyConfig,
  ModelConfig,
  ProviderConfig,
  TimeoutsConfig,
} from './schema.js';
