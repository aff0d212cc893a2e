// The legacy completions endpoint as a client codec for chat models: the request through the
// OpenAI chat decoder (completions-request.ts builds its body), the answer as a
// `text_completion` (streamed as text_completion chunks, usage last when asked, then [DONE]).
import type { ClientCodec, StreamEncoder, StreamEncoderOptions } from '../../canonical/codec.js';
import { randomId } from '../../canonical/ids.js';
import type { CanonicalResponse, StopReason, Usage } from '../../canonical/types.js';
import { openaiChatClient } from '../openai-chat/index.js';
import { completionsToChatBody } from './completions-request.js';

const finishReason = (r: StopReason) =>
  r === 'max_tokens' ? 'length' : r === 'content_filter' || r === 'refusal' ? 'content_filter' : 'stop';

const usageOf = (u: Usage) => ({
  prompt_tokens: u.inputTokens,
  completion_tokens: u.outputTokens,
  total_tokens: u.inputTokens + u.outputTokens,
});

const completionId = () => `cmpl-${randomId(29)}`;

function textOf(res: CanonicalResponse): string {
  let s = '';
  for (const p of res.content) if (p.type === 'text') s += p.text;
  return s;
}

function streamEncoder(opts: StreamEncoderOptions): StreamEncoder {
  let id = opts.id ?? completionId();
  let created = Math.floor(Date.now() / 1000);
  let usage: Partial<Usage> = {};
  let finish: string | undefined;
  const chunk = (text: string, reason: string | null) =>
    `data: ${JSON.stringify({
      id,
      object: 'text_completion',
      created,
      model: opts.model,
      choices: [{ text, index: 0, logprobs: null, finish_reason: reason }],
    })}\n\n`;
  return {
    encode(ev) {
      switch (ev.type) {
        case 'start':
          if (ev.id) id = ev.id.startsWith('cmpl-') ? ev.id : id;
          if (ev.created) created = ev.created;
          if (ev.usage) usage = { ...usage, ...ev.usage };
          return '';
        case 'text_delta':
          return ev.text ? chunk(ev.text, null) : '';
        case 'usage':
          usage = { ...usage, ...ev.usage };
          return '';
        case 'finish':
          finish = finishReason(ev.stopReason);
          return '';
        default:
          return '';
      }
    },
    finish() {
      let out = chunk('', finish ?? 'stop');
      if (opts.includeUsage) {
        const u = { inputTokens: usage.inputTokens ?? 0, outputTokens: usage.outputTokens ?? 0 } as Usage;
        out += `data: ${JSON.stringify({
          id,
          object: 'text_completion',
          created,
          model: opts.model,
          choices: [],
          usage: usageOf(u),
        })}\n\n`;
      }
      return `${out}data: [DONE]\n\n`;
    },
    keepAlive: () => ': keep-alive\n\n',
  };
}

export const completionsClient: ClientCodec = {
  decodeRequest(body) {
    return openaiChatClient.decodeRequest(completionsToChatBody(body as Record<string, unknown>));
  },
  encodeResponse(res, model) {
    return {
      id: completionId(),
      object: 'text_completion',
      created: res.created,
      model,
      choices: [{ text: textOf(res), index: 0, logprobs: null, finish_reason: finishReason(res.stopReason) }],
      usage: usageOf(res.usage),
    };
  },
  createStreamEncoder: streamEncoder,
};
