// Every recorded provider response (OpenAI-compatible chat, Anthropic, Gemini) decoded into the
// canonical model and re-encoded for a Gemini client (whole and streamed): valid for Google's
// response schema, and read back by the Gemini decoder it says the same thing (text, function
// calls, usage). The Gemini fixtures, re-encoded, keep their thought signatures where they were.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { CanonicalResponse, CanonicalStreamEvent } from '../../src/canonical/index.js';
import { GatewayError } from '../../src/canonical/index.js';
import { anthropicUpstream } from '../../src/protocols/anthropic/index.js';
import {
  type GeminiGenerateContentResponse,
  geminiClient,
  geminiUpstream,
  renderGeminiError,
  renderGeminiStreamError,
} from '../../src/protocols/gemini/index.js';
import { openaiChatUpstream } from '../../src/protocols/openai-chat/index.js';
import { createSseReader } from '../../src/protocols/sse/index.js';
import { validateAnthropic } from '../schemas/anthropic.js';
import { validateGemini } from '../schemas/gemini.js';
import { validateOpenAI } from '../schemas/openai-chat.js';
import {
  CHAT_SOURCES,
  decodeStreams,
  FIXTURES,
  fixtureFiles,
  readFixture,
  textOf,
} from './recorded-fixtures.js';

const callsOf = (r: CanonicalResponse) =>
  r.content
    .filter((p) => p.type === 'tool_call')
    .map((p) => ({ name: p.name, args: JSON.parse(p.arguments || '{}') as unknown }));
const signaturesOf = (r: CanonicalResponse) =>
  r.content.flatMap((p) => (p.type === 'reasoning' && p.signature ? [p.signature] : []));
const usageOf = (r: CanonicalResponse) => ({
  input: r.usage.inputTokens,
  output: r.usage.outputTokens,
  cacheRead: r.usage.cacheReadTokens,
  reasoning: r.usage.reasoningTokens,
});

function summarise(events: CanonicalStreamEvent[]) {
  let text = '';
  const tools = new Map<number, { name: string; args: string }>();
  const signatures: string[] = [];
  let usage: Record<string, number | boolean | undefined> = {};
  let error = false;
  for (const ev of events) {
    if (ev.type === 'text_delta') text += ev.text;
    if (ev.type === 'tool_call_start') tools.set(ev.toolIndex, { name: ev.name, args: '' });
    if (ev.type === 'tool_call_delta') tools.get(ev.toolIndex)!.args += ev.argumentsDelta;
    if (ev.type === 'reasoning_signature') signatures.push(ev.signature);
    if (ev.type === 'usage') usage = { ...usage, ...ev.usage };
    if (ev.type === 'error') error = true;
  }
  return {
    text,
    tools: [...tools.values()].map((t) => ({ name: t.name, args: JSON.parse(t.args || '{}') as unknown })),
    signatures,
    outputTokens: usage.outputTokens,
    error,
  };
}

/** the `data:` events of what the Gemini stream encoder wrote, each validated */
function encodeForGeminiClient(events: CanonicalStreamEvent[]) {
  const encoder = geminiClient.createStreamEncoder({ model: 'client-model', includeUsage: true });
  let out = '';
  for (const ev of events) out += encoder.encode(ev);
  out += encoder.finish();
  assert.ok(!out.includes('\n\n') || out.includes('\r\n\r\n'), 'events are CRLF-separated');
  const reader = createSseReader();
  const sse = [...reader.push(out), ...reader.end()];
  for (const ev of sse) {
    const payload = JSON.parse(ev.data) as Record<string, unknown>;
    assert.deepEqual(validateGemini('error' in payload ? 'error' : 'generateContentResponse', payload), []);
  }
  return sse;
}

for (const src of CHAT_SOURCES) {
  describe(`${src.folder} fixtures re-encoded for a Gemini client`, () => {
    for (const file of fixtureFiles(src.folder, '.json')) {
      const body = JSON.parse(readFixture(src, file)) as Record<string, unknown>;
      if ('error' in body) continue;
      test(`${file}: response`, () => {
        const canonical = src.codec.decodeResponse(body);
        const asGemini = geminiClient.encodeResponse(
          canonical,
          'client-model',
        ) as GeminiGenerateContentResponse;
        assert.deepEqual(validateGemini('generateContentResponse', asGemini), []);
        const back = geminiUpstream.decodeResponse(asGemini);
        assert.equal(textOf(back), textOf(canonical));
        assert.deepEqual(callsOf(back), callsOf(canonical));
        assert.deepEqual(usageOf(back), usageOf(canonical));
        if (src.codec === geminiUpstream) {
          // Gemini's own signatures, unwrapped and on the same parts
          assert.deepEqual(signaturesOf(back), signaturesOf(canonical));
          const original = JSON.stringify((body.candidates as unknown[])[0]);
          for (const s of signaturesOf(canonical)) assert.ok(original.includes(s));
          assert.deepEqual(
            (asGemini.candidates![0]!.content!.parts ?? []).map((p) => Object.keys(p).sort()),
            ((body.candidates as any)[0].content.parts as Record<string, unknown>[]).map((p) =>
              Object.keys(p).sort(),
            ),
          );
        }
      });
    }

    for (const file of fixtureFiles(src.folder, '.chunks.txt')) {
      test(`${file}: stream`, () => {
        for (const events of decodeStreams(src, file)) {
          const said = summarise(events);
          const sse = encodeForGeminiClient(events);
          const decoder = geminiUpstream.createStreamDecoder();
          const again = summarise([...sse.flatMap((ev) => decoder.decode(ev)), ...decoder.finish()]);
          assert.equal(again.text, said.text);
          assert.deepEqual(again.tools, said.tools);
          assert.equal(again.error, said.error);
          if (!said.error) assert.equal(again.outputTokens ?? 0, said.outputTokens ?? 0);
          if (src.codec === geminiUpstream) assert.deepEqual(again.signatures, said.signatures);
        }
      });
    }
  });
}

