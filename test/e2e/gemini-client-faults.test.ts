// A Gemini client when things go wrong: a stream broken after it began ends with Google's error
// object (passed through or translated), a provider's 429 comes back as Google wrote it, a
// failing Gemini model falls back to another protocol's model, and recorded provider streams
// replayed through the gateway reach the SDK intact.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { GoogleGenAI, type Part } from '@google/genai';
import { FALLBACKS_HEADER } from '../../src/gateway/requested-models.js';
import { type Harness, MASTER_KEY, startHarness, UPSTREAM_MODELS } from './harness.js';

let h: Harness;
before(async () => {
  h = await startHarness({ config: { retries: { max_attempts: 3 } } });
});
after(async () => {
  await h?.close();
});

const ai = (headers: Record<string, string> = {}) =>
  new GoogleGenAI({ apiKey: MASTER_KEY, httpOptions: { baseUrl: h.url, headers } });

const sse = (model: string, text: string) =>
  fetch(`${h.url}/v1beta/models/${model}:streamGenerateContent?alt=sse`, {
    method: 'POST',
    headers: { 'x-goog-api-key': MASTER_KEY, 'content-type': 'application/json' },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text }] }] }),
  });

for (const [up, fault] of [
  ['gemini', { kind: 'drop-mid-stream', afterEvents: 2 }],
  ['openai', { kind: 'stream-error-event', afterEvents: 2 }],
] as const) {
  test(`${up}: a stream broken after it began ends with Google's error object`, async () => {
    h.resetUpstreams();
    (up === 'gemini' ? h.geminiUp : h.openaiUp).script(fault);
    const r = await sse(UPSTREAM_MODELS[up], 'A long enough answer to be cut in the middle of it, please');
    assert.equal(r.status, 200);
    const frames = (await r.text()).split(/\r?\n\r?\n/).filter((f) => f.startsWith('data: '));
    assert.ok(frames.length >= 2, frames.join('|'));
    const last = JSON.parse(frames.at(-1)!.slice(6)) as { error?: { code: number; status: string } };
    assert.ok(last.error && last.error.code >= 500, frames.at(-1));
    assert.match(last.error!.status, /^[A-Z_]+$/);

    (up === 'gemini' ? h.geminiUp : h.openaiUp).script(fault);
    const stream = await ai().models.generateContentStream({
      model: UPSTREAM_MODELS[up],
      contents: 'A long enough answer to be cut in the middle of it, please',
    });
    await assert.rejects(
      (async () => {
        for await (const _ of stream) {
          // reading until the error
        }
      })(),
      (e: { status?: number }) => (e.status ?? 0) >= 500,
    );
  });
}

test("a Gemini provider's 429 reaches the client as Google wrote it", async () => {
  h.resetUpstreams();
  h.geminiUp.script(
    { status: 429, retryAfter: 7 },
    { status: 429, retryAfter: 7 },
    { status: 429, retryAfter: 7 },
  );
  const r = await h.post(`/v1beta/models/${UPSTREAM_MODELS.gemini}:generateContent`, {
    contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
  });
  assert.equal(r.status, 429);
  const body = (await r.json()) as { error: { status: string; details?: unknown[] } };
  assert.equal(body.error.status, 'RESOURCE_EXHAUSTED');
  assert.ok(JSON.stringify(body.error.details).includes('RetryInfo'));
});

test('a failing Gemini model falls back to an OpenAI model, answered in Gemini shape', async () => {
  h.resetUpstreams();
  h.geminiUp.script({ status: 503 });
  const r = await ai({ [FALLBACKS_HEADER]: UPSTREAM_MODELS.openai }).models.generateContent({
    model: UPSTREAM_MODELS.gemini,
    contents: 'Fall back, please',
  });
  assert.match(r.text ?? '', /Fall back, please/);
  assert.equal(r.sdkHttpResponse?.headers?.['x-switchyard-provider'], 'openai');
  assert.equal(h.geminiUp.requests.length, 1);
  assert.equal(h.openaiUp.requests.length, 1);
});

test('a recorded Gemini tool-call stream passes through with its thought signature', async () => {
  h.resetUpstreams();
  h.geminiUp.script({ kind: 'fixture', file: 'google/generate-content/google-tool-call.chunks.txt' });
  const parts: Part[] = [];
  for await (const c of await ai().models.generateContentStream({
    model: UPSTREAM_MODELS.gemini,
    contents: 'Weather in San Francisco?',
  }))
    parts.push(...(c.candidates?.[0]?.content?.parts ?? []));
  const call = parts.find((p) => p.functionCall)!;
  assert.deepEqual(call.functionCall, { name: 'weather', args: { location: 'San Francisco' } });
  assert.match(call.thoughtSignature ?? '', /^EqUCCqIC/);
});

test('a recorded Anthropic thinking stream reaches the SDK as thoughts, a wrapped signature and text', async () => {
  h.resetUpstreams();
  h.anthropicUp.script({ kind: 'fixture', file: 'anthropic/messages/anthropic-clear-thinking.1.chunks.txt' });
  const parts: Part[] = [];
  let usage: Record<string, unknown> | undefined;
  for await (const c of await ai().models.generateContentStream({
    model: UPSTREAM_MODELS.anthropic,
    contents: 'Hello',
  })) {
    parts.push(...(c.candidates?.[0]?.content?.parts ?? []));
    if (c.usageMetadata) usage = c.usageMetadata as Record<string, unknown>;
  }
  assert.ok(
    parts.some((p) => p.thought === true && p.text),
    JSON.stringify(parts).slice(0, 300),
  );
  assert.ok(parts.some((p) => p.thoughtSignature?.startsWith('sy1.anthropic.')));
  assert.ok(parts.some((p) => !p.thought && p.text));
  assert.ok((usage?.candidatesTokenCount as number) > 0);
});
