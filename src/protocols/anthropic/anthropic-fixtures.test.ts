// Every recorded Anthropic Messages response (shared/data/fixtures/anthropic/messages):
// decoded to canonical and checked against what the raw payloads say, then encoded back to
// Anthropic and checked against the schemas in test/schemas/anthropic.ts.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { assertAnthropicStreamSequence, validateAnthropic } from '../../../test/schemas/anthropic.js';
import type { CanonicalStreamEvent, SseEvent, StopReason, Usage } from '../../canonical/index.js';
import { createSseReader } from '../sse/index.js';
import { createAnthropicStreamDecoder } from './create-anthropic-stream-decoder.js';
import { createAnthropicStreamEncoder } from './create-anthropic-stream-encoder.js';
import { decodeAnthropicResponse } from './decode-anthropic-response.js';
import { encodeAnthropicResponse } from './encode-anthropic-response.js';
import { stopReasonFromAnthropic } from './map-anthropic-stop-reason.js';

const DIR = new URL('../../../../shared/data/fixtures/anthropic/messages/', import.meta.url);
const files = readdirSync(DIR).sort();
const jsonFiles = files.filter((f) => f.endsWith('.json'));
const chunkFiles = files.filter((f) => f.endsWith('.chunks.txt'));

type Json = Record<string, any>;

/** The payload lines of a .chunks.txt file, split into streams at each message_start. */
function readStreams(name: string): Json[][] {
  const lines = readFileSync(new URL(name, DIR), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Json);
  const streams: Json[][] = [];
  for (const p of lines) {
    if (p.type === 'message_start' || streams.length === 0) streams.push([]);
    streams.at(-1)!.push(p);
  }
  return streams;
}

/** SSE wire text as SOURCE.md says to rebuild it: `event: <type>\ndata: <line>\n\n`. */
const toSse = (payloads: Json[]) =>
  payloads.map((p) => `event: ${p.type}\ndata: ${JSON.stringify(p)}\n\n`).join('');

/** A small deterministic PRNG, so a failing slicing can be reproduced. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Feeds `text` to an SSE reader in random slices of 1–40 characters. */
function readSse(text: string, seed: number): SseEvent[] {
  const rand = prng(seed);
  const reader = createSseReader();
  const events: SseEvent[] = [];
  for (let i = 0; i < text.length; ) {
    const n = 1 + Math.floor(rand() * 40);
    events.push(...reader.push(text.slice(i, i + n)));
    i += n;
  }
  events.push(...reader.end());
  return events;
}

function decodeSse(events: SseEvent[]): CanonicalStreamEvent[] {
  const decoder = createAnthropicStreamDecoder();
  return [...events.flatMap((e) => decoder.decode(e)), ...decoder.finish()];
}

interface Summary {
  id?: string;
  text: string;
  reasoning: string;
  signatures: string[];
  redacted: string[];
  tools: Array<{ id: string; name: string; input: unknown }>;
  stopReason?: StopReason;
  usage: Partial<Usage>;
  finishes: number;
}

/** What a canonical event stream adds up to. */
function summarize(events: CanonicalStreamEvent[]): Summary {
  const s: Summary = {
    text: '',
    reasoning: '',
    signatures: [],
    redacted: [],
    tools: [],
    usage: {},
    finishes: 0,
  };
  const args: string[] = [];
  for (const ev of events) {
    switch (ev.type) {
      case 'start':
        s.id = ev.id;
        Object.assign(s.usage, ev.usage);
        break;
      case 'text_delta':
        s.text += ev.text;
        break;
      case 'reasoning_delta':
        s.reasoning += ev.text;
        break;
      case 'reasoning_signature':
        s.signatures.push(ev.signature);
        break;
      case 'redacted_reasoning':
        s.redacted.push(ev.data);
        break;
      case 'tool_call_start':
        assert.equal(ev.toolIndex, s.tools.length, 'tool indexes count up from 0');
        s.tools.push({ id: ev.id, name: ev.name, input: undefined });
        args.push('');
        break;
      case 'tool_call_delta':
        args[ev.toolIndex] += ev.argumentsDelta;
        break;
      case 'usage':
        Object.assign(s.usage, ev.usage);
        break;
      case 'finish':
        s.stopReason = ev.stopReason;
        s.finishes++;
        break;
      case 'error':
        assert.fail(`unexpected error event: ${ev.error.message}`);
    }
  }
  s.tools.forEach((t, i) => {
    t.input = JSON.parse(args[i]!);
  });
  return s;
}

