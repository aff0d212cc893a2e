// Who is calling the data plane. Every authenticator produces this same shape so the rest of
// the gateway does not care where keys live: the master key, keys from the config file, or
// virtual keys from the governance database (keys/).
export interface Principal {
  /** stable id for logs: `master`, `key:<name>` (config keys) or the virtual key's id */
  id: string;
  name: string;
  kind: 'master' | 'key' | 'virtual';
  /** may this caller use this model (`provider/model`)? */
  canUseModel: (modelId: string) => boolean;
  /** virtual keys only: who it belongs to, what it may do, its limits */
  grant?: KeyGrant;
}

/** What a virtual key carries into the request path (a cached, read-only view of its row). */
export interface KeyGrant {
  keyId: string;
  orgId: string;
  teamId: string | null;
  projectId: string | null;
  userId: string | null;
  /** provider ids this key may reach; null = all */
  providers: ReadonlySet<string> | null;
  /** endpoints (`chat.completions`, `messages`, `embeddings`, `messages.count_tokens`, …); null = all */
  endpoints: ReadonlySet<string> | null;
  /** the caller's address must match one of these (IPs or CIDRs); null = any */
  ipAllowlist: readonly string[] | null;
  /** ms since epoch; null = never */
  expiresAt: number | null;
  rpmLimit: number | null;
  tpmLimit: number | null;
  maxConcurrency: number | null;
  tags: readonly string[];
}

export interface Authenticator {
  /** the principal for a presented key, or null when the key is unknown */
  authenticate(presentedKey: string): Principal | null | Promise<Principal | null>;
}
