// The models the gateway can serve, and the one rule that turns a requested name into a
// (provider, model) pair:
//   1. an alias from the config is replaced by its target (aliases may chain);
//   2. `provider/model` with an enabled provider: that provider, the model looked up in its
//      catalog (exact, then case-insensitive), or accepted unlisted when the provider allows it;
//   3. otherwise the name is a bare model name (`gpt-4o-mini`): among the enabled providers whose
//      catalog lists it, the first in `provider_priority` order, then first-party labs, then by id.
import { GatewayError } from '../canonical/errors.js';
import type { ProviderRuntime } from '../providers/provider-runtime.js';
import type { CatalogModel } from './catalog-model.js';

export interface ResolvedModel {
  model: CatalogModel;
  provider: ProviderRuntime;
}

export interface CatalogOptions {
  aliases?: Record<string, string>;
  /** provider ids in preference order for bare names */
  priority?: string[];
  /** provider ids of first-party labs (preferred after `priority`) */
  labs?: Set<string>;
  /** ids of presets that exist but are off, for a helpful error */
  knownProviders?: Set<string>;
}

const notFound = (message: string) =>
  new GatewayError('not_found', message, { code: 'model_not_found', param: 'model' });

/** what switches a provider on: a key for most, cloud credentials for Bedrock and Vertex */
function howToEnable(providerId: string): string {
  if (providerId === 'amazon-bedrock')
    return 'Enable it with AWS credentials and a region (AWS_REGION with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_BEARER_TOKEN_BEDROCK).';
  if (providerId.startsWith('google-vertex'))
    return 'Enable it with a Google Cloud project and a service-account key (GOOGLE_VERTEX_PROJECT and GOOGLE_APPLICATION_CREDENTIALS).';
  return `Enable it by giving its API key (for example ${providerId.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_API_KEY).`;
}

export class ModelCatalog {
  private readonly byId = new Map<string, CatalogModel>();
  private readonly byLowerId = new Map<string, CatalogModel>();
  private readonly byName = new Map<string, CatalogModel[]>();
  private readonly providers: Map<string, ProviderRuntime>;
  private readonly aliases: Record<string, string>;
  private readonly rank: (p: string) => number;
  private readonly knownProviders: Set<string>;

  constructor(models: CatalogModel[], providers: ProviderRuntime[], opts: CatalogOptions = {}) {
    this.providers = new Map(providers.map((p) => [p.id, p]));
    this.aliases = opts.aliases ?? {};
    this.knownProviders = opts.knownProviders ?? new Set();
    const priority = opts.priority ?? [];
    const labs = opts.labs ?? new Set<string>();
    this.rank = (p) => {
      const i = priority.indexOf(p);
      if (i >= 0) return i;
      return labs.has(p) ? 1000 : 2000;
    };
    for (const m of models) this.add(m);
  }

  /** adds or replaces a model */
  add(m: CatalogModel): void {
    const old = this.byId.get(m.id);
    this.byId.set(m.id, m);
    this.byLowerId.set(m.id.toLowerCase(), m);
    const list = (this.byName.get(m.model) ?? []).filter((x) => x !== old);
    list.push(m);
    list.sort(
      (a, b) => this.rank(a.provider) - this.rank(b.provider) || a.provider.localeCompare(b.provider),
    );
    this.byName.set(m.model, list);
  }

  get(id: string): CatalogModel | undefined {
    return this.byId.get(id);
  }

  provider(id: string): ProviderRuntime | undefined {
    return this.providers.get(id);
  }

  /** every model of an enabled provider, in a stable order */
  list(): CatalogModel[] {
    return [...this.byId.values()]
      .filter((m) => this.providers.has(m.provider))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  resolve(requested: string): ResolvedModel {
    let name = requested;
    for (let depth = 0; this.aliases[name] !== undefined; depth++) {
      if (depth > 8) throw new GatewayError('internal', `alias loop at "${requested}"`);
      name = this.aliases[name]!;
    }
    const slash = name.indexOf('/');
    if (slash > 0) {
      const providerId = name.slice(0, slash);
      const provider = this.providers.get(providerId);
      if (provider) {
        const model = this.byId.get(name) ?? this.byLowerId.get(name.toLowerCase());
        if (model) return { model, provider };
        const upstreamName = name.slice(slash + 1);
        if (provider.allowUnlisted) return { model: unlisted(providerId, upstreamName), provider };
        throw notFound(
          `The model \`${name}\` is not in the catalog of provider ${providerId}. ` +
            'List the available models with GET /v1/models, add it under `models` in the config, ' +
            `or set providers.${providerId}.allow_unlisted_models: true.`,
        );
      }
      if (this.knownProviders.has(providerId) && !this.byName.has(name)) {
        throw notFound(
          `The model \`${requested}\` belongs to provider ${providerId}, which is not enabled. ` +
            howToEnable(providerId),
        );
      }
    }
    const candidates = this.byName.get(name);
    if (candidates) {
      for (const m of candidates) {
        const provider = this.providers.get(m.provider);
        if (provider) return { model: m, provider };
      }
    }
    throw notFound(
      `The model \`${requested}\` does not exist or no enabled provider serves it. ` +
        'List the available models with GET /v1/models.',
    );
  }
}

function unlisted(provider: string, model: string): CatalogModel {
  return {
    id: `${provider}/${model}`,
    provider,
    model,
    mode: 'chat',
    contextWindow: null,
    maxOutputTokens: null,
    prices: { inputPerMtok: null, outputPerMtok: null, cacheReadPerMtok: null, cacheWritePerMtok: null },
    free: false,
    toolCalling: null,
    vision: null,
    reasoning: null,
    releaseDate: null,
    created: 0,
    unlisted: true,
  };
}
