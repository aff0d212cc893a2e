import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { CanonicalStreamEvent, Usage } from '../../canonical/index.js';
import { createSseReader, formatSse } from '../sse/index.js';
import { createGeminiStreamDecoder } from './create-gemini-stream-decoder.js';
import type { GeminiGenerateContentResponse } from './gemini-types.js';
import { mapGeminiUsage } from './map-gemini-usage.js';

const FIXTURES = new URL('../../../../shared/data/fixtures/google/generate-content/', import.meta.url);
const chunkFixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.chunks.txt'));

const readChunks = (file: string): GeminiGenerateContentResponse[] =>
  readFileSync(new URL(file, FIXTURES), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));

/** A small seeded PRNG so a failing slice pattern can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rebuilds the SSE body (`data: L\n\n` per line), feeds it in random 1–24 char slices. */
function decodeFixture(file: string, seed: number): CanonicalStreamEvent[] {
  const sse = readFileSync(new URL(file, FIXTURES), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => formatSse(l))
    .join('');
  const random = prng(seed);
  const reader = createSseReader();
  const decoder = createGeminiStreamDecoder();
  const events: CanonicalStreamEvent[] = [];
  for (let i = 0; i < sse.length; ) {
    const n = 1 + Math.floor(random() * 24);
    for (const ev of reader.push(sse.slice(i, i + n))) events.push(...decoder.decode(ev));
    i += n;
  }
  for (const ev of reader.end()) events.push(...decoder.decode(ev));
  events.push(...decoder.finish());
  return events;
}

interface Collected {
  text: string;
  reasoning: string;
  signatures: string[];
  calls: Array<{ id: string; name: string; args: string }>;
  usage: Partial<Usage>;
  finish: CanonicalStreamEvent[];
}

function collect(events: CanonicalStreamEvent[]): Collected {
  const c: Collected = { text: '', reasoning: '', signatures: [], calls: [], usage: {}, finish: [] };
  for (const ev of events) {
    if (ev.type === 'text_delta') c.text += ev.text;
    else if (ev.type === 'reasoning_delta') c.reasoning += ev.text;
    else if (ev.type === 'reasoning_signature') c.signatures.push(ev.signature);
    else if (ev.type === 'tool_call_start') {
      assert.equal(ev.toolIndex, c.calls.length, 'tool indexes count up from 0');
      c.calls.push({ id: ev.id, name: ev.name, args: '' });
    } else if (ev.type === 'tool_call_delta') c.calls[ev.toolIndex]!.args += ev.argumentsDelta;
    else if (ev.type === 'usage') Object.assign(c.usage, ev.usage);
    else if (ev.type === 'finish') c.finish.push(ev);
  }
  return c;
}

const recipe = {
  recipe: {
    ingredients: [
      { amount: '16 oz', name: 'Lasagna noodles' },
      { amount: '1 lb', name: 'Ground beef' },
      { amount: '15 oz', name: 'Ricotta cheese' },
      { amount: '3 cups', name: 'Mozzarella cheese' },
      { amount: '1/2 cup', name: 'Parmesan cheese' },
      { amount: '24 oz', name: 'Tomato sauce' },
      { amount: '1', name: 'Egg' },
      { amount: '2 cloves', name: 'Garlic' },
      { amount: '1 tsp', name: 'Salt' },
      { amount: '1/2 tsp', name: 'Pepper' },
    ],
    name: 'Lasagna',
    steps: [
      'Preheat oven to 375°F (190°C).',
      'Cook lasagna noodles according to package directions, drain and set aside.',
      'Brown ground beef with minced garlic in a skillet. Drain fat and stir in tomato sauce. Simmer for 10 minutes.',
      'In a bowl, mix ricotta cheese, egg, salt, pepper, and Parmesan cheese.',
      'In a 9x13 baking dish, spread a thin layer of meat sauce.',
      'Layer noodles, ricotta mixture, mozzarella, and meat sauce. Repeat.',
      'Top with remaining mozzarella cheese.',
      'Cover with foil and bake for 25 minutes.',
      'Remove foil and bake for another 25 minutes until golden.',
      'Let stand for 15 minutes before serving.',
    ],
  },
};

