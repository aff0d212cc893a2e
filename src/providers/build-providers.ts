// Turns provider presets (data/providers.json) + the config file + the environment into the
// providers that are switched on. A preset is switched on by giving its key, e.g.
// OPENAI_API_KEY, DEEPSEEK_API_KEY, GEMINI_API_KEY; its base URL can be moved with the matching
// *_BASE_URL variable (OPENAI_BASE_URL, ANTHROPIC_BASE_URL, GEMINI_BASE_URL, …).
import type { ProviderPreset } from '../catalog/load-catalog.js';
import { ConfigError, type ProviderConfig, type ResolvedConfig } from '../config/index.js';
import { bedrockSettings } from './bedrock-provider.js';
import type { ProviderRuntime, UpstreamProtocol } from './provider-runtime.js';
import { vertexSettings } from './vertex-provider.js';

type Env = Record<string, string | undefined>;

const SUPPORTED: ReadonlySet<string> = new Set([
  'openai',
  'anthropic',
  'gemini',
  'azure-openai',
  'bedrock',
  'vertex',
  'vertex-anthropic',
]);
const DEFAULT_ANTHROPIC_VERSION = '2023-06-01';
/** protocols whose settings (region, project, credentials) come from bedrock-provider / vertex-provider */
const CLOUD_PROTOCOLS: ReadonlySet<string> = new Set(['bedrock', 'vertex', 'vertex-anthropic']);
/** presets on their own APIs that the gateway reaches for rerank only */
const RERANK_ONLY_PRESETS: ReadonlySet<string> = new Set(['cohere', 'jina', 'voyage']);

export interface ProviderBuildResult {
  providers: ProviderRuntime[];
  /** presets whose key is set but whose protocol is not supported yet, and similar notes */
  notes: string[];
}

const envStem = (id: string) => id.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
const isSecretName = (n: string) => /(KEY|TOKEN|PAT)$/.test(n) && !/^AWS_ACCESS_KEY_ID$/.test(n);

/** Environment variable names that carry a preset's key, most specific first. */
export function keyEnvNames(p: Pick<ProviderPreset, 'id' | 'env'>): string[] {
  const names = (p.env ?? []).filter(isSecretName);
  const derived = `${envStem(p.id)}_API_KEY`;
  return names.includes(derived) ? names : [...names, derived];
}

/** Environment variable names that move a preset's base URL. */
export function baseUrlEnvNames(p: Pick<ProviderPreset, 'id' | 'env'>): string[] {
  // the preset's own name first: presets that share a key (alibaba / alibaba-cn, perplexity /
  // perplexity-agent) can then be moved one by one
  const out = new Set<string>([`${envStem(p.id)}_BASE_URL`]);
  for (const k of keyEnvNames(p)) if (k.endsWith('_API_KEY')) out.add(k.replace(/_API_KEY$/, '_BASE_URL'));
  return [...out];
}

const first = (env: Env, names: string[]) => {
  for (const n of names) {
    const v = env[n];
    if (v) return v;
  }
  return undefined;
};

/** Follows each SDK's convention for a user-given base URL (Anthropic's and Google's omit the version). */
export function normaliseBaseUrl(protocol: UpstreamProtocol, url: string): string {
  let u = url.replace(/\/+$/, '');
  // a URL that names the endpoint itself (the bailing preset's does)
  if (protocol === 'openai') u = u.replace(/\/chat\/completions$/, '');
  if (protocol === 'anthropic' && !/\/v\d+$/.test(u)) u += '/v1';
  if (protocol === 'gemini' && !/\/v\d+(alpha|beta)?\d*$/.test(u)) u += '/v1beta';
  return u;
}

function fillPlaceholders(url: string, env: Env, provider: string): string {
  return url.replace(/\$\{([A-Z0-9_]+)\}/g, (_, name: string) => {
    const v = env[name];
    if (!v)
      throw new ConfigError(`provider ${provider}: its base URL needs the environment variable ${name}`);
    return v;
  });
}

function authHeadersFor(
  protocol: UpstreamProtocol,
  preset: ProviderPreset | undefined,
  key: string | undefined,
): Record<string, string> {
  if (!key) return {};
  if (preset?.auth.header && preset.auth.value.includes('$KEY'))
    return { [preset.auth.header.toLowerCase()]: preset.auth.value.replace('$KEY', key) };
  switch (protocol) {
    case 'anthropic':
      return { 'x-api-key': key };
    case 'gemini':
      return { 'x-goog-api-key': key };
    case 'azure-openai':
      return { 'api-key': key };
    default:
      return { authorization: `Bearer ${key}` };
  }
}

