// The wire shape of a routing policy: the same in the config file (`routing.policies`) and in
// the admin API (`/orgs/:orgId/routing-policies`). snake_case, as written in YAML and JSON.
// Only TypeBox here, so the config schema can embed it.
import { type Static, Type as T } from '@sinclair/typebox';
import { TASK_TYPES } from './model/contract.js';

const TaskTypeName = T.Union(TASK_TYPES.map((t) => T.Literal(t)));
const ModelName = T.String({ minLength: 1 });
const Weight = T.Number({ minimum: 0, maximum: 100 });
/** a USD amount as a decimal string ("0.002") or a number */
const Usd = T.Union([T.String({ pattern: '^\\d+(\\.\\d+)?$' }), T.Number({ minimum: 0 })]);
/** the same, above zero (a string of zeros is refused when the policy compiles) */
const PositiveUsd = T.Union([T.String({ pattern: '^\\d+(\\.\\d+)?$' }), T.Number({ exclusiveMinimum: 0 })]);

export const ScenarioRuleSchema = T.Object(
  {
    /** for the decision's explanation */
    name: T.Optional(T.String({ minLength: 1, maxLength: 100 })),
    /** every condition given must hold */
    when: T.Object(
      {
        task_type: T.Optional(T.Array(TaskTypeName, { minItems: 1 })),
        /** request metadata (OpenAI `metadata`, Anthropic `metadata`): every key must have this value */
        metadata: T.Optional(T.Record(T.String({ minLength: 1 }), T.String())),
        /** request headers (names in any case): every header must have this value */
        headers: T.Optional(T.Record(T.String({ minLength: 1 }), T.String())),
        /** the calling key: a virtual key id, or `key:<name>` / `master` for config keys */
        key: T.Optional(T.Array(T.String({ minLength: 1 }), { minItems: 1 })),
        /** the calling key's team id */
        team: T.Optional(T.Array(T.String({ minLength: 1 }), { minItems: 1 })),
        /** prompt length in tokens (the whole request) */
        min_prompt_tokens: T.Optional(T.Integer({ minimum: 0 })),
        max_prompt_tokens: T.Optional(T.Integer({ minimum: 0 })),
      },
      { additionalProperties: false },
    ),
    /** a model, or an ordered list (the first, then its fallbacks) */
    route: T.Union([ModelName, T.Array(ModelName, { minItems: 1, maxItems: 20 })]),
  },
  { additionalProperties: false },
);

export const PolicySpecSchema = T.Object(
  {
    /** the default trade-off: cheapest acceptable, best, fastest, or in between (default `balanced`) */
    prefer: T.Optional(
      T.Union([T.Literal('price'), T.Literal('quality'), T.Literal('latency'), T.Literal('balanced')]),
    ),
    /** explicit weights (they replace the preset of `prefer`) */
    weights: T.Optional(
      T.Object(
        { quality: T.Optional(Weight), price: T.Optional(Weight), latency: T.Optional(Weight) },
        { additionalProperties: false },
      ),
    ),
    /** the router's knob directly: 0 = cheapest … 1 = best quality (overrides prefer and weights' split) */
    tradeoff: T.Optional(T.Number({ minimum: 0, maximum: 1 })),
    /** most a request may be expected to cost (USD) */
    max_price_usd: T.Optional(Usd),
    /**
     * opt-in: what one full point of predicted quality (0→1) is worth for one request (USD). Set, the
     * choice ranks by quality − expected cost / this value instead of the knob's doublings of price
     */
    quality_value_usd: T.Optional(PositiveUsd),
    /** least predicted quality, 0..1 */
    min_quality: T.Optional(T.Number({ minimum: 0, maximum: 1 })),
    /** time to first token a model should keep (its live average); slower ones are dropped while others qualify */
    latency_objective_ms: T.Optional(T.Integer({ minimum: 1 })),
    /** the models to choose from (default: every chat model of an enabled provider) */
    models: T.Optional(T.Array(ModelName, { minItems: 1, maxItems: 200 })),
    /** checked in order before scoring; the first that matches decides */
    rules: T.Optional(T.Array(ScenarioRuleSchema, { maxItems: 100 })),
    /** fallbacks after the chosen model (default 2) */
    fallbacks: T.Optional(T.Integer({ minimum: 0, maximum: 10 })),
    /** keep a conversation on the provider that holds its prompt cache (default true) */
    cache_affinity: T.Optional(T.Boolean()),
  },
  { additionalProperties: false },
);

export type PolicySpec = Static<typeof PolicySpecSchema>;
export type ScenarioRuleSpec = Static<typeof ScenarioRuleSchema>;

export const POLICY_NAME_PATTERN = '^[a-z0-9][a-z0-9._-]{0,63}$';

/** the `routing:` section of the config file */
export const RoutingConfigSchema = T.Object(
  {
    /** a trained router (`npx switchyard router train`); absent = the default router (catalog priors + task rules) */
    router_file: T.Optional(T.String({ minLength: 1 })),
    /** instance-wide named policies (`auto:<name>`), usable by every key */
    policies: T.Optional(T.Record(T.String({ pattern: POLICY_NAME_PATTERN }), PolicySpecSchema)),
    /** the policy of `auto` and of requests without a model when no org/team/project/key default applies */
    default_policy: T.Optional(T.String({ pattern: POLICY_NAME_PATTERN })),
    /** config keys' own defaults: key name (or `master`) → policy name */
    key_policies: T.Optional(
      T.Record(T.String({ minLength: 1 }), T.String({ pattern: POLICY_NAME_PATTERN })),
    ),
    /** how long a conversation stays with its provider after its last request (default 300) */
    affinity_ttl_s: T.Optional(T.Integer({ minimum: 1, maximum: 86400 })),
  },
  { additionalProperties: false },
);

export type RoutingConfig = Static<typeof RoutingConfigSchema>;
