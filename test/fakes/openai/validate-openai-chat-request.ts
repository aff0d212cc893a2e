// A modest subset of the checks api.openai.com makes on POST /v1/chat/completions, with its real messages.
import type { Reply } from '../fake-upstream-types.js';
import { invalidRequest } from './openai-errors.js';

const roles = ['system', 'assistant', 'user', 'function', 'tool', 'developer'];

export function validateOpenAIChatRequest(
  body: unknown,
  options: { modelRequired: boolean },
): Reply | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return invalidRequest(
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please visit https://platform.openai.com/docs/guides/error-codes/api-errors.)",
    );
  }
  const request = body as Record<string, any>;
  if (options.modelRequired && (typeof request.model !== 'string' || request.model === '')) {
    return invalidRequest('you must provide a model parameter');
  }
  if (request.messages === undefined) {
    return invalidRequest(
      "Missing required parameter: 'messages'.",
      'messages',
      'missing_required_parameter',
    );
  }
  if (!Array.isArray(request.messages)) {
    return invalidRequest(
      `Invalid type for 'messages': expected an array of objects, but got ${typeof request.messages} instead.`,
      'messages',
      'invalid_type',
    );
  }
  if (request.messages.length === 0) {
    return invalidRequest(
      "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      'messages',
      'empty_array',
    );
  }
  if (
    typeof request.model === 'string' &&
    /^(o\d|gpt-5)/.test(request.model) &&
    request.max_tokens !== undefined
  ) {
    return invalidRequest(
      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      'max_tokens',
      'unsupported_parameter',
    );
  }
  if (request.stream_options != null && request.stream !== true) {
    return invalidRequest(
      "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
      'stream_options',
    );
  }
  return validateMessages(request.messages);
}

function validateMessages(messages: any[]): Reply | undefined {
  let pendingToolCalls: { index: number; ids: Set<string>; all: Set<string> } | undefined;
  for (const [index, message] of messages.entries()) {
    if (message === null || typeof message !== 'object') {
      return invalidRequest(
        `Invalid type for 'messages[${index}]': expected an object, but got ${typeof message} instead.`,
        `messages[${index}]`,
        'invalid_type',
      );
    }
    if (!roles.includes(message.role)) {
      return invalidRequest(
        `Invalid value: '${message.role}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`,
        `messages[${index}].role`,
        'invalid_value',
      );
    }
    if (message.content === undefined && message.role !== 'assistant') {
      return invalidRequest(
        `Missing required parameter: 'messages[${index}].content'.`,
        `messages[${index}].content`,
        'missing_required_parameter',
      );
    }
    if (message.role === 'tool') {
      if (!pendingToolCalls) {
        return invalidRequest(
          "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
          `messages.[${index}].role`,
        );
      }
      if (!pendingToolCalls.all.has(message.tool_call_id)) {
        return invalidRequest(
          `Invalid parameter: 'tool_call_id' of '${message.tool_call_id}' not found in 'tool_calls' of previous message.`,
          `messages.[${index}].tool_call_id`,
        );
      }
      pendingToolCalls.ids.delete(message.tool_call_id);
      continue;
    }
    const unanswered = pendingToolCalls ? unansweredError(pendingToolCalls) : undefined;
    if (unanswered) return unanswered;
    pendingToolCalls = undefined;
    if (message.role === 'assistant' && Array.isArray(message.tool_calls) && message.tool_calls.length > 0) {
      const ids: string[] = message.tool_calls.map((call: { id: string }) => call.id);
      pendingToolCalls = { index, ids: new Set(ids), all: new Set(ids) };
    }
  }
  return pendingToolCalls ? unansweredError(pendingToolCalls) : undefined;
}

function unansweredError(pending: { index: number; ids: Set<string> }): Reply | undefined {
  if (pending.ids.size === 0) return undefined;
  return invalidRequest(
    `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...pending.ids].join(', ')}`,
    `messages.[${pending.index}].role`,
  );
}
