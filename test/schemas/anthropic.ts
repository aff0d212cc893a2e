// JSON schemas of Anthropic's Messages API wire format, for tests: the Message object, each
// streaming event, the error body and the request body. They follow the API reference and
// the SDK's types (@anthropic-ai/sdk resources/messages), restricted to what crosses
// protocols (text, images, documents, thinking, custom tools): server-tool blocks are not
// described and fail validation. Objects reject unknown properties, listing the optional
// extras real responses carry (container, service_tier, …), so a typo in an encoder fails
// while recorded Anthropic payloads pass.
//
//   validateAnthropic(kind, value)       throws with ajv's errors
//   assertAnthropicRequestRules(body)    semantic rules a schema cannot express
//   assertAnthropicStreamSequence(events) well-formed event order of one stream
import { type TSchema, Type } from '@sinclair/typebox';
import { Ajv, type ValidateFunction } from 'ajv';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Count = Type.Integer({ minimum: 0 });
const Strict = { additionalProperties: false } as const;
const AnyObject = Type.Record(Type.String(), Type.Unknown());
const ToolId = Type.String({ pattern: '^[a-zA-Z0-9_-]+$' });

const CacheControl = Type.Object(
  {
    type: Type.Literal('ephemeral'),
    ttl: Type.Optional(Type.Union([Type.Literal('5m'), Type.Literal('1h')])),
  },
  Strict,
);

const StopReason = Type.Union(
  [
    'end_turn',
    'max_tokens',
    'stop_sequence',
    'tool_use',
    'pause_turn',
    'refusal',
    'model_context_window_exceeded',
  ].map((r) => Type.Literal(r)),
);

export const ErrorTypes = [
  'invalid_request_error',
  'authentication_error',
  'billing_error',
  'permission_error',
  'not_found_error',
  'request_too_large',
  'rate_limit_error',
  'timeout_error',
  'api_error',
  'overloaded_error',
] as const;

// ---- response side -------------------------------------------------------------------

const TextBlock = Type.Object(
  {
    type: Type.Literal('text'),
    text: Type.String(),
    citations: Type.Optional(Nullable(Type.Array(AnyObject))),
  },
  Strict,
);
const ThinkingBlock = Type.Object(
  { type: Type.Literal('thinking'), thinking: Type.String(), signature: Type.String() },
  Strict,
);
const RedactedThinkingBlock = Type.Object(
  { type: Type.Literal('redacted_thinking'), data: Type.String() },
  Strict,
);
const ToolUseBlock = Type.Object(
  {
    type: Type.Literal('tool_use'),
    id: ToolId,
    name: Type.String({ minLength: 1 }),
    input: AnyObject,
    caller: Type.Optional(AnyObject),
    toolset_name: Type.Optional(Nullable(Type.String())),
  },
  Strict,
);
const ContentBlock = Type.Union([TextBlock, ThinkingBlock, RedactedThinkingBlock, ToolUseBlock]);

const usageExtras = {
  cache_creation: Type.Optional(Nullable(AnyObject)),
  service_tier: Type.Optional(Nullable(Type.String())),
  server_tool_use: Type.Optional(Nullable(AnyObject)),
  inference_geo: Type.Optional(Nullable(Type.String())),
  output_tokens_details: Type.Optional(Nullable(Type.Object({ thinking_tokens: Count }))),
  iterations: Type.Optional(Nullable(Type.Array(AnyObject))),
  speed: Type.Optional(Nullable(Type.String())),
};

const Usage = Type.Object(
  {
    input_tokens: Count,
    output_tokens: Count,
    cache_creation_input_tokens: Type.Optional(Nullable(Count)),
    cache_read_input_tokens: Type.Optional(Nullable(Count)),
    ...usageExtras,
  },
  Strict,
);

const messageFields = {
  id: Type.String({ minLength: 1 }),
  type: Type.Literal('message'),
  role: Type.Literal('assistant'),
  model: Type.String({ minLength: 1 }),
  content: Type.Array(ContentBlock),
  stop_sequence: Nullable(Type.String()),
  usage: Usage,
  container: Type.Optional(Nullable(AnyObject)),
  stop_details: Type.Optional(Nullable(AnyObject)),
  context_management: Type.Optional(Nullable(AnyObject)),
  diagnostics: Type.Optional(Nullable(AnyObject)),
};

export const MessageSchema = Type.Object({ ...messageFields, stop_reason: StopReason }, Strict);

// ---- stream events -------------------------------------------------------------------

export const MessageStartSchema = Type.Object(
  {
    type: Type.Literal('message_start'),
    message: Type.Object({ ...messageFields, stop_reason: Nullable(StopReason) }, Strict),
  },
  Strict,
);

