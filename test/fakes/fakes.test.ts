// Self-tests of the fake providers as a whole: every scripted fault on every provider, the server lifecycle,
// and the official SDKs used directly against the fakes to prove the wire formats are faithful.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { FakeUpstream } from './index.js';
import { parseSseText, startFakeAnthropic, startFakeGemini, startFakeOpenAI } from './index.js';
import { readResponseStream } from './read-response-stream.js';

type Provider = 'openai' | 'anthropic' | 'gemini';

/** A request each fake answers by default, streaming or not. */
function requestFor(fake: FakeUpstream, options: { stream: boolean; text?: string }): [string, RequestInit] {
  const text = options.text ?? 'hello fault world';
  const json = { 'content-type': 'application/json' };
  switch (fake.provider) {
    case 'openai':
      return [
        `${fake.baseUrl}/chat/completions`,
        {
          method: 'POST',
          headers: { ...json, authorization: `Bearer ${fake.apiKey}` },
          body: JSON.stringify({
            model: 'gpt-4o-mini',
            stream: options.stream,
            messages: [{ role: 'user', content: text }],
          }),
        },
      ];
    case 'anthropic':
      return [
        `${fake.baseUrl}/messages`,
        {
          method: 'POST',
          headers: { ...json, 'x-api-key': fake.apiKey, 'anthropic-version': '2023-06-01' },
          body: JSON.stringify({
            model: 'claude-sonnet-4-5-20250929',
            max_tokens: 100,
            stream: options.stream,
            messages: [{ role: 'user', content: text }],
          }),
        },
      ];
    case 'gemini':
      return [
        `${fake.baseUrl}/models/gemini-2.5-flash:${options.stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
        {
          method: 'POST',
          headers: { ...json, 'x-goog-api-key': fake.apiKey },
          body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text }] }] }),
        },
      ];
  }
}

const call = (fake: FakeUpstream, stream = false, text?: string) =>
  fetch(...requestFor(fake, { stream, text }));

describe('fake providers: scripted faults', () => {
  const fakes = {} as Record<Provider, FakeUpstream>;
  before(async () => {
    [fakes.openai, fakes.anthropic, fakes.gemini] = await Promise.all([
      startFakeOpenAI(),
      startFakeAnthropic(),
      startFakeGemini(),
    ]);
  });
  after(() => Promise.all(Object.values(fakes).map((fake) => fake.close())));
  const each = (name: string, body: (fake: FakeUpstream, provider: Provider) => Promise<void>) => {
    for (const provider of ['openai', 'anthropic', 'gemini'] as const) {
      test(`${provider}: ${name}`, async () => {
        const fake = fakes[provider];
        fake.reset();
        await body(fake, provider);
        assert.equal(fake.pendingFaults(), 0, 'every scripted fault was used');
      });
    }
  };

  each('faults apply one per request, in order, then the default answer returns', async (fake) => {
    fake.script({ status: 500 }, { status: 503 });
    assert.equal(fake.pendingFaults(), 2);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(fake)).status);
    assert.deepEqual(statuses, [500, 503, 200]);
    assert.equal(fake.stats.faultsServed, 2);
    assert.equal(fake.stats.requests, 3);
    assert.equal(fake.requests.length, 3);
  });

  test('a fault with match waits for a request whose path contains it', async () => {
    const fake = fakes.openai;
    fake.reset();
    fake.script({ status: 500, match: '/embeddings' });
    assert.equal((await call(fake)).status, 200);
    const embeddings = await fetch(`${fake.baseUrl}/embeddings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'text-embedding-3-small', input: 'x' }),
    });
    assert.equal(embeddings.status, 500);
    assert.equal(fake.pendingFaults(), 0);
  });

  each('429 carries the provider rate-limit body and the retry delay', async (fake, provider) => {
    fake.script({ status: 429, retryAfter: 7 });
    const response = await call(fake);
    assert.equal(response.status, 429);
    const body = (await response.json()) as any;
    if (provider === 'openai') {
      assert.equal(response.headers.get('retry-after'), '7');
      assert.equal(body.error.code, 'rate_limit_exceeded');
      assert.equal(body.error.type, 'requests');
      assert.match(body.error.message, /^Rate limit reached for gpt-4o-mini .*try again in 7s/);
      assert.equal(body.error.param, null);
    } else if (provider === 'anthropic') {
      assert.equal(response.headers.get('retry-after'), '7');
      assert.equal(body.type, 'error');
      assert.equal(body.error.type, 'rate_limit_error');
    } else {
      assert.equal(response.headers.get('retry-after'), null);
      assert.equal(body.error.status, 'RESOURCE_EXHAUSTED');
      assert.equal(body.error.code, 429);
      assert.deepEqual(body.error.details, [
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '7s' },
      ]);
    }
  });

  each('5xx statuses carry the provider error shape', async (fake, provider) => {
    const statuses = [500, 502, 503, 529];
    fake.script(...statuses.map((status) => ({ status })));
    for (const status of statuses) {
      const response = await call(fake);
      assert.equal(response.status, status);
      const body = (await response.json()) as any;
      if (provider === 'openai') {
        assert.equal(typeof body.error.message, 'string');
        assert.ok('type' in body.error && 'param' in body.error && 'code' in body.error);
      } else if (provider === 'anthropic') {
        assert.equal(body.type, 'error');
        const expected = { 500: 'api_error', 502: 'api_error', 503: 'api_error', 529: 'overloaded_error' }[
          status
        ];
        assert.equal(body.error.type, expected);
        assert.match(body.request_id, /^req_/);
      } else {
        assert.equal(body.error.code, status);
        assert.equal(typeof body.error.status, 'string');
        assert.equal(typeof body.error.message, 'string');
      }
    }
  });

  test('openai: 500 and 503 bodies are the real server_error messages', async () => {
    const fake = fakes.openai;
    fake.script({ status: 500 }, { status: 503 });
    assert.deepEqual(await (await call(fake)).json(), {
      error: {
        message: 'The server had an error while processing your request. Sorry about that!',
        type: 'server_error',
        param: null,
        code: null,
      },
    });
    assert.equal(
      ((await (await call(fake)).json()) as any).error.message,
      'The server is overloaded or not ready yet.',
    );
  });

  each('a status fault can carry its own body and headers', async (fake) => {
    fake.script({ status: 418, body: { custom: true }, headers: { 'x-fault': 'yes' } });
    const response = await call(fake);
    assert.equal(response.status, 418);
    assert.equal(response.headers.get('x-fault'), 'yes');
    assert.deepEqual(await response.json(), { custom: true });
  });

  each('refuse destroys the connection without a response', async (fake) => {
    fake.script({ kind: 'refuse' });
    await assert.rejects(call(fake), TypeError);
    assert.equal(fake.requests.length, 1, 'the refused request is still recorded');
    assert.equal((await call(fake)).status, 200);
  });

  each('delay holds the first byte, then answers normally', async (fake) => {
    fake.script({ kind: 'delay', ms: 150 });
    const started = Date.now();
    const response = await call(fake);
    assert.ok(Date.now() - started >= 140);
    assert.equal(response.status, 200);
    assert.match(await response.text(), /Echo: hello fault world/);
  });

  each('drop-mid-stream sends n events then cuts the connection', async (fake) => {
    fake.script({ kind: 'drop-mid-stream', afterEvents: 2 });
    const response = await call(fake, true);
    assert.equal(response.status, 200);
    const { text, error } = await readResponseStream(response);
    assert.ok(error, 'the body read fails');
    assert.equal(parseSseText(text).length, 2);
  });

  each('drop-mid-stream on a JSON answer cuts the body in half', async (fake) => {
    fake.script({ kind: 'drop-mid-stream', afterEvents: 1 });
    const response = await call(fake);
    const { text, error } = await readResponseStream(response);
    assert.ok(error);
    assert.throws(() => JSON.parse(text));
  });

  each('stream-error-event sends the provider in-stream error after n events', async (fake, provider) => {
    fake.script({ kind: 'stream-error-event', afterEvents: 3 });
    const response = await call(fake, true);
    assert.equal(response.status, 200);
    const events = parseSseText(await response.text());
    assert.equal(events.length, 4);
    const last = events[3];
    const data = JSON.parse(last.data);
    if (provider === 'anthropic') {
      assert.equal(last.event, 'error');
      assert.deepEqual(data, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    } else if (provider === 'openai') {
      assert.equal(last.event, undefined);
      assert.equal(data.error.type, 'server_error');
      assert.ok(!events.some((event) => event.data === '[DONE]'));
    } else {
      assert.equal(data.error.status, 'UNAVAILABLE');
    }
  });

  each(
    'stream-error-event on a non-streaming request answers the overloaded status',
    async (fake, provider) => {
      fake.script({ kind: 'stream-error-event', afterEvents: 1 });
      const response = await call(fake);
      assert.equal(response.status, { openai: 500, anthropic: 529, gemini: 503 }[provider]);
    },
  );

  each('malformed answers 200 with invalid JSON', async (fake) => {
    fake.script({ kind: 'malformed' });
    const response = await call(fake);
    assert.equal(response.status, 200);
    const text = await response.text();
    assert.throws(() => JSON.parse(text));
  });

  each('malformed streams one event whose data is not JSON', async (fake) => {
    fake.script({ kind: 'malformed' });
    const events = parseSseText(await (await call(fake, true)).text()).filter(
      (event) => event.data !== '[DONE]',
    );
    const broken = events.filter((event) => {
      try {
        JSON.parse(event.data);
        return false;
      } catch {
        return true;
      }
    });
    assert.equal(broken.length, 1);
    assert.equal(events.indexOf(broken[0]), 1);
  });

  each('slow-stream paces the events', async (fake) => {
    fake.script({ kind: 'slow-stream', chunkDelayMs: 40 });
    const started = Date.now();
    const text = await (await call(fake, true)).text();
    const events = parseSseText(text);
    assert.ok(Date.now() - started >= 40 * (events.length - 1) * 0.9);
    assert.ok(events.length >= 3);
  });

  each('respond sends anything custom', async (fake) => {
    fake.script(
      {
        kind: 'respond',
        status: 299,
        headers: { 'content-type': 'text/plain', 'x-a': 'b' },
        body: 'plain text',
      },
      { kind: 'respond', status: 400, body: { error: 'custom' } },
    );
    const first = await call(fake);
    assert.equal(first.status, 299);
    assert.equal(first.headers.get('x-a'), 'b');
    assert.equal(await first.text(), 'plain text');
    const second = await call(fake);
    assert.equal(second.headers.get('content-type'), 'application/json');
    assert.deepEqual(await second.json(), { error: 'custom' });
  });

  test('fixture replays a recorded .json body and .chunks.txt streams in each framing', async () => {
    const { openai, anthropic, gemini } = fakes;
    openai.script({
      kind: 'fixture',
      file: 'openai/chat-completions/reasoning-model-legacy-parameter-error.json',
      status: 400,
    });
    const error = await call(openai);
    assert.equal(error.status, 400);
    assert.equal(((await error.json()) as any).error.code, 'unsupported_parameter');

    openai.script({ kind: 'fixture', file: 'openai/chat-completions/openai-text.chunks.txt' });
    const openaiEvents = parseSseText(await (await call(openai, true)).text());
    assert.equal(openaiEvents.at(-1)?.data, '[DONE]');
    assert.equal(JSON.parse(openaiEvents[0].data).id, 'chatcmpl-D8Z5oo6uDh67AD85p73ksdT1KxhE0');

    anthropic.script({ kind: 'fixture', file: 'anthropic/messages/anthropic-json-tool.1.chunks.txt' });
    const anthropicEvents = parseSseText(await (await call(anthropic, true)).text());
    assert.deepEqual(
      anthropicEvents.map((event) => event.event),
      anthropicEvents.map((event) => JSON.parse(event.data).type),
    );
    assert.equal(anthropicEvents[0].event, 'message_start');

    gemini.script({ kind: 'fixture', file: 'google/generate-content/google-tool-call.json' });
    const geminiBody = (await (await call(gemini)).json()) as any;
    assert.equal(geminiBody.candidates[0].content.parts[0].functionCall.name, 'weather');
  });

  each('hang never answers, and close() still ends the connection', async (_fake, provider) => {
    const fake =
      provider === 'openai'
        ? await startFakeOpenAI()
        : provider === 'anthropic'
          ? await startFakeAnthropic()
          : await startFakeGemini();
    fake.script({ kind: 'hang' });
    const pending = call(fake);
    await fake.waitForRequests(1);
    const started = Date.now();
    await fake.close();
    assert.ok(Date.now() - started < 2000);
    await assert.rejects(pending);
  });

  test('hang outlasts a client timeout', async () => {
    const fake = fakes.anthropic;
    fake.script({ kind: 'hang' });
    const [url, init] = requestFor(fake, { stream: false });
    await assert.rejects(fetch(url, { ...init, signal: AbortSignal.timeout(200) }), { name: 'TimeoutError' });
  });
});

