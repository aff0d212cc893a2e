// JSON schemas of the OpenAI Chat Completions (and embeddings) wire format, for tests: what
// the gateway sends to OpenAI clients (chat.completion, chat.completion.chunk, error bodies,
// embedding lists) and to OpenAI-compatible providers (the request body). Written from
// OpenAI's API reference / the `openai` SDK types; objects are closed (no unknown keys) so
// a misspelt field fails. `reasoning_content` is allowed on responses: the gateway adds it
// (DeepSeek's field) when there is reasoning text.
import { type TSchema, Type } from '@sinclair/typebox';
import { Ajv, type ValidateFunction } from 'ajv';

const closed = { additionalProperties: false } as const;
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Count = Type.Integer({ minimum: 0 });

// ---- responses ------------------------------------------------------------------------

const FinishReason = Type.Union([
  Type.Literal('stop'),
  Type.Literal('length'),
  Type.Literal('tool_calls'),
  Type.Literal('content_filter'),
  Type.Literal('function_call'),
]);

export const CompletionUsage = Type.Object(
  {
    prompt_tokens: Count,
    completion_tokens: Count,
    total_tokens: Count,
    prompt_tokens_details: Type.Optional(
      Type.Object(
        {
          cached_tokens: Type.Optional(Count),
          cache_write_tokens: Type.Optional(Count),
          audio_tokens: Type.Optional(Count),
        },
        closed,
      ),
    ),
    completion_tokens_details: Type.Optional(
      Type.Object(
        {
          reasoning_tokens: Type.Optional(Count),
          audio_tokens: Type.Optional(Count),
          accepted_prediction_tokens: Type.Optional(Count),
          rejected_prediction_tokens: Type.Optional(Count),
        },
        closed,
      ),
    ),
  },
  closed,
);

const MessageToolCall = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    type: Type.Literal('function'),
    function: Type.Object({ name: Type.String({ minLength: 1 }), arguments: Type.String() }, closed),
  },
  closed,
);

const Logprobs = Nullable(Type.Object({ content: Type.Unknown(), refusal: Type.Unknown() }));
const ServiceTier = Type.Optional(Nullable(Type.String()));

export const ChatCompletion = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    object: Type.Literal('chat.completion'),
    created: Count,
    model: Type.String({ minLength: 1 }),
    choices: Type.Array(
      Type.Object(
        {
          index: Count,
          message: Type.Object(
            {
              role: Type.Literal('assistant'),
              content: Nullable(Type.String()),
              refusal: Nullable(Type.String()),
              tool_calls: Type.Optional(Type.Array(MessageToolCall, { minItems: 1 })),
              reasoning_content: Type.Optional(Type.String({ minLength: 1 })),
              annotations: Type.Optional(Type.Array(Type.Unknown())),
            },
            closed,
          ),
          logprobs: Logprobs,
          finish_reason: FinishReason,
        },
        closed,
      ),
      { minItems: 1 },
    ),
    usage: Type.Optional(CompletionUsage),
    system_fingerprint: Type.Optional(Nullable(Type.String())),
    service_tier: ServiceTier,
  },
  closed,
);

const ChunkToolCall = Type.Object(
  {
    index: Count,
    id: Type.Optional(Type.String({ minLength: 1 })),
    type: Type.Optional(Type.Literal('function')),
    function: Type.Optional(
      Type.Object({ name: Type.Optional(Type.String()), arguments: Type.Optional(Type.String()) }, closed),
    ),
  },
  closed,
);

export const ChatCompletionChunk = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    object: Type.Literal('chat.completion.chunk'),
    created: Count,
    model: Type.String({ minLength: 1 }),
    choices: Type.Array(
      Type.Object(
        {
          index: Count,
          delta: Type.Object(
            {
              role: Type.Optional(Type.Literal('assistant')),
              content: Type.Optional(Nullable(Type.String())),
              refusal: Type.Optional(Nullable(Type.String())),
              reasoning_content: Type.Optional(Type.String()),
              tool_calls: Type.Optional(Type.Array(ChunkToolCall, { minItems: 1 })),
            },
            closed,
          ),
          logprobs: Type.Optional(Logprobs),
          finish_reason: Nullable(FinishReason),
        },
        closed,
      ),
    ),
    usage: Type.Optional(Nullable(CompletionUsage)),
    system_fingerprint: Type.Optional(Nullable(Type.String())),
    service_tier: ServiceTier,
  },
  closed,
);