export const ContentBlockStartSchema = Type.Object(
  { type: Type.Literal('content_block_start'), index: Count, content_block: ContentBlock },
  Strict,
);

const Delta = Type.Union([
  Type.Object({ type: Type.Literal('text_delta'), text: Type.String() }, Strict),
  Type.Object({ type: Type.Literal('thinking_delta'), thinking: Type.String() }, Strict),
  Type.Object({ type: Type.Literal('signature_delta'), signature: Type.String() }, Strict),
  Type.Object({ type: Type.Literal('input_json_delta'), partial_json: Type.String() }, Strict),
  Type.Object({ type: Type.Literal('citations_delta'), citation: AnyObject }, Strict),
]);

export const ContentBlockDeltaSchema = Type.Object(
  { type: Type.Literal('content_block_delta'), index: Count, delta: Delta },
  Strict,
);

export const ContentBlockStopSchema = Type.Object(
  { type: Type.Literal('content_block_stop'), index: Count },
  Strict,
);

export const MessageDeltaSchema = Type.Object(
  {
    type: Type.Literal('message_delta'),
    delta: Type.Object(
      {
        stop_reason: Nullable(StopReason),
        stop_sequence: Nullable(Type.String()),
        container: Type.Optional(Nullable(AnyObject)),
        stop_details: Type.Optional(Nullable(AnyObject)),
      },
      Strict,
    ),
    usage: Type.Object(
      {
        output_tokens: Count,
        input_tokens: Type.Optional(Nullable(Count)),
        cache_creation_input_tokens: Type.Optional(Nullable(Count)),
        cache_read_input_tokens: Type.Optional(Nullable(Count)),
        ...usageExtras,
      },
      Strict,
    ),
    context_management: Type.Optional(Nullable(AnyObject)),
  },
  Strict,
);

export const MessageStopSchema = Type.Object({ type: Type.Literal('message_stop') }, Strict);
export const PingSchema = Type.Object({ type: Type.Literal('ping') }, Strict);

export const ErrorBodySchema = Type.Object(
  {
    type: Type.Literal('error'),
    error: Type.Object(
      { type: Type.Union(ErrorTypes.map((t) => Type.Literal(t))), message: Type.String() },
      Strict,
    ),
    request_id: Type.Optional(Nullable(Type.String())),
  },
  Strict,
);

export const StreamEventSchema = Type.Union([
  MessageStartSchema,
  ContentBlockStartSchema,
  ContentBlockDeltaSchema,
  ContentBlockStopSchema,
  MessageDeltaSchema,
  MessageStopSchema,
  PingSchema,
  ErrorBodySchema,
]);

// ---- request side --------------------------------------------------------------------

const cache = { cache_control: Type.Optional(Nullable(CacheControl)) };
const TextParam = Type.Object(
  {
    type: Type.Literal('text'),
    text: Type.String({ minLength: 1 }),
    citations: Type.Optional(Type.Unknown()),
    ...cache,
  },
  Strict,
);
const ImageParam = Type.Object(
  {
    type: Type.Literal('image'),
    source: Type.Union([
      Type.Object(
        {
          type: Type.Literal('base64'),
          media_type: Type.Union(
            ['image/jpeg', 'image/png', 'image/gif', 'image/webp'].map((m) => Type.Literal(m)),
          ),
          data: Type.String({ minLength: 1 }),
        },
        Strict,
      ),
      Type.Object({ type: Type.Literal('url'), url: Type.String({ minLength: 1 }) }, Strict),
    ]),
    ...cache,
  },
  Strict,
);
const DocumentParam = Type.Object(
  {
    type: Type.Literal('document'),
    source: Type.Union([
      Type.Object(
        { type: Type.Literal('base64'), media_type: Type.Literal('application/pdf'), data: Type.String() },
        Strict,
      ),
      Type.Object(
        { type: Type.Literal('text'), media_type: Type.Literal('text/plain'), data: Type.String() },
        Strict,
      ),
      Type.Object({ type: Type.Literal('url'), url: Type.String({ minLength: 1 }) }, Strict),
    ]),
    title: Type.Optional(Nullable(Type.String())),
    context: Type.Optional(Nullable(Type.String())),
    citations: Type.Optional(Type.Unknown()),
    ...cache,
  },
  Strict,
);
const ToolUseParam = Type.Object(
  {
    type: Type.Literal('tool_use'),
    id: ToolId,
    name: Type.String({ minLength: 1 }),
    input: AnyObject,
    ...cache,
  },
  Strict,
);
const ToolResultParam = Type.Object(
  {
    type: Type.Literal('tool_result'),
    tool_use_id: ToolId,
    content: Type.Optional(
      Type.Union([Type.String(), Type.Array(Type.Union([TextParam, ImageParam, DocumentParam]))]),
    ),
    is_error: Type.Optional(Type.Boolean()),
    ...cache,
  },
  Strict,
);
const ThinkingParam = Type.Object(
  { type: Type.Literal('thinking'), thinking: Type.String(), signature: Type.String({ minLength: 1 }) },
  Strict,
);
const RedactedThinkingParam = Type.Object(
  { type: Type.Literal('redacted_thinking'), data: Type.String({ minLength: 1 }) },
  Strict,
);

