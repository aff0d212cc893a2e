// A CanonicalResponse as the Anthropic Message object a client expects. Another provider's
// reasoning signature (or redacted data) is wrapped so that it is recognised when the client
// sends it back (wrap-foreign-signature.ts).
import { type AssistantPart, type CanonicalResponse, newId } from '../../canonical/index.js';
import type { AnthropicAssistantBlock, AnthropicMessage } from './anthropic-wire-types.js';
import { usageToAnthropic } from './convert-anthropic-usage.js';
import { stopReasonToAnthropic } from './map-anthropic-stop-reason.js';
import { parseToolArguments } from './parse-tool-arguments.js';
import { wrapForeignSignature } from './wrap-foreign-signature.js';

function toBlock(part: AssistantPart): AnthropicAssistantBlock {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'reasoning':
      return {
        type: 'thinking',
        thinking: part.text,
        signature: wrapForeignSignature(part.signature ?? '', part.signatureOrigin),
      };
    case 'redacted_reasoning':
      return { type: 'redacted_thinking', data: wrapForeignSignature(part.data, part.origin) };
    case 'tool_call':
      return {
        type: 'tool_use',
        id: part.id || newId.anthropicToolUse(),
        name: part.name,
        input: parseToolArguments(part.arguments),
      };
  }
}

export function encodeAnthropicResponse(res: CanonicalResponse, model: string): AnthropicMessage {
  return {
    id: res.id || newId.anthropicMessage(),
    type: 'message',
    role: 'assistant',
    model,
    content: res.content.map(toBlock),
    stop_reason: stopReasonToAnthropic(res.stopReason),
    stop_sequence: res.stopSequence ?? null,
    usage: usageToAnthropic(res.usage),
  };
}
