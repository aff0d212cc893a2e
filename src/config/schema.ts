// The configuration file's schema: one TypeBox schema gives both the TypeScript type and the
// validator (ajv). Keys are snake_case as written in YAML.
import { type Static, Type as T } from '@sinclair/typebox';
import { RoutingConfigSchema } from '../routing/policy-schema.js';

const Str = T.String({ minLength: 1 });
const PositiveInt = T.Integer({ minimum: 1 });
const NonNegative = T.Number({ minimum: 0 });

/** Timeouts; set globally under `timeouts`, and per provider or per model to override. */
export const TimeoutsSchema = T.Object(
  {
    /** TCP/TLS connect */
    connect_ms: T.Optional(PositiveInt),
    /** streaming: until the first event arrives */
    first_byte_ms: T.Optional(PositiveInt),
    /** not streaming: until the whole answer arrives (long generations are normal) */
    response_ms: T.Optional(PositiveInt),
    /** streaming: the longest silence between two events */
    idle_ms: T.Optional(PositiveInt),
    /** the whole request, every attempt included */
    total_ms: T.Optional(PositiveInt),
  },
  { additionalProperties: false },
);

export const ProviderConfigSchema = T.Object(
  {
    /** false turns a preset off even when its key is set */
    enabled: T.Optional(T.Boolean()),
    /** wire protocol; presets take it from providers.json, custom providers must set it */
    protocol: T.Optional(
      T.Union([
        T.Literal('openai'),
        T.Literal('anthropic'),
        T.Literal('gemini'),
        T.Literal('azure-openai'),
        T.Literal('bedrock'),
        T.Literal('vertex'),
      ]),
    ),
    api_key: T.Optional(T.String()),
    base_url: T.Optional(Str),
    /** display name */
    name: T.Optional(Str),
    /** extra headers sent to this provider on every request */
    headers: T.Optional(T.Record(T.String(), T.String())),
    /** Azure OpenAI: the api-version for the deployments-style URL; omit for the v1 API */
    api_version: T.Optional(Str),
    /** model names this provider serves that the catalog does not list (free unless priced in `models`) */
    models: T.Optional(T.Array(Str)),
    /** accept `provider/<any name>` even when the catalog does not list it (default: true for custom providers) */
    allow_unlisted_models: T.Optional(T.Boolean()),
    /** OpenAI-compatible providers: which field carries the output limit */
    max_tokens_field: T.Optional(T.Union([T.Literal('max_tokens'), T.Literal('max_completion_tokens')])),
    /** OpenAI-compatible providers: the server also speaks the Responses API (POST /responses); default true for the OpenAI, Azure (v1 API) and xAI presets; `only`: every client is translated to it (Responses-only models) */
    responses_api: T.Optional(T.Union([T.Boolean(), T.Literal('only')])),
    /** Amazon Bedrock: region and AWS credentials (default: AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN); `api_key` is a Bedrock API key */
    bedrock: T.Optional(
      T.Object(
        {
          region: T.Optional(Str),
          access_key_id: T.Optional(Str),
          secret_access_key: T.Optional(Str),
          session_token: T.Optional(Str),
        },
        { additionalProperties: false },
      ),
    ),
    /** Google Vertex AI: project, location and service-account key file (default: GOOGLE_VERTEX_PROJECT, GOOGLE_VERTEX_LOCATION, GOOGLE_APPLICATION_CREDENTIALS) */
    vertex: T.Optional(
      T.Object(
        { project: T.Optional(Str), location: T.Optional(Str), credentials_file: T.Optional(Str) },
        { additionalProperties: false },
      ),
    ),
    /** a second deployment of a preset (another key, region or base URL): inherits the preset's protocol, URL, auth style and catalog models */
    preset: T.Optional(Str),
    timeouts: T.Optional(TimeoutsSchema),
  },
  { additionalProperties: false },
);

export const ModelConfigSchema = T.Object(
  {
    /** `provider/model` */
    id: T.String({ pattern: '^[^/]+/.+$' }),
    mode: T.Optional(T.Union([T.Literal('chat'), T.Literal('embedding')])),
    context_window: T.Optional(PositiveInt),
    max_output_tokens: T.Optional(PositiveInt),
    input_per_mtok_usd: T.Optional(NonNegative),
    output_per_mtok_usd: T.Optional(NonNegative),
    cache_read_per_mtok_usd: T.Optional(NonNegative),
    cache_write_per_mtok_usd: T.Optional(NonNegative),
    tool_calling: T.Optional(T.Boolean()),
    vision: T.Optional(T.Boolean()),
    reasoning: T.Optional(T.Boolean()),
    /** explicitly free (no price needed) */
    free: T.Optional(T.Boolean()),
    timeouts: T.Optional(TimeoutsSchema),
  },
  { additionalProperties: false },
);

