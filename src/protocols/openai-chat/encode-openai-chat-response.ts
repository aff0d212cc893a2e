// CanonicalResponse -> a `chat.completion` object for an OpenAI client.
import { type CanonicalResponse, newId } from '../../canonical/index.js';
import { toOpenAIFinishReason } from './map-openai-finish-reason.js';
import { toOpenAIUsage } from './map-openai-usage.js';
import type {
  OpenAIChatCompletion,
  OpenAIResponseMessage,
  OpenAIToolCall,
} from './openai-chat-wire-types.js';

/**
 * `model` is the name to show the client. Text parts are concatenated; `content` is null
 * when the answer is only tool calls. Reasoning text goes to `reasoning_content` (not in
 * OpenAI's API, but the field DeepSeek introduced and most OpenAI clients read); signatures
 * and redacted reasoning have no OpenAI form and are left out.
 */
export function encodeOpenAIChatResponse(res: CanonicalResponse, model: string): OpenAIChatCompletion {
  let text = '';
  let reasoning = '';
  const toolCalls: OpenAIToolCall[] = [];
  for (const part of res.content) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'reasoning') reasoning += part.text;
    else if (part.type === 'tool_call') {
      toolCalls.push({
        id: part.id,
        type: 'function',
        function: { name: part.name, arguments: part.arguments },
      });
    }
  }

  const message: OpenAIResponseMessage = {
    role: 'assistant',
    content: text === '' && toolCalls.length > 0 ? null : text,
    refusal: null,
  };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (reasoning !== '') message.reasoning_content = reasoning;

  return {
    id: res.id || newId.chatCompletion(),
    object: 'chat.completion',
    created: res.created || Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: toOpenAIFinishReason(res.stopReason) }],
    usage: toOpenAIUsage(res.usage),
  };
}
