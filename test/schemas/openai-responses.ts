// JSON schemas of the OpenAI Responses API wire format the gateway emits to Responses clients:
// the response object and each streamed event, written from the openai SDK's types
// (resources/responses/responses.d.ts) and the recorded answers in shared/data/fixtures. Objects
// are closed (no unknown keys), so a misspelt or invented field fails; `obfuscation` (padding
// OpenAI adds to delta events) is allowed where OpenAI sends it.
import { type TSchema, Type } from '@sinclair/typebox';
import { Ajv, type ValidateFunction } from 'ajv';

const closed = { additionalProperties: false } as const;
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Count = Type.Integer({ minimum: 0 });
const Id = (prefix: string) => Type.String({ pattern: `^${prefix}` });
const Seq = { type: Type.String(), sequence_number: Count };
const Obfuscation = { obfuscation: Type.Optional(Type.String()) };

const OutputText = Type.Object(
  {
    type: Type.Literal('output_text'),
    text: Type.String(),
    annotations: Type.Array(Type.Unknown()),
    logprobs: Type.Optional(Type.Array(Type.Unknown())),
  },
  closed,
);
const SummaryText = Type.Object({ type: Type.Literal('summary_text'), text: Type.String() }, closed);
const Status = Type.Union([
  Type.Literal('in_progress'),
  Type.Literal('completed'),
  Type.Literal('incomplete'),
]);

const MessageItem = Type.Object(
  {
    id: Id('msg_'),
    type: Type.Literal('message'),
    status: Status,
    role: Type.Literal('assistant'),
    content: Type.Array(OutputText),
  },
  closed,
);
const ReasoningItem = Type.Object(
  {
    id: Id('rs_'),
    type: Type.Literal('reasoning'),
    summary: Type.Array(SummaryText),
    encrypted_content: Type.Optional(Nullable(Type.String({ minLength: 1 }))),
    status: Type.Optional(Status),
  },
  closed,
);
const FunctionCallItem = Type.Object(
  {
    id: Id('fc_'),
    type: Type.Literal('function_call'),
    status: Status,
    arguments: Type.String(),
    call_id: Type.String({ minLength: 1 }),
    name: Type.String({ minLength: 1 }),
    namespace: Type.Optional(Type.String({ minLength: 1 })),
  },
  closed,
);
const CustomToolCallItem = Type.Object(
  {
    id: Id('ctc_'),
    type: Type.Literal('custom_tool_call'),
    status: Status,
    call_id: Type.String({ minLength: 1 }),
    name: Type.String({ minLength: 1 }),
    input: Type.String(),
    namespace: Type.Optional(Type.String({ minLength: 1 })),
  },
  closed,
);
const OutputItem = Type.Union([MessageItem, ReasoningItem, FunctionCallItem, CustomToolCallItem]);

const Usage = Type.Object(
  {
    input_tokens: Count,
    input_tokens_details: Type.Object({ cached_tokens: Count }, closed),
    output_tokens: Count,
    output_tokens_details: Type.Object({ reasoning_tokens: Count }, closed),
    total_tokens: Count,
  },
  closed,
);

export const ResponseObject = Type.Object(
  {
    id: Id('resp_'),
    object: Type.Literal('response'),
    created_at: Count,
    status: Type.Union([
      Type.Literal('in_progress'),
      Type.Literal('completed'),
      Type.Literal('incomplete'),
      Type.Literal('failed'),
    ]),
    background: Type.Boolean(),
    error: Nullable(Type.Object({ code: Type.String(), message: Type.String() }, closed)),
    incomplete_details: Nullable(
      Type.Object(
        { reason: Type.Union([Type.Literal('max_output_tokens'), Type.Literal('content_filter')]) },
        closed,
      ),
    ),
    instructions: Nullable(Type.Union([Type.String(), Type.Array(Type.Unknown())])),
    max_output_tokens: Nullable(Count),
    max_tool_calls: Nullable(Count),
    model: Type.String({ minLength: 1 }),
    output: Type.Array(OutputItem),
    parallel_tool_calls: Type.Boolean(),
    previous_response_id: Nullable(Type.String()),
    prompt_cache_key: Nullable(Type.String()),
    reasoning: Type.Object({ effort: Nullable(Type.String()), summary: Nullable(Type.String()) }, closed),
    safety_identifier: Nullable(Type.String()),
    service_tier: Type.String(),
    store: Type.Boolean(),
    temperature: Type.Number(),
    text: Type.Object(
      { format: Type.Object({ type: Type.String() }), verbosity: Type.Optional(Type.String()) },
      closed,
    ),
    tool_choice: Type.Unknown(),
    tools: Type.Array(Type.Unknown()),
    top_logprobs: Count,
    top_p: Type.Number(),
    truncation: Type.String(),
    usage: Nullable(Usage),
    user: Nullable(Type.String()),
    metadata: Type.Record(Type.String(), Type.String()),
    // added by the openai SDK on the objects it returns
    output_text: Type.Optional(Type.String()),
  },
  closed,
);

