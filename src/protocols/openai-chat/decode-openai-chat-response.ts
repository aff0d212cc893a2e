// A provider's `chat.completion` body -> CanonicalResponse.
//
// - Reasoning text is read from `reasoning_content` (DeepSeek, Alibaba, xAI, Azure-hosted
//   DeepSeek) or `reasoning` (Groq, Cerebras), and from Mistral-style `thinking` content parts.
// - A `refusal` string becomes text and the stop reason `refusal`.
// - Providers that answer tool calls with finish_reason `stop` (vLLM, Ollama) get `tool_use`.
// - A body without finish_reason ended normally (`end_turn`).
// - Missing usage gives all-zero usage; the caller estimates.
import {
  type AssistantPart,
  type CanonicalResponse,
  GatewayError,
  newId,
  type StopReason,
  type ToolCallPart,
} from '../../canonical/index.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
import { mapOpenAIUsage } from './map-openai-usage.js';
import { isObject, type JsonObject } from './read-openai-request-fields.js';

const invalidUpstream = (why: string) =>
  new GatewayError('upstream_error', `The upstream provider returned an invalid chat completion: ${why}.`);

const nonEmpty = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Tool-call arguments as JSON text (some servers send an object; an empty string means none). */
export function argumentsText(args: unknown): string {
  if (typeof args === 'string') return args === '' ? '{}' : args;
  if (isObject(args)) return JSON.stringify(args);
  return '{}';
}

function readToolCall(raw: unknown): ToolCallPart | undefined {
  if (!isObject(raw) || !isObject(raw.function)) return undefined;
  const name = nonEmpty(raw.function.name);
  if (!name) return undefined;
  return {
    type: 'tool_call',
    id: nonEmpty(raw.id) ?? newId.toolCall(),
    name,
    arguments: argumentsText(raw.function.arguments),
  };
}

/** Content given as parts: `text` parts, and Mistral's `thinking` parts holding text parts. */
function readContentParts(parts: unknown[], out: { text: string; reasoning: string }): void {
  for (const p of parts) {
    if (!isObject(p)) continue;
    if (p.type === 'text' && typeof p.text === 'string') out.text += p.text;
    else if (p.type === 'thinking' && Array.isArray(p.thinking)) {
      for (const t of p.thinking) if (isObject(t) && typeof t.text === 'string') out.reasoning += t.text;
    }
  }
}

export function decodeOpenAIChatResponse(body: unknown): CanonicalResponse {
  if (!isObject(body)) throw invalidUpstream('the body is not a JSON object');
  if (!Array.isArray(body.choices) || body.choices.length === 0) throw invalidUpstream('it has no choices');
  const choice = (body.choices.find((c) => isObject(c) && (c.index ?? 0) === 0) ??
    body.choices[0]) as JsonObject;
  if (!isObject(choice) || !isObject(choice.message))
    throw invalidUpstream('the first choice has no message');
  const msg = choice.message;

  const acc = { text: '', reasoning: nonEmpty(msg.reasoning_content) ?? nonEmpty(msg.reasoning) ?? '' };
  if (typeof msg.content === 'string') acc.text = msg.content;
  else if (Array.isArray(msg.content)) readContentParts(msg.content, acc);
  const refusal = nonEmpty(msg.refusal);

  const content: AssistantPart[] = [];
  if (acc.reasoning) content.push({ type: 'reasoning', text: acc.reasoning });
  if (acc.text) content.push({ type: 'text', text: acc.text });
  if (refusal) content.push({ type: 'text', text: refusal });
  const toolCalls = Array.isArray(msg.tool_calls) ? msg.tool_calls : [];
  for (const tc of toolCalls) {
    const call = readToolCall(tc);
    if (call) content.push(call);
  }
  if (isObject(msg.function_call)) {
    const call = readToolCall({ function: msg.function_call });
    if (call) content.push(call);
  }

  // a complete body without finish_reason ended normally
  let stopReason: StopReason =
    choice.finish_reason === undefined || choice.finish_reason === null
      ? 'end_turn'
      : mapOpenAIFinishReason(String(choice.finish_reason));
  if (refusal) stopReason = 'refusal';
  else if (stopReason === 'end_turn' && content.some((p) => p.type === 'tool_call')) stopReason = 'tool_use';

  return {
    id: nonEmpty(body.id) ?? newId.chatCompletion(),
    model: nonEmpty(body.model) ?? '',
    created:
      typeof body.created === 'number' && body.created > 0 ? body.created : Math.floor(Date.now() / 1000),
    content,
    stopReason,
    usage: mapOpenAIUsage(body.usage),
  };
}
