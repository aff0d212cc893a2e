// Embeddings (OpenAI-compatible passthrough, Gemini translated, the simulator), the models list
// in both SDKs' shapes, and count_tokens (asked of Anthropic, or counted locally and labelled so).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { type Harness, LIMITED_KEY, startHarness } from './harness.js';

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

const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const decodeBase64Floats = (b64: string) => {
  const buf = Buffer.from(b64, 'base64');
  return Array.from(new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4));
};
const lastBody = (fake: { requests: { body: unknown }[] }) =>
  fake.requests.at(-1)?.body as Record<string, unknown>;

describe('embeddings through the OpenAI SDK', () => {
  test('OpenAI upstream: float, and base64 (decoded by the SDK) carry the same values', async () => {
    const client = h.openai();
    const input = ['the quick brown fox', 'jumps over the lazy dog'];
    const f = await client.embeddings.create({
      model: 'openai/text-embedding-3-small',
      input,
      encoding_format: 'float',
    });
    assert.deepEqual(lastBody(h.openaiUp), {
      model: 'text-embedding-3-small',
      input,
      encoding_format: 'float',
    });
    assert.equal(f.data.length, 2);
    assert.deepEqual(
      f.data.map((d) => d.index),
      [0, 1],
    );
    assert.equal(f.data[0]!.embedding.length, 1536);
    assert.ok(Math.abs(norm(f.data[0]!.embedding) - 1) < 1e-3);
    assert.ok(f.usage.prompt_tokens > 0);

    // without encoding_format the SDK asks for base64 and decodes it
    const d = await client.embeddings.create({ model: 'openai/text-embedding-3-small', input });
    assert.equal(lastBody(h.openaiUp).encoding_format, 'base64');
    assert.deepEqual(d.data[0]!.embedding, f.data[0]!.embedding);
    assert.deepEqual(d.data[1]!.embedding, f.data[1]!.embedding);

    // asked for explicitly, base64 comes back as the string the provider sent
    const b = await client.embeddings.create({
      model: 'openai/text-embedding-3-small',
      input: input[0]!,
      encoding_format: 'base64',
    });
    const raw = b.data[0]!.embedding as unknown as string;
    assert.equal(typeof raw, 'string');
    assert.deepEqual(decodeBase64Floats(raw), f.data[0]!.embedding);
  });

  test('OpenAI upstream: dimensions honoured and the body passed through', async () => {
    const r = await h
      .openai()
      .embeddings.create({
        model: 'openai/text-embedding-3-large',
        input: 'hi',
        dimensions: 256,
        user: 'u-1',
      })
      .withResponse();
    assert.equal(r.data.data[0]!.embedding.length, 256);
    assert.deepEqual(lastBody(h.openaiUp), {
      model: 'text-embedding-3-large',
      input: 'hi',
      dimensions: 256,
      user: 'u-1',
      encoding_format: 'base64',
    });
    assert.equal(r.response.headers.get('x-switchyard-provider'), 'openai');
    assert.equal(r.response.headers.get('x-switchyard-upstream-model'), 'text-embedding-3-large');
  });

  test('Gemini upstream: translated to batchEmbedContents and back', async () => {
    const client = h.openai();
    const input = ['hello', 'world'];
    const f = await client.embeddings.create({
      model: 'google/gemini-embedding-001',
      input,
      dimensions: 8,
      encoding_format: 'float',
    });
    const seen = h.geminiUp.requests.at(-1)!;
    assert.equal(seen.path, '/v1beta/models/gemini-embedding-001:batchEmbedContents');
    assert.deepEqual(seen.body, {
      requests: input.map((text) => ({
        model: 'models/gemini-embedding-001',
        content: { parts: [{ text }] },
        outputDimensionality: 8,
      })),
    });
    assert.equal(f.object, 'list');
    assert.equal(f.model, 'google/gemini-embedding-001');
    assert.deepEqual(
      f.data.map((d) => [d.object, d.index, d.embedding.length]),
      [
        ['embedding', 0, 8],
        ['embedding', 1, 8],
      ],
    );
    assert.notDeepEqual(f.data[0]!.embedding, f.data[1]!.embedding);
    assert.ok(f.usage.prompt_tokens > 0, 'usage is estimated when Gemini reports none');

    // base64 is encoded by the gateway for a provider that only speaks floats
    const d = await client.embeddings.create({ model: 'google/gemini-embedding-001', input, dimensions: 8 });
    assert.deepEqual(d.data[0]!.embedding, f.data[0]!.embedding);
    assert.deepEqual(d.data[1]!.embedding, f.data[1]!.embedding);

    const full = await client.embeddings.create({ model: 'google/gemini-embedding-001', input: 'hello' });
    assert.equal(full.data[0]!.embedding.length, 3072);
  });

  test('sim/embedding: deterministic, dimensions honoured, unit length', async () => {
    const client = h.openai();
    const a = await client.embeddings.create({
      model: 'sim/embedding',
      input: 'same text',
      encoding_format: 'float',
    });
    const b = await client.embeddings.create({
      model: 'sim/embedding',
      input: 'same text',
      encoding_format: 'float',
    });
    const c = await client.embeddings.create({
      model: 'sim/embedding',
      input: 'other text',
      encoding_format: 'float',
    });
    assert.deepEqual(a.data[0]!.embedding, b.data[0]!.embedding);
    assert.notDeepEqual(a.data[0]!.embedding, c.data[0]!.embedding);
    assert.ok(Math.abs(norm(a.data[0]!.embedding) - 1) < 1e-6);
    const small = await client.embeddings.create({
      model: 'sim/embedding',
      input: ['x', 'y', 'z'],
      dimensions: 64,
    });
    assert.equal(small.data.length, 3);
    for (const d of small.data) {
      assert.equal(d.embedding.length, 64);
      assert.ok(Math.abs(norm(d.embedding) - 1) < 1e-5);
    }
    assert.equal(h.openaiUp.stats.requests + h.geminiUp.stats.requests, 0);
  });

  test('a chat model used for embeddings: 400', async () => {
    await assert.rejects(
      h.openai().embeddings.create({ model: 'sim/fast', input: 'x' }),
      (e: unknown) =>
        e instanceof OpenAI.BadRequestError &&
        e.param === 'model' &&
        /not an embedding model/.test(e.message),
    );
    await assert.rejects(
      h.openai().embeddings.create({ model: 'anthropic/claude-haiku-4-5', input: 'x' }),
      (e: unknown) => e instanceof OpenAI.BadRequestError,
    );
    assert.equal(h.openaiUp.stats.requests + h.anthropicUp.stats.requests, 0);
  });
});

