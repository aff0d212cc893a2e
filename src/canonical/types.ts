// The canonical model: what a model call *is*, independent of how any vendor spells it.
// Client protocols decode into it and upstream protocols encode from it (and back for
// responses and stream events). Only crossing protocols goes through here; same-protocol
// traffic is passed through untouched.
//
// Conventions
// - Tool-call arguments are JSON *text* (as OpenAI sends them); converters that need an
//   object (Anthropic, Gemini) parse it.
// - Usage: `inputTokens` is the whole prompt, *including* cache reads and cache writes
//   (OpenAI's convention); `cacheReadTokens` / `cacheWriteTokens` are parts of it.
//   `outputTokens` is the whole completion, *including* `reasoningTokens`.

export type CacheControl = { type: 'ephemeral'; ttl?: string };

export type MediaSource =
  | { kind: 'url'; url: string; mediaType?: string }
  | { kind: 'base64'; mediaType: string; data: string }
  | { kind: 'text'; mediaType: string; text: string };

export interface TextPart {
  type: 'text';
  text: string;
  cacheControl?: CacheControl;
}

export interface ImagePart {
  type: 'image';
  source: MediaSource;
  /** OpenAI's image detail hint */
  detail?: 'auto' | 'low' | 'high';
  cacheControl?: CacheControl;
}

export interface DocumentPart {
  type: 'document';
  source: MediaSource;
  title?: string;
  filename?: string;
  cacheControl?: CacheControl;
}

export interface ToolCallPart {
  type: 'tool_call';
  id: string;
  name: string;
  /** JSON text of the arguments object */
  arguments: string;
  cacheControl?: CacheControl;
}

export interface ToolResultPart {
  type: 'tool_result';
  toolCallId: string;
  /** Not every protocol carries it on the result (Gemini needs it); filled from history when known. */
  toolName?: string;
  content: Array<TextPart | ImagePart | DocumentPart>;
  isError?: boolean;
  cacheControl?: CacheControl;
}

/**
 * Which provider made a reasoning signature (or redacted reasoning data). Signatures are verified
 * by the provider that made them and rejected by any other, so an upstream encoder sends only its
 * own (`openai`: a Responses reasoning item's encrypted_content). Undefined: not known, i.e. it came verbatim from a client of that protocol (an Anthropic
 * client's thinking signature is Anthropic's). `simulated`: made by the built-in simulator; no real
 * provider accepts it.
 */
export type SignatureOrigin = 'anthropic' | 'gemini' | 'openai' | 'bedrock' | 'simulated';

export interface ReasoningPart {
  type: 'reasoning';
  text: string;
  /** Anthropic's thinking signature / Gemini's thoughtSignature, needed to send the turn back */
  signature?: string;
  /** the provider that made `signature` (set by upstream decoders; see SignatureOrigin) */
  signatureOrigin?: SignatureOrigin;
}

export interface RedactedReasoningPart {
  type: 'redacted_reasoning';
  data: string;
  /** the provider that made `data` (Anthropic's redacted_thinking; see SignatureOrigin) */
  origin?: SignatureOrigin;
}

export type UserPart = TextPart | ImagePart | DocumentPart | ToolResultPart;
export type AssistantPart = TextPart | ReasoningPart | RedactedReasoningPart | ToolCallPart;

export type CanonicalMessage =
  | { role: 'system'; content: TextPart[] }
  | { role: 'user'; content: UserPart[] }
  | { role: 'assistant'; content: AssistantPart[] }
  /** Tool results as their own turn (OpenAI's `role: "tool"`); Anthropic/Gemini encoders merge them into a user turn. */
  | { role: 'tool'; content: ToolResultPart[] };

export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object */
  parameters: Record<string, unknown>;
  strict?: boolean;
  cacheControl?: CacheControl;
}

export type ToolChoice =
  | { type: 'auto' }
  | { type: 'none' }
  /** must call some tool */
  | { type: 'required' }
  | { type: 'tool'; name: string };

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      name: string;
      schema: Record<string, unknown>;
      strict?: boolean;
      description?: string;
    };

export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';

export interface ReasoningConfig {
  /** false: the client asked for no reasoning */
  enabled: boolean;
  effort?: ReasoningEffort;
  budgetTokens?: number;
}

export interface CanonicalRequest {
  /** the model name the client asked for (before resolution) */
  model: string;
  messages: CanonicalMessage[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stop?: string[];
  seed?: number;
  /** end-user id (OpenAI `user`, Anthropic `metadata.user_id`) */
  user?: string;
  metadata?: Record<string, string>;
  responseFormat?: ResponseFormat;
  reasoning?: ReasoningConfig;
  stream: boolean;
  /** the client wants usage in the stream (OpenAI `stream_options.include_usage`; always true for Anthropic) */
  streamUsage?: boolean;
  /**
   * built-in tools the client offered that only its own vendor runs (Responses `web_search`…), left
   * out of this request; the answer names them in `x-switchyard-dropped-tools`
   */
  droppedTools?: string[];
}

export type StopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'content_filter'
  | 'refusal'
  | 'pause_turn'
  | 'error'
  | 'unknown';

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  /** true when counted by the gateway because the provider reported none */
  estimated?: boolean;
}

export interface CanonicalResponse {
  id: string;
  /** the model as the upstream named it */
  model: string;
  /** unix seconds */
  created: number;
  content: AssistantPart[];
  stopReason: StopReason;
  stopSequence?: string | null;
  usage: Usage;
}

/**
 * Stream events. Decoders emit them in upstream order; encoders keep whatever state their
 * protocol needs (open content blocks, pending stop reason) and flush it in `finish()`.
 * `toolIndex` numbers the tool calls of one response 0, 1, 2… in the order they start.
 */
export type CanonicalStreamEvent =
  | { type: 'start'; id: string; model: string; created: number; usage?: Partial<Usage> }
  | { type: 'text_delta'; text: string }
  | { type: 'reasoning_delta'; text: string }
  /** `origin`: the provider that made the signature, as ReasoningPart.signatureOrigin */
  | { type: 'reasoning_signature'; signature: string; origin?: SignatureOrigin }
  /** `origin`: the provider that made the data, as RedactedReasoningPart.origin */
  | { type: 'redacted_reasoning'; data: string; origin?: SignatureOrigin }
  | { type: 'tool_call_start'; toolIndex: number; id: string; name: string }
  | { type: 'tool_call_delta'; toolIndex: number; argumentsDelta: string }
  /** partial or cumulative usage; later values replace earlier ones field by field */
  | { type: 'usage'; usage: Partial<Usage> }
  | { type: 'finish'; stopReason: StopReason; stopSequence?: string | null }
  | { type: 'error'; error: StreamErrorInfo };

export interface StreamErrorInfo {
  /** HTTP-like status the error would have had */
  status: number;
  message: string;
  /** protocol-neutral kind, see GatewayErrorKind */
  kind?: string;
}

export interface CanonicalEmbeddingRequest {
  model: string;
  input: string[];
  dimensions?: number;
  user?: string;
}

export interface CanonicalEmbeddingResponse {
  model: string;
  embeddings: number[][];
  usage: { inputTokens: number; estimated?: boolean };
}

export const emptyUsage = (): Usage => ({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
});

/** Applies a partial usage report onto an accumulated one (later reports win per field). */
export function mergeUsage(into: Usage, part: Partial<Usage>): Usage {
  for (const k of Object.keys(part) as (keyof Usage)[]) {
    const v = part[k];
    if (v !== undefined) (into as unknown as Record<string, unknown>)[k] = v;
  }
  return into;
}