/** The same summary computed straight from the raw Anthropic payloads. */
function expectedFrom(stream: Json[]): Omit<Summary, 'finishes' | 'redacted'> {
  const s: Omit<Summary, 'finishes' | 'redacted'> = {
    text: '',
    reasoning: '',
    signatures: [],
    tools: [],
    usage: {},
  };
  const blockType = new Map<number, string>();
  const toolArgs = new Map<number, { tool: Summary['tools'][number]; json: string; start: unknown }>();
  let raw: Json = {};
  const addBlock = (cb: Json, index: number) => {
    blockType.set(index, cb.type);
    if (cb.type === 'text') s.text += cb.text;
    if (cb.type === 'thinking') s.reasoning += cb.thinking;
    if (cb.type === 'tool_use') {
      const tool = { id: cb.id, name: cb.name, input: cb.input };
      s.tools.push(tool);
      toolArgs.set(index, { tool, json: '', start: cb.input });
    }
  };
  for (const p of stream) {
    if (p.type === 'message_start') {
      s.id = p.message.id;
      raw = { ...p.message.usage };
      p.message.content.forEach((cb: Json, i: number) => {
        addBlock(cb, -1 - i);
      });
      if (p.message.stop_reason) s.stopReason = stopReasonFromAnthropic(p.message.stop_reason);
    } else if (p.type === 'content_block_start') addBlock(p.content_block, p.index);
    else if (p.type === 'content_block_delta') {
      const t = blockType.get(p.index);
      if (p.delta.type === 'text_delta' && t === 'text') s.text += p.delta.text;
      if (p.delta.type === 'thinking_delta') s.reasoning += p.delta.thinking;
      if (p.delta.type === 'signature_delta') s.signatures.push(p.delta.signature);
      if (p.delta.type === 'input_json_delta' && t === 'tool_use')
        toolArgs.get(p.index)!.json += p.delta.partial_json;
    } else if (p.type === 'message_delta') {
      for (const [k, v] of Object.entries(p.usage)) if (v !== null) raw[k] = v;
      s.stopReason = stopReasonFromAnthropic(p.delta.stop_reason);
    }
  }
  for (const { tool, json } of toolArgs.values()) if (json !== '') tool.input = JSON.parse(json);
  const cacheRead = raw.cache_read_input_tokens ?? 0;
  const cacheWrite = raw.cache_creation_input_tokens ?? 0;
  s.usage = {
    inputTokens: raw.input_tokens + cacheRead + cacheWrite,
    outputTokens: raw.output_tokens,
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
  };
  if (raw.output_tokens_details) s.usage.reasoningTokens = raw.output_tokens_details.thinking_tokens;
  return s;
}

function assertMatches(got: Summary, want: ReturnType<typeof expectedFrom>, where: string) {
  assert.equal(got.id, want.id, `${where}: id`);
  assert.equal(got.text, want.text, `${where}: text = concatenated text deltas`);
  assert.equal(got.reasoning, want.reasoning, `${where}: thinking text`);
  assert.deepEqual(got.signatures, want.signatures, `${where}: signatures`);
  assert.deepEqual(got.tools, want.tools, `${where}: tool calls (input = parsed input_json)`);
  assert.equal(got.stopReason, want.stopReason, `${where}: stop reason`);
  assert.equal(got.finishes, 1, `${where}: exactly one finish`);
  for (const [k, v] of Object.entries(want.usage)) {
    assert.equal(got.usage[k as keyof Usage], v, `${where}: usage.${k}`);
  }
}

/** Blocks the schemas describe (what crosses protocols); others are Anthropic-only. */
const PORTABLE = new Set(['text', 'thinking', 'redacted_thinking', 'tool_use']);
const isPortableStream = (stream: Json[]) =>
  stream.every(
    (p) =>
      (p.type !== 'content_block_start' || PORTABLE.has(p.content_block.type)) &&
      (p.type !== 'content_block_delta' || p.delta.type !== 'compaction_delta') &&
      (p.type !== 'message_start' || p.message.content.every((b: Json) => PORTABLE.has(b.type))),
  );

