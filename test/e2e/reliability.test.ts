// A provider's outage is invisible to the client wherever another healthy path exists: fault
// injection on the fake providers, through the official SDKs. Each failure mode falls back (or
// retries) transparently before the first byte; after it, the stream ends with an error event in
// the client's protocol; breakers open, half-open and close; only the answering attempt is metered.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/index.js';
import { closedPort, type Harness, LIMITED_KEY, MASTER_KEY, startHarness } from './harness.js';

const USER = [{ role: 'user' as const, content: 'Hello reliability' }];
const logLines: Record<string, unknown>[] = [];
let h: Harness;
let second: FakeOpenAI;
let deadPort: number;

before(async () => {
  second = await startFakeOpenAI({ apiKey: 'second-key' });
  deadPort = await closedPort();
  h = await startHarness({
    logStream: { write: (line: string) => void logLines.push(JSON.parse(line)) },
    config: {
      server: { log_level: 'info' },
      providers: {
        // a second deployment of the OpenAI preset (another key and base URL)
        'openai-b': { preset: 'openai', api_key: 'second-key', base_url: second.baseUrl },
        'openai-dead': { preset: 'openai', api_key: 'x', base_url: `http://127.0.0.1:${deadPort}/v1` },
      },
      deployments: [
        {
          name: 'pool',
          strategy: 'weighted',
          targets: [{ model: 'openai/gpt-4o-mini' }, { model: 'openai-b/gpt-4o-mini' }],
        },
      ],
      fallbacks: {
        'openai/gpt-4o-mini': ['anthropic/claude-haiku-4-5'],
        'anthropic/claude-haiku-4-5': ['openai-b/gpt-4o-mini'],
        'openai-dead/gpt-4o-mini': ['openai-b/gpt-4o-mini'],
        'google/gemini-2.5-flash': ['openai-b/gpt-4o-mini'],
      },
      retries: { max_attempts: 3, base_delay_ms: 5, max_delay_ms: 20 },
      breaker: { consecutive_failures: 3, cooldown_ms: 400, min_requests: 1000 },
      timeouts: { first_byte_ms: 300, response_ms: 300, idle_ms: 300 },
      models: [{ id: 'google/gemini-2.5-flash', context_window: 200 }],
    },
  });
});
after(async () => {
  await h?.close();
  await second?.close();
});
beforeEach(() => {
  h.resetUpstreams();
  second.reset();
});

/** the request log line of the last call */
const lastLine = () => logLines.filter((l) => l.msg === 'request').at(-1)!;

async function chat(model: string, headers?: Record<string, string>) {
  return h
    .openai()
    .chat.completions.create({ model, messages: USER }, headers ? { headers } : undefined)
    .withResponse();
}

