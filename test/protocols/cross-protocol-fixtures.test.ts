// Every recorded provider response (OpenAI-compatible chat, Anthropic, Gemini) decoded into the
// canonical model and re-encoded into each client protocol; the result must be valid for that
// protocol's schema and say the same thing (text, tool calls, stop reason, usage).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { CanonicalResponse, CanonicalStreamEvent, StreamEncoder } from '../../src/canonical/index.js';
import { anthropicClient, anthropicUpstream } from '../../src/protocols/anthropic/index.js';
import { geminiUpstream } from '../../src/protocols/gemini/index.js';
import { openaiChatClient, openaiChatUpstream } from '../../src/protocols/openai-chat/index.js';
import { createSseReader } from '../../src/protocols/sse/index.js';
import { assertAnthropicStreamSequence, validateAnthropic } from '../schemas/anthropic.js';
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

const toolCallsOf = (r: CanonicalResponse) =>
  r.content
    .filter((p) => p.type === 'tool_call')
    .map((p) => ({ name: p.name, args: JSON.parse(p.arguments || '{}') }));

function encodeStream(encoder: StreamEncoder, events: CanonicalStreamEvent[]): string {
  let out = '';
  for (const ev of events) out += encoder.encode(ev);
  return out + encoder.finish();
}

function parseSse(text: string) {
  const reader = createSseReader();
  return [...reader.push(text), ...reader.end()];
}

/** what a stream said, in canonical terms */
function summarise(events: CanonicalStreamEvent[]) {
  let text = '';
  const tools = new Map<number, { name: string; args: string }>();
  let stop: string | undefined;
  let error = false;
  for (const ev of events) {
    if (ev.type === 'text_delta') text += ev.text;
    if (ev.type === 'tool_call_start') tools.set(ev.toolIndex, { name: ev.name, args: '' });
    if (ev.type === 'tool_call_delta') tools.get(ev.toolIndex)!.args += ev.argumentsDelta;
    if (ev.type === 'finish') stop = ev.stopReason;
    if (ev.type === 'error') error = true;
  }
  return {
    text,
    tools: [...tools.values()].map((t) => ({ name: t.name, args: JSON.parse(t.args || '{}') })),
    stop,
    error,
  };
}

for (const src of CHAT_SOURCES) {
  describe(`${src.folder} fixtures re-encoded for every client protocol`, () => {
    for (const file of fixtureFiles(src.folder, '.json')) {
      const body = JSON.parse(readFixture(src, file)) as Record<string, unknown>;
      if ('error' in body) continue; // error bodies are covered below
      test(`${file}: response`, () => {
        const canonical = src.codec.decodeResponse(body);
        const asOpenAI = openaiChatClient.encodeResponse(canonical, 'client-model') as {
          choices: {
            message: {
              content: string | null;
              tool_calls?: { function: { name: string; arguments: string } }[];
            };
          }[];
        };
        validateOpenAI('chat.completion', asOpenAI);
        assert.equal(asOpenAI.choices[0]!.message.content ?? '', textOf(canonical));
        assert.deepEqual(
          (asOpenAI.choices[0]!.message.tool_calls ?? []).map((c) => ({
            name: c.function.name,
            args: JSON.parse(c.function.arguments),
          })),
          toolCallsOf(canonical),
        );
        const asAnthropic = anthropicClient.encodeResponse(canonical, 'client-model') as {
          content: { type: string; text?: string; name?: string; input?: unknown }[];
          usage: { input_tokens: number; output_tokens: number; cache_read_input_tokens: number };
        };
        validateAnthropic('message', asAnthropic);
        assert.equal(
          asAnthropic.content
            .filter((b) => b.type === 'text')
            .map((b) => b.text)
            .join(''),
          textOf(canonical),
        );
        assert.deepEqual(
          asAnthropic.content
            .filter((b) => b.type === 'tool_use')
            .map((b) => ({ name: b.name, args: b.input })),
          toolCallsOf(canonical),
        );
        assert.equal(asAnthropic.usage.output_tokens, canonical.usage.outputTokens);
        assert.equal(
          asAnthropic.usage.input_tokens +
            asAnthropic.usage.cache_read_input_tokens +
            (asAnthropic.usage as any).cache_creation_input_tokens,
          canonical.usage.inputTokens,
        );
      });
    }

    for (const file of fixtureFiles(src.folder, '.chunks.txt')) {
      test(`${file}: stream`, () => {
        for (const events of decodeStreams(src, file)) {
          const said = summarise(events);
          // OpenAI client
          const openaiText = encodeStream(
            openaiChatClient.createStreamEncoder({ model: 'client-model', includeUsage: true }),
            events,
          );
          const back = openaiChatUpstream.createStreamDecoder();
          const openaiEvents: CanonicalStreamEvent[] = [];
          for (const ev of parseSse(openaiText)) {
            if (ev.data === '[DONE]') continue;
            const payload = JSON.parse(ev.data) as Record<string, unknown>;
            if ('error' in payload) validateOpenAI('error', payload);
            else validateOpenAI('chat.completion.chunk', payload);
            openaiEvents.push(...back.decode(ev));
          }
          openaiEvents.push(...back.finish());
          const viaOpenAI = summarise(openaiEvents);
          assert.equal(viaOpenAI.text, said.text);
          assert.deepEqual(viaOpenAI.tools, said.tools);
          if (!said.error) assert.ok(openaiText.endsWith('data: [DONE]\n\n'));

          // Anthropic client
          const anthropicText = encodeStream(
            anthropicClient.createStreamEncoder({ model: 'client-model', includeUsage: true }),
            events,
          );
          const anthropicEvents = parseSse(anthropicText);
          assertAnthropicStreamSequence(anthropicEvents);
          const back2 = anthropicUpstream.createStreamDecoder();
          const viaAnthropic = summarise([
            ...anthropicEvents.flatMap((ev) => back2.decode(ev)),
            ...back2.finish(),
          ]);
          assert.equal(viaAnthropic.text, said.text);
          assert.deepEqual(viaAnthropic.tools, said.tools);
        }
      });
    }
  });
}