/** The function calls each recorded stream implies (name, final arguments). */
const EXPECTED_CALLS: Record<string, Array<[string, unknown]>> = {
  'google-stream-no-args-tool-call.chunks.txt': [
    ['read_theme', {}],
    ['read_screen', { id: 'A' }],
    ['read_screen', { id: 'B' }],
    ['read_screen', { id: 'C' }],
  ],
  'google-stream-tool-call-arguments.chunks.txt': [
    ['getWeather', { location: 'Boston' }],
    ['getWeather', { location: 'San Francisco' }],
  ],
  'google-stream-tool-call-array-arguments-missing-terminal-function-call.chunks.txt': [
    [
      'writeItems',
      {
        operations: [
          { action: 'add', description: 'Fresh red apple', itemid: 'apple_001', price: 0.5 },
          { action: 'add', description: 'Ripe yellow banana', itemid: 'banana_001', price: 0.3 },
        ],
      },
    ],
  ],
  'google-text.chunks.txt': [],
  'google-tool-call.chunks.txt': [['weather', { location: 'San Francisco' }]],
  'google-vertex-stream-tool-call-arguments-nested.1.chunks.txt': [['cookRecipe', recipe]],
};

describe('createGeminiStreamDecoder: recorded streams', () => {
  test('every recorded stream has its expected calls listed', () => {
    assert.deepEqual(chunkFixtures.sort(), Object.keys(EXPECTED_CALLS).sort());
  });

  for (const file of chunkFixtures) {
    for (const seed of [1, 2, 3]) {
      test(`${file} (slice seed ${seed})`, () => {
        const chunks = readChunks(file);
        const parts = chunks.flatMap((c) => c.candidates?.[0]?.content?.parts ?? []);
        const events = decodeFixture(file, seed);
        const got = collect(events);

        const first = events[0]!;
        assert.equal(first.type, 'start');
        assert.equal(first.type === 'start' && first.id, chunks[0]!.responseId);
        assert.equal(first.type === 'start' && first.model, chunks[0]!.modelVersion);
        assert.equal(events.filter((e) => e.type === 'start').length, 1);

        assert.equal(
          got.text,
          parts
            .filter((p) => typeof p.text === 'string' && !p.thought)
            .map((p) => p.text)
            .join(''),
        );
        assert.equal(
          got.reasoning,
          parts
            .filter((p) => p.thought)
            .map((p) => p.text)
            .join(''),
        );
        assert.deepEqual(
          got.signatures,
          parts.flatMap((p) => (p.thoughtSignature ? [p.thoughtSignature] : [])),
        );

        const expected = EXPECTED_CALLS[file]!;
        assert.deepEqual(
          got.calls.map((c) => [c.name, JSON.parse(c.args)]),
          expected,
        );
        for (const c of got.calls) assert.match(c.id, /^call_[A-Za-z0-9]{24}$/);
        assert.equal(new Set(got.calls.map((c) => c.id)).size, got.calls.length);

        const lastUsage = [...chunks].reverse().find((c) => c.usageMetadata?.promptTokenCount !== undefined)!;
        assert.deepEqual(got.usage, mapGeminiUsage(lastUsage.usageMetadata));
        assert.equal(got.usage.inputTokens, lastUsage.usageMetadata!.promptTokenCount);
        assert.equal(
          got.usage.outputTokens,
          lastUsage.usageMetadata!.candidatesTokenCount! + (lastUsage.usageMetadata!.thoughtsTokenCount ?? 0),
        );

        assert.deepEqual(got.finish, [
          { type: 'finish', stopReason: expected.length > 0 ? 'tool_use' : 'end_turn' },
        ]);
        assert.equal(events[events.length - 1]!.type, 'finish');
      });
    }
  }

  test('a signed call: the signature comes right before its tool_call_start, after the thought text', () => {
    const events = decodeFixture('google-stream-no-args-tool-call.chunks.txt', 9);
    const kinds = events.map((e) => e.type);
    const sig = kinds.indexOf('reasoning_signature');
    assert.deepEqual(kinds.slice(1, sig + 2), ['reasoning_delta', 'reasoning_signature', 'tool_call_start']);
    // marked as Gemini's, so it is never sent to another provider
    assert.equal((events[sig] as { origin?: string }).origin, 'gemini');
  });

  test('streamed arguments arrive as one delta per call, after the call starts', () => {
    const events = decodeFixture('google-stream-tool-call-arguments.chunks.txt', 4).filter((e) =>
      e.type.startsWith('tool_call'),
    );
    assert.deepEqual(
      events.map((e) => e.type),
      ['tool_call_start', 'tool_call_delta', 'tool_call_start', 'tool_call_delta'],
    );
  });

  test('usage is reported only when it changes', () => {
    const usageEvents = decodeFixture('google-text.chunks.txt', 5).filter((e) => e.type === 'usage');
    assert.deepEqual(
      usageEvents.map((e) => e.type === 'usage' && e.usage.outputTokens),
      [5 + 185, 23 + 185],
    );
  });
});