describe('anthropic fixtures: streams', () => {
  test('there are stream fixtures to test', () => assert.ok(chunkFiles.length >= 20));

  for (const file of chunkFiles) {
    test(file, () => {
      const streams = readStreams(file);
      streams.forEach((stream, n) => {
        const where = `${file}#${n}`;
        const want = expectedFrom(stream);
        const sse = toSse(stream);

        // decode, fed in random small slices
        const decoded = decodeSse(readSse(sse, n + file.length));
        const got = summarize(decoded);
        assertMatches(got, want, where);
        assert.equal(
          decoded.filter((e) => e.type === 'tool_call_start').length,
          want.tools.length,
          `${where}: server tools are not tool calls`,
        );

        // re-encode for an Anthropic client, check it is well-formed, decode it again
        const encoder = createAnthropicStreamEncoder({
          model: 'client-model',
          includeUsage: true,
          id: 'msg_fallback',
        });
        const wire = decoded.map((e) => encoder.encode(e)).join('') + encoder.finish();
        const events = readSse(wire, 7);
        const payloads = assertAnthropicStreamSequence(events);
        assert.equal(payloads[0]!.message.model, 'client-model');
        assert.equal(payloads[0]!.message.id, want.id);
        const again = summarize(decodeSse(events));
        assertMatches(again, { ...want, stopReason: want.stopReason }, `${where} (round trip)`);

        // real Anthropic payloads of portable streams satisfy the schemas too (streams whose
        // message_start already holds the finished message end without message_delta)
        if (isPortableStream(stream) && stream.some((p) => p.type === 'message_delta')) {
          assertAnthropicStreamSequence(readSse(sse, 3));
        }
      });
    });
  }

  test('prompt-cache stream: cache reads and writes from message_delta', () => {
    const [stream] = readStreams('anthropic-code-execution-20260120-prompt-cache.1.chunks.txt');
    const got = summarize(decodeSse(readSse(toSse(stream!), 1)));
    assert.deepEqual(got.usage, {
      inputTokens: 6 + 3337 + 6289,
      outputTokens: 198,
      cacheReadTokens: 6289,
      cacheWriteTokens: 3337,
      reasoningTokens: 0,
    });
    // and back to Anthropic's split
    const encoder = createAnthropicStreamEncoder({ model: 'm', includeUsage: true });
    const events = decodeSse(readSse(toSse(stream!), 2));
    const wire = events.map((e) => encoder.encode(e)).join('') + encoder.finish();
    const payloads = assertAnthropicStreamSequence(readSse(wire, 5));
    assert.deepEqual(payloads.at(-2)!.usage, {
      output_tokens: 198,
      input_tokens: 6,
      cache_creation_input_tokens: 3337,
      cache_read_input_tokens: 6289,
      output_tokens_details: { thinking_tokens: 0 },
    });
    // message_start carried the usage known at the start
    assert.deepEqual(payloads[0]!.message.usage, {
      input_tokens: 2,
      output_tokens: 69,
      cache_creation_input_tokens: 3068,
      cache_read_input_tokens: 0,
    });
  });

  test('message_delta input_tokens replaces the message_start value', () => {
    const [stream] = readStreams('anthropic-message-delta-input-tokens.chunks.txt');
    const decoded = decodeSse(readSse(toSse(stream!), 1));
    const start = decoded.find((e) => e.type === 'start');
    assert.equal(start?.type === 'start' && start.usage?.inputTokens, 43);
    const got = summarize(decoded);
    assert.equal(got.usage.inputTokens, 61);
    assert.equal(got.usage.outputTokens, 2);
    assert.equal(got.text, 'pong');
  });

  test('thinking text and signature are captured', () => {
    const [stream] = readStreams('anthropic-clear-thinking.1.chunks.txt');
    const got = summarize(decodeSse(readSse(toSse(stream!), 9)));
    assert.match(got.reasoning, /^The previous result was 925\./);
    assert.equal(got.signatures.length, 1);
    assert.ok(got.signatures[0]!.startsWith('EvQBCkYICxgCKkAx'));
    assert.equal(got.text, '925 ÷ 5 = 185');
  });

  test('programmatic tool calling: finished content inside message_start', () => {
    const streams = readStreams('anthropic-programmatic-tool-calling.1.chunks.txt');
    assert.equal(streams.length, 15);
    const got = summarize(decodeSse(readSse(toSse(streams[1]!), 4)));
    assert.deepEqual(got.tools, [
      { id: 'toolu_015dGLMbwBKv1ZRQr6KdJzeH', name: 'rollDie', input: { player: 'player2' } },
    ]);
    assert.equal(got.stopReason, 'tool_use');
    // the first stream's tool_use has its input only in content_block_start
    const first = summarize(decodeSse(readSse(toSse(streams[0]!), 4)));
    assert.deepEqual(first.tools, [
      { id: 'toolu_019jKkXz4jAdwHweHBw92CVY', name: 'rollDie', input: { player: 'player1' } },
    ]);
  });

  test('tool without arguments: input {}', () => {
    const [stream] = readStreams('anthropic-tool-no-args.chunks.txt');
    const got = summarize(decodeSse(readSse(toSse(stream!), 4)));
    assert.deepEqual(got.tools, [
      { id: 'toolu_01QE1WLsSVp5hy5Q3GmGTmjP', name: 'updateIssueList', input: {} },
    ]);
    assert.equal(got.stopReason, 'tool_use');
  });
});

