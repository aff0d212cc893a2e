// Canonical answer content -> Responses output items, in order: reasoning items, assistant
// messages (consecutive text parts share one), function calls and custom tool calls.
import type { AssistantPart, ToolCallPart } from '../../canonical/index.js';
import { carryRedacted, carrySignature } from './reasoning-carrier.js';
import { responsesId } from './responses-ids.js';
import { type ClientToolNames, customInput } from './responses-tool-names.js';
import type {
  ResponsesCustomToolCallItem,
  ResponsesFunctionCallItem,
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

/** a tool call as the client defined the tool: a function call (namespaced or not) or a custom tool call */
export function callItem(
  part: Pick<ToolCallPart, 'id' | 'name' | 'arguments'>,
  names: ClientToolNames | undefined,
  status: 'in_progress' | 'completed',
): ResponsesFunctionCallItem | ResponsesCustomToolCallItem {
  const tool = names?.get(part.name);
  if (tool?.kind === 'custom') {
    const item: ResponsesCustomToolCallItem = {
      id: responsesId.customToolCall(),
      type: 'custom_tool_call',
      status,
      call_id: part.id,
      name: tool.name,
      input: status === 'completed' ? customInput(part.arguments) : '',
    };
    if (tool.namespace) item.namespace = tool.namespace;
    return item;
  }
  const item: ResponsesFunctionCallItem = {
    id: responsesId.functionCall(),
    type: 'function_call',
    status,
    arguments: part.arguments,
    call_id: part.id,
    name: tool?.name ?? part.name,
  };
  if (tool?.namespace) item.namespace = tool.namespace;
  return item;
}

/** `incomplete`: the answer was cut short (the message item says so too) */
export function encodeResponsesOutput(
  content: AssistantPart[],
  incomplete = false,
  names?: ClientToolNames,
): ResponsesOutputItem[] {
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
    else out.push(callItem(part, names, 'completed'));
  }
  return out;
}
