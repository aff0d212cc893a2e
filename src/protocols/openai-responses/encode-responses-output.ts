// Canonical answer content -> Responses output items, in order: reasoning items, assistant
// messages (consecutive text parts share one) and function calls.
import type { AssistantPart } from '../../canonical/index.js';
import { carryRedacted, carrySignature } from './reasoning-carrier.js';
import { responsesId } from './responses-ids.js';
import type {
  ResponsesMessageItem,
  ResponsesOutputItem,
  ResponsesReasoningItem,
} from './responses-wire-types.js';

export function reasoningItem(
  text: string,
  encrypted: string | undefined,
  id = responsesId.reasoning(),
): ResponsesReasoningItem {
  const item: ResponsesReasoningItem = {
    id,
    type: 'reasoning',
    summary: text === '' ? [] : [{ type: 'summary_text', text }],
  };
  if (encrypted !== undefined) item.encrypted_content = encrypted;
  return item;
}

export function outputText(text: string) {
  return { type: 'output_text' as const, annotations: [], logprobs: [], text };
}

/** `incomplete`: the answer was cut short (the message item says so too) */
export function encodeResponsesOutput(content: AssistantPart[], incomplete = false): ResponsesOutputItem[] {
  const out: ResponsesOutputItem[] = [];
  let message: ResponsesMessageItem | undefined;
  for (const part of content) {
    if (part.type === 'text') {
      if (!message) {
        message = {
          id: responsesId.message(),
          type: 'message',
          status: incomplete ? 'incomplete' : 'completed',
          role: 'assistant',
          content: [],
        };
        out.push(message);
      }
      message.content.push(outputText(part.text));
      continue;
    }
    message = undefined;
    if (part.type === 'reasoning') out.push(reasoningItem(part.text, carrySignature(part)));
    else if (part.type === 'redacted_reasoning') out.push(reasoningItem('', carryRedacted(part)));
    else
      out.push({
        id: responsesId.functionCall(),
        type: 'function_call',
        status: 'completed',
        arguments: part.arguments,
        call_id: part.id,
        name: part.name,
      });
  }
  return out;
}