describe('anthropic fixtures: responses', () => {
  test('there are response fixtures to test', () => assert.ok(jsonFiles.length >= 19));

  for (const file of jsonFiles) {
    test(file, () => {
      const body = JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as Json;
      const res = decodeAnthropicResponse(body);
      const blocks = body.content as Json[];

      assert.equal(res.id, body.id);
      assert.equal(res.model, body.model);
      assert.equal(res.stopReason, stopReasonFromAnthropic(body.stop_reason));
      const texts = blocks.filter((b) => b.type === 'text').map((b) => b.text);
      assert.deepEqual(
        res.content.filter((p) => p.type === 'text').map((p) => p.text),
        texts,
      );
      const tools = blocks.filter((b) => b.type === 'tool_use');
      assert.deepEqual(
        res.content
          .filter((p) => p.type === 'tool_call')
          .map((p) => ({ id: p.id, name: p.name, input: JSON.parse(p.arguments) })),
        tools.map((b) => ({ id: b.id, name: b.name, input: b.input })),
      );
      const thinking = blocks.filter((b) => b.type === 'thinking');
      assert.deepEqual(
        res.content.filter((p) => p.type === 'reasoning').map((p) => [p.text, p.signature]),
        thinking.map((b) => [b.thinking, b.signature]),
      );
      // server-tool blocks are dropped, nothing else
      assert.equal(res.content.length, blocks.filter((b) => PORTABLE.has(b.type)).length);

      const u = body.usage;
      assert.equal(
        res.usage.inputTokens,
        u.input_tokens + u.cache_read_input_tokens + u.cache_creation_input_tokens,
      );
      assert.equal(res.usage.outputTokens, u.output_tokens);
      assert.equal(res.usage.cacheReadTokens, u.cache_read_input_tokens);
      assert.equal(res.usage.cacheWriteTokens, u.cache_creation_input_tokens);
      assert.equal(res.usage.reasoningTokens, u.output_tokens_details?.thinking_tokens ?? 0);

      // back to an Anthropic client
      const out = encodeAnthropicResponse(res, 'client-model');
      validateAnthropic('message', out);
      assert.equal(out.model, 'client-model');
      assert.equal(out.usage.input_tokens, u.input_tokens);
      assert.equal(out.usage.cache_read_input_tokens, u.cache_read_input_tokens);
      assert.deepEqual(decodeAnthropicResponse(out).content, res.content);

      // the recorded body satisfies the schema when it holds only portable blocks
      // (anthropic-json-tool.1.json lost its stop_sequence upstream, see SOURCE.md)
      if (blocks.every((b) => PORTABLE.has(b.type)) && 'stop_sequence' in body)
        validateAnthropic('message', body);
    });
  }

  test('opus 5 reasoning: thinking tokens reported', () => {
    const body = JSON.parse(
      readFileSync(new URL('anthropic-claude-opus-5-reasoning-high.1.json', DIR), 'utf8'),
    );
    const res = decodeAnthropicResponse(body);
    assert.equal(res.usage.reasoningTokens, 139);
    assert.equal(res.content[0]!.type, 'reasoning');
  });
});

describe('test/schemas/anthropic.ts rejects what it should', () => {
  test('a Message with a wrong field fails', () => {
    const good = {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'm',
      content: [{ type: 'text', text: 'hi' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 1, output_tokens: 1 },
    };
    validateAnthropic('message', good);
    assert.throws(
      () => validateAnthropic('message', { ...good, stop_reason: 'stop' }),
      /invalid Anthropic message/,
    );
    assert.throws(() =>
      validateAnthropic('message', {
        ...good,
        content: [{ type: 'tool_use', id: 'a.b', name: 'x', input: {} }],
      }),
    );
    assert.throws(() => validateAnthropic('message', { ...good, extra: 1 }));
  });

  test('a stream with an unclosed block fails the sequence check', () => {
    const ev = (p: Json) => ({ event: p.type as string, data: JSON.stringify(p) });
    const start = {
      type: 'message_start',
      message: {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        model: 'm',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 1, output_tokens: 0 },
      },
    };
    const tail = [
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: 1 },
      },
      { type: 'message_stop' },
    ];
    const open = { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } };
    assert.throws(() => assertAnthropicStreamSequence([start, open, ...tail].map(ev)), /never closed/);
    assert.throws(
      () =>
        assertAnthropicStreamSequence(
          [start, { ...open, index: 1 }, { type: 'content_block_stop', index: 1 }, ...tail].map(ev),
        ),
      /expected 0/,
    );
    assert.throws(() => assertAnthropicStreamSequence([start, tail[1]!].map(ev)), /message_delta/);
  });
});
