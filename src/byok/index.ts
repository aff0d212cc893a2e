// BYOK: an org's own provider keys, encrypted at rest under the master encryption key.
export { type ByokAdminDeps, registerByokAdminRoutes } from './byok-admin-routes.js';
export {
  EncryptionKeys,
  encryptionKeyId,
  ensureEncryptionKeyFile,
  parseEncryptionKey,
} from './encryption-keys.js';
export {
  BYOK_CHANNEL,
  type CredentialView,
  MIN_API_KEY_LENGTH,
  ProviderCredentials,
  type ProviderCredentialsOptions,
} from './provider-credentials.js';
export {
  credentialAad,
  openSecret,
  type SealedSecret,
  type SealingKey,
  sealSecret,
  UnsealError,
} from './sealed-secret.js';