export const KeyConfigSchema = T.Object(
  {
    name: Str,
    /** the key itself (development); prefer key_sha256 */
    key: T.Optional(T.String({ minLength: 8 })),
    /** hex SHA-256 of the key */
    key_sha256: T.Optional(T.String({ pattern: '^[0-9a-fA-F]{64}$' })),
    /** model patterns this key may use (`openai/*`, `sim/fast`, `*`); default all */
    models: T.Optional(T.Array(Str)),
  },
  { additionalProperties: false },
);

const Strategy = T.Union([T.Literal('weighted'), T.Literal('least_outstanding'), T.Literal('latency')]);

export const DeploymentConfigSchema = T.Object(
  {
    /** the model name clients send (`gpt-4o`, `team/fast`…) */
    name: Str,
    strategy: T.Optional(Strategy),
    targets: T.Array(
      T.Object(
        {
          /** `provider/model` */
          model: T.String({ pattern: '^[^/]+/.+$' }),
          weight: T.Optional(T.Number({ exclusiveMinimum: 0 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);

export const ConfigSchema = T.Object(
  {
    server: T.Optional(
      T.Object(
        {
          host: T.Optional(Str),
          port: T.Optional(T.Integer({ minimum: 0, maximum: 65535 })),
          /** largest request body accepted, in MiB */
          body_limit_mb: T.Optional(T.Number({ exclusiveMinimum: 0, maximum: 1024 })),
          data_dir: T.Optional(Str),
          log_level: T.Optional(
            T.Union([
              T.Literal('fatal'),
              T.Literal('error'),
              T.Literal('warn'),
              T.Literal('info'),
              T.Literal('debug'),
              T.Literal('trace'),
              T.Literal('silent'),
            ]),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    master_key: T.Optional(T.String({ minLength: 8 })),
    keys: T.Optional(T.Array(KeyConfigSchema)),
    providers: T.Optional(T.Record(T.String({ pattern: '^[a-z0-9][a-z0-9._-]*$' }), ProviderConfigSchema)),
    models: T.Optional(T.Array(ModelConfigSchema)),
    /** alias → model id */
    aliases: T.Optional(T.Record(Str, Str)),
    /** order in which providers are tried when a bare model name matches several */
    provider_priority: T.Optional(T.Array(Str)),
    simulator: T.Optional(
      T.Object(
        {
          enabled: T.Optional(T.Boolean()),
          /** pause between streamed chunks */
          chunk_delay_ms: T.Optional(T.Integer({ minimum: 0, maximum: 10000 })),
          /** pause before the first byte */
          first_token_delay_ms: T.Optional(T.Integer({ minimum: 0, maximum: 60000 })),
        },
        { additionalProperties: false },
      ),
    ),
    upstream: T.Optional(
      T.Object(
        {
          /** keep-alive connections per upstream origin */
          connections: T.Optional(PositiveInt),
        },
        { additionalProperties: false },
      ),
    ),
    timeouts: T.Optional(TimeoutsSchema),
    retries: T.Optional(
      T.Object(
        {
          /** attempts per request, the first included */
          max_attempts: T.Optional(T.Integer({ minimum: 1, maximum: 10 })),
          base_delay_ms: T.Optional(T.Integer({ minimum: 0 })),
          max_delay_ms: T.Optional(T.Integer({ minimum: 0 })),
          /** a retry-after longer than this moves on to another deployment instead of waiting */
          max_retry_after_ms: T.Optional(T.Integer({ minimum: 0 })),
        },
        { additionalProperties: false },
      ),
    ),
    breaker: T.Optional(
      T.Object(
        {
          consecutive_failures: T.Optional(PositiveInt),
          error_rate: T.Optional(T.Number({ exclusiveMinimum: 0, maximum: 1 })),
          min_requests: T.Optional(PositiveInt),
          window_ms: T.Optional(PositiveInt),
          cooldown_ms: T.Optional(PositiveInt),
          max_cooldown_ms: T.Optional(PositiveInt),
          half_open_probes: T.Optional(PositiveInt),
        },
        { additionalProperties: false },
      ),
    ),
    /** how traffic is spread over the deployments of one model (per deployment group: `strategy`) */
    load_balancing: T.Optional(Strategy),
    /** models served by several deployments */
    deployments: T.Optional(T.Array(DeploymentConfigSchema)),
    /** model name → models to try, in order, when it fails */
    fallbacks: T.Optional(T.Record(Str, T.Array(Str, { minItems: 1 }))),
    /** where governance data lives: the embedded SQLite file by default, PostgreSQL when set */
    database: T.Optional(
      T.Object(
        {
          /** postgres://… (env DATABASE_URL); absent = `<data_dir>/switchyard.db` */
          url: T.Optional(Str),
          /** PostgreSQL pool size */
          pool_size: T.Optional(PositiveInt),
        },
        { additionalProperties: false },
      ),
    ),
    /** shared counters, limits and invalidation across instances (env REDIS_URL); absent = in-process */
    redis: T.Optional(
      T.Object(
        {
          url: T.Optional(Str),
          /** prefix of every key this gateway writes */
          key_prefix: T.Optional(T.String()),
        },
        { additionalProperties: false },
      ),
    ),
    /** usage events and credit charges */
    metering: T.Optional(
      T.Object(
        {
          /** a batch of usage events is stored at least this often */
          flush_interval_ms: T.Optional(T.Integer({ minimum: 10, maximum: 60000 })),
          /** most events per batch */
          batch_size: T.Optional(T.Integer({ minimum: 1, maximum: 10000 })),
          /** a reservation not settled within the request's total timeout plus this is given back */
          reservation_grace_ms: T.Optional(T.Integer({ minimum: 0 })),
        },
        { additionalProperties: false },
      ),
    ),
    /** encryption of BYOK provider keys at rest */
    encryption: T.Optional(
      T.Object(
        {
          /** base64 of 32 bytes (env SWITCHYARD_ENCRYPTION_KEY); absent = `<data_dir>/encryption-key`, made on first start */
          key: T.Optional(Str),
          /** the key being rotated away from, still accepted for decryption (env SWITCHYARD_ENCRYPTION_KEY_PREVIOUS) */
          previous_key: T.Optional(Str),
          key_file: T.Optional(Str),
        },
        { additionalProperties: false },
      ),
    ),
    /** sign-in to the admin API */
    auth: T.Optional(
      T.Object(
        {
          /** admin session lifetime */
          session_ttl_hours: T.Optional(T.Number({ exclusiveMinimum: 0 })),
          oidc: T.Optional(
            T.Object(
              {
                issuer: Str,
                client_id: Str,
                client_secret: T.Optional(T.String()),
                /** this gateway's callback URL as registered with the identity provider */
                redirect_uri: Str,
                scopes: T.Optional(T.Array(Str)),
                /** the ID token / userinfo claim that lists the user's groups */
                groups_claim: T.Optional(Str),
                /** group → role in an org (and optionally a team); org and team by id or slug */
                role_mappings: T.Optional(
                  T.Array(
                    T.Object(
                      {
                        group: Str,
                        org: Str,
                        team: T.Optional(Str),
                        role: T.Union([
                          T.Literal('owner'),
                          T.Literal('admin'),
                          T.Literal('member'),
                          T.Literal('billing'),
                          T.Literal('viewer'),
                        ]),
                      },
                      { additionalProperties: false },
                    ),
                  ),
                ),
                /** groups whose members become instance administrators */
                superadmin_groups: T.Optional(T.Array(Str)),
              },
              { additionalProperties: false },
            ),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    /** the Responses API: answers kept for previous_response_id (config keys and the master key; virtual keys follow their org / key) */
    responses: T.Optional(
      T.Object(
        {
          /** keep answers this many days; absent = never kept (zero data retention) */
          retention_days: T.Optional(PositiveInt),
        },
        { additionalProperties: false },
      ),
    ),
    /** intelligent routing: `auto`, `auto:<policy>`, default policies (src/routing) */
    routing: T.Optional(RoutingConfigSchema),
    stream: T.Optional(
      T.Object(
        {
          /** send a keep-alive when a stream has been silent this long (0 = never) */
          keepalive_ms: T.Optional(T.Integer({ minimum: 0 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export type ConfigFile = Static<typeof ConfigSchema>;
export type ProviderConfig = Static<typeof ProviderConfigSchema>;
export type ModelConfig = Static<typeof ModelConfigSchema>;
export type KeyConfig = Static<typeof KeyConfigSchema>;
export type TimeoutsConfig = Static<typeof TimeoutsSchema>;
export type DeploymentConfig = Static<typeof DeploymentConfigSchema>;
