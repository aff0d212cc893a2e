// Folds a raw SSE answer into what a client would make of it, for the request-shape tests
// (clients that cannot run here: Cursor, Cline, the Python libraries).
import { parseSseText } from '../fakes/parse-sse-text.js';

export interface CollectedAnswer {
  text: string;
  toolCalls: { id: string; name: string; arguments: string }[];
  finish: string | null;
  inputTokens: number;
  outputTokens: number;
}

interface ChatChunk {
  choices?: {
    delta?: {
      content?: string | null;
      tool_calls?: { index: number; id?: string; function?: { name?: string; arguments?: string } }[];
    };
    finish_reason?: string | null;
  }[];
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
  error?: unknown;
}

/** an OpenAI Chat Completions stream (`data: {...}` chunks, then `data: [DONE]`) */
export function collectChatStream(body: string): CollectedAnswer {
  const out: CollectedAnswer = { text: '', toolCalls: [], finish: null, inputTokens: 0, outputTokens: 0 };
  const events = parseSseText(body);
  if (events.at(-1)?.data !== '[DONE]')
    throw new Error(`stream does not end with [DONE]: ${body.slice(-200)}`);
  for (const e of events.slice(0, -1)) {
    const chunk = JSON.parse(e.data) as ChatChunk;
    if (chunk.error) throw new Error(`error in the stream: ${e.data}`);
    const choice = chunk.choices?.[0];
    out.text += choice?.delta?.content ?? '';
    for (const t of choice?.delta?.tool_calls ?? []) {
      if (!out.toolCalls[t.index]) out.toolCalls[t.index] = { id: '', name: '', arguments: '' };
      const call = out.toolCalls[t.index]!;
      call.id ||= t.id ?? '';
      call.name += t.function?.name ?? '';
      call.arguments += t.function?.arguments ?? '';
    }
    if (choice?.finish_reason) out.finish = choice.finish_reason;
    if (chunk.usage) {
      out.inputTokens = chunk.usage.prompt_tokens;
      out.outputTokens = chunk.usage.completion_tokens;
    }
  }
  return out;
}

interface MessagesEvent {
  type: string;
  index?: number;
  message?: { usage?: { input_tokens: number } };
  content_block?: { type: string; id?: string; name?: string };
  delta?: { type?: string; text?: string; partial_json?: string; stop_reason?: string };
  usage?: { output_tokens: number };
}

/** an Anthropic Messages stream (`event: message_start` … `event: message_stop`) */
export function collectMessagesStream(body: string): CollectedAnswer {
  const out: CollectedAnswer = { text: '', toolCalls: [], finish: null, inputTokens: 0, outputTokens: 0 };
  const events = parseSseText(body);
  if (events.at(-1)?.event !== 'message_stop') throw new Error(`stream does not end with message_stop`);
  const blocks = new Map<number, { id: string; name: string; arguments: string }>();
  for (const e of events) {
    if (e.event === 'ping') continue;
    const ev = JSON.parse(e.data) as MessagesEvent;
    if (ev.type === 'error') throw new Error(`error in the stream: ${e.data}`);
    if (ev.type === 'message_start') out.inputTokens = ev.message?.usage?.input_tokens ?? 0;
    if (ev.type === 'content_block_start' && ev.content_block?.type === 'tool_use') {
      const call = { id: ev.content_block.id ?? '', name: ev.content_block.name ?? '', arguments: '' };
      blocks.set(ev.index ?? 0, call);
      out.toolCalls.push(call);
    }
    if (ev.type === 'content_block_delta') {
      if (ev.delta?.type === 'text_delta') out.text += ev.delta.text ?? '';
      if (ev.delta?.type === 'input_json_delta') {
        const call = blocks.get(ev.index ?? 0);
        if (call) call.arguments += ev.delta.partial_json ?? '';
      }
    }
    if (ev.type === 'message_delta') {
      out.finish = ev.delta?.stop_reason ?? null;
      out.outputTokens = ev.usage?.output_tokens ?? 0;
    }
  }
  return out;
}