function build(
  id: string,
  preset: ProviderPreset | undefined,
  cfg: ProviderConfig | undefined,
  env: Env,
  /** a second deployment of this preset: its settings, but not its environment variables */
  inherits = false,
): ProviderRuntime | string | undefined {
  const protocol = (cfg?.protocol ?? preset?.protocol) as string | undefined;
  if (!protocol)
    throw new ConfigError(
      `providers.${id}: a custom provider needs a protocol (openai, anthropic, gemini, azure-openai)`,
    );
  const fromEnv = preset && !inherits;
  // clouds with their own auth (region, credentials, signing) read their own settings
  const cloud =
    protocol === 'bedrock'
      ? bedrockSettings(id, cfg, env, Boolean(fromEnv))
      : protocol === 'vertex' || protocol === 'vertex-anthropic'
        ? vertexSettings(id, cfg, env, Boolean(fromEnv), protocol === 'vertex' ? 'google' : 'anthropic')
        : undefined;
  if (CLOUD_PROTOCOLS.has(protocol) && !cloud) return undefined;
  if (typeof cloud === 'string') return cloud;
  const key = cloud ? undefined : (cfg?.api_key ?? (fromEnv ? first(env, keyEnvNames(preset)) : undefined));
  const explicitUrl =
    cfg?.base_url ?? (fromEnv ? (cloud?.baseUrlFromEnv ?? first(env, baseUrlEnvNames(preset))) : undefined);
  const wanted = cloud !== undefined || (cfg?.enabled ?? (fromEnv ? key !== undefined : true));
  if (!wanted) return undefined;
  const rerankOnly = !SUPPORTED.has(protocol) && preset !== undefined && RERANK_ONLY_PRESETS.has(preset.id);
  if (!SUPPORTED.has(protocol) && !rerankOnly)
    return `provider ${id} speaks the ${protocol} protocol, which this version does not support yet; it stays off`;
  const p = protocol as UpstreamProtocol;
  const rawUrl = explicitUrl ?? cloud?.baseUrl ?? preset?.base_url ?? cloud?.defaultBaseUrl;
  if (!rawUrl)
    throw new ConfigError(
      preset
        ? `provider ${id} has no known base URL: set ${baseUrlEnvNames(preset)[0]} or providers.${id}.base_url`
        : `providers.${id}: base_url is required`,
    );
  const baseUrl = fillPlaceholders(
    normaliseBaseUrl(p, explicitUrl ?? rawUrl),
    cloud ? { ...env, ...cloud.placeholders } : env,
    id,
  );
  try {
    new URL(baseUrl);
  } catch {
    throw new ConfigError(`providers.${id}.base_url: not a valid URL: ${baseUrl}`);
  }
  const extraHeaders: Record<string, string> = {};
  for (const [k, v] of Object.entries(preset?.auth.extra_headers ?? {})) extraHeaders[k.toLowerCase()] = v;
  if (p === 'anthropic' && !extraHeaders['anthropic-version'])
    extraHeaders['anthropic-version'] = DEFAULT_ANTHROPIC_VERSION;
  for (const [k, v] of Object.entries(cfg?.headers ?? {})) extraHeaders[k.toLowerCase()] = v;
  return {
    id,
    name: cfg?.name ?? preset?.name ?? id,
    protocol: p,
    baseUrl,
    authHeaders: cloud ? cloud.authHeaders : authHeadersFor(p, preset, key),
    ...(cloud?.authorize ? { authorize: cloud.authorize } : {}),
    ...(cloud ? {} : { authWithKey: (orgKey: string) => authHeadersFor(p, preset, orgKey) }),
    extraHeaders,
    apiVersion: cfg?.api_version,
    maxTokensField:
      cfg?.max_tokens_field ??
      (preset?.id === 'openai' || preset?.id === 'azure' ? 'max_completion_tokens' : 'max_tokens'),
    responsesApi:
      (p === 'openai' || p === 'azure-openai') &&
      (cfg?.responses_api ??
        (RESPONSES_PRESETS.has(preset?.id ?? '') && (p === 'openai' || !cfg?.api_version))),
    allowUnlisted: cfg?.allow_unlisted_models ?? preset === undefined,
    custom: preset === undefined || inherits,
    catalogProvider: inherits ? preset?.id : undefined,
    ...(rerankOnly ? { rerankOnly: true } : {}),
  };
}

/** presets whose API has POST /responses (Azure: its v1 API, not the deployments-style URLs) */
const RESPONSES_PRESETS = new Set(['openai', 'azure', 'xai']);

export function buildProviders(
  config: ResolvedConfig,
  presets: ProviderPreset[],
  env: Env,
): ProviderBuildResult {
  const configured = config.file.providers ?? {};
  const providers: ProviderRuntime[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  const add = (r: ProviderRuntime | string | undefined) => {
    if (typeof r === 'string') notes.push(r);
    else if (r) providers.push(r);
  };
  for (const preset of presets) {
    seen.add(preset.id);
    add(build(preset.id, preset, configured[preset.id], env));
  }
  for (const [id, cfg] of Object.entries(configured)) {
    if (seen.has(id)) continue;
    if (id === 'sim')
      throw new ConfigError('providers.sim: the id "sim" is reserved for the built-in simulator');
    if (cfg.preset !== undefined) {
      const base = presets.find((p) => p.id === cfg.preset);
      if (!base) throw new ConfigError(`providers.${id}.preset: no provider preset is called ${cfg.preset}`);
      add(build(id, base, cfg, env, true));
    } else add(build(id, undefined, cfg, env));
  }
  return { providers, notes };
}
