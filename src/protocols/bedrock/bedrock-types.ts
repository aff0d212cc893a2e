// The wire shapes of Amazon Bedrock's Converse API (POST /model/{modelId}/converse and
// /converse-stream), as documented in the Bedrock Runtime API reference. Only what the gateway
// reads or writes.

export type BedrockImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';
export type BedrockDocumentFormat = 'pdf' | 'csv' | 'doc' | 'docx' | 'xls' | 'xlsx' | 'html' | 'txt' | 'md';

/** base64 bytes, or an object in S3 the model may read */
export type BedrockSource = { bytes: string } | { s3Location: { uri: string } };

export interface BedrockImageBlock {
  format: BedrockImageFormat;
  source: BedrockSource;
}

export interface BedrockDocumentBlock {
  format: BedrockDocumentFormat;
  name: string;
  source: BedrockSource;
}

export interface BedrockToolUseBlock {
  toolUseId: string;
  name: string;
  input: unknown;
}

export type BedrockToolResultContent =
  | { text: string }
  | { json: unknown }
  | { image: BedrockImageBlock }
  | { document: BedrockDocumentBlock };

export interface BedrockToolResultBlock {
  toolUseId: string;
  content: BedrockToolResultContent[];
  status?: 'success' | 'error';
}

export type BedrockReasoningContent =
  | { reasoningText: { text: string; signature?: string } }
  | { redactedContent: string };

export type BedrockContentBlock =
  | { text: string }
  | { image: BedrockImageBlock }
  | { document: BedrockDocumentBlock }
  | { toolUse: BedrockToolUseBlock }
  | { toolResult: BedrockToolResultBlock }
  | { reasoningContent: BedrockReasoningContent }
  | { cachePoint: { type: 'default' } };

export interface BedrockMessage {
  role: 'user' | 'assistant';
  content: BedrockContentBlock[];
}

export type BedrockSystemBlock = { text: string } | { cachePoint: { type: 'default' } };

export interface BedrockTool {
  toolSpec?: { name: string; description?: string; inputSchema: { json: Record<string, unknown> } };
  cachePoint?: { type: 'default' };
}

export type BedrockToolChoice =
  | { auto: Record<string, never> }
  | { any: Record<string, never> }
  | { tool: { name: string } };

export interface BedrockConverseRequest {
  messages: BedrockMessage[];
  system?: BedrockSystemBlock[];
  inferenceConfig?: { maxTokens?: number; temperature?: number; topP?: number; stopSequences?: string[] };
  toolConfig?: { tools: BedrockTool[]; toolChoice?: BedrockToolChoice };
  additionalModelRequestFields?: Record<string, unknown>;
}

export interface BedrockUsage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

export type BedrockStopReason =
  | 'end_turn'
  | 'tool_use'
  | 'max_tokens'
  | 'stop_sequence'
  | 'guardrail_intervened'
  | 'content_filtered'
  | 'model_context_window_exceeded';

export interface BedrockConverseResponse {
  output?: { message?: BedrockMessage };
  stopReason?: string;
  usage?: BedrockUsage;
  metrics?: { latencyMs?: number };
  additionalModelResponseFields?: Record<string, unknown>;
}

/** ConverseStream's event payloads, keyed by the event's `:event-type` header. */
export interface BedrockStreamPayloads {
  messageStart: { role: string };
  contentBlockStart: {
    contentBlockIndex: number;
    start?: { toolUse?: { toolUseId: string; name: string } };
  };
  contentBlockDelta: {
    contentBlockIndex: number;
    delta: {
      text?: string;
      toolUse?: { input: string };
      reasoningContent?: { text?: string; signature?: string; redactedContent?: string };
    };
  };
  contentBlockStop: { contentBlockIndex: number };
  messageStop: { stopReason: string; additionalModelResponseFields?: Record<string, unknown> };
  metadata: { usage?: BedrockUsage; metrics?: { latencyMs?: number } };
}

/** ConverseStream's exceptions (`:message-type: exception`) and the HTTP status each stands for. */
export const BEDROCK_STREAM_EXCEPTIONS: Record<string, number> = {
  internalServerException: 500,
  modelStreamErrorException: 424,
  serviceUnavailableException: 503,
  throttlingException: 429,
  validationException: 400,
};
