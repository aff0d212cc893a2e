// An Anthropic Message (non-streaming response) into a CanonicalResponse. Blocks from
// Anthropic's server tools (server_tool_use, web_search_tool_result, code execution
// results, mcp_tool_use, compaction, …) have no canonical equivalent and are dropped; the
// text around them is kept. Thinking signatures and redacted thinking data are marked as
// Anthropic's (signatureOrigin / origin), so no other provider is sent them.
import {
  type AssistantPart,
  type CanonicalResponse,
  emptyUsage,
  GatewayError,
  mergeUsage,
} from '../../canonical/index.js';
import { usageFromAnthropic } from './convert-anthropic-usage.js';
import { stopReasonFromAnthropic } from './map-anthropic-stop-reason.js';
import { isRecord } from './read-request-fields.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** One response content block as a canonical part; none for blocks without an equivalent. */
export function decodeAnthropicContentBlock(block: unknown): AssistantPart | undefined {
  if (!isRecord(block)) return undefined;
  switch (block.type) {
    case 'text':
      return { type: 'text', text: str(block.text) };
    case 'thinking': {
      const signature = str(block.signature);
      const text = str(block.thinking);
      return signature
        ? { type: 'reasoning', text, signature, signatureOrigin: 'anthropic' }
        : { type: 'reasoning', text };
    }
    case 'redacted_thinking':
      return { type: 'redacted_reasoning', data: str(block.data), origin: 'anthropic' };
    case 'tool_use':
      return {
        type: 'tool_call',
        id: str(block.id),
        name: str(block.name),
        arguments: JSON.stringify(isRecord(block.input) ? block.input : {}),
      };
    default:
      return undefined;
  }
}

export function decodeAnthropicResponse(body: unknown): CanonicalResponse {
  if (!isRecord(body) || !Array.isArray(body.content)) {
    throw new GatewayError(
      'upstream_error',
      'Anthropic upstream returned a response that is not a Message object',
      {
        upstreamProtocol: 'anthropic',
      },
    );
  }
  const content: AssistantPart[] = [];
  for (const block of body.content) {
    const part = decodeAnthropicContentBlock(block);
    if (part) content.push(part);
  }
  const res: CanonicalResponse = {
    id: str(body.id),
    model: str(body.model),
    created: Math.floor(Date.now() / 1000),
    content,
    stopReason: stopReasonFromAnthropic(body.stop_reason),
    stopSequence: typeof body.stop_sequence === 'string' ? body.stop_sequence : null,
    usage: mergeUsage(emptyUsage(), usageFromAnthropic(body.usage)),
  };
  return res;
}
