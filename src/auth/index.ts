export { ConfigKeyAuthenticator, modelMatcher } from './config-key-authenticator.js';
export { ensureMasterKey } from './master-key-file.js';
export type { Authenticator, KeyGrant, Principal } from './principal.js';
