// A Converse response → the canonical response. Bedrock sends no response id in the body (the
// request id is a header), so one is made; the model is the one the request named.
import { type AssistantPart, type CanonicalResponse, randomId } from '../../canonical/index.js';
import type { BedrockContentBlock, BedrockConverseResponse } from './bedrock-types.js';
import { mapBedrockStopReason } from './map-bedrock-stop-reason.js';
import { mapBedrockUsage } from './map-bedrock-usage.js';

function part(block: BedrockContentBlock): AssistantPart | undefined {
  if ('text' in block && typeof block.text === 'string') return { type: 'text', text: block.text };
  if ('toolUse' in block && block.toolUse) {
    const t = block.toolUse;
    return { type: 'tool_call', id: t.toolUseId, name: t.name, arguments: JSON.stringify(t.input ?? {}) };
  }
  if ('reasoningContent' in block && block.reasoningContent) {
    const r = block.reasoningContent;
    if ('redactedContent' in r && typeof r.redactedContent === 'string')
      return { type: 'redacted_reasoning', data: r.redactedContent, origin: 'bedrock' };
    if ('reasoningText' in r && r.reasoningText) {
      const { text, signature } = r.reasoningText;
      return signature
        ? { type: 'reasoning', text: text ?? '', signature, signatureOrigin: 'bedrock' }
        : { type: 'reasoning', text: text ?? '' };
    }
  }
  return undefined;
}

export function decodeBedrockResponse(body: unknown, model = ''): CanonicalResponse {
  if (!body || typeof body !== 'object') throw new Error('the body is not a JSON object');
  const res = body as BedrockConverseResponse;
  const blocks = res.output?.message?.content;
  if (!Array.isArray(blocks)) throw new Error('output.message.content is missing');
  const content: AssistantPart[] = [];
  for (const b of blocks) {
    const p = b && typeof b === 'object' ? part(b) : undefined;
    if (p) content.push(p);
  }
  let stopReason = mapBedrockStopReason(res.stopReason);
  if (stopReason === 'end_turn' && content.some((p) => p.type === 'tool_call')) stopReason = 'tool_use';
  return {
    id: `bedrock-${randomId(24)}`,
    model,
    created: Math.floor(Date.now() / 1000),
    content,
    stopReason,
    usage: mapBedrockUsage(res.usage),
  };
}