describe('models', () => {
  async function openaiIds(client: OpenAI) {
    const ids: string[] = [];
    for await (const m of client.models.list()) {
      assert.equal(m.object, 'model');
      ids.push(m.id);
    }
    return ids;
  }

  test('GET /v1/models (OpenAI SDK) lists what the key may use', async () => {
    const all = await openaiIds(h.openai());
    for (const id of ['sim/fast', 'sim/embedding', 'openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5']) {
      assert.ok(all.includes(id), `${id} missing`);
    }
    assert.ok(!all.some((id) => id.startsWith('mistral/')), 'a provider without a key is not listed');
    const limited = await openaiIds(h.openai(LIMITED_KEY));
    assert.ok(limited.length > 0);
    assert.ok(limited.includes('sim/fast'));
    assert.ok(
      limited.every((id) => id.startsWith('sim/')),
      limited.join(', '),
    );
  });

  test('retrieve a model (OpenAI SDK); unknown or not allowed is 404', async () => {
    const m = await h.openai().models.retrieve('openai/gpt-4o-mini');
    assert.equal(m.id, 'openai/gpt-4o-mini');
    assert.equal(m.object, 'model');
    assert.equal(m.owned_by, 'openai');
    assert.equal(typeof m.created, 'number');
    for (const [key, id] of [
      [undefined, 'openai/no-such-model'],
      [LIMITED_KEY, 'openai/gpt-4o-mini'],
    ] as const) {
      await assert.rejects(
        h.openai(key).models.retrieve(id),
        (e: unknown) =>
          e instanceof OpenAI.NotFoundError && e.code === 'model_not_found' && e.message.includes(id),
      );
    }
  });

  test('Anthropic SDK: Anthropic’s shape, with limit / after_id pagination', async () => {
    const client = h.anthropic();
    const first = await client.models.list({ limit: 2 });
    assert.equal(first.data.length, 2);
    for (const m of first.data) {
      assert.equal(m.type, 'model');
      assert.equal(typeof m.display_name, 'string');
      assert.ok(!Number.isNaN(Date.parse(m.created_at)));
    }
    assert.equal(first.has_more, true);
    assert.equal(first.first_id, first.data[0]!.id);
    assert.equal(first.last_id, first.data[1]!.id);

    const second = await client.models.list({ limit: 2, after_id: first.last_id! });
    assert.equal(second.data.length, 2);
    assert.ok(!second.data.some((m) => first.data.some((f) => f.id === m.id)));

    // the same order as the OpenAI listing, page after page
    const openaiOrder = await openaiIds(h.openai());
    assert.deepEqual(
      [...first.data, ...second.data].map((m) => m.id),
      openaiOrder.slice(0, 4),
    );
    const next = await first.getNextPage();
    assert.deepEqual(
      next.data.map((m) => m.id),
      second.data.map((m) => m.id),
    );

    const limited: string[] = [];
    for await (const m of h.anthropic(LIMITED_KEY).models.list({ limit: 2 })) limited.push(m.id);
    assert.deepEqual(limited, [
      'sim/embedding',
      'sim/fast',
      'sim/image',
      'sim/reasoner',
      'sim/rerank',
      'sim/speech',
      'sim/transcribe',
    ]);

    const one = await client.models.retrieve('openai/gpt-4o-mini');
    assert.equal(one.type, 'model');
    assert.equal(one.id, 'openai/gpt-4o-mini');
    await assert.rejects(client.models.retrieve('nope/x'), (e: unknown) => {
      const body = (e as InstanceType<typeof Anthropic.APIError>).error as { error?: { type?: string } };
      return e instanceof Anthropic.NotFoundError && body.error?.type === 'not_found_error';
    });
  });
});

