import {
  type CanonicalStreamEvent,
  kindForStatus,
  newId,
  randomId,
  type SseEvent,
  type StreamDecoder,
} from '../../canonical/index.js';
import {
  createPartialArgsAccumulator,
  type PartialArgsAccumulator,
} from './accumulate-gemini-partial-args.js';
import { geminiCreatedSeconds } from './decode-gemini-response.js';
import type { GeminiGenerateContentResponse, GeminiPart } from './gemini-types.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { mapGeminiUsage } from './map-gemini-usage.js';

/**
 * Decodes `streamGenerateContent?alt=sse`: every data event is a whole GenerateContentResponse
 * chunk.
 * - the first chunk → `start` (responseId, modelVersion);
 * - text → text_delta; `thought: true` text → reasoning_delta; a thoughtSignature →
 *   reasoning_signature (origin 'gemini'), emitted before the content of the part that carries it (after the
 *   text of a thought part), so it lands on a reasoning block right before a function call;
 * - a whole functionCall → tool_call_start + one tool_call_delta with all the args as JSON;
 * - a streamed functionCall (Vertex `partialArgs`: a first chunk with the name and
 *   `willContinue`, then partialArgs chunks, then an empty `functionCall: {}` or a chunk without
 *   `willContinue`) → tool_call_start when the name arrives and one tool_call_delta with the
 *   rebuilt arguments when the call ends (a new call, the finishReason and the end of the
 *   stream also end it, as some streams never send the terminal chunk);
 * - usageMetadata → `usage` whenever its counts change (the last one wins);
 * - `{"error": {...}}` → `error`;
 * - the finishReason (tool_use when there were function calls) → `finish`, sent from finish()
 *   so that usage arriving after it still comes first.
 */
export function createGeminiStreamDecoder(): StreamDecoder {
  let started = false;
  let done = false;
  let nextToolIndex = 0;
  let open: { index: number; args: PartialArgsAccumulator } | undefined;
  let finishReason: string | undefined;
  let blockReason: string | undefined;
  let lastUsage = '';

  function closeOpenCall(out: CanonicalStreamEvent[]): void {
    if (!open) return;
    out.push({ type: 'tool_call_delta', toolIndex: open.index, argumentsDelta: open.args.json() });
    open = undefined;
  }

  function startCall(out: CanonicalStreamEvent[], name: string, id: string | undefined): number {
    const index = nextToolIndex++;
    out.push({ type: 'tool_call_start', toolIndex: index, id: id || newId.toolCall(), name });
    return index;
  }

  function onPart(part: GeminiPart, out: CanonicalStreamEvent[]): void {
    if (!part || typeof part !== 'object') return;
    const signature =
      typeof part.thoughtSignature === 'string' && part.thoughtSignature ? part.thoughtSignature : undefined;
    const fc = part.functionCall;
    if (fc && typeof fc === 'object') {
      if (typeof fc.name === 'string' && fc.name) {
        closeOpenCall(out);
        if (signature) out.push({ type: 'reasoning_signature', signature, origin: 'gemini' });
        const index = startCall(out, fc.name, fc.id);
        if (fc.willContinue === true || Array.isArray(fc.partialArgs)) {
          open = { index, args: createPartialArgsAccumulator() };
          if (fc.args) open.args.seed(fc.args);
          if (fc.partialArgs) open.args.add(fc.partialArgs);
          if (fc.willContinue !== true) closeOpenCall(out);
        } else {
          out.push({
            type: 'tool_call_delta',
            toolIndex: index,
            argumentsDelta: JSON.stringify(fc.args ?? {}),
          });
        }
      } else if (open) {
        if (fc.partialArgs) open.args.add(fc.partialArgs);
        if (fc.willContinue !== true) closeOpenCall(out);
      }
      return;
    }
    const text = typeof part.text === 'string' ? part.text : '';
    if (part.thought === true) {
      if (text) out.push({ type: 'reasoning_delta', text });
      if (signature) out.push({ type: 'reasoning_signature', signature, origin: 'gemini' });
      return;
    }
    if (signature) out.push({ type: 'reasoning_signature', signature, origin: 'gemini' });
    if (text) out.push({ type: 'text_delta', text });
  }

  function onChunk(
    chunk: GeminiGenerateContentResponse & { error?: unknown },
    out: CanonicalStreamEvent[],
  ): void {
    if (chunk.error && typeof chunk.error === 'object') {
      const err = chunk.error as { code?: unknown; message?: unknown; status?: unknown };
      const status = typeof err.code === 'number' && err.code >= 400 ? err.code : 500;
      const message =
        typeof err.message === 'string' && err.message ? err.message : JSON.stringify(chunk.error);
      closeOpenCall(out);
      done = true;
      out.push({ type: 'error', error: { status, message, kind: kindForStatus(status) } });
      return;
    }
    if (!started) {
      started = true;
      out.push({
        type: 'start',
        id: typeof chunk.responseId === 'string' && chunk.responseId ? chunk.responseId : randomId(),
        model: typeof chunk.modelVersion === 'string' ? chunk.modelVersion : '',
        created: geminiCreatedSeconds(chunk.createTime),
      });
    }
    const candidate = Array.isArray(chunk.candidates) ? chunk.candidates[0] : undefined;
    const parts = Array.isArray(candidate?.content?.parts) ? candidate.content.parts : [];
    for (const part of parts) onPart(part, out);
    if (typeof chunk.promptFeedback?.blockReason === 'string') blockReason = chunk.promptFeedback.blockReason;
    if (typeof candidate?.finishReason === 'string') {
      finishReason = candidate.finishReason;
      closeOpenCall(out);
    }
    const usage = mapGeminiUsage(chunk.usageMetadata);
    const key = JSON.stringify(usage);
    if (key !== '{}' && key !== lastUsage) {
      lastUsage = key;
      out.push({ type: 'usage', usage });
    }
  }

  return {
    decode(ev: SseEvent): CanonicalStreamEvent[] {
      if (done) return [];
      const data = ev.data.trim();
      if (data === '' || data === '[DONE]') return [];
      let parsed: unknown;
      try {
        parsed = JSON.parse(data);
      } catch {
        done = true;
        return [
          {
            type: 'error',
            error: {
              status: 502,
              message: `Gemini sent a stream event that is not JSON: ${data.slice(0, 100)}`,
              kind: 'upstream_error',
            },
          },
        ];
      }
      const out: CanonicalStreamEvent[] = [];
      for (const chunk of Array.isArray(parsed) ? parsed : [parsed]) {
        if (done) break;
        if (chunk && typeof chunk === 'object') onChunk(chunk as GeminiGenerateContentResponse, out);
      }
      return out;
    },

    finish(): CanonicalStreamEvent[] {
      const out: CanonicalStreamEvent[] = [];
      if (done || !started) return out;
      closeOpenCall(out);
      if (finishReason !== undefined) {
        out.push({ type: 'finish', stopReason: mapGeminiFinishReason(finishReason, nextToolIndex > 0) });
      } else if (blockReason !== undefined) {
        out.push({ type: 'finish', stopReason: 'content_filter' });
      } else {
        out.push({
          type: 'error',
          error: {
            status: 502,
            message: 'the Gemini stream ended without a finishReason',
            kind: 'upstream_error',
          },
        });
      }
      done = true;
      return out;
    },
  };
}