export const ErrorBody = Type.Object(
  {
    error: Type.Object(
      {
        message: Type.String({ minLength: 1 }),
        type: Type.String({ minLength: 1 }),
        param: Nullable(Type.String()),
        code: Nullable(Type.String()),
      },
      closed,
    ),
  },
  closed,
);

export const EmbeddingList = Type.Object(
  {
    object: Type.Literal('list'),
    data: Type.Array(
      Type.Object(
        {
          object: Type.Literal('embedding'),
          index: Count,
          embedding: Type.Union([Type.Array(Type.Number()), Type.String()]),
        },
        closed,
      ),
    ),
    model: Type.String({ minLength: 1 }),
    usage: Type.Object({ prompt_tokens: Count, total_tokens: Count }, closed),
  },
  closed,
);

// ---- request --------------------------------------------------------------------------

const CacheBreakpoint = Type.Optional(Type.Object({ mode: Type.Literal('explicit') }, closed));

const TextPart = Type.Object(
  { type: Type.Literal('text'), text: Type.String(), prompt_cache_breakpoint: CacheBreakpoint },
  closed,
);

const UserPart = Type.Union([
  TextPart,
  Type.Object(
    {
      type: Type.Literal('image_url'),
      image_url: Type.Object(
        {
          url: Type.String({ minLength: 1 }),
          detail: Type.Optional(
            Type.Union([Type.Literal('auto'), Type.Literal('low'), Type.Literal('high')]),
          ),
        },
        closed,
      ),
      prompt_cache_breakpoint: CacheBreakpoint,
    },
    closed,
  ),
  Type.Object(
    {
      type: Type.Literal('input_audio'),
      input_audio: Type.Object(
        { data: Type.String(), format: Type.Union([Type.Literal('wav'), Type.Literal('mp3')]) },
        closed,
      ),
      prompt_cache_breakpoint: CacheBreakpoint,
    },
    closed,
  ),
  Type.Object(
    {
      type: Type.Literal('file'),
      file: Type.Object(
        {
          file_data: Type.Optional(Type.String()),
          file_id: Type.Optional(Type.String()),
          filename: Type.Optional(Type.String()),
        },
        closed,
      ),
      prompt_cache_breakpoint: CacheBreakpoint,
    },
    closed,
  ),
]);

const TextContent = Type.Union([Type.String(), Type.Array(TextPart)]);
const Name = Type.Optional(Type.String());

const Message = Type.Union([
  Type.Object({ role: Type.Literal('system'), content: TextContent, name: Name }, closed),
  Type.Object({ role: Type.Literal('developer'), content: TextContent, name: Name }, closed),
  Type.Object(
    { role: Type.Literal('user'), content: Type.Union([Type.String(), Type.Array(UserPart)]), name: Name },
    closed,
  ),
  Type.Object(
    {
      role: Type.Literal('assistant'),
      content: Type.Optional(
        Nullable(
          Type.Union([
            Type.String(),
            Type.Array(
              Type.Union([
                TextPart,
                Type.Object({ type: Type.Literal('refusal'), refusal: Type.String() }, closed),
              ]),
            ),
          ]),
        ),
      ),
      refusal: Type.Optional(Nullable(Type.String())),
      tool_calls: Type.Optional(Type.Array(MessageToolCall)),
      function_call: Type.Optional(
        Nullable(Type.Object({ name: Type.String(), arguments: Type.String() }, closed)),
      ),
      audio: Type.Optional(Nullable(Type.Object({ id: Type.String() }, closed))),
      name: Name,
    },
    closed,
  ),
  Type.Object(
    { role: Type.Literal('tool'), content: TextContent, tool_call_id: Type.String({ minLength: 1 }) },
    closed,
  ),
  Type.Object(
    { role: Type.Literal('function'), name: Type.String(), content: Nullable(Type.String()) },
    closed,
  ),
]);

const FunctionDefinition = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    description: Type.Optional(Type.String()),
    parameters: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    strict: Type.Optional(Nullable(Type.Boolean())),
  },
  closed,
);

const NamedFunction = Type.Object({ name: Type.String({ minLength: 1 }) }, closed);

const Opt = <T extends TSchema>(t: T) => Type.Optional(Nullable(t));

