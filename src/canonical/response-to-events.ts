// A whole response as the stream of events that would have produced it: for a client that asked
// for a stream when the answer came back whole (a provider that ignored `stream`, the simulator).
import type { CanonicalResponse, CanonicalStreamEvent } from './types.js';

export function responseToEvents(res: CanonicalResponse): CanonicalStreamEvent[] {
  const out: CanonicalStreamEvent[] = [{ type: 'start', id: res.id, model: res.model, created: res.created }];
  let toolIndex = 0;
  for (const p of res.content) {
    if (p.type === 'text') out.push({ type: 'text_delta', text: p.text });
    else if (p.type === 'reasoning') {
      out.push({ type: 'reasoning_delta', text: p.text });
      if (p.signature) {
        out.push(
          p.signatureOrigin
            ? { type: 'reasoning_signature', signature: p.signature, origin: p.signatureOrigin }
            : { type: 'reasoning_signature', signature: p.signature },
        );
      }
    } else if (p.type === 'redacted_reasoning') {
      out.push(
        p.origin
          ? { type: 'redacted_reasoning', data: p.data, origin: p.origin }
          : { type: 'redacted_reasoning', data: p.data },
      );
    } else {
      out.push({ type: 'tool_call_start', toolIndex, id: p.id, name: p.name });
      out.push({ type: 'tool_call_delta', toolIndex: toolIndex++, argumentsDelta: p.arguments });
    }
  }
  out.push({ type: 'finish', stopReason: res.stopReason, stopSequence: res.stopSequence });
  out.push({ type: 'usage', usage: res.usage });
  return out;
}