describe('fake providers: lifecycle and options', () => {
  test('chunkDelayMs paces every stream by default', async () => {
    const fake = await startFakeAnthropic({ chunkDelayMs: 25 });
    try {
      const started = Date.now();
      const events = parseSseText(await (await call(fake, true)).text());
      assert.ok(Date.now() - started >= 25 * (events.length - 1) * 0.9);
    } finally {
      await fake.close();
    }
  });

  test('counts streams completed and streams the client abandoned', async () => {
    const fake = await startFakeOpenAI({ chunkDelayMs: 30 });
    try {
      await (await call(fake, true)).text();
      assert.equal(fake.stats.streamsStarted, 1);
      assert.equal(fake.stats.streamsCompleted, 1);

      const controller = new AbortController();
      const [url, init] = requestFor(fake, { stream: true, text: 'a b c d e f g h i j k l m n o p' });
      const response = await fetch(url, { ...init, signal: controller.signal });
      const reader = response.body!.getReader();
      await reader.read();
      controller.abort();
      for (let i = 0; i < 50 && fake.stats.streamsAborted === 0; i++)
        await new Promise((r) => setTimeout(r, 20));
      assert.equal(fake.stats.streamsAborted, 1);
      assert.equal(fake.stats.streamsCompleted, 1);
      assert.ok(fake.stats.connections >= 1);
      assert.ok(fake.stats.maxInFlight >= 1);
    } finally {
      await fake.close();
    }
  });

  test('waitForRequests resolves once enough requests arrived, and rejects after its timeout', async () => {
    const fake = await startFakeGemini();
    try {
      const waiting = fake.waitForRequests(2);
      await call(fake);
      await call(fake);
      assert.equal((await waiting).length, 2);
      await assert.rejects(fake.waitForRequests(3, 50), /expected 3 requests, got 2/);
      fake.reset();
      assert.equal(fake.requests.length, 0);
      assert.equal(fake.stats.requests, 0);
    } finally {
      await fake.close();
    }
  });

  test('a custom apiKey is the only key accepted', async () => {
    const fake = await startFakeOpenAI({ apiKey: 'sk-custom' });
    try {
      assert.equal((await call(fake)).status, 200);
      const [url, init] = requestFor(fake, { stream: false });
      const wrong = await fetch(url, { ...init, headers: { authorization: 'Bearer test-upstream-key' } });
      assert.equal(wrong.status, 401);
    } finally {
      await fake.close();
    }
  });

  test('close() is idempotent', async () => {
    const fake = await startFakeAnthropic();
    await Promise.all([fake.close(), fake.close()]);
    await fake.close();
  });
});

