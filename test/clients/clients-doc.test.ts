// Every JavaScript/TypeScript example of docs/clients.md, run against the gateway with the fake
// upstreams behind it: each example on a model of each upstream protocol and on the simulator
// (plain answer, stream, tool call and the answer after its result). The doc's code blocks are
// these very files (doc-examples.test.ts checks that).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  closedPort,
  type Harness,
  LIMITED_KEY,
  MASTER_KEY,
  startHarness,
  UPSTREAM_MODELS,
  type UpstreamName,
} from '../e2e/harness.js';
import { anthropicNode } from './examples/anthropic-node.js';
import { errorShapes } from './examples/error-shapes.js';
import { fallbacksAndHeaders } from './examples/fallbacks-and-headers.js';
import { googleGenai } from './examples/google-genai.js';
import { langchainAnthropic } from './examples/langchain-anthropic.js';
import { langchainOpenAI } from './examples/langchain-openai.js';
import { llamaindexOpenAI } from './examples/llamaindex-openai.js';
import { moreEndpoints } from './examples/more-endpoints.js';
import { openaiNode } from './examples/openai-node.js';
import { openaiResponses } from './examples/openai-responses.js';
import { vercelAiAnthropic } from './examples/vercel-ai-anthropic.js';
import { vercelAiOpenAI } from './examples/vercel-ai-openai.js';

interface ExampleResult {
  text: string;
  streamed: string;
  outputTokens: number;
  toolName: string;
  city: string;
  answer: string;
}
type Example = (gatewayURL: string, apiKey: string, model?: string) => Promise<ExampleResult>;

/** the examples and whether the library reports streamed usage */
const EXAMPLES: { name: string; run: Example; streamUsage: boolean }[] = [
  { name: 'openai-node', run: openaiNode, streamUsage: true },
  { name: 'openai-responses', run: openaiResponses, streamUsage: true },
  { name: 'anthropic-node', run: anthropicNode, streamUsage: true },
  { name: 'google-genai', run: googleGenai, streamUsage: true },
  { name: 'vercel-ai-openai', run: vercelAiOpenAI, streamUsage: true },
  {
    name: 'vercel-ai-openai (chat)',
    run: (url, key, model) => vercelAiOpenAI(url, key, model, 'chat'),
    streamUsage: true,
  },
  { name: 'vercel-ai-anthropic', run: vercelAiAnthropic, streamUsage: true },
  { name: 'langchain-openai', run: langchainOpenAI, streamUsage: true },
  { name: 'langchain-anthropic', run: langchainAnthropic, streamUsage: true },
  // LlamaIndex's OpenAI class does not ask for streamed usage
  { name: 'llamaindex-openai', run: llamaindexOpenAI, streamUsage: false },
];

let h: Harness;
before(async () => {
  // a provider nothing answers for, to show fallbacks taking over
  const port = await closedPort();
  h = await startHarness({
    config: {
      providers: { deadai: { protocol: 'openai', base_url: `http://127.0.0.1:${port}/v1`, api_key: 'k' } },
      // fallbacks are attempts too
      retries: { max_attempts: 3, base_delay_ms: 0, max_delay_ms: 0 },
    },
  });
});
after(async () => {
  await h?.close();
});

const fakeOf = (u: UpstreamName) =>
  u === 'openai' ? h.openaiUp : u === 'anthropic' ? h.anthropicUp : u === 'gemini' ? h.geminiUp : undefined;

for (const ex of EXAMPLES) {
  describe(`example ${ex.name}`, () => {
    for (const upstream of Object.keys(UPSTREAM_MODELS) as UpstreamName[]) {
      const model = UPSTREAM_MODELS[upstream];
      test(`on ${model}: answer, stream, tool call and the answer after its result`, async () => {
        const fake = fakeOf(upstream);
        const before = fake?.stats.requests ?? 0;
        const r = await ex.run(h.url, MASTER_KEY, model);
        if (fake) {
          // the fakes' deterministic answers: proof that this upstream answered, not a fallback
          assert.equal(r.text, 'Echo: Say hello');
          assert.equal(r.streamed, 'Echo: Stream a greeting');
          // (a Gemini functionResponse is an object: other protocols get it as JSON text)
          assert.match(r.answer, /^Tool result received: .*Sunny, 18C in Paris/);
          assert.equal(r.city, 'Paris');
          assert.ok(fake.stats.requests - before >= 4, `${upstream} upstream called`);
        } else {
          assert.match(r.text, /Say hello/);
          assert.match(r.streamed, /Stream a greeting/);
          assert.match(r.answer, /Sunny, 18C/);
          assert.equal(typeof r.city, 'string');
        }
        assert.equal(r.toolName, 'get_weather');
        if (ex.streamUsage) assert.ok(r.outputTokens > 0, `streamed usage: ${r.outputTokens}`);
      });
    }
  });
}

