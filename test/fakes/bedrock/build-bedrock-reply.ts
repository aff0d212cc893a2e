// The fake's answers in Bedrock's shapes: a Converse response body, or the ConverseStream event
// payloads in order (each to be sent as one event-stream message). Claude models asked to think
// (additionalModelRequestFields.thinking) answer with a reasoning block and its signature first.
import { createHmac } from 'node:crypto';
import { type Answer, answerText, type ConversationSummary, promptTokens } from '../decide-answer.js';
import { estimateTokens } from '../estimate-tokens.js';

export interface BedrockAnswer {
  thinking?: string;
  signature?: string;
  answer: Answer;
  toolUseId?: string;
  stopReason: string;
  usage: { inputTokens: number; outputTokens: number; totalTokens: number; cacheReadInputTokens?: number };
}

export function planBedrockAnswer(
  summary: ConversationSummary,
  answer: Answer,
  thinks: boolean,
  toolUseId: string,
  cachedTokens = 0,
): BedrockAnswer {
  const thinking = thinks
    ? `Thinking about: ${summary.lastTurn.kind === 'user' ? summary.lastTurn.text : 'the tool results'}`
    : undefined;
  const signature = thinking
    ? createHmac('sha256', 'fake-bedrock').update(thinking).digest('base64')
    : undefined;
  const prompt = promptTokens(summary);
  const cached = Math.min(cachedTokens, prompt);
  const output = estimateTokens(answerText(answer)) + (thinking ? estimateTokens(thinking) : 0);
  const stopReason = answer.kind === 'tool-call' ? 'tool_use' : answer.truncated ? 'max_tokens' : 'end_turn';
  return {
    thinking,
    signature,
    answer,
    toolUseId: answer.kind === 'tool-call' ? toolUseId : undefined,
    stopReason,
    usage: {
      inputTokens: prompt - cached,
      outputTokens: output,
      totalTokens: prompt + output,
      ...(cached ? { cacheReadInputTokens: cached } : {}),
    },
  };
}

export function converseBody(a: BedrockAnswer): unknown {
  const content: unknown[] = [];
  if (a.thinking)
    content.push({ reasoningContent: { reasoningText: { text: a.thinking, signature: a.signature } } });
  if (a.answer.kind === 'text') content.push({ text: a.answer.text });
  else content.push({ toolUse: { toolUseId: a.toolUseId, name: a.answer.name, input: a.answer.arguments } });
  return {
    output: { message: { role: 'assistant', content } },
    stopReason: a.stopReason,
    usage: a.usage,
    metrics: { latencyMs: 42 },
  };
}

/** [event type, payload] in ConverseStream order; text and tool input arrive in pieces */
export function converseStreamEvents(a: BedrockAnswer): Array<[string, Record<string, unknown>]> {
  const out: Array<[string, Record<string, unknown>]> = [['messageStart', { role: 'assistant' }]];
  let index = 0;
  const pieces = (s: string) => s.match(/[\s\S]{1,8}/g) ?? [];
  if (a.thinking) {
    for (const t of pieces(a.thinking))
      out.push(['contentBlockDelta', { contentBlockIndex: index, delta: { reasoningContent: { text: t } } }]);
    out.push([
      'contentBlockDelta',
      { contentBlockIndex: index, delta: { reasoningContent: { signature: a.signature } } },
    ]);
    out.push(['contentBlockStop', { contentBlockIndex: index }]);
    index++;
  }
  if (a.answer.kind === 'text') {
    for (const t of pieces(a.answer.text))
      out.push(['contentBlockDelta', { contentBlockIndex: index, delta: { text: t } }]);
  } else {
    out.push([
      'contentBlockStart',
      { contentBlockIndex: index, start: { toolUse: { toolUseId: a.toolUseId, name: a.answer.name } } },
    ]);
    for (const t of pieces(JSON.stringify(a.answer.arguments)))
      out.push(['contentBlockDelta', { contentBlockIndex: index, delta: { toolUse: { input: t } } }]);
  }
  out.push(['contentBlockStop', { contentBlockIndex: index }]);
  out.push(['messageStop', { stopReason: a.stopReason }]);
  out.push(['metadata', { usage: a.usage, metrics: { latencyMs: 42 } }]);
  return out;
}