describe('failures before the first byte fall back transparently', () => {
  const cases: [string, Parameters<FakeOpenAI['script']>[0]][] = [
    ['HTTP 500', { status: 500 }],
    ['HTTP 503', { status: 503 }],
    ['HTTP 429 with retry-after', { status: 429, retryAfter: 2 }],
    ['malformed JSON', { kind: 'malformed' }],
    ['a dropped connection', { kind: 'refuse' }],
    ['a hang (response timeout)', { kind: 'hang' }],
  ];
  for (const [name, fault] of cases) {
    test(`OpenAI deployment: ${name} → the Anthropic fallback answers`, async () => {
      h.openaiUp.script(fault);
      const { data, response } = await chat('openai/gpt-4o-mini');
      assert.match(data.choices[0]!.message.content ?? '', /Hello reliability/);
      assert.equal(response.headers.get('x-switchyard-provider'), 'anthropic');
      assert.equal(response.headers.get('x-switchyard-attempts'), '2');
      assert.match(response.headers.get('x-switchyard-attempt-log') ?? '', /^openai\/gpt-4o-mini /);
      assert.equal(h.openaiUp.requests.length, 1);
      assert.equal(h.anthropicUp.requests.length, 1);
      // only the answering attempt is metered
      const line = lastLine();
      assert.equal(line.provider, 'anthropic');
      assert.ok((line.usage as { outputTokens: number }).outputTokens > 0);
      assert.equal((line.attempts as unknown[]).length, 2);
    });
  }

  test('a 529 from Anthropic, streaming to an Anthropic client → the OpenAI fallback streams instead', async () => {
    h.anthropicUp.script({ status: 529 });
    const stream = h
      .anthropic()
      .messages.stream({ model: 'anthropic/claude-haiku-4-5', max_tokens: 100, messages: USER });
    const msg = await stream.finalMessage();
    assert.match(msg.content.map((b) => (b.type === 'text' ? b.text : '')).join(''), /Hello reliability/);
    assert.equal(second.requests.length, 1);
  });

  test('an in-stream error as the first event, and a drop before any event, also fall back (streaming)', async () => {
    for (const fault of [
      { kind: 'stream-error-event', afterEvents: 0 },
      { kind: 'drop-mid-stream', afterEvents: 0 },
    ] as const) {
      h.resetUpstreams();
      h.openaiUp.script(fault);
      let text = '';
      const s = await h
        .openai()
        .chat.completions.create({ model: 'openai/gpt-4o-mini', messages: USER, stream: true });
      for await (const c of s) text += c.choices[0]?.delta?.content ?? '';
      assert.match(text, /Hello reliability/, fault.kind);
      assert.equal(h.anthropicUp.requests.length, 1, fault.kind);
    }
  });

  test('a slow first byte on a stream (first-byte timeout) → the fallback streams', async () => {
    h.openaiUp.script({ kind: 'delay', ms: 1500 });
    let text = '';
    const s = await h
      .openai()
      .chat.completions.create({ model: 'openai/gpt-4o-mini', messages: USER, stream: true });
    for await (const c of s) text += c.choices[0]?.delta?.content ?? '';
    assert.match(text, /Hello reliability/);
    assert.equal(h.anthropicUp.requests.length, 1);
  });

  test('connection refused → fallback', async () => {
    const { data, response } = await chat('openai-dead/gpt-4o-mini');
    assert.match(data.choices[0]!.message.content ?? '', /Hello reliability/);
    assert.equal(response.headers.get('x-switchyard-provider'), 'openai-b');
    assert.match(response.headers.get('x-switchyard-attempt-log') ?? '', /openai-dead\/gpt-4o-mini connect/);
  });

  test('without a fallback, a transient failure is retried on the same deployment after a backoff', async () => {
    second.script({ status: 502 }, { status: 500 });
    const { data, response } = await chat('openai-b/gpt-4o-mini');
    assert.match(data.choices[0]!.message.content ?? '', /Hello reliability/);
    assert.equal(response.headers.get('x-switchyard-attempts'), '3');
    assert.equal(second.requests.length, 3);
  });
});

describe('when no healthy path exists, the client gets a clear error in its own protocol', () => {
  test('OpenAI client: every attempt fails with 500 → 502 naming the provider', async () => {
    second.script({ status: 500 }, { status: 500 }, { status: 500 });
    const err = await h
      .openai()
      .chat.completions.create({ model: 'openai-b/gpt-4o-mini', messages: USER })
      .then(
        () => assert.fail('should fail'),
        (e: unknown) => e,
      );
    assert.ok(err instanceof OpenAI.APIError);
    assert.equal(err.status, 502);
    assert.match(err.message, /provider openai-b/);
    assert.equal(second.requests.length, 3);
  });

  test('Anthropic client: a 400 from the provider is not retried and keeps its message', async () => {
    h.anthropicUp.script({
      status: 400,
      body: { type: 'error', error: { type: 'invalid_request_error', message: 'bad thing' } },
    });
    const err = await h
      .anthropic()
      .messages.create({ model: 'anthropic/claude-haiku-4-5', max_tokens: 50, messages: USER })
      .then(
        () => assert.fail('should fail'),
        (e: unknown) => e,
      );
    assert.ok(err instanceof Anthropic.APIError);
    assert.equal(err.status, 400);
    assert.match(err.message, /bad thing/);
    assert.equal(h.anthropicUp.requests.length, 1);
    assert.equal(second.requests.length, 0);
  });

  test('a failure after the first byte ends the stream with an error event, not a truncated answer', async () => {
    h.openaiUp.script({ kind: 'drop-mid-stream', afterEvents: 3 });
    const s = await h
      .openai()
      .chat.completions.create({ model: 'openai/gpt-4o-mini', messages: USER, stream: true });
    await assert.rejects(async () => {
      for await (const _ of s) {
        // reading until the error surfaces
      }
    });
    assert.equal(h.anthropicUp.requests.length, 0, 'no fallback once the client has bytes');
  });
});

test('a stream that goes silent after it started (idle timeout) ends with an error event', async () => {
  h.anthropicUp.script({ kind: 'slow-stream', chunkDelayMs: 1500 });
  const stream = h
    .anthropic()
    .messages.stream({ model: 'anthropic/claude-haiku-4-5', max_tokens: 50, messages: USER });
  await assert.rejects(stream.finalMessage(), /went silent|cut off/);
  assert.equal(second.requests.length, 0, 'no fallback once the client has bytes');
});