describe('example fallbacks-and-headers', () => {
  test('a failing model falls back (body and header), the headers name who served, /v1/models lists', async () => {
    const r = await fallbacksAndHeaders(h.url, MASTER_KEY, 'deadai/any-model', 'anthropic/claude-haiku-4-5');
    assert.ok(r.models.includes('anthropic/claude-haiku-4-5') && r.models.includes('sim/fast'));
    for (const via of [r.viaBody, r.viaHeader]) {
      assert.equal(via.text, 'Echo: Say hello');
      assert.equal(via.provider, 'anthropic');
      assert.equal(via.model, 'anthropic/claude-haiku-4-5');
      assert.match(via.upstreamModel ?? '', /^claude-haiku-4-5/);
      assert.equal(via.attempts, '2');
      assert.match(via.attemptLog ?? '', /^deadai\/any-model \S+ \d+ms$/);
      assert.match(via.requestId ?? '', /\S/);
      assert.ok(Number(via.overheadMs) >= 0, String(via.overheadMs));
    }
  });

  test('a key limited to sim/* lists only those models', async () => {
    const r = await fallbacksAndHeaders(h.url, LIMITED_KEY, 'sim/fast', 'sim/fast');
    assert.ok(r.models.length > 0 && r.models.every((m) => m.startsWith('sim/')), r.models.join(', '));
    assert.equal(r.viaBody.attempts, '1');
    assert.equal(r.viaBody.provider, 'sim');
  });
});

describe('example error-shapes', () => {
  test("an unknown model: 404 in each SDK's own error shape", async () => {
    const r = await errorShapes(h.url, MASTER_KEY, 'no-such-model');
    assert.equal(r.openaiError?.status, 404);
    assert.equal(r.openaiError?.type, 'invalid_request_error');
    assert.equal(r.openaiError?.code, 'model_not_found');
    assert.equal(r.anthropicError?.status, 404);
    assert.equal(r.anthropicError?.type, 'not_found_error');
    assert.match(r.anthropicError?.message ?? '', /no-such-model/);
    assert.equal(r.googleError?.status, 404);
    assert.equal(r.googleError?.code, 404);
    assert.equal(r.googleError?.googleStatus, 'NOT_FOUND');
    assert.match(r.googleError?.message ?? '', /no-such-model/);
  });

  test('a wrong key: 401 in each shape', async () => {
    const r = await errorShapes(h.url, 'sk-wrong', 'sim/fast');
    assert.equal(r.openaiError?.status, 401);
    assert.equal(r.openaiError?.type, 'authentication_error');
    assert.equal(r.anthropicError?.status, 401);
    assert.equal(r.anthropicError?.type, 'authentication_error');
    assert.equal(r.googleError?.status, 401);
    assert.equal(r.googleError?.googleStatus, 'UNAUTHENTICATED');
  });
});

describe('example more-endpoints', () => {
  test('embeddings, an image, speech read back by transcription, rerank and legacy completions', async () => {
    const r = await moreEndpoints(h.url, MASTER_KEY);
    assert.ok(r.dimensions > 0);
    const png = Buffer.from(r.imageBase64, 'base64');
    assert.ok(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])));
    assert.ok(r.audioBytes > 44, `a WAV file: ${r.audioBytes} bytes`);
    assert.match(r.transcript, /^Simulated transcription of \d+\.\d\d seconds of audio\.$/);
    assert.equal(r.bestDocument, 1);
    assert.match(r.completion, /Say hello/);
  });
});
