// Same-protocol traffic passes through untouched: what the client sends arrives at the provider
// with only the model name changed (provider-specific and unknown fields included), and what the
// provider streams back reaches the client byte for byte. Every answer names who served it.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import { startFakeAnthropic, startFakeOpenAI } from '../fakes/index.js';
import { loadFixtureReply } from '../fakes/load-fixture-reply.js';
import { type Harness, MASTER_KEY, startHarness } from './harness.js';

const AV = { 'anthropic-version': '2023-06-01' };
const USER = [{ role: 'user' as const, content: 'Hello there' }];

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

const lastBody = (fake: { requests: { body: unknown }[] }) =>
  fake.requests.at(-1)?.body as Record<string, unknown>;

describe('OpenAI client → OpenAI upstream', () => {
  test('provider-specific and unknown fields arrive unchanged, only the model renamed', async () => {
    const params = {
      model: 'openai/gpt-4o-mini',
      messages: [
        { role: 'developer', content: 'Answer in JSON.' },
        { role: 'user', content: 'Give me a city' },
      ],
      reasoning_effort: 'low',
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'city',
          strict: true,
          schema: {
            type: 'object',
            properties: { name: { type: 'string' } },
            required: ['name'],
            additionalProperties: false,
          },
        },
      },
      metadata: { team: 'search', run: '42' },
      store: false,
      seed: 1234,
      logit_bias: { '50256': -100 },
      user: 'user-7',
      x_custom_field: { nested: [1, 'two', null], flag: true },
    };
    await h
      .openai()
      .chat.completions.create(params as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming);
    const seen = h.openaiUp.requests.at(-1)!;
    assert.equal(seen.path, '/v1/chat/completions');
    assert.deepEqual(seen.body, { ...params, model: 'gpt-4o-mini' });
    // the gateway's own upstream key, never the client's
    assert.equal(seen.headers.authorization, `Bearer ${h.openaiUp.apiKey}`);
    assert.ok(!JSON.stringify(seen.headers).includes(MASTER_KEY));
  });

  test('streaming without include_usage: the upstream is asked for usage, the client gets no usage chunk', async () => {
    const s = await h.openai().chat.completions.create({
      model: 'openai/gpt-4o-mini',
      messages: USER,
      stream: true,
      // another stream option is kept as sent
      stream_options: { include_obfuscation: false },
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const c of s) chunks.push(c);
    assert.deepEqual(lastBody(h.openaiUp).stream_options, {
      include_obfuscation: false,
      include_usage: true,
    });
    assert.ok(chunks.length > 1);
    for (const c of chunks) {
      assert.ok(c.choices.length > 0, `unexpected usage-only chunk: ${JSON.stringify(c)}`);
      assert.equal(c.usage ?? null, null);
    }
    assert.equal(chunks.at(-1)!.choices[0]!.finish_reason, 'stop');
  });

  test('streaming with include_usage: the client gets the usage chunk', async () => {
    const s = await h.openai().chat.completions.create({
      model: 'openai/gpt-4o-mini',
      messages: USER,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const c of s) chunks.push(c);
    assert.deepEqual(lastBody(h.openaiUp).stream_options, { include_usage: true });
    const last = chunks.at(-1)!;
    assert.deepEqual(last.choices, []);
    assert.ok(last.usage && last.usage.prompt_tokens > 0 && last.usage.completion_tokens > 0);
    assert.equal(chunks.filter((c) => c.usage).length, 1);
  });

  test('a 200 answer the gateway cannot read (no choices, no usage) still passes through verbatim', async () => {
    // e.g. an OpenAI-compatible server whose content filter left no choice and that reports no usage
    const body = {
      id: 'chatcmpl-filtered',
      object: 'chat.completion',
      created: 1,
      model: 'gpt-4o-mini',
      choices: [],
    };
    h.openaiUp.script({ kind: 'respond', status: 200, body });
    const r = await h.post('/v1/chat/completions', { model: 'openai/gpt-4o-mini', messages: USER });
    assert.equal(r.status, 200);
    assert.equal(await r.text(), JSON.stringify(body));
    assert.equal(r.headers.get('x-switchyard-provider'), 'openai');
  });

  test('a non-streaming request gets no stream_options added', async () => {
    await h.openai().chat.completions.create({ model: 'openai/gpt-4o-mini', messages: USER });
    assert.equal('stream_options' in lastBody(h.openaiUp), false);
  });
});