const UserMessage = Type.Object(
  {
    role: Type.Literal('user'),
    content: Type.Union([
      Type.String(),
      Type.Array(Type.Union([TextParam, ImageParam, DocumentParam, ToolResultParam])),
    ]),
  },
  Strict,
);
const AssistantMessage = Type.Object(
  {
    role: Type.Literal('assistant'),
    content: Type.Union([
      Type.String(),
      Type.Array(Type.Union([TextParam, ThinkingParam, RedactedThinkingParam, ToolUseParam])),
    ]),
  },
  Strict,
);

const Tool = Type.Object(
  {
    name: Type.String({ pattern: '^[a-zA-Z0-9_-]{1,128}$' }),
    description: Type.Optional(Type.String()),
    input_schema: Type.Object({ type: Type.Literal('object') }, { additionalProperties: true }),
    strict: Type.Optional(Type.Boolean()),
    type: Type.Optional(Nullable(Type.Literal('custom'))),
    ...cache,
  },
  Strict,
);

const parallel = { disable_parallel_tool_use: Type.Optional(Type.Boolean()) };
const ToolChoice = Type.Union([
  Type.Object({ type: Type.Literal('auto'), ...parallel }, Strict),
  Type.Object({ type: Type.Literal('any'), ...parallel }, Strict),
  Type.Object({ type: Type.Literal('tool'), name: Type.String(), ...parallel }, Strict),
  Type.Object({ type: Type.Literal('none') }, Strict),
]);

const Thinking = Type.Union([
  Type.Object(
    {
      type: Type.Literal('enabled'),
      budget_tokens: Type.Integer({ minimum: 1024 }),
      display: Type.Optional(Nullable(Type.String())),
    },
    Strict,
  ),
  Type.Object({ type: Type.Literal('disabled') }, Strict),
  Type.Object({ type: Type.Literal('adaptive'), display: Type.Optional(Nullable(Type.String())) }, Strict),
]);

export const RequestSchema = Type.Object(
  {
    model: Type.String({ minLength: 1 }),
    max_tokens: Count,
    messages: Type.Array(Type.Union([UserMessage, AssistantMessage]), { minItems: 1 }),
    system: Type.Optional(Type.Union([Type.String(), Type.Array(TextParam)])),
    tools: Type.Optional(Type.Array(Tool)),
    tool_choice: Type.Optional(ToolChoice),
    stop_sequences: Type.Optional(Type.Array(Type.String())),
    temperature: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    top_p: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    top_k: Type.Optional(Count),
    metadata: Type.Optional(Type.Object({ user_id: Type.Optional(Nullable(Type.String())) }, Strict)),
    thinking: Type.Optional(Thinking),
    output_config: Type.Optional(
      Type.Object(
        {
          format: Type.Optional(
            Nullable(Type.Object({ type: Type.Literal('json_schema'), schema: AnyObject }, Strict)),
          ),
          effort: Type.Optional(
            Nullable(Type.Union(['low', 'medium', 'high', 'xhigh', 'max'].map((e) => Type.Literal(e)))),
          ),
        },
        Strict,
      ),
    ),
    stream: Type.Optional(Type.Boolean()),
  },
  Strict,
);

// ---- validation ----------------------------------------------------------------------

const SCHEMAS = {
  message: MessageSchema,
  request: RequestSchema,
  error: ErrorBodySchema,
  stream_event: StreamEventSchema,
  message_start: MessageStartSchema,
  content_block_start: ContentBlockStartSchema,
  content_block_delta: ContentBlockDeltaSchema,
  content_block_stop: ContentBlockStopSchema,
  message_delta: MessageDeltaSchema,
  message_stop: MessageStopSchema,
  ping: PingSchema,
} as const;

export type AnthropicSchemaKind = keyof typeof SCHEMAS;

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<AnthropicSchemaKind, ValidateFunction>();

/** Throws (with ajv's errors) unless `value` is a valid Anthropic `kind`. */
export function validateAnthropic(kind: AnthropicSchemaKind, value: unknown): void {
  let validate = compiled.get(kind);
  if (!validate) {
    validate = ajv.compile(SCHEMAS[kind]);
    compiled.set(kind, validate);
  }
  if (!validate(value)) {
    throw new Error(
      `invalid Anthropic ${kind}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(validate.errors?.slice(0, 10), null, 2)}\nvalue: ${JSON.stringify(value).slice(0, 2000)}`,
    );
  }
}

