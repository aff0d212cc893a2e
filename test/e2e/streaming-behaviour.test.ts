// How streams behave beyond their content: a client that goes away mid-stream stops the upstream
// call (passthrough and translated), and a provider that reports no usage still leaves the client
// with a usage figure (estimated).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type OpenAI from 'openai';
import type { FakeUpstream } from '../fakes/index.js';
import { type Harness, MASTER_KEY, startHarness } from './harness.js';

const USER = [{ role: 'user' as const, content: 'Tell me a story about a lighthouse keeper' }];

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});
beforeEach(() => {
  h.resetUpstreams();
});

/** waits until the fake saw its stream aborted (or fails after timeoutMs) */
async function streamAborted(fake: FakeUpstream, timeoutMs = 1000) {
  const until = Date.now() + timeoutMs;
  while (fake.stats.streamsAborted === 0 && Date.now() < until) await sleep(5);
  assert.equal(fake.stats.streamsAborted, 1, 'the upstream stream was not aborted');
  assert.equal(fake.stats.streamsCompleted, 0, 'the upstream stream ran to its end');
  assert.equal(fake.stats.streamsStarted, 1);
}

describe('a client that disconnects mid-stream aborts the upstream call', () => {
  test('passthrough (OpenAI SDK, stream.controller.abort())', async () => {
    h.openaiUp.script({ kind: 'slow-stream', chunkDelayMs: 100 });
    const s = await h
      .openai()
      .chat.completions.create({ model: 'openai/gpt-4o-mini', messages: USER, stream: true });
    let chunks = 0;
    for await (const _ of s) {
      chunks++;
      s.controller.abort();
      break;
    }
    assert.equal(chunks, 1);
    await streamAborted(h.openaiUp);
  });

  test('passthrough (Anthropic SDK, stream.abort())', async () => {
    h.anthropicUp.script({ kind: 'slow-stream', chunkDelayMs: 100 });
    const s = h
      .anthropic()
      .messages.stream({ model: 'anthropic/claude-haiku-4-5', max_tokens: 200, messages: USER });
    await new Promise<void>((resolve) => s.on('streamEvent', () => resolve()));
    s.abort();
    await assert.rejects(s.finalMessage());
    await streamAborted(h.anthropicUp);
  });

  test('translated (raw fetch with an AbortController)', async () => {
    h.anthropicUp.script({ kind: 'slow-stream', chunkDelayMs: 100 });
    const ac = new AbortController();
    const r = await fetch(`${h.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'anthropic/claude-haiku-4-5', messages: USER, stream: true }),
      signal: ac.signal,
    });
    assert.equal(r.status, 200);
    const reader = r.body!.getReader();
    const first = await reader.read();
    assert.match(new TextDecoder().decode(first.value), /^data: /);
    ac.abort();
    await assert.rejects(reader.read());
    await streamAborted(h.anthropicUp);
  });

  test('translated (OpenAI SDK client, Gemini upstream)', async () => {
    h.geminiUp.script({ kind: 'slow-stream', chunkDelayMs: 100 });
    const s = await h
      .openai()
      .chat.completions.create({ model: 'google/gemini-2.5-flash', messages: USER, stream: true });
    for await (const _ of s) {
      s.controller.abort();
      break;
    }
    await streamAborted(h.geminiUp);
  });
});

describe('a provider that reports no usage: the client gets an estimate', () => {
  const ANSWER = 'The keeper lit the lamp every night, and the ships came home safely.';
  const completionWithoutUsage = {
    id: 'chatcmpl-nousage',
    object: 'chat.completion',
    created: 1_760_000_000,
    model: 'gpt-4o-mini',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: ANSWER, refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
  };
  const chunk = (delta: object, finish: string | null) =>
    `data: ${JSON.stringify({
      id: 'chatcmpl-nousage',
      object: 'chat.completion.chunk',
      created: 1_760_000_000,
      model: 'gpt-4o-mini',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    })}\n\n`;
  const streamWithoutUsage =
    chunk({ role: 'assistant', content: '' }, null) +
    ANSWER.split(/(?<= )/)
      .map((w) => chunk({ content: w }, null))
      .join('') +
    chunk({}, 'stop') +
    'data: [DONE]\n\n';

  test('Anthropic client, OpenAI upstream, not streaming', async () => {
    h.openaiUp.script({ kind: 'respond', status: 200, body: completionWithoutUsage });
    const msg = await h
      .anthropic()
      .messages.create({ model: 'openai/gpt-4o-mini', max_tokens: 200, messages: USER });
    assert.equal(msg.content[0]?.type === 'text' ? msg.content[0].text : '', ANSWER);
    assert.ok(msg.usage.input_tokens > 0, JSON.stringify(msg.usage));
    assert.ok(msg.usage.output_tokens > 5, JSON.stringify(msg.usage));
  });

  test('Anthropic client, OpenAI upstream, streaming', async () => {
    h.openaiUp.script({
      kind: 'respond',
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      body: streamWithoutUsage,
    });
    const msg = await h
      .anthropic()
      .messages.stream({ model: 'openai/gpt-4o-mini', max_tokens: 200, messages: USER })
      .finalMessage();
    assert.equal(msg.content[0]?.type === 'text' ? msg.content[0].text : '', ANSWER);
    assert.ok(msg.usage.output_tokens > 5, JSON.stringify(msg.usage));
    assert.ok(msg.usage.input_tokens > 0, JSON.stringify(msg.usage));
  });

  test('OpenAI client, Gemini upstream without usageMetadata, streaming with include_usage', async () => {
    const frame = (parts: object[], finishReason?: string) =>
      `data: ${JSON.stringify({
        candidates: [
          { content: { role: 'model', parts }, index: 0, ...(finishReason ? { finishReason } : {}) },
        ],
        modelVersion: 'gemini-2.5-flash',
      })}\r\n\r\n`;
    h.geminiUp.script({
      kind: 'respond',
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      body: frame([{ text: 'The keeper lit the lamp ' }]) + frame([{ text: 'every night.' }], 'STOP'),
    });
    const s = await h.openai().chat.completions.create({
      model: 'google/gemini-2.5-flash',
      messages: USER,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const c of s) {
      text += c.choices[0]?.delta?.content ?? '';
      if (c.usage) usage = c.usage;
    }
    assert.equal(text, 'The keeper lit the lamp every night.');
    assert.ok(usage, 'no usage chunk');
    assert.ok(usage.prompt_tokens > 0 && usage.completion_tokens > 0, JSON.stringify(usage));
    assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens);
  });
});