describe('per-request fallbacks', () => {
  test('"models" in the body (OpenAI client)', async () => {
    h.geminiUp.script({ status: 503 });
    const r = await h.post('/v1/chat/completions', {
      models: ['google/gemini-2.5-flash', 'openai-b/gpt-4o-mini'],
      messages: USER,
    });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('x-switchyard-provider'), 'openai-b');
    // the gateway-only field never reaches a provider
    assert.equal((second.requests[0]!.body as Record<string, unknown>).models, undefined);
  });

  test('the x-switchyard-fallbacks header (Anthropic client)', async () => {
    h.anthropicUp.script({ status: 500 });
    const msg = await h
      .anthropic()
      .messages.create(
        { model: 'anthropic/claude-haiku-4-5', max_tokens: 50, messages: USER },
        { headers: { 'x-switchyard-fallbacks': 'google/gemini-2.5-flash' } },
      );
    assert.match(msg.content.map((b) => (b.type === 'text' ? b.text : '')).join(''), /Hello reliability/);
    assert.equal(h.geminiUp.requests.length, 1);
    assert.equal(second.requests.length, 0, 'the request list replaces the configured fallbacks');
  });
});

describe('context-window fallback', () => {
  test('a prompt larger than the window skips to a model that fits, without calling the small one', async () => {
    const long = 'word '.repeat(400);
    const r = await h
      .openai()
      .chat.completions.create({
        model: 'google/gemini-2.5-flash',
        messages: [{ role: 'user', content: long }],
      })
      .withResponse();
    assert.equal(r.response.headers.get('x-switchyard-provider'), 'openai-b');
    assert.equal(h.geminiUp.requests.length, 0);
  });

  test('when nothing fits, a 400 that says so', async () => {
    const long = 'word '.repeat(400);
    const res = await h.post('/v1/chat/completions', {
      models: ['google/gemini-2.5-flash'],
      messages: [{ role: 'user', content: long }],
    });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'context_length_exceeded');
    assert.match(body.error.message, /tokens, more than the context window/);
  });
});

describe('load balancing', () => {
  test('a pool of two deployments spreads requests over both', async () => {
    for (let i = 0; i < 24; i++) await chat('pool');
    assert.ok(h.openaiUp.requests.length >= 4, `first: ${h.openaiUp.requests.length}`);
    assert.ok(second.requests.length >= 4, `second: ${second.requests.length}`);
    assert.equal(h.openaiUp.requests.length + second.requests.length, 24);
  });

  test('a pool member that fails is covered by the other', async () => {
    h.openaiUp.script({ status: 500 }, { status: 500 });
    second.script({ status: 500 }, { status: 500 });
    for (let i = 0; i < 2; i++) {
      const { data } = await chat('pool');
      assert.match(data.choices[0]!.message.content ?? '', /Hello reliability/);
    }
  });
});

describe('circuit breaker', () => {
  test('opens after consecutive failures, skips the deployment, half-opens after the cool-down, closes on success', async () => {
    const model = 'google/gemini-2.5-flash';
    const state = async () => {
      const r = await h.get('/admin/v1/deployments');
      const body = (await r.json()) as { deployments: { id: string; breaker: { state: string } }[] };
      return body.deployments.find((d) => d.id === model)?.breaker.state;
    };
    h.geminiUp.script({ status: 500 }, { status: 500 }, { status: 500 });
    for (let i = 0; i < 3; i++) await chat(model); // each falls back to openai-b
    assert.equal(h.geminiUp.requests.length, 3);
    assert.equal(await state(), 'open');

    const { response } = await chat(model);
    assert.equal(h.geminiUp.requests.length, 3, 'an open breaker sends nothing to the deployment');
    assert.match(response.headers.get('x-switchyard-attempt-log') ?? '', /skipped: circuit open/);

    await sleep(450);
    assert.equal(await state(), 'half_open');
    const probe = await chat(model);
    assert.equal(probe.response.headers.get('x-switchyard-provider'), 'google');
    assert.equal(h.geminiUp.requests.length, 4);
    assert.equal(await state(), 'closed');
  });

  test('the deployments view needs the master key', async () => {
    const r = await fetch(`${h.url}/admin/v1/deployments`, {
      headers: { authorization: `Bearer ${LIMITED_KEY}` },
    });
    assert.equal(r.status, 403);
    const ok = await fetch(`${h.url}/admin/v1/deployments`, {
      headers: { authorization: `Bearer ${MASTER_KEY}` },
    });
    const body = (await ok.json()) as {
      deployments: { health: { inFlight: number } }[];
      groups: { name: string }[];
    };
    assert.ok(body.deployments.length > 0);
    assert.equal(body.groups[0]!.name, 'pool');
  });
});
