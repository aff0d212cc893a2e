// What a Gemini client's calls leave behind: one request line each with the usage the provider
// reported in usageMetadata (passed through whole, as SSE, or as Google's JSON array), and never
// the key, whether it came in x-goog-api-key or in ?key=.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { GoogleGenAI } from '@google/genai';
import { type Harness, MASTER_KEY, startHarness, UPSTREAM_MODELS } from './harness.js';

const lines: Record<string, any>[] = [];
const raw: string[] = [];
let h: Harness;

before(async () => {
  h = await startHarness({
    config: { server: { log_level: 'info' } },
    logStream: {
      write(line: string) {
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  });
});
after(async () => {
  await h?.close();
});

const lastRequestLine = () => lines.filter((l) => l.msg === 'request').at(-1)!;
const ai = () => new GoogleGenAI({ apiKey: MASTER_KEY, httpOptions: { baseUrl: h.url } });

function expectUsage(line: Record<string, any>, meta: Record<string, number | undefined>) {
  assert.equal(line.usage.inputTokens, meta.promptTokenCount);
  assert.equal(line.usage.outputTokens, (meta.candidatesTokenCount ?? 0) + (meta.thoughtsTokenCount ?? 0));
  assert.equal(line.usage.reasoningTokens, meta.thoughtsTokenCount ?? 0);
  assert.equal(line.usage.estimated, undefined);
}

test('passthrough, whole: the usage is what usageMetadata said', async () => {
  const r = await ai().models.generateContent({
    model: UPSTREAM_MODELS.gemini,
    contents: 'Count me in',
    config: { thinkingConfig: { thinkingBudget: 512, includeThoughts: true } },
  });
  const line = lastRequestLine();
  assert.equal(line.endpoint, 'gemini.generateContent');
  assert.equal(line.mode, 'passthrough');
  assert.equal(line.provider, 'google');
  assert.ok(r.usageMetadata!.thoughtsTokenCount! > 0);
  expectUsage(line, r.usageMetadata as Record<string, number>);
});

test('passthrough, SSE stream: the last usageMetadata counts', async () => {
  let meta: Record<string, number> = {};
  for await (const c of await ai().models.generateContentStream({
    model: UPSTREAM_MODELS.gemini,
    contents: 'Stream and count me',
  }))
    if (c.usageMetadata) meta = c.usageMetadata as Record<string, number>;
  const line = lastRequestLine();
  assert.equal(line.endpoint, 'gemini.streamGenerateContent');
  assert.equal(line.stream, true);
  expectUsage(line, meta);
});

test('passthrough, JSON-array stream with ?key=: usage read from the array, the key never logged', async () => {
  const r = await fetch(
    `${h.url}/v1beta/models/${UPSTREAM_MODELS.gemini}:streamGenerateContent?key=${MASTER_KEY}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'An array to count' }] }] }),
    },
  );
  const chunks = (await r.json()) as Array<{ usageMetadata: Record<string, number> }>;
  expectUsage(lastRequestLine(), chunks.at(-1)!.usageMetadata);
  assert.equal(
    raw.some((l) => l.includes(MASTER_KEY) || l.includes(h.geminiUp.apiKey)),
    false,
  );
});

test('translated stream: the usage the other provider reported', async () => {
  let meta: Record<string, number> = {};
  for await (const c of await ai().models.generateContentStream({
    model: UPSTREAM_MODELS.openai,
    contents: 'Translate and count me',
  }))
    if (c.usageMetadata) meta = c.usageMetadata as Record<string, number>;
  const line = lastRequestLine();
  assert.equal(line.mode, 'translated');
  assert.equal(line.provider, 'openai');
  expectUsage(line, meta);
});