describe('Anthropic client → Anthropic upstream', () => {
  test('cache_control, thinking, metadata, anthropic-beta and the client’s anthropic-version arrive unchanged', async () => {
    const params: Anthropic.Beta.MessageCreateParamsNonStreaming = {
      model: 'anthropic/claude-haiku-4-5',
      max_tokens: 2000,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      metadata: { user_id: 'user-7' },
      messages: [
        {
          role: 'user',
          content: [{ type: 'text', text: 'Hello', cache_control: { type: 'ephemeral', ttl: '1h' } }],
        },
      ],
    };
    const msg = await h.anthropic().beta.messages.create({ ...params, betas: ['context-1m-2025-08-07'] });
    assert.ok(msg.content.some((b) => b.type === 'thinking'));
    const seen = h.anthropicUp.requests.at(-1)!;
    assert.deepEqual(seen.body, { ...params, model: 'claude-haiku-4-5' });
    assert.equal(seen.headers['anthropic-beta'], 'context-1m-2025-08-07');
    // the version this SDK sends, not the gateway's default
    assert.match(String(seen.headers['anthropic-version']), /^\d{4}-\d{2}-\d{2}$/);
    assert.notEqual(seen.headers['anthropic-version'], '2023-06-01');
    assert.equal(seen.headers['x-api-key'], h.anthropicUp.apiKey);
  });

  test('?beta=true, several betas and an explicit anthropic-version pass through (raw request)', async () => {
    const body = {
      model: 'anthropic/claude-haiku-4-5',
      max_tokens: 50,
      messages: USER,
      context_management: { edits: [{ type: 'clear_tool_uses_20250919' }] },
    };
    const r = await h.post('/v1/messages?beta=true', body, {
      ...AV,
      'anthropic-beta': 'context-management-2025-06-27,prompt-caching-2024-07-31',
    });
    assert.equal(r.status, 200);
    const seen = h.anthropicUp.requests.at(-1)!;
    assert.deepEqual(seen.query, { beta: 'true' });
    assert.equal(seen.headers['anthropic-version'], '2023-06-01');
    assert.equal(seen.headers['anthropic-beta'], 'context-management-2025-06-27,prompt-caching-2024-07-31');
    assert.deepEqual(seen.body, { ...body, model: 'claude-haiku-4-5' });
  });

  test('a replayed fixture stream reaches the client byte for byte', async () => {
    const file = 'anthropic/messages/anthropic-text.chunks.txt';
    const fixture = loadFixtureReply(file);
    assert.equal(fixture.type, 'sse');
    h.anthropicUp.script({ kind: 'fixture', file });
    const r = await h.post(
      '/v1/messages',
      { model: 'anthropic/claude-haiku-4-5', max_tokens: 100, messages: USER, stream: true },
      AV,
    );
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(await r.text(), fixture.type === 'sse' ? fixture.frames.join('') : '');
  });
});