const ev = (data: unknown) => ({ data: typeof data === 'string' ? data : JSON.stringify(data) });

describe('createGeminiStreamDecoder: other shapes', () => {
  test('an error event → error, and nothing after it', () => {
    const d = createGeminiStreamDecoder();
    d.decode(ev({ candidates: [{ content: { parts: [{ text: 'Hi' }] } }], responseId: 'r' }));
    assert.deepEqual(
      d.decode(ev({ error: { code: 429, message: 'Resource exhausted', status: 'RESOURCE_EXHAUSTED' } })),
      [{ type: 'error', error: { status: 429, message: 'Resource exhausted', kind: 'rate_limit' } }],
    );
    assert.deepEqual(d.decode(ev({ candidates: [{ content: { parts: [{ text: 'more' }] } }] })), []);
    assert.deepEqual(d.finish(), []);
  });

  test('an error as the first event has no start', () => {
    const d = createGeminiStreamDecoder();
    const out = d.decode(
      ev({ error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } }),
    );
    assert.deepEqual(out, [
      { type: 'error', error: { status: 503, message: 'The model is overloaded.', kind: 'overloaded' } },
    ]);
  });

  test('a blocked prompt finishes with content_filter', () => {
    const d = createGeminiStreamDecoder();
    const out = d.decode(
      ev({
        promptFeedback: { blockReason: 'SAFETY' },
        usageMetadata: { promptTokenCount: 8 },
        responseId: 'b',
      }),
    );
    assert.equal(out[0]!.type, 'start');
    assert.deepEqual(out[1], { type: 'usage', usage: { inputTokens: 8 } });
    assert.deepEqual(d.finish(), [{ type: 'finish', stopReason: 'content_filter' }]);
  });

  test('MAX_TOKENS and a final usage after the finish chunk', () => {
    const d = createGeminiStreamDecoder();
    d.decode(ev({ candidates: [{ content: { parts: [{ text: 'abc' }] }, finishReason: 'MAX_TOKENS' }] }));
    const late = d.decode(ev({ usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 10 } }));
    assert.deepEqual(late, [
      { type: 'usage', usage: { inputTokens: 4, outputTokens: 10, reasoningTokens: 0 } },
    ]);
    assert.deepEqual(d.finish(), [{ type: 'finish', stopReason: 'max_tokens' }]);
  });

  test('a stream that stops without a finishReason ends with an error', () => {
    const d = createGeminiStreamDecoder();
    d.decode(ev({ candidates: [{ content: { parts: [{ text: 'partial' }] } }] }));
    const out = d.finish();
    assert.equal(out.length, 1);
    assert.equal(out[0]!.type, 'error');
  });

  test('an open streamed call is closed at the end even without a terminal chunk or finishReason', () => {
    const d = createGeminiStreamDecoder();
    d.decode(
      ev({ candidates: [{ content: { parts: [{ functionCall: { name: 'f', willContinue: true } }] } }] }),
    );
    d.decode(
      ev({
        candidates: [
          {
            content: {
              parts: [
                {
                  functionCall: {
                    partialArgs: [{ jsonPath: '$.q', stringValue: 'x', willContinue: true }],
                    willContinue: true,
                  },
                },
              ],
            },
          },
        ],
      }),
    );
    const out = d.finish();
    assert.deepEqual(out[0], { type: 'tool_call_delta', toolIndex: 0, argumentsDelta: '{"q":"x"}' });
    assert.equal(out[1]!.type, 'error');
  });

  test('[DONE], blank data and non-JSON data', () => {
    const d = createGeminiStreamDecoder();
    assert.deepEqual(d.decode(ev('[DONE]')), []);
    assert.deepEqual(d.decode(ev('')), []);
    const out = d.decode(ev('{not json'));
    assert.equal(out.length, 1);
    assert.equal(out[0]!.type === 'error' && out[0]!.error.status, 502);
  });

  test('a thought part with its own signature: delta then signature', () => {
    const d = createGeminiStreamDecoder();
    const out = d.decode(
      ev({ candidates: [{ content: { parts: [{ text: 'hmm', thought: true, thoughtSignature: 'S' }] } }] }),
    );
    assert.deepEqual(out.slice(1), [
      { type: 'reasoning_delta', text: 'hmm' },
      { type: 'reasoning_signature', signature: 'S', origin: 'gemini' },
    ]);
  });
});
