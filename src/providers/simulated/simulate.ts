// The simulator's three entry points: a whole response, a paced stream, and embeddings.
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { newId } from '../../canonical/ids.js';
import type {
  AssistantPart,
  CanonicalEmbeddingRequest,
  CanonicalEmbeddingResponse,
  CanonicalRequest,
  CanonicalResponse,
  CanonicalStreamEvent,
  Usage,
} from '../../canonical/types.js';
import type { CatalogModel } from '../../catalog/catalog-model.js';
import { countRequestTokens, countTextTokens } from '../../tokenizer/index.js';
import { planAnswer, type SimPlan } from './plan-answer.js';

export interface SimulatorOptions {
  chunkDelayMs: number;
  firstTokenDelayMs: number;
}

async function fitToMaxTokens(plan: SimPlan, maxTokens: number | undefined): Promise<void> {
  if (!maxTokens || plan.toolCalls.length > 0) return;
  if ((await countTextTokens(plan.text)) <= maxTokens) return;
  const words = plan.text.split(' ');
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if ((await countTextTokens(words.slice(0, mid).join(' '))) <= maxTokens) lo = mid;
    else hi = mid - 1;
  }
  plan.text = words.slice(0, lo).join(' ');
  plan.stopReason = 'max_tokens';
}

async function planFor(req: CanonicalRequest, model: CatalogModel) {
  const plan = planAnswer(req, model.id, model.reasoning === true);
  await fitToMaxTokens(plan, req.maxTokens);
  const reasoningTokens = plan.reasoning ? await countTextTokens(plan.reasoning.text) : 0;
  let out = await countTextTokens(plan.text);
  for (const c of plan.toolCalls) out += await countTextTokens(c.name + c.arguments);
  const usage: Usage = {
    inputTokens: await countRequestTokens(req),
    outputTokens: out + reasoningTokens,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens,
  };
  return { plan, usage };
}

export async function simulateResponse(
  req: CanonicalRequest,
  model: CatalogModel,
  opts: SimulatorOptions,
  signal?: AbortSignal,
): Promise<CanonicalResponse> {
  const { plan, usage } = await planFor(req, model);
  if (opts.firstTokenDelayMs > 0) await sleep(opts.firstTokenDelayMs, undefined, { signal });
  const content: AssistantPart[] = [];
  if (plan.reasoning)
    content.push({
      type: 'reasoning',
      text: plan.reasoning.text,
      signature: plan.reasoning.signature,
      signatureOrigin: 'simulated',
    });
  if (plan.text) content.push({ type: 'text', text: plan.text });
  for (const c of plan.toolCalls)
    content.push({ type: 'tool_call', id: c.id, name: c.name, arguments: c.arguments });
  return {
    id: newId.chatCompletion(),
    model: model.model,
    created: Math.floor(Date.now() / 1000),
    content,
    stopReason: plan.stopReason,
    stopSequence: plan.stopSequence ?? null,
    usage,
  };
}

/** splits text into deltas of about three words, as a real model streams */
function deltas(text: string): string[] {
  const words = text.match(/\S+\s*/g) ?? [];
  const out: string[] = [];
  for (let i = 0; i < words.length; i += 3) out.push(words.slice(i, i + 3).join(''));
  return out;
}

export async function* simulateStream(
  req: CanonicalRequest,
  model: CatalogModel,
  opts: SimulatorOptions,
  signal?: AbortSignal,
): AsyncGenerator<CanonicalStreamEvent> {
  const { plan, usage } = await planFor(req, model);
  const pause = async (ms: number) => {
    if (ms > 0) await sleep(ms, undefined, { signal });
    else signal?.throwIfAborted();
  };
  yield {
    type: 'start',
    id: newId.chatCompletion(),
    model: model.model,
    created: Math.floor(Date.now() / 1000),
    usage: { inputTokens: usage.inputTokens },
  };
  await pause(opts.firstTokenDelayMs);
  if (plan.reasoning) {
    for (const d of deltas(plan.reasoning.text)) {
      yield { type: 'reasoning_delta', text: d };
      await pause(opts.chunkDelayMs);
    }
    yield { type: 'reasoning_signature', signature: plan.reasoning.signature, origin: 'simulated' };
  }
  for (const d of deltas(plan.text)) {
    yield { type: 'text_delta', text: d };
    await pause(opts.chunkDelayMs);
  }
  for (const [toolIndex, c] of plan.toolCalls.entries()) {
    yield { type: 'tool_call_start', toolIndex, id: c.id, name: c.name };
    const mid = Math.ceil(c.arguments.length / 2);
    for (const part of [c.arguments.slice(0, mid), c.arguments.slice(mid)]) {
      if (!part) continue;
      yield { type: 'tool_call_delta', toolIndex, argumentsDelta: part };
      await pause(opts.chunkDelayMs);
    }
  }
  yield { type: 'finish', stopReason: plan.stopReason, stopSequence: plan.stopSequence ?? null };
  yield { type: 'usage', usage };
}

/** unit vectors derived from the text's hash: equal texts give equal vectors */
export async function simulateEmbeddings(
  req: CanonicalEmbeddingRequest,
  model: CatalogModel,
): Promise<CanonicalEmbeddingResponse> {
  const dims = req.dimensions ?? 256;
  const embeddings = req.input.map((text) => {
    const seed = createHash('sha256').update(text).digest();
    let state = seed.readUInt32LE(0) || 1;
    const v = new Array<number>(dims);
    let norm = 0;
    for (let i = 0; i < dims; i++) {
      // xorshift32: cheap, deterministic
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const x = ((state >>> 0) / 0xffffffff) * 2 - 1;
      v[i] = x;
      norm += x * x;
    }
    const inv = 1 / Math.sqrt(norm || 1);
    return v.map((x) => Math.fround(x * inv));
  });
  let tokens = 0;
  for (const t of req.input) tokens += await countTextTokens(t);
  return { model: model.model, embeddings, usage: { inputTokens: tokens } };
}
