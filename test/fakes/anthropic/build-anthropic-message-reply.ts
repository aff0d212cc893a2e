// The answer in Messages wire format: a `message` body, or the stream's event sequence (message_start,
// content_block_start, ping, content_block_delta with text_delta / thinking_delta / signature_delta /
// input_json_delta, content_block_stop, message_delta with usage, message_stop), shaped like the recordings
// in fixtures/anthropic/messages.
import type { Answer } from '../decide-answer.js';
import { splitJsonIntoFragments, splitTextIntoDeltas } from '../split-into-deltas.js';

export interface AnthropicReplyContext {
  id: string;
  model: string;
  answer: Answer;
  toolUseId: string;
  /** Present when the request enabled extended thinking: a thinking block comes first. */
  thinking?: { text: string; signature: string };
  usage: { inputTokens: number; outputTokens: number; cacheReadTokens: number };
}

export interface AnthropicEvent {
  event: string;
  data: Record<string, unknown>;
}

export function buildAnthropicMessage(ctx: AnthropicReplyContext): Record<string, unknown> {
  const content: Record<string, unknown>[] = [];
  if (ctx.thinking)
    content.push({ type: 'thinking', thinking: ctx.thinking.text, signature: ctx.thinking.signature });
  if (ctx.answer.kind === 'tool-call') {
    content.push({ type: 'tool_use', id: ctx.toolUseId, name: ctx.answer.name, input: ctx.answer.arguments });
  } else if (ctx.answer.text !== '') {
    content.push({ type: 'text', text: ctx.answer.text });
  }
  return {
    model: ctx.model,
    id: ctx.id,
    type: 'message',
    role: 'assistant',
    content,
    stop_reason: stopReason(ctx.answer),
    stop_sequence: null,
    usage: { ...startUsage(ctx), output_tokens: ctx.usage.outputTokens, service_tier: 'standard' },
  };
}

export function buildAnthropicEvents(ctx: AnthropicReplyContext): AnthropicEvent[] {
  const events: AnthropicEvent[] = [];
  const add = (data: Record<string, unknown>) => events.push({ event: data.type as string, data });
  add({
    type: 'message_start',
    message: {
      model: ctx.model,
      id: ctx.id,
      type: 'message',
      role: 'assistant',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...startUsage(ctx), output_tokens: 1, service_tier: 'standard' },
    },
  });
  let index = 0;
  const startBlock = (block: Record<string, unknown>) => {
    add({ type: 'content_block_start', index, content_block: block });
    if (index === 0) add({ type: 'ping' });
  };
  const delta = (value: Record<string, unknown>) => add({ type: 'content_block_delta', index, delta: value });
  const stopBlock = () => {
    add({ type: 'content_block_stop', index });
    index++;
  };

  if (ctx.thinking) {
    startBlock({ type: 'thinking', thinking: '', signature: '' });
    for (const piece of splitTextIntoDeltas(ctx.thinking.text))
      delta({ type: 'thinking_delta', thinking: piece });
    delta({ type: 'signature_delta', signature: ctx.thinking.signature });
    stopBlock();
  }
  const { answer } = ctx;
  if (answer.kind === 'tool-call') {
    startBlock({ type: 'tool_use', id: ctx.toolUseId, name: answer.name, input: {} });
    delta({ type: 'input_json_delta', partial_json: '' });
    for (const fragment of splitJsonIntoFragments(JSON.stringify(answer.arguments))) {
      delta({ type: 'input_json_delta', partial_json: fragment });
    }
    stopBlock();
  } else if (answer.text !== '') {
    startBlock({ type: 'text', text: '' });
    for (const piece of splitTextIntoDeltas(answer.text)) delta({ type: 'text_delta', text: piece });
    stopBlock();
  }
  add({
    type: 'message_delta',
    delta: { stop_reason: stopReason(answer), stop_sequence: null },
    usage: {
      input_tokens: ctx.usage.inputTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: ctx.usage.cacheReadTokens,
      output_tokens: ctx.usage.outputTokens,
    },
  });
  add({ type: 'message_stop' });
  return events;
}

export function formatAnthropicEvent(event: AnthropicEvent): string {
  return `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

function stopReason(answer: Answer): string {
  if (answer.kind === 'tool-call') return 'tool_use';
  return answer.truncated ? 'max_tokens' : 'end_turn';
}

function startUsage(ctx: AnthropicReplyContext) {
  return {
    input_tokens: ctx.usage.inputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: ctx.usage.cacheReadTokens,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
  };
}
