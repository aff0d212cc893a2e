// A Responses API response object -> CanonicalResponse. Reasoning items become reasoning parts
// (summary text, or the reasoning text some servers send; encrypted_content as an `openai`
// signature), messages text, function calls tool calls. Items of built-in tools (web search,
// code interpreter…) are only produced when the request asked for those tools, which a translated
// request never does; they carry nothing the canonical model can hold and are skipped.
import type { AssistantPart, CanonicalResponse, StopReason } from '../../canonical/index.js';
import { mapResponsesUsage } from './map-responses-usage.js';
import { canonicalToolName } from './responses-tool-names.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObj) : []);

/** the reasoning text of a reasoning item: its summaries, else its reasoning_text content */
export function reasoningText(item: Json): string {
  const summary = list(item.summary).map((s) => str(s.text));
  if (summary.length > 0) return summary.join('\n\n');
  return list(item.content)
    .map((c) => str(c.text))
    .join('');
}

export function decodeOutputItems(output: unknown): AssistantPart[] {
  const parts: AssistantPart[] = [];
  for (const item of list(output)) {
    if (item.type === 'reasoning') {
      const text = reasoningText(item);
      const signature = str(item.encrypted_content);
      if (signature) parts.push({ type: 'reasoning', text, signature, signatureOrigin: 'openai' });
      else if (text) parts.push({ type: 'reasoning', text });
    } else if (item.type === 'message') {
      for (const c of list(item.content)) {
        const text = c.type === 'refusal' ? str(c.refusal) : str(c.text);
        if (text) parts.push({ type: 'text', text });
      }
    } else if (item.type === 'function_call' || item.type === 'custom_tool_call') {
      const args =
        item.type === 'function_call'
          ? str(item.arguments) || '{}'
          : JSON.stringify({ input: str(item.input) });
      const name = canonicalToolName(str(item.name), str(item.namespace) || undefined);
      parts.push({ type: 'tool_call', id: str(item.call_id), name, arguments: args });
    }
  }
  return parts;
}

/** the canonical stop reason of a finished response */
export function responsesStopReason(r: Json, content: AssistantPart[]): StopReason {
  const reason = isObj(r.incomplete_details) ? r.incomplete_details.reason : undefined;
  if (r.status === 'incomplete') return reason === 'content_filter' ? 'content_filter' : 'max_tokens';
  if (r.status === 'failed') return 'error';
  if (content.some((p) => p.type === 'tool_call')) return 'tool_use';
  const refused = list(r.output).some((i) => list(i.content).some((c) => c.type === 'refusal'));
  return refused ? 'refusal' : 'end_turn';
}

export function decodeResponsesResponse(body: unknown): CanonicalResponse {
  if (!isObj(body) || !Array.isArray(body.output))
    throw new Error('expected a response object with an output list');
  const content = decodeOutputItems(body.output);
  return {
    id: str(body.id),
    model: str(body.model),
    created: typeof body.created_at === 'number' ? body.created_at : Math.floor(Date.now() / 1000),
    content,
    stopReason: responsesStopReason(body, content),
    usage: mapResponsesUsage(body.usage),
  };
}
