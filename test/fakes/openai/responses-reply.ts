// The answer in Responses API wire format: the response object, or the typed event stream
// (response.created, in_progress, output items with their part / delta / done events,
// response.completed or .incomplete), shaped like fixtures/openai/responses.
import type { Answer } from '../decide-answer.js';
import { splitJsonIntoFragments, splitTextIntoDeltas } from '../split-into-deltas.js';

export interface ResponsesReplyContext {
  id: string;
  createdAt: number;
  model: string;
  answer: Answer;
  /** the request's settings repeated in the response object */
  request: Record<string, any>;
  ids: { message: string; reasoning: string; functionCall: string; call: string };
  /** a reasoning summary to show (reasoning was asked for with a summary) */
  reasoningSummary?: string;
  /** encrypted reasoning state (include: reasoning.encrypted_content) */
  encryptedReasoning?: string;
  usage: { inputTokens: number; outputTokens: number; cachedTokens: number; reasoningTokens: number };
  obfuscation: () => string;
}

function reasoningItem(ctx: ResponsesReplyContext) {
  const item: Record<string, unknown> = {
    id: ctx.ids.reasoning,
    type: 'reasoning',
    summary: ctx.reasoningSummary ? [{ type: 'summary_text', text: ctx.reasoningSummary }] : [],
  };
  if (ctx.encryptedReasoning) item.encrypted_content = ctx.encryptedReasoning;
  return item;
}

const outputText = (text: string) => ({ type: 'output_text', annotations: [], logprobs: [], text });

function finalItems(ctx: ResponsesReplyContext): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  if (ctx.reasoningSummary !== undefined || ctx.encryptedReasoning) items.push(reasoningItem(ctx));
  const a = ctx.answer;
  if (a.kind === 'text')
    items.push({
      id: ctx.ids.message,
      type: 'message',
      status: a.truncated ? 'incomplete' : 'completed',
      content: [outputText(a.text)],
      role: 'assistant',
    });
  else
    items.push({
      id: ctx.ids.functionCall,
      type: 'function_call',
      status: 'completed',
      arguments: JSON.stringify(a.arguments),
      call_id: ctx.ids.call,
      name: a.name,
    });
  return items;
}

function responseObject(ctx: ResponsesReplyContext, status: string, output: unknown[], withUsage: boolean) {
  const r = ctx.request;
  const truncated = ctx.answer.kind === 'text' && ctx.answer.truncated;
  return {
    id: ctx.id,
    object: 'response',
    created_at: ctx.createdAt,
    status,
    background: false,
    error: null,
    incomplete_details: status === 'incomplete' && truncated ? { reason: 'max_output_tokens' } : null,
    instructions: r.instructions ?? null,
    max_output_tokens: r.max_output_tokens ?? null,
    max_tool_calls: null,
    model: ctx.model,
    output,
    parallel_tool_calls: r.parallel_tool_calls ?? true,
    previous_response_id: r.previous_response_id ?? null,
    prompt_cache_key: null,
    reasoning: { effort: r.reasoning?.effort ?? null, summary: r.reasoning?.summary ?? null },
    safety_identifier: null,
    service_tier: 'default',
    store: r.store ?? true,
    temperature: r.temperature ?? 1,
    text: { format: r.text?.format ?? { type: 'text' }, verbosity: 'medium' },
    tool_choice: r.tool_choice ?? 'auto',
    tools: (r.tools ?? []).map((t: any) => ({ ...t, strict: t.strict ?? true })),
    top_logprobs: 0,
    top_p: r.top_p ?? 1,
    truncation: 'disabled',
    usage: withUsage
      ? {
          input_tokens: ctx.usage.inputTokens,
          input_tokens_details: { cached_tokens: ctx.usage.cachedTokens },
          output_tokens: ctx.usage.outputTokens,
          output_tokens_details: { reasoning_tokens: ctx.usage.reasoningTokens },
          total_tokens: ctx.usage.inputTokens + ctx.usage.outputTokens,
        }
      : null,
    user: r.user ?? null,
    metadata: r.metadata ?? {},
  };
}

const finalStatus = (ctx: ResponsesReplyContext) =>
  ctx.answer.kind === 'text' && ctx.answer.truncated ? 'incomplete' : 'completed';

export function buildResponsesObject(ctx: ResponsesReplyContext): Record<string, unknown> {
  return responseObject(ctx, finalStatus(ctx), finalItems(ctx), true);
}

/** the event stream; each element is one event's payload (its `type` is also the SSE event name) */
export function buildResponsesEvents(ctx: ResponsesReplyContext): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  const add = (type: string, fields: Record<string, unknown>) =>
    events.push({ type, sequence_number: events.length, ...fields });
  const opening = responseObject(ctx, 'in_progress', [], false);
  add('response.created', { response: opening });
  add('response.in_progress', { response: opening });
  const items = finalItems(ctx);
  items.forEach((item, output_index) => {
    const item_id = item.id;
    if (item.type === 'reasoning') {
      add('response.output_item.added', {
        output_index,
        item: { id: item_id, type: 'reasoning', summary: [] },
      });
      if (ctx.reasoningSummary) {
        const part = { type: 'summary_text', text: '' };
        add('response.reasoning_summary_part.added', { item_id, output_index, summary_index: 0, part });
        for (const delta of splitTextIntoDeltas(ctx.reasoningSummary))
          add('response.reasoning_summary_text.delta', {
            item_id,
            output_index,
            summary_index: 0,
            delta,
            obfuscation: ctx.obfuscation(),
          });
        add('response.reasoning_summary_text.done', {
          item_id,
          output_index,
          summary_index: 0,
          text: ctx.reasoningSummary,
        });
        add('response.reasoning_summary_part.done', {
          item_id,
          output_index,
          summary_index: 0,
          part: { ...part, text: ctx.reasoningSummary },
        });
      }
    } else if (item.type === 'message') {
      const text = (item.content as { text: string }[])[0]!.text;
      add('response.output_item.added', {
        output_index,
        item: { ...item, status: 'in_progress', content: [] },
      });
      add('response.content_part.added', { item_id, output_index, content_index: 0, part: outputText('') });
      for (const delta of splitTextIntoDeltas(text))
        add('response.output_text.delta', {
          item_id,
          output_index,
          content_index: 0,
          delta,
          logprobs: [],
          obfuscation: ctx.obfuscation(),
        });
      add('response.output_text.done', { item_id, output_index, content_index: 0, text, logprobs: [] });
      add('response.content_part.done', { item_id, output_index, content_index: 0, part: outputText(text) });
    } else {
      add('response.output_item.added', {
        output_index,
        item: { ...item, status: 'in_progress', arguments: '' },
      });
      for (const delta of splitJsonIntoFragments(item.arguments as string))
        add('response.function_call_arguments.delta', {
          item_id,
          output_index,
          delta,
          obfuscation: ctx.obfuscation(),
        });
      add('response.function_call_arguments.done', { item_id, output_index, arguments: item.arguments });
    }
    add('response.output_item.done', { output_index, item });
  });
  const status = finalStatus(ctx);
  add(status === 'completed' ? 'response.completed' : 'response.incomplete', {
    response: responseObject(ctx, status, items, true),
  });
  return events;
}
