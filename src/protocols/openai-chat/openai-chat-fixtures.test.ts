// Every recorded Chat Completions fixture (OpenAI and the OpenAI-compatible providers)
// through the upstream decoders, checked against what the fixture itself says, then encoded
// back for an OpenAI client and checked against the OpenAI JSON schemas.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { validateOpenAI } from '../../../test/schemas/openai-chat.js';
import {
  type CanonicalResponse,
  type CanonicalStreamEvent,
  emptyUsage,
  mergeUsage,
  type Usage,
} from '../../canonical/index.js';
import { createSseReader } from '../sse/index.js';
import { openaiChatClient, openaiChatUpstream, parseOpenAIUpstreamError } from './index.js';

const FIXTURES = new URL('../../../../shared/data/fixtures/', import.meta.url);
const FOLDERS = [
  'openai',
  'azure',
  'deepseek',
  'xai',
  'groq',
  'alibaba',
  'cerebras',
  'perplexity',
  'mistral',
  'openai-compatible',
].map((p) => `${p}/chat-completions`);

type Json = Record<string, any>;

function fixtureFiles(ext: string): Array<{ name: string; text: string }> {
  return FOLDERS.flatMap((folder) => {
    const dir = new URL(`${folder}/`, FIXTURES);
    return readdirSync(dir)
      .filter((f) => f.endsWith(ext))
      .sort()
      .map((f) => ({ name: `${folder}/${f}`, text: readFileSync(new URL(f, dir), 'utf8') }));
  });
}

/** A deterministic PRNG so a failing slicing can be reproduced. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Feeds SSE text to a fresh reader in random slices of 1 to 64 characters. */
function readSse(text: string, seed: number) {
  const reader = createSseReader();
  const rand = prng(seed);
  const events = [];
  for (let i = 0; i < text.length; ) {
    const n = 1 + Math.floor(rand() * 64);
    events.push(...reader.push(text.slice(i, i + n)));
    i += n;
  }
  events.push(...reader.end());
  return events;
}

/** Splits a chunks file into its streams (a few hold several): a new non-empty chat id starts one. */
function splitStreams(text: string): Json[][] {
  const streams: Json[][] = [];
  let lastId = '';
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const chunk = JSON.parse(line) as Json;
    if (streams.length === 0 || (chunk.id && lastId && chunk.id !== lastId)) streams.push([]);
    if (chunk.id) lastId = chunk.id;
    streams.at(-1)!.push(chunk);
  }
  return streams;
}

/** What a finished stream or body amounts to, for comparing two of them. */
interface Outcome {
  text: string;
  reasoning: string;
  toolCalls: Array<{ id: string; name: string; arguments: string }>;
  stopReason: string;
  usage: Usage;
}

function outcomeOfEvents(events: CanonicalStreamEvent[]): Outcome {
  const o: Outcome = { text: '', reasoning: '', toolCalls: [], stopReason: '', usage: emptyUsage() };
  for (const ev of events) {
    if (ev.type === 'text_delta') o.text += ev.text;
    else if (ev.type === 'reasoning_delta') o.reasoning += ev.text;
    else if (ev.type === 'tool_call_start')
      o.toolCalls[ev.toolIndex] = { id: ev.id, name: ev.name, arguments: '' };
    else if (ev.type === 'tool_call_delta') o.toolCalls[ev.toolIndex]!.arguments += ev.argumentsDelta;
    else if (ev.type === 'usage') mergeUsage(o.usage, ev.usage);
    else if (ev.type === 'finish') o.stopReason = ev.stopReason;
  }
  return o;
}

function outcomeOfResponse(res: CanonicalResponse): Outcome {
  const o: Outcome = { text: '', reasoning: '', toolCalls: [], stopReason: res.stopReason, usage: res.usage };
  for (const p of res.content) {
    if (p.type === 'text') o.text += p.text;
    else if (p.type === 'reasoning') o.reasoning += p.text;
    else if (p.type === 'tool_call') o.toolCalls.push({ id: p.id, name: p.name, arguments: p.arguments });
  }
  return o;
}

