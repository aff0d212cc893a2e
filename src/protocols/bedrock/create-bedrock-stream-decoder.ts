// ConverseStream events (read off the binary event stream as { event: type, data: JSON }) →
// canonical stream events.
// - messageStart → start (id made here; Bedrock's stream carries none);
// - contentBlockStart with toolUse → tool_call_start; contentBlockDelta text → text_delta,
//   toolUse.input → tool_call_delta, reasoningContent text / signature / redactedContent →
//   reasoning_delta / reasoning_signature / redacted_reasoning (origin 'bedrock');
// - metadata usage → usage; messageStop → finish, sent from finish() so the metadata event
//   that follows it still comes first;
// - an exception event (throttlingException, modelStreamErrorException, …) → error with the
//   status it stands for.
import {
  type CanonicalStreamEvent,
  kindForStatus,
  randomId,
  type SseEvent,
  type StopReason,
  type StreamDecoder,
} from '../../canonical/index.js';
import { BEDROCK_STREAM_EXCEPTIONS, type BedrockStreamPayloads } from './bedrock-types.js';
import { mapBedrockStopReason } from './map-bedrock-stop-reason.js';
import { mapBedrockUsage } from './map-bedrock-usage.js';

export function createBedrockStreamDecoder(model = ''): StreamDecoder {
  let started = false;
  let done = false;
  let stop: StopReason | undefined;
  let sawTool = false;
  const toolIndexByBlock = new Map<number, number>();

  const start = (out: CanonicalStreamEvent[]) => {
    if (started) return;
    started = true;
    out.push({ type: 'start', id: `bedrock-${randomId(24)}`, model, created: Math.floor(Date.now() / 1000) });
  };

  function onEvent<K extends keyof BedrockStreamPayloads>(
    type: K,
    p: BedrockStreamPayloads[K],
    out: CanonicalStreamEvent[],
  ): void {
    switch (type) {
      case 'messageStart':
        start(out);
        return;
      case 'contentBlockStart': {
        const e = p as BedrockStreamPayloads['contentBlockStart'];
        const tool = e.start?.toolUse;
        if (!tool) return;
        start(out);
        sawTool = true;
        const toolIndex = toolIndexByBlock.size;
        toolIndexByBlock.set(e.contentBlockIndex, toolIndex);
        out.push({ type: 'tool_call_start', toolIndex, id: tool.toolUseId, name: tool.name });
        return;
      }
      case 'contentBlockDelta': {
        const e = p as BedrockStreamPayloads['contentBlockDelta'];
        const d = e.delta ?? {};
        start(out);
        if (typeof d.text === 'string' && d.text) out.push({ type: 'text_delta', text: d.text });
        if (d.toolUse && typeof d.toolUse.input === 'string') {
          const toolIndex = toolIndexByBlock.get(e.contentBlockIndex);
          if (toolIndex !== undefined && d.toolUse.input)
            out.push({ type: 'tool_call_delta', toolIndex, argumentsDelta: d.toolUse.input });
        }
        const r = d.reasoningContent;
        if (r) {
          if (typeof r.text === 'string' && r.text) out.push({ type: 'reasoning_delta', text: r.text });
          if (typeof r.signature === 'string' && r.signature)
            out.push({ type: 'reasoning_signature', signature: r.signature, origin: 'bedrock' });
          if (typeof r.redactedContent === 'string' && r.redactedContent)
            out.push({ type: 'redacted_reasoning', data: r.redactedContent, origin: 'bedrock' });
        }
        return;
      }
      case 'messageStop': {
        const e = p as BedrockStreamPayloads['messageStop'];
        stop = mapBedrockStopReason(e.stopReason);
        return;
      }
      case 'metadata': {
        const e = p as BedrockStreamPayloads['metadata'];
        if (e.usage) out.push({ type: 'usage', usage: mapBedrockUsage(e.usage) });
        return;
      }
      default:
        return;
    }
  }

  return {
    decode(ev: SseEvent): CanonicalStreamEvent[] {
      if (done) return [];
      const out: CanonicalStreamEvent[] = [];
      let payload: unknown;
      try {
        payload = ev.data ? JSON.parse(ev.data) : {};
      } catch {
        throw new Error(`a ${ev.event ?? 'stream'} event whose payload is not JSON`);
      }
      const type = ev.event ?? '';
      const exceptionStatus = BEDROCK_STREAM_EXCEPTIONS[type];
      if (exceptionStatus !== undefined || /Exception$/.test(type)) {
        const status = exceptionStatus ?? 500;
        const message =
          payload &&
          typeof payload === 'object' &&
          typeof (payload as { message?: unknown }).message === 'string'
            ? `${type}: ${(payload as { message: string }).message}`
            : type;
        done = true;
        out.push({ type: 'error', error: { status, message, kind: kindForStatus(status) } });
        return out;
      }
      if (payload && typeof payload === 'object')
        onEvent(type as keyof BedrockStreamPayloads, payload as never, out);
      return out;
    },
    finish(): CanonicalStreamEvent[] {
      if (done || stop === undefined) return [];
      done = true;
      const stopReason = stop === 'end_turn' && sawTool ? 'tool_use' : stop;
      return [{ type: 'finish', stopReason }];
    },
  };
}