describe('official SDKs against the fakes', () => {
  let openaiFake: FakeUpstream;
  let anthropicFake: FakeUpstream;
  let openai: OpenAI;
  let anthropic: Anthropic;
  before(async () => {
    [openaiFake, anthropicFake] = await Promise.all([startFakeOpenAI(), startFakeAnthropic()]);
    openai = new OpenAI({ baseURL: openaiFake.baseUrl, apiKey: openaiFake.apiKey, maxRetries: 0 });
    anthropic = new Anthropic({ baseURL: anthropicFake.url, apiKey: anthropicFake.apiKey, maxRetries: 0 });
  });
  after(() => Promise.all([openaiFake.close(), anthropicFake.close()]));

  const weather = {
    name: 'weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  };

  test('openai: chat.completions.create answers text and tool calls', async () => {
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi SDK' }],
    });
    assert.equal(completion.choices[0].message.content, 'Echo: Hi SDK');
    const tool = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: [{ type: 'function', function: weather }],
    });
    const toolCall = tool.choices[0].message.tool_calls?.[0];
    assert.equal(toolCall?.type, 'function');
    assert.deepEqual(JSON.parse(toolCall?.type === 'function' ? toolCall.function.arguments : ''), {
      city: 'Paris',
    });
    assert.equal(openaiFake.requests.at(-1)?.headers.authorization, `Bearer ${openaiFake.apiKey}`);
  });

  test('openai: a stream with include_usage yields the text and the usage chunk', async () => {
    const stream = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Stream SDK' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    assert.equal(text, 'Echo: Stream SDK');
    assert.equal(usage?.completion_tokens, Math.round(text.length / 4));

    const runner = openai.chat.completions.stream({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: [{ type: 'function', function: weather }],
    });
    const final = await runner.finalChatCompletion();
    const call = final.choices[0].message.tool_calls?.[0];
    assert.deepEqual(call?.type === 'function' ? JSON.parse(call.function.arguments) : undefined, {
      city: 'Paris',
    });
  });

  test('openai: embeddings.create decodes the default base64 answer', async () => {
    const viaSdk = await openai.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'vector me',
      dimensions: 32,
    });
    const sent = openaiFake.requests.at(-1)?.body as { encoding_format?: string } | undefined;
    assert.equal(sent?.encoding_format, 'base64', 'the SDK asks for base64 and decodes it itself');
    const viaFetch = await openai.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'vector me',
      dimensions: 32,
      encoding_format: 'float',
    });
    assert.equal(viaSdk.data[0].embedding.length, 32);
    assert.deepEqual(viaSdk.data[0].embedding, viaFetch.data[0].embedding);
  });

  test('openai: errors surface as the SDK error classes', async () => {
    openaiFake.script({ status: 429, retryAfter: 1 });
    await assert.rejects(
      openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] }),
      (error: unknown) => error instanceof OpenAI.RateLimitError && error.code === 'rate_limit_exceeded',
    );
    openaiFake.script({ kind: 'stream-error-event', afterEvents: 2 });
    const stream = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'x y z' }],
      stream: true,
    });
    await assert.rejects(
      (async () => {
        for await (const _chunk of stream) {
        }
      })(),
      (error: unknown) => error instanceof OpenAI.APIError && /server had an error/.test(error.message),
    );
  });

  test('anthropic: messages.create, countTokens and models.list', async () => {
    const message = await anthropic.messages.create({
      model: 'claude-sonnet-4-5-20250929',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Hi Claude' }],
    });
    assert.deepEqual(message.content, [{ type: 'text', text: 'Echo: Hi Claude' }]);
    const sent = anthropicFake.requests.at(-1);
    assert.equal(sent?.path, '/v1/messages');
    // @anthropic-ai/sdk 1.x sends the key as a Bearer token and anthropic-version 2026-10-21.
    const key = sent?.headers['x-api-key'] ?? sent?.headers.authorization?.replace(/^Bearer /, '');
    assert.equal(key, anthropicFake.apiKey);
    assert.match(String(sent?.headers['anthropic-version']), /^\d{4}-\d{2}-\d{2}$/);

    const count = await anthropic.messages.countTokens({
      model: 'claude-sonnet-4-5-20250929',
      messages: [{ role: 'user', content: 'x'.repeat(20) }],
    });
    assert.equal(count.input_tokens, 5);
    const models = [];
    for await (const model of anthropic.models.list()) models.push(model.id);
    assert.ok(models.includes('claude-sonnet-4-5-20250929'));
  });

  test('anthropic: messages.stream().finalMessage() rebuilds text and tool_use', async () => {
    const text = await anthropic.messages
      .stream({
        model: 'claude-sonnet-4-5-20250929',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'Stream Claude' }],
      })
      .finalMessage();
    assert.equal(text.content.length, 1);
    assert.equal(text.content[0].type === 'text' ? text.content[0].text : undefined, 'Echo: Stream Claude');
    assert.equal(text.stop_reason, 'end_turn');
    assert.equal(text.usage.output_tokens, Math.round('Echo: Stream Claude'.length / 4));

    const tool = await anthropic.messages
      .stream({
        model: 'claude-sonnet-4-5-20250929',
        max_tokens: 100,
        tools: [{ name: 'weather', input_schema: weather.parameters as Anthropic.Tool.InputSchema }],
        messages: [{ role: 'user', content: 'weather?' }],
      })
      .finalMessage();
    const block = tool.content[0];
    assert.equal(block.type, 'tool_use');
    assert.deepEqual(block.type === 'tool_use' ? block.input : undefined, { city: 'Paris' });
    assert.equal(tool.stop_reason, 'tool_use');
  });

  test('anthropic: a recorded fixture stream replays through the SDK', async () => {
    anthropicFake.script({ kind: 'fixture', file: 'anthropic/messages/anthropic-text.chunks.txt' });
    const message = await anthropic.messages
      .stream({
        model: 'claude-sonnet-4-5-20250929',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'Hi' }],
      })
      .finalMessage();
    assert.equal(message.id, 'msg_01QC4g3HwBThD4BaNtBckFDJ');
    const first = message.content[0];
    assert.match(first.type === 'text' ? first.text : '', /^Hello! I'm doing well/);
  });

  test('anthropic: 529 and the in-stream error event surface as SDK errors', async () => {
    anthropicFake.script({ status: 529 });
    await assert.rejects(
      anthropic.messages.create({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }),
      (error: unknown) =>
        error instanceof Anthropic.APIError && error.status === 529 && /overloaded_error/.test(error.message),
    );
    anthropicFake.script({ kind: 'stream-error-event', afterEvents: 3 });
    await assert.rejects(
      anthropic.messages
        .stream({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'x y' }] })
        .finalMessage(),
      (error: unknown) => error instanceof Anthropic.APIError && /Overloaded/.test(error.message),
    );
  });
});
