// Reading usage from a provider's own answer without changing it: from a whole body, or frame
// by frame from a stream. When the provider never reports usage, the generated text is kept
// (frames only, until usage shows up) so it can be counted instead.
import type { Usage } from '../canonical/index.js';
import { emptyUsage, mergeUsage } from '../canonical/index.js';
import type { ResolvedModel } from '../catalog/index.js';
import { createAnthropicUsageTracker } from '../protocols/anthropic/index.js';
import { mapOpenAIUsage } from '../protocols/openai-chat/index.js';
import { countRequestTokens, countTextTokens } from '../tokenizer/index.js';
import type { ClientProtocol } from './call-context.js';
import { estimateUsage, generatedText } from './estimate-usage.js';
import { clientCodecs, upstreamCodecFor } from './protocol-registry.js';
import { frameData } from './sse-frames.js';

type Json = Record<string, unknown>;

/** counts the prompt of a request body the provider accepted (falls back to its raw JSON) */
function promptCounter(client: ClientProtocol, body: Json) {
  return async () => {
    try {
      return await countRequestTokens(clientCodecs[client].decodeRequest(body));
    } catch {
      return countTextTokens(JSON.stringify(body.messages ?? ''));
    }
  };
}

/** usage of a whole (non-streamed) answer */
export async function usageOfBody(
  client: ClientProtocol,
  target: ResolvedModel,
  body: Json,
  answer: Json,
): Promise<Usage> {
  if (answer.usage) {
    return client === 'anthropic'
      ? mergeUsage(emptyUsage(), createAnthropicUsageTracker().update(answer.usage))
      : mapOpenAIUsage(answer.usage);
  }
  let generated = '';
  try {
    generated = generatedText(upstreamCodecFor(target.provider).decodeResponse(answer).content);
  } catch {
    // an answer our decoder cannot read (no choices, say) is still the provider's: it passes through
  }
  return estimateUsage(promptCounter(client, body), generated);
}

export interface StreamUsageTap {
  /** reads one frame; false when the frame must not reach the client */
  frame(frame: Buffer): boolean;
  /** the usage seen, or an estimate when the provider sent none */
  result(): Promise<Usage>;
  /** what was seen so far (for a stream that failed half-way) */
  readonly partial: Usage;
}

/** the generated text carried by one content frame of either protocol */
function frameText(frame: Buffer): string {
  const data = frameData(frame);
  if (!data) return '';
  try {
    const j = JSON.parse(data) as Json;
    const delta = (j.delta ?? (j.choices as Json[] | undefined)?.[0]?.delta) as Json | undefined;
    if (!delta) return '';
    let s = '';
    for (const k of ['content', 'text', 'thinking', 'partial_json', 'reasoning_content', 'reasoning']) {
      if (typeof delta[k] === 'string') s += delta[k];
    }
    for (const tc of (delta.tool_calls as Json[] | undefined) ?? []) {
      const f = tc.function as Json | undefined;
      if (f && typeof f.name === 'string') s += f.name;
      if (f && typeof f.arguments === 'string') s += f.arguments;
    }
    return s;
  } catch {
    return '';
  }
}

/**
 * `clientWantsUsage`: for OpenAI streams the gateway always asks for usage; the usage-only
 * chunk (`choices: []`) is held back from a client that did not ask for it.
 */
export function createStreamUsageTap(
  client: ClientProtocol,
  body: Json,
  clientWantsUsage: boolean,
): StreamUsageTap {
  const usage = emptyUsage();
  let complete = false;
  let contentFrames: Buffer[] | undefined = [];
  const anthropic = createAnthropicUsageTracker();

  const openaiFrame = (frame: Buffer): boolean => {
    if (!frame.includes('"usage"')) {
      if (contentFrames && frame.includes('"delta"')) contentFrames.push(frame);
      return true;
    }
    const data = frameData(frame);
    if (!data || data === '[DONE]') return true;
    try {
      const j = JSON.parse(data) as Json;
      if (!j.usage) {
        // with include_usage every chunk carries `"usage": null`: still a content chunk
        if (contentFrames && frame.includes('"delta"')) contentFrames.push(frame);
        return true;
      }
      mergeUsage(usage, mapOpenAIUsage(j.usage));
      complete = true;
      contentFrames = undefined;
      return clientWantsUsage || !(Array.isArray(j.choices) && j.choices.length === 0);
    } catch {
      return true; // not JSON: the client sees what the provider sent
    }
  };

  const anthropicFrame = (frame: Buffer): boolean => {
    if (!frame.includes('message_start') && !frame.includes('message_delta')) {
      if (contentFrames && frame.includes('_delta')) contentFrames.push(frame);
      return true;
    }
    const data = frameData(frame);
    if (!data) return true;
    try {
      const j = JSON.parse(data) as Json;
      const u = j.type === 'message_start' ? (j.message as Json | undefined)?.usage : j.usage;
      if (u) {
        mergeUsage(usage, anthropic.update(u));
        if (j.type === 'message_delta') {
          complete = true;
          contentFrames = undefined;
        }
      }
    } catch {
      // forwarded as it is
    }
    return true;
  };

  return {
    frame: client === 'openai' ? openaiFrame : anthropicFrame,
    partial: usage,
    async result() {
      if (complete) return usage;
      const generated = (contentFrames ?? []).map(frameText).join('');
      return estimateUsage(promptCounter(client, body), generated, usage);
    },
  };
}
