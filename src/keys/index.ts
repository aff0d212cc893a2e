// Virtual API keys: format and digest, the service that manages them, the admin routes, and the
// authenticator the data plane uses (cached, invalidated across instances).
export { parseIpAllowlist } from './ip-allowlist.js';
export {
  DISPLAY_PREFIX_LENGTH,
  displayPrefix,
  generateKey,
  hashKey,
  KEY_PREFIX,
  looksLikeVirtualKey,
} from './key-format.js';
export { toPrincipal } from './key-grant.js';
export type { KeyRecord } from './key-record.js';
export { registerKeyRoutes } from './key-routes.js';
export {
  type CreatedKey,
  type CreateKeyInput,
  DEFAULT_ROTATION_OVERLAP_MS,
  KEYS_CHANNEL,
  KeyService,
  type KeySettings,
} from './key-service.js';
export { VirtualKeyAuthenticator, type VirtualKeyAuthenticatorOptions } from './virtual-key-authenticator.js';