export const ChatCompletionRequest = Type.Object(
  {
    model: Type.String({ minLength: 1 }),
    messages: Type.Array(Message, { minItems: 1 }),
    tools: Type.Optional(
      Type.Array(Type.Object({ type: Type.Literal('function'), function: FunctionDefinition }, closed)),
    ),
    tool_choice: Type.Optional(
      Type.Union([
        Type.Literal('auto'),
        Type.Literal('none'),
        Type.Literal('required'),
        Type.Object({ type: Type.Literal('function'), function: NamedFunction }, closed),
        Type.Object(
          {
            type: Type.Literal('allowed_tools'),
            allowed_tools: Type.Object(
              {
                mode: Type.Union([Type.Literal('auto'), Type.Literal('required')]),
                tools: Type.Array(Type.Record(Type.String(), Type.Unknown())),
              },
              closed,
            ),
          },
          closed,
        ),
      ]),
    ),
    parallel_tool_calls: Type.Optional(Type.Boolean()),
    functions: Type.Optional(Type.Array(FunctionDefinition)),
    function_call: Type.Optional(Type.Union([Type.Literal('auto'), Type.Literal('none'), NamedFunction])),
    max_tokens: Opt(Type.Integer({ minimum: 1 })),
    max_completion_tokens: Opt(Type.Integer({ minimum: 1 })),
    temperature: Opt(Type.Number({ minimum: 0, maximum: 2 })),
    top_p: Opt(Type.Number({ minimum: 0, maximum: 1 })),
    n: Opt(Type.Integer({ minimum: 1 })),
    stop: Opt(Type.Union([Type.String(), Type.Array(Type.String())])),
    seed: Opt(Type.Integer()),
    user: Type.Optional(Type.String()),
    safety_identifier: Opt(Type.String()),
    metadata: Opt(Type.Record(Type.String(), Type.String())),
    store: Opt(Type.Boolean()),
    response_format: Type.Optional(
      Type.Union([
        Type.Object({ type: Type.Literal('text') }, closed),
        Type.Object({ type: Type.Literal('json_object') }, closed),
        Type.Object(
          {
            type: Type.Literal('json_schema'),
            json_schema: Type.Object(
              {
                name: Type.String({ minLength: 1 }),
                description: Type.Optional(Type.String()),
                schema: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
                strict: Type.Optional(Nullable(Type.Boolean())),
              },
              closed,
            ),
          },
          closed,
        ),
      ]),
    ),
    reasoning_effort: Opt(
      Type.Union(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'].map((e) => Type.Literal(e))),
    ),
    stream: Opt(Type.Boolean()),
    stream_options: Opt(
      Type.Object(
        { include_usage: Type.Optional(Type.Boolean()), include_obfuscation: Type.Optional(Type.Boolean()) },
        closed,
      ),
    ),
    frequency_penalty: Opt(Type.Number({ minimum: -2, maximum: 2 })),
    presence_penalty: Opt(Type.Number({ minimum: -2, maximum: 2 })),
    logit_bias: Opt(Type.Record(Type.String(), Type.Number())),
    logprobs: Opt(Type.Boolean()),
    top_logprobs: Opt(Type.Integer({ minimum: 0, maximum: 20 })),
    modalities: Opt(Type.Array(Type.Union([Type.Literal('text'), Type.Literal('audio')]))),
    audio: Opt(Type.Record(Type.String(), Type.Unknown())),
    prediction: Opt(Type.Record(Type.String(), Type.Unknown())),
    service_tier: ServiceTier,
    prompt_cache_key: Opt(Type.String()),
    verbosity: Opt(Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')])),
    web_search_options: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  closed,
);

// ---- validation ------------------------------------------------------------------------

const SCHEMAS = {
  'chat.completion': ChatCompletion,
  'chat.completion.chunk': ChatCompletionChunk,
  error: ErrorBody,
  request: ChatCompletionRequest,
  'embedding.list': EmbeddingList,
} as const;

export type OpenAISchemaKind = keyof typeof SCHEMAS;

const ajv = new Ajv({ allErrors: true, strict: true });
const compiled = new Map<OpenAISchemaKind, ValidateFunction>();

/** Throws with ajv's errors when `value` does not match the schema of `kind`. */
export function validateOpenAI(kind: OpenAISchemaKind, value: unknown): void {
  let validate = compiled.get(kind);
  if (!validate) {
    validate = ajv.compile(SCHEMAS[kind]);
    compiled.set(kind, validate);
  }
  if (!validate(value)) {
    throw new Error(
      `not a valid OpenAI ${kind}: ${ajv.errorsText(validate.errors, { separator: '\n  ' })}\n` +
        `value: ${JSON.stringify(value).slice(0, 2000)}`,
    );
  }
}