const STOP: Record<string, string> = { stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use' };

/** The usage numbers a fixture's raw usage object states, read independently of the decoder. */
function expectedUsage(u: Json | undefined): Usage {
  if (!u) return emptyUsage();
  return {
    inputTokens: u.prompt_tokens,
    // completion + reasoning whether or not the provider counts reasoning inside completion_tokens
    outputTokens: u.total_tokens - u.prompt_tokens,
    cacheReadTokens: u.prompt_tokens_details?.cached_tokens ?? u.prompt_cache_hit_tokens ?? 0,
    cacheWriteTokens: 0,
    reasoningTokens: u.completion_tokens_details?.reasoning_tokens ?? 0,
  };
}

/** What the chunks of one stream say, read independently of the decoder. */
function expectedOfChunks(chunks: Json[]) {
  let text = '';
  let reasoning = '';
  let finish: string | undefined;
  let usage: Json | undefined;
  const calls = new Map<number, { id: string; name: string; arguments: string }>();
  for (const c of chunks) {
    const choice = c.choices?.[0];
    const d = choice?.delta ?? {};
    if (typeof d.content === 'string') text += d.content;
    if (typeof d.reasoning_content === 'string') reasoning += d.reasoning_content;
    if (typeof d.reasoning === 'string') reasoning += d.reasoning;
    for (const tc of d.tool_calls ?? []) {
      const cur = calls.get(tc.index) ?? { id: tc.id, name: tc.function?.name, arguments: '' };
      cur.arguments += tc.function?.arguments ?? '';
      calls.set(tc.index, cur);
    }
    if (choice?.finish_reason) finish = choice.finish_reason;
    if (c.usage) usage = c.usage;
  }
  return {
    text,
    reasoning,
    toolCalls: [...calls.values()],
    stopReason: STOP[finish!],
    usage: expectedUsage(usage),
  };
}

function checkToolCalls(actual: Outcome['toolCalls'], expected: Outcome['toolCalls']) {
  assert.equal(actual.length, expected.length);
  actual.forEach((call, i) => {
    assert.equal(call.name, expected[i]!.name);
    if (expected[i]!.id) assert.equal(call.id, expected[i]!.id);
    assert.deepEqual(JSON.parse(call.arguments), JSON.parse(expected[i]!.arguments));
  });
}

/** Encodes canonical events for an OpenAI client; validates each chunk; returns the SSE text. */
function encodeForClient(events: CanonicalStreamEvent[]): string {
  const enc = openaiChatClient.createStreamEncoder({ model: 'gw-model', includeUsage: true });
  const sse = events.map((e) => enc.encode(e)).join('') + enc.finish();
  const parsed = readSse(sse, 7);
  assert.equal(parsed.at(-1)?.data, '[DONE]');
  for (const ev of parsed.slice(0, -1)) validateOpenAI('chat.completion.chunk', JSON.parse(ev.data));
  return sse;
}

function decodeStream(sse: string, seed: number): CanonicalStreamEvent[] {
  const dec = openaiChatUpstream.createStreamDecoder();
  return [...readSse(sse, seed).flatMap((e) => dec.decode(e)), ...dec.finish()];
}

describe('chat-completions fixtures: non-streaming bodies', () => {
  for (const { name, text } of fixtureFiles('.json')) {
    const body = JSON.parse(text) as Json;
    if (body.error) {
      test(`${name}: upstream error body`, () => {
        const err = parseOpenAIUpstreamError(400, Buffer.from(text));
        assert.deepEqual(err, {
          message: body.error.message,
          type: body.error.type,
          code: body.error.code,
          param: body.error.param,
        });
      });
      continue;
    }

    test(name, () => {
      const res = openaiChatUpstream.decodeResponse(body);
      const msg = body.choices[0].message;
      const o = outcomeOfResponse(res);
      assert.equal(res.id, body.id);
      assert.equal(res.model, body.model);
      assert.equal(o.text, msg.content ?? '');
      assert.equal(o.reasoning, msg.reasoning_content ?? msg.reasoning ?? '');
      checkToolCalls(
        o.toolCalls,
        (msg.tool_calls ?? []).map((t: Json) => ({
          id: t.id,
          name: t.function.name,
          arguments: t.function.arguments,
        })),
      );
      assert.equal(res.stopReason, STOP[body.choices[0].finish_reason]);
      assert.deepEqual(res.usage, expectedUsage(body.usage));

      // back to an OpenAI client
      const out = openaiChatClient.encodeResponse(res, 'gw-model') as Json;
      validateOpenAI('chat.completion', out);
      assert.equal(out.model, 'gw-model');
      assert.equal(out.choices[0].finish_reason, body.choices[0].finish_reason);
      assert.equal(out.choices[0].message.reasoning_content, o.reasoning || undefined);
      assert.deepEqual(outcomeOfResponse(openaiChatUpstream.decodeResponse(out)), o);
    });
  }
});

describe('chat-completions fixtures: streams', () => {
  let seed = 1;
  for (const { name, text } of fixtureFiles('.chunks.txt')) {
    splitStreams(text).forEach((chunks, s) => {
      const streamSeed = seed++;
      test(`${name}${s > 0 ? ` (stream ${s + 1})` : ''}`, () => {
        const sse = `${chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('')}data: [DONE]\n\n`;
        const events = decodeStream(sse, streamSeed);
        const expected = expectedOfChunks(chunks);

        assert.equal(events[0]?.type, 'start');
        assert.equal(events.filter((e) => e.type === 'start').length, 1);
        assert.equal(events.filter((e) => e.type === 'finish').length, 1);
        const start = events[0] as Extract<CanonicalStreamEvent, { type: 'start' }>;
        assert.equal(start.id, chunks.find((c) => c.id)!.id);
        assert.equal(start.model, chunks.find((c) => c.model)!.model);

        const o = outcomeOfEvents(events);
        assert.equal(o.text, expected.text);
        assert.equal(o.reasoning, expected.reasoning);
        checkToolCalls(o.toolCalls, expected.toolCalls);
        assert.equal(o.stopReason, expected.stopReason);
        assert.deepEqual(o.usage, expected.usage);

        // back to an OpenAI client, and through our own decoder once more
        const again = outcomeOfEvents(decodeStream(encodeForClient(events), streamSeed + 1000));
        assert.deepEqual(again, o);
      });
    });
  }
});