describe('count_tokens through the Anthropic SDK', () => {
  test('an Anthropic model: asked of the provider', async () => {
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'How many tokens is this?' }];
    const r = await h
      .anthropic()
      .messages.countTokens({ model: 'anthropic/claude-haiku-4-5', messages })
      .withResponse();
    const seen = h.anthropicUp.requests.at(-1)!;
    assert.equal(seen.path, '/v1/messages/count_tokens');
    assert.deepEqual(seen.body, { model: 'claude-haiku-4-5', messages });
    assert.ok(r.data.input_tokens > 0);
    // the provider's own count, not the local estimate
    const direct = await fetch(`${h.anthropicUp.baseUrl}/messages/count_tokens`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': h.anthropicUp.apiKey,
        'anthropic-version': '2023-06-01',
      },
      body: seen.rawBody,
    });
    assert.deepEqual(r.data, await direct.json());
    assert.equal(r.response.headers.get('x-switchyard-token-count'), null);
    assert.equal(r.response.headers.get('x-switchyard-provider'), 'anthropic');
  });

  for (const model of ['sim/fast', 'openai/gpt-4o-mini']) {
    test(`${model}: counted locally and labelled estimated`, async () => {
      const count = async (text: string) => {
        const r = await h
          .anthropic()
          .messages.countTokens({ model, system: 'Be brief.', messages: [{ role: 'user', content: text }] })
          .withResponse();
        assert.equal(r.response.headers.get('x-switchyard-token-count'), 'estimated');
        return r.data.input_tokens;
      };
      const short = await count('Hello');
      const long = await count('Hello, this is a considerably longer prompt. '.repeat(20));
      assert.ok(short > 0);
      assert.ok(long > short + 100, `${long} vs ${short}`);
      assert.equal(h.openaiUp.stats.requests, 0, 'no upstream call for a local count');
    });
  }
});