describe('errors for a Gemini client', () => {
  test("a Gemini provider's own error body is kept; others get Google's shape", () => {
    const own = Buffer.from(
      JSON.stringify({ error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } }),
    );
    const passed = renderGeminiError(
      new GatewayError('rate_limit', 'x', { upstreamBody: own, upstreamProtocol: 'gemini' }),
    );
    assert.deepEqual(passed.body, JSON.parse(own.toString()));
    const raw = readFileSync(
      new URL('openai/chat-completions/reasoning-model-legacy-parameter-error.json', FIXTURES),
    );
    const mine = renderGeminiError(
      new GatewayError('invalid_request', 'max_tokens is not supported', {
        upstreamBody: raw,
        upstreamProtocol: 'openai',
      }),
    );
    assert.equal(mine.status, 400);
    assert.deepEqual(validateGemini('error', mine.body), []);
    assert.equal(mine.body.error.status, 'INVALID_ARGUMENT');
    const frame = renderGeminiStreamError({ status: 503, message: 'overloaded', kind: 'overloaded' });
    assert.match(frame, /^data: \{.*\}\r\n\r\n$/);
    assert.deepEqual(validateGemini('error', JSON.parse(frame.slice(6))), []);
  });
});

describe('Gemini client requests encoded for every upstream protocol', () => {
  const request = {
    model: 'client-model',
    systemInstruction: { parts: [{ text: 'Be brief.' }] },
    contents: [
      {
        role: 'user',
        parts: [
          { text: 'Weather in Paris and Rome?' },
          { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
        ],
      },
      {
        role: 'model',
        parts: [
          { text: 'Checking.', thought: true, thoughtSignature: 'EskgCsYg' },
          { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'EqUCCqIC' },
          { functionCall: { name: 'get_weather', args: { city: 'Rome' } } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'get_weather', response: { output: '18C' } } },
          { functionResponse: { name: 'get_weather', response: { output: '21C' } } },
        ],
      },
    ],
    tools: [
      {
        functionDeclarations: [
          {
            name: 'get_weather',
            description: 'Weather for a city',
            parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' } }, required: ['city'] },
          },
        ],
      },
    ],
    toolConfig: { functionCallingConfig: { mode: 'AUTO' } },
    generationConfig: {
      temperature: 0.2,
      maxOutputTokens: 800,
      stopSequences: ['END'],
      responseMimeType: 'application/json',
      responseJsonSchema: { type: 'object', properties: { t: { type: 'number' } } },
      thinkingConfig: { thinkingBudget: 1024, includeThoughts: true },
    },
  };

  for (const stream of [false, true]) {
    test(`→ OpenAI, Anthropic and Gemini (stream ${stream})`, () => {
      const req = geminiClient.decodeRequest({ ...request, stream });
      const tools = req.messages.flatMap((m) => m.content.filter((p) => p.type === 'tool_result'));
      const calls = req.messages.flatMap((m) => m.content.filter((p) => p.type === 'tool_call'));
      // each response is paired with its call, in order
      assert.deepEqual(
        tools.map((t) => (t as { toolCallId: string }).toolCallId),
        calls.map((c) => (c as { id: string }).id),
      );
      const o = openaiChatUpstream.encodeRequest(req, { model: 'gpt-4o-mini', stream }) as Record<
        string,
        any
      >;
      validateOpenAI('request', o);
      assert.equal(o.messages.filter((m: { role: string }) => m.role === 'tool').length, 2);
      const a = anthropicUpstream.encodeRequest(req, { model: 'claude-haiku-4-5', stream }) as Record<
        string,
        unknown
      >;
      validateAnthropic('request', a);
      const g = geminiUpstream.encodeRequest(req, { model: 'gemini-2.5-flash', stream }) as Record<
        string,
        any
      >;
      assert.deepEqual(validateGemini('generateContentRequest', g), []);
      // Gemini's own signatures go back where they were
      assert.equal(g.contents[1].parts[0].thoughtSignature, 'EskgCsYg');
      assert.equal(g.contents[1].parts[1].thoughtSignature, 'EqUCCqIC');
    });
  }
});
