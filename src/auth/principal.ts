// Who is calling. The full key system (orgs, teams, budgets) comes later; every authenticator
// produces this same shape so the rest of the gateway does not care where keys live.
export interface Principal {
  /** stable id for logs: `master` or `key:<name>` */
  id: string;
  name: string;
  kind: 'master' | 'key';
  /** null = every model */
  canUseModel: (modelId: string) => boolean;
}

export interface Authenticator {
  /** the principal for a presented key, or null when the key is unknown */
  authenticate(presentedKey: string): Principal | null;
}