describe('streamed bytes equal what a fresh provider sends for the same request', () => {
  // The fakes' ids are deterministic per instance: a fresh fake answering the same first request
  // writes the same bytes the gateway's (also fresh) fake wrote.
  let b: Harness;
  before(async () => {
    b = await startHarness();
  });
  after(async () => {
    await b?.close();
  });

  test('Anthropic stream', async () => {
    const r = await b.post(
      '/v1/messages',
      { model: 'anthropic/claude-haiku-4-5', max_tokens: 100, messages: USER, stream: true },
      AV,
    );
    const viaGateway = await r.text();
    const seen = b.anthropicUp.requests[0]!;
    const twin = await startFakeAnthropic();
    try {
      const direct = await fetch(`${twin.baseUrl}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': twin.apiKey, ...AV },
        body: seen.rawBody,
      });
      const expected = await direct.text();
      assert.match(expected, /event: message_stop/);
      assert.equal(viaGateway, expected);
    } finally {
      await twin.close();
    }
  });

  test('OpenAI stream with include_usage', async () => {
    const r = await b.post('/v1/chat/completions', {
      model: 'openai/gpt-4o-mini',
      messages: USER,
      stream: true,
      stream_options: { include_usage: true },
    });
    const viaGateway = await r.text();
    const seen = b.openaiUp.requests[0]!;
    const twin = await startFakeOpenAI();
    try {
      const direct = await fetch(`${twin.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${twin.apiKey}` },
        body: seen.rawBody,
      });
      // `created` is the wall clock, the only thing that may differ between the two answers
      const normal = (s: string) => s.replace(/"created":\d+/g, '"created":0');
      const expected = await direct.text();
      assert.match(expected, /data: \[DONE\]/);
      assert.equal(normal(viaGateway), normal(expected));
    } finally {
      await twin.close();
    }
  });
});

describe('response headers name who served the answer', () => {
  const check = (headers: Headers, provider: string, model: string, upstreamModel: string) => {
    assert.match(headers.get('x-request-id') ?? '', /^req_/);
    assert.equal(headers.get('x-switchyard-provider'), provider);
    assert.equal(headers.get('x-switchyard-model'), model);
    assert.equal(headers.get('x-switchyard-upstream-model'), upstreamModel);
    const overhead = headers.get('x-switchyard-overhead-ms');
    assert.match(overhead ?? '', /^\d+(\.\d+)?$/);
    assert.ok(Number.isFinite(Number(overhead)) && Number(overhead) >= 0);
  };

  test('OpenAI client: passthrough, translated, simulated; JSON and stream', async () => {
    const client = h.openai();
    const p = await client.chat.completions
      .create({ model: 'openai/gpt-4o-mini', messages: USER })
      .withResponse();
    check(p.response.headers, 'openai', 'openai/gpt-4o-mini', 'gpt-4o-mini');
    assert.equal(p.response.headers.get('x-switchyard-simulated'), null);
    // the provider's own request id is kept under another name, and its rate/timing headers passed on
    assert.match(p.response.headers.get('x-upstream-request-id') ?? '', /^req_/);
    assert.notEqual(p.response.headers.get('x-upstream-request-id'), p.response.headers.get('x-request-id'));
    assert.equal(p.response.headers.get('openai-processing-ms'), '12');

    const t = await client.chat.completions
      .create({ model: 'anthropic/claude-haiku-4-5', messages: USER, stream: true })
      .withResponse();
    for await (const _ of t.data);
    check(t.response.headers, 'anthropic', 'anthropic/claude-haiku-4-5', 'claude-haiku-4-5');
    assert.equal(t.response.headers.get('x-switchyard-simulated'), null);

    const s = await client.chat.completions.create({ model: 'sim/fast', messages: USER }).withResponse();
    check(s.response.headers, 'sim', 'sim/fast', 'fast');
    assert.equal(s.response.headers.get('x-switchyard-simulated'), 'true');

    const ss = await client.chat.completions
      .create({ model: 'sim/fast', messages: USER, stream: true })
      .withResponse();
    for await (const _ of ss.data);
    assert.equal(ss.response.headers.get('x-switchyard-simulated'), 'true');
  });

  test('Anthropic client: passthrough stream, translated, simulated', async () => {
    const client = h.anthropic();
    const p = await client.messages
      .create({ model: 'anthropic/claude-haiku-4-5', max_tokens: 50, messages: USER, stream: true })
      .withResponse();
    for await (const _ of p.data);
    check(p.response.headers, 'anthropic', 'anthropic/claude-haiku-4-5', 'claude-haiku-4-5');
    assert.equal(p.response.headers.get('x-switchyard-simulated'), null);

    const g = await client.messages
      .create({ model: 'google/gemini-2.5-flash', max_tokens: 50, messages: USER })
      .withResponse();
    check(g.response.headers, 'google', 'google/gemini-2.5-flash', 'gemini-2.5-flash');

    const s = await client.messages
      .create({ model: 'sim/fast', max_tokens: 50, messages: USER })
      .withResponse();
    check(s.response.headers, 'sim', 'sim/fast', 'fast');
    assert.equal(s.response.headers.get('x-switchyard-simulated'), 'true');
  });
});
