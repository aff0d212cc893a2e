// The answer in Chat Completions wire format: a `chat.completion` body, or the `chat.completion.chunk`
// sequence of a stream (role chunk, content or tool-call argument deltas, finish chunk, and the `choices: []`
// usage chunk only when `stream_options.include_usage` is true), shaped like the recordings in
// fixtures/openai/chat-completions. Azure routes add its content-filter fields.
import type { Answer } from '../decide-answer.js';
import { splitJsonIntoFragments, splitTextIntoDeltas } from '../split-into-deltas.js';

export interface OpenAIReplyContext {
  id: string;
  created: number;
  model: string;
  systemFingerprint: string;
  answer: Answer;
  toolCallId: string;
  /** tool_choice named a function: OpenAI then reports finish_reason "stop", not "tool_calls". */
  forcedTool: boolean;
  usage: { promptTokens: number; completionTokens: number; cachedTokens: number; reasoningTokens: number };
  azure: boolean;
  /** Random-looking padding OpenAI adds to stream chunks (`obfuscation`). */
  obfuscation: () => string;
}

export function buildOpenAIChatCompletion(ctx: OpenAIReplyContext): Record<string, unknown> {
  const { answer } = ctx;
  const message =
    answer.kind === 'text'
      ? { role: 'assistant', content: answer.text, refusal: null, annotations: [] }
      : {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: ctx.toolCallId,
              type: 'function',
              function: { name: answer.name, arguments: JSON.stringify(answer.arguments) },
            },
          ],
          refusal: null,
          annotations: [],
        };
  return {
    id: ctx.id,
    object: 'chat.completion',
    created: ctx.created,
    model: ctx.model,
    choices: [
      {
        index: 0,
        message,
        logprobs: null,
        finish_reason: finishReason(ctx),
        ...(ctx.azure ? { content_filter_results: azureContentFilter() } : {}),
      },
    ],
    usage: openAIUsage(ctx.usage),
    ...(ctx.azure ? { prompt_filter_results: azurePromptFilter() } : {}),
    service_tier: 'default',
    system_fingerprint: ctx.systemFingerprint,
  };
}

export function buildOpenAIChatChunks(
  ctx: OpenAIReplyContext,
  includeUsage: boolean,
): Record<string, unknown>[] {
  const { answer } = ctx;
  const chunk = (choices: unknown[], usage?: unknown) => ({
    id: ctx.id,
    object: 'chat.completion.chunk',
    created: ctx.created,
    model: ctx.model,
    service_tier: 'default',
    system_fingerprint: ctx.systemFingerprint,
    choices,
    ...(includeUsage ? { usage: usage ?? null } : {}),
    obfuscation: ctx.obfuscation(),
  });
  const choice = (delta: Record<string, unknown>, finish: string | null = null) => ({
    index: 0,
    delta,
    logprobs: null,
    finish_reason: finish,
    ...(ctx.azure ? { content_filter_results: finish || delta.role ? {} : azureContentFilter() } : {}),
  });

  const chunks: Record<string, unknown>[] = [];
  if (ctx.azure) {
    chunks.push({
      choices: [],
      created: 0,
      id: '',
      model: '',
      object: '',
      prompt_filter_results: azurePromptFilter(),
    });
  }
  if (answer.kind === 'text') {
    chunks.push(chunk([choice({ role: 'assistant', content: '', refusal: null })]));
    for (const piece of splitTextIntoDeltas(answer.text)) chunks.push(chunk([choice({ content: piece })]));
  } else {
    const start = {
      index: 0,
      id: ctx.toolCallId,
      type: 'function',
      function: { name: answer.name, arguments: '' },
    };
    chunks.push(chunk([choice({ role: 'assistant', content: null, tool_calls: [start], refusal: null })]));
    for (const fragment of splitJsonIntoFragments(JSON.stringify(answer.arguments))) {
      chunks.push(chunk([choice({ tool_calls: [{ index: 0, function: { arguments: fragment } }] })]));
    }
  }
  chunks.push(chunk([choice({}, finishReason(ctx))]));
  if (includeUsage) chunks.push(chunk([], openAIUsage(ctx.usage)));
  return chunks;
}

function finishReason(ctx: OpenAIReplyContext): string {
  if (ctx.answer.kind === 'tool-call') return ctx.forcedTool ? 'stop' : 'tool_calls';
  return ctx.answer.truncated ? 'length' : 'stop';
}

function openAIUsage(usage: OpenAIReplyContext['usage']) {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function azureContentFilter() {
  const safe = { filtered: false, severity: 'safe' };
  return { hate: safe, self_harm: safe, sexual: safe, violence: safe };
}

function azurePromptFilter() {
  const safe = { filtered: false, severity: 'safe' };
  return [
    {
      prompt_index: 0,
      content_filter_results: {
        hate: safe,
        jailbreak: { filtered: false, detected: false },
        self_harm: safe,
        sexual: safe,
        violence: safe,
      },
    },
  ];
}