const ItemRef = { item_id: Type.String({ minLength: 1 }), output_index: Count };
const Part = { ...ItemRef, content_index: Count };
const Summary = { ...ItemRef, summary_index: Count };

const EVENTS: Record<string, TSchema> = {
  'response.created': Type.Object({ ...Seq, response: ResponseObject }, closed),
  'response.in_progress': Type.Object({ ...Seq, response: ResponseObject }, closed),
  'response.completed': Type.Object({ ...Seq, response: ResponseObject }, closed),
  'response.incomplete': Type.Object({ ...Seq, response: ResponseObject }, closed),
  'response.failed': Type.Object({ ...Seq, response: ResponseObject }, closed),
  'response.output_item.added': Type.Object({ ...Seq, output_index: Count, item: OutputItem }, closed),
  'response.output_item.done': Type.Object({ ...Seq, output_index: Count, item: OutputItem }, closed),
  'response.content_part.added': Type.Object({ ...Seq, ...Part, part: OutputText }, closed),
  'response.content_part.done': Type.Object({ ...Seq, ...Part, part: OutputText }, closed),
  'response.output_text.delta': Type.Object(
    { ...Seq, ...Part, delta: Type.String(), logprobs: Type.Array(Type.Unknown()), ...Obfuscation },
    closed,
  ),
  'response.output_text.done': Type.Object(
    { ...Seq, ...Part, text: Type.String(), logprobs: Type.Array(Type.Unknown()) },
    closed,
  ),
  'response.function_call_arguments.delta': Type.Object(
    { ...Seq, ...ItemRef, delta: Type.String(), ...Obfuscation },
    closed,
  ),
  'response.function_call_arguments.done': Type.Object(
    { ...Seq, ...ItemRef, arguments: Type.String(), name: Type.Optional(Type.String()) },
    closed,
  ),
  'response.custom_tool_call_input.done': Type.Object({ ...Seq, ...ItemRef, input: Type.String() }, closed),
  'response.reasoning_summary_part.added': Type.Object({ ...Seq, ...Summary, part: SummaryText }, closed),
  'response.reasoning_summary_part.done': Type.Object({ ...Seq, ...Summary, part: SummaryText }, closed),
  'response.reasoning_summary_text.delta': Type.Object(
    { ...Seq, ...Summary, delta: Type.String(), ...Obfuscation },
    closed,
  ),
  'response.reasoning_summary_text.done': Type.Object({ ...Seq, ...Summary, text: Type.String() }, closed),
  error: Type.Object(
    { ...Seq, code: Nullable(Type.String()), message: Type.String(), param: Nullable(Type.String()) },
    closed,
  ),
};

const ajv = new Ajv({ allErrors: true, strict: false });
const objectValidator = ajv.compile(ResponseObject);
const eventValidators = new Map<string, ValidateFunction>(
  Object.entries(EVENTS).map(([k, s]) => [k, ajv.compile(s)]),
);

const problems = (v: ValidateFunction) =>
  (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);

/** what is wrong with a response object (empty when nothing) */
export function validateResponsesObject(value: unknown): string[] {
  return objectValidator(value) ? [] : problems(objectValidator);
}

/** what is wrong with one streamed event (empty when nothing) */
export function validateResponsesEvent(value: unknown): string[] {
  const type = (value as { type?: unknown })?.type;
  const v = typeof type === 'string' ? eventValidators.get(type) : undefined;
  if (!v) return [`an event type the gateway should not send: ${String(type)}`];
  return v(value) ? [] : problems(v);
}