describe('recorded error bodies in every client protocol', () => {
  test('an OpenAI error body keeps its message in both shapes', async () => {
    const { parseOpenAIUpstreamError, renderOpenAIError } = await import(
      '../../src/protocols/openai-chat/index.js'
    );
    const { renderAnthropicError } = await import('../../src/protocols/anthropic/index.js');
    const { GatewayError } = await import('../../src/canonical/index.js');
    const raw = readFileSync(
      new URL('openai/chat-completions/reasoning-model-legacy-parameter-error.json', FIXTURES),
    );
    const info = parseOpenAIUpstreamError(400, raw);
    const err = new GatewayError('invalid_request', info.message, { param: info.param, code: info.code });
    const a = renderAnthropicError(err);
    validateAnthropic('error', a.body);
    assert.equal(a.status, 400);
    assert.match((a.body as { error: { message: string } }).error.message, /max_tokens/);
    const o = renderOpenAIError(err);
    validateOpenAI('error', o.body);
    assert.equal((o.body as { error: { param: string } }).error.param, 'max_tokens');
  });
});

describe('client requests encoded for every upstream protocol', () => {
  const openaiRequest = {
    model: 'client-model',
    max_completion_tokens: 500,
    temperature: 0.2,
    stop: ['END'],
    response_format: {
      type: 'json_schema',
      json_schema: { name: 'w', schema: { type: 'object', properties: { t: { type: 'number' } } } },
    },
    messages: [
      { role: 'developer', content: 'Answer in JSON.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Weather in Paris and Rome?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
        ],
      },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
          { id: 'call_2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '18C' },
      { role: 'tool', tool_call_id: 'call_2', content: '21C' },
    ],
    tools: [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      },
    ],
    tool_choice: 'auto',
  };
  const anthropicRequest = {
    model: 'client-model',
    max_tokens: 2048,
    system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
    thinking: { type: 'enabled', budget_tokens: 1024 },
    messages: [
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'Use the tool.', signature: 'sig' },
          { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
        ],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '18C' }] },
    ],
    tools: [
      { name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } },
    ],
  };

  for (const stream of [false, true]) {
    test(`OpenAI client request → Anthropic and Gemini (stream ${stream})`, () => {
      const req = openaiChatClient.decodeRequest({ ...openaiRequest, stream });
      const a = anthropicUpstream.encodeRequest(req, { model: 'claude-haiku-4-5', stream }) as Record<
        string,
        unknown
      >;
      validateAnthropic('request', a);
      assert.equal(a.stream === true, stream);
      const g = geminiUpstream.encodeRequest(req, { model: 'gemini-2.5-flash', stream });
      assert.deepEqual(validateGemini('generateContentRequest', g), []);
    });

    test(`Anthropic client request → OpenAI and Gemini (stream ${stream})`, () => {
      const req = anthropicClient.decodeRequest({ ...anthropicRequest, stream });
      const o = openaiChatUpstream.encodeRequest(req, { model: 'gpt-4o-mini', stream }) as Record<
        string,
        unknown
      >;
      validateOpenAI('request', o);
      if (stream) assert.deepEqual(o.stream_options, { include_usage: true });
      const g = geminiUpstream.encodeRequest(req, { model: 'gemini-2.5-flash', stream });
      assert.deepEqual(validateGemini('generateContentRequest', g), []);
    });
  }
});