const fail = (msg: string): never => {
  throw new Error(msg);
};

type Json = Record<string, any>;

/**
 * Rules of the Messages API beyond the schema: `thinking.budget_tokens < max_tokens`;
 * user and assistant turns alternate; in a user turn the tool_result blocks come first and
 * answer tool_use blocks of the assistant turn right before it.
 */
export function assertAnthropicRequestRules(body: Json): void {
  validateAnthropic('request', body);
  if (body.thinking?.type === 'enabled' && !(body.thinking.budget_tokens < body.max_tokens)) {
    fail(
      `thinking.budget_tokens (${body.thinking.budget_tokens}) must be less than max_tokens (${body.max_tokens})`,
    );
  }
  const messages = body.messages as Json[];
  messages.forEach((m, i) => {
    if (i > 0 && messages[i - 1]!.role === m.role) fail(`messages[${i}]: two ${m.role} turns in a row`);
    if (m.role !== 'user' || typeof m.content === 'string') return;
    const blocks = m.content as Json[];
    const firstOther = blocks.findIndex((b) => b.type !== 'tool_result');
    const lastResult = blocks.findLastIndex((b) => b.type === 'tool_result');
    if (firstOther !== -1 && lastResult > firstOther)
      fail(`messages[${i}]: a tool_result comes after other content`);
    const prev = messages[i - 1];
    const toolUseIds = new Set(
      prev && Array.isArray(prev.content)
        ? (prev.content as Json[]).filter((b) => b.type === 'tool_use').map((b) => b.id)
        : [],
    );
    for (const b of blocks) {
      if (b.type === 'tool_result' && !toolUseIds.has(b.tool_use_id)) {
        fail(
          `messages[${i}]: tool_result for ${b.tool_use_id} has no tool_use in the assistant turn before it`,
        );
      }
    }
  });
}

export interface SseEventLike {
  event?: string;
  data: string;
}

const BLOCK_FOR_DELTA: Record<string, string> = {
  text_delta: 'text',
  citations_delta: 'text',
  thinking_delta: 'thinking',
  signature_delta: 'thinking',
  input_json_delta: 'tool_use',
};

/**
 * Checks one Anthropic stream as SSE events: each event is valid and named after its
 * payload's type; message_start comes first; content blocks get indexes 0, 1, 2… in order,
 * one open at a time, each closed by a content_block_stop of the same index, with deltas
 * that fit the block's type; message_delta then message_stop end it (or an error event).
 * Pings may come anywhere. Returns the parsed payloads (pings left out).
 */
export function assertAnthropicStreamSequence(events: SseEventLike[]): Json[] {
  const payloads: Json[] = [];
  for (const ev of events) {
    const p = JSON.parse(ev.data) as Json;
    validateAnthropic('stream_event', p);
    if (ev.event !== p.type) fail(`SSE event name '${ev.event}' differs from payload type '${p.type}'`);
    if (p.type !== 'ping') payloads.push(p);
  }
  if (payloads[0]?.type !== 'message_start') fail(`first event is ${payloads[0]?.type}, not message_start`);
  const last = payloads.at(-1)!;
  if (last.type === 'error') return payloads;
  if (last.type !== 'message_stop') fail(`last event is ${last.type}, not message_stop`);
  if (payloads.at(-2)?.type !== 'message_delta') fail('message_stop does not follow message_delta');
  let open: { index: number; type: string } | undefined;
  let nextIndex = 0;
  payloads.slice(1, -2).forEach((p, i) => {
    const at = `event ${i + 1} (${p.type})`;
    if (p.type === 'content_block_start') {
      if (open) fail(`${at}: block ${open.index} is still open`);
      if (p.index !== nextIndex) fail(`${at}: index ${p.index}, expected ${nextIndex}`);
      open = { index: p.index, type: p.content_block.type };
      nextIndex++;
    } else if (p.type === 'content_block_delta') {
      if (!open || open.index !== p.index) fail(`${at}: delta for block ${p.index}, which is not open`);
      if (BLOCK_FOR_DELTA[p.delta.type] !== open!.type)
        fail(`${at}: ${p.delta.type} in a ${open!.type} block`);
    } else if (p.type === 'content_block_stop') {
      if (!open || open.index !== p.index) fail(`${at}: stop for block ${p.index}, which is not open`);
      open = undefined;
    } else {
      fail(`${at}: unexpected between message_start and message_delta`);
    }
  });
  if (open) fail(`block ${open.index} is never closed`);
  return payloads;
}
