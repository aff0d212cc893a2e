// The answer as GenerateContentResponse objects: one for generateContent, or the stream's chunks (text in
// several chunks each carrying usageMetadata, the last one with finishReason; a functionCall chunk followed by
// an empty-text chunk with finishReason, as in fixtures/google/generate-content/google-tool-call.chunks.txt).
import type { Answer } from '../decide-answer.js';
import { estimateTokens } from '../estimate-tokens.js';
import { splitTextIntoDeltas } from '../split-into-deltas.js';

export interface GeminiReplyContext {
  responseId: string;
  modelVersion: string;
  answer: Answer;
  /** Thought summary text, when the request asked for `thinkingConfig.includeThoughts`. */
  thought?: string;
  /** Tokens reported as thinking (`thoughtsTokenCount`), 0 for none. */
  thoughtsTokens: number;
  usage: { promptTokens: number; candidatesTokens: number; cachedTokens: number };
}

type Part = Record<string, unknown>;

export function buildGeminiResponse(ctx: GeminiReplyContext): Record<string, unknown> {
  const parts: Part[] = [];
  if (ctx.thought) parts.push({ text: ctx.thought, thought: true });
  parts.push(answerPart(ctx.answer));
  return response(ctx, parts, finishReason(ctx.answer), ctx.usage.candidatesTokens);
}

export function buildGeminiStreamChunks(ctx: GeminiReplyContext): Record<string, unknown>[] {
  const chunks: Record<string, unknown>[] = [];
  if (ctx.thought) chunks.push(response(ctx, [{ text: ctx.thought, thought: true }], undefined, 0));
  const { answer } = ctx;
  if (answer.kind === 'tool-call') {
    chunks.push(response(ctx, [answerPart(answer)], undefined, ctx.usage.candidatesTokens));
    chunks.push(response(ctx, [{ text: '' }], 'STOP', ctx.usage.candidatesTokens));
    return chunks;
  }
  const pieces = splitTextIntoDeltas(answer.text);
  let sent = '';
  pieces.forEach((piece, i) => {
    sent += piece;
    const last = i === pieces.length - 1;
    const candidates = last ? ctx.usage.candidatesTokens : estimateTokens(sent);
    chunks.push(response(ctx, [{ text: piece }], last ? finishReason(answer) : undefined, candidates));
  });
  return chunks;
}

function answerPart(answer: Answer): Part {
  return answer.kind === 'text'
    ? { text: answer.text }
    : { functionCall: { name: answer.name, args: answer.arguments } };
}

function finishReason(answer: Answer): string {
  return answer.kind === 'text' && answer.truncated ? 'MAX_TOKENS' : 'STOP';
}

function response(
  ctx: GeminiReplyContext,
  parts: Part[],
  finish: string | undefined,
  candidatesTokens: number,
): Record<string, unknown> {
  const { promptTokens, cachedTokens } = ctx.usage;
  const usageMetadata: Record<string, unknown> = {
    promptTokenCount: promptTokens,
    candidatesTokenCount: candidatesTokens,
    totalTokenCount: promptTokens + candidatesTokens + ctx.thoughtsTokens,
    ...(cachedTokens > 0 ? { cachedContentTokenCount: cachedTokens } : {}),
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: promptTokens }],
    ...(cachedTokens > 0 ? { cacheTokensDetails: [{ modality: 'TEXT', tokenCount: cachedTokens }] } : {}),
    ...(ctx.thoughtsTokens > 0 ? { thoughtsTokenCount: ctx.thoughtsTokens } : {}),
  };
  return {
    candidates: [
      {
        content: { parts, role: 'model' },
        ...(finish ? { finishReason: finish } : {}),
        index: 0,
      },
    ],
    usageMetadata,
    modelVersion: ctx.modelVersion,
    responseId: ctx.responseId,
  };
}
