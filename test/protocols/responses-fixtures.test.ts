// The recorded Responses API answers (OpenAI, Azure, xAI, LM Studio, GitHub Copilot) decoded with
// the Responses upstream codec and re-encoded for every client protocol (Responses, Chat
// Completions, Anthropic, Gemini), each checked against its schema and for saying the same thing:
// text, function calls, usage. And every other recorded answer (chat completions, Anthropic,
// Gemini) re-encoded for a Responses client, whole and streamed.
//
// Answers with built-in tool items (web search, file search, code interpreter, MCP, image
// generation, shell, tool search, compaction…) are decoded too: those items belong to OpenAI's
// own tools, which a translated request never asks for, so they are dropped; the text and function
// calls around them must still come through. The expectations are read from the raw recording.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { CanonicalStreamEvent, StreamEncoder, UpstreamCodec } from '../../src/canonical/index.js';
import { anthropicClient, anthropicUpstream } from '../../src/protocols/anthropic/index.js';
import { geminiClient, geminiUpstream } from '../../src/protocols/gemini/index.js';
import {
  openaiChatClient,
  openaiChatUpstream,
  parseOpenAIUpstreamError,
} from '../../src/protocols/openai-chat/index.js';
import {
  createResponsesClient,
  decodeResponsesResponse,
  responsesEcho,
  responsesUpstream,
} from '../../src/protocols/openai-responses/index.js';
import { createSseReader } from '../../src/protocols/sse/index.js';
import { assertAnthropicStreamSequence, validateAnthropic } from '../schemas/anthropic.js';
import { validateGemini } from '../schemas/gemini.js';
import { validateOpenAI } from '../schemas/openai-chat.js';
import { validateResponsesEvent, validateResponsesObject } from '../schemas/openai-responses.js';

const FIXTURES = new URL('../../../shared/data/fixtures/', import.meta.url);
const FOLDERS = ['openai/responses', 'azure/responses', 'xai/responses', 'open-responses/responses'];
const KNOWN_ITEMS = new Set(['message', 'reasoning', 'function_call']);

type Json = Record<string, any>;

const read = (folder: string, file: string) => readFileSync(new URL(`${folder}/${file}`, FIXTURES), 'utf8');
const files = (folder: string, suffix: string) =>
  readdirSync(new URL(folder, FIXTURES))
    .filter((f) => f.endsWith(suffix))
    .sort();

const client = () =>
  createResponsesClient({
    id: 'resp_fixture',
    echo: responsesEcho({}, { store: false, previousResponseId: null }),
  });

/** what a recorded response object says, read straight from its output items */
function expected(r: Json) {
  const items: Json[] = r.output ?? [];
  return {
    text: items
      .filter((i) => i.type === 'message')
      .flatMap((i) => i.content ?? [])
      .map((c: Json) => (c.type === 'refusal' ? c.refusal : (c.text ?? '')))
      .join(''),
    tools: items
      .filter((i) => i.type === 'function_call')
      // a namespaced call is known to other protocols as <namespace>__<name>
      .map((i) => ({
        name: i.namespace ? `${i.namespace}__${i.name}` : i.name,
        args: JSON.parse(i.arguments || '{}'),
      })),
    dropped: [...new Set(items.map((i) => i.type).filter((t: string) => !KNOWN_ITEMS.has(t)))],
  };
}

/** what the canonical events of one stream say */
function summarise(events: CanonicalStreamEvent[]) {
  let text = '';
  let reasoning = '';
  const tools = new Map<number, { name: string; args: string }>();
  let usage: Json = {};
  let stop: string | undefined;
  for (const ev of events) {
    if (ev.type === 'text_delta') text += ev.text;
    if (ev.type === 'reasoning_delta') reasoning += ev.text;
    if (ev.type === 'tool_call_start') tools.set(ev.toolIndex, { name: ev.name, args: '' });
    if (ev.type === 'tool_call_delta') tools.get(ev.toolIndex)!.args += ev.argumentsDelta;
    if (ev.type === 'usage') usage = { ...usage, ...ev.usage };
    if (ev.type === 'finish') stop = ev.stopReason;
  }
  return {
    text,
    reasoning,
    tools: [...tools.values()].map((t) => ({ name: t.name, args: JSON.parse(t.args || '{}') })),
    usage,
    stop,
  };
}

const parseSse = (text: string) => {
  const reader = createSseReader();
  return [...reader.push(text), ...reader.end()];
};

function decodeWith(codec: UpstreamCodec, sse: string): CanonicalStreamEvent[] {
  const decoder = codec.createStreamDecoder();
  return [...parseSse(sse).flatMap((ev) => decoder.decode(ev)), ...decoder.finish()];
}

function encodeStream(encoder: StreamEncoder, events: CanonicalStreamEvent[]): string {
  return events.map((ev) => encoder.encode(ev)).join('') + encoder.finish();
}

/** a Responses stream: every event valid, numbered 0, 1, 2…, opened and closed as OpenAI does */
function checkResponsesStream(text: string): Json[] {
  const events = parseSse(text).map((ev) => {
    const payload = JSON.parse(ev.data) as Json;
    assert.equal(ev.event, payload.type, 'the SSE event name is the payload type');
    assert.deepEqual(validateResponsesEvent(payload), [], payload.type);
    return payload;
  });
  events.forEach((e, i) => {
    assert.equal(e.sequence_number, i);
  });
  assert.equal(events[0]!.type, 'response.created');
  assert.equal(events[1]!.type, 'response.in_progress');
  assert.match(events.at(-1)!.type, /^response\.(completed|incomplete|failed)$/);
  return events;
}

/** the streams recorded in one .chunks.txt (some files hold several, back to back) */
function streamsOf(folder: string, file: string): Json[][] {
  const groups: Json[][] = [];
  for (const line of read(folder, file).split('\n')) {
    if (line.trim() === '') continue;
    const p = JSON.parse(line) as Json;
    if (groups.length === 0 || p.type === 'response.created') groups.push([]);
    groups.at(-1)!.push(p);
  }
  return groups;
}

for (const folder of FOLDERS) {
  describe(`${folder} fixtures decoded and re-encoded for every client protocol`, () => {
    for (const file of files(folder, '.json')) {
      const body = JSON.parse(read(folder, file)) as Json;
      if (!Array.isArray(body.output)) {
        test(`${file}: an error body, parsed in OpenAI's shape`, () => {
          const info = parseOpenAIUpstreamError(400, Buffer.from(JSON.stringify(body)));
          assert.equal(info.message, body.error.message);
        });
        continue;
      }
      const want = expected(body);
      const note = want.dropped.length ? ` (built-in items dropped: ${want.dropped.join(', ')})` : '';
      test(`${file}: response${note}`, () => {
        const canonical = decodeResponsesResponse(body);
        assert.equal(canonical.usage.inputTokens, body.usage.input_tokens);
        assert.equal(canonical.usage.outputTokens, body.usage.output_tokens);
        assert.equal(
          canonical.usage.reasoningTokens,
          body.usage.output_tokens_details?.reasoning_tokens ?? 0,
        );
        assert.equal(canonical.usage.cacheReadTokens, body.usage.input_tokens_details?.cached_tokens ?? 0);

        const asResponses = client().encodeResponse(canonical, 'client-model') as Json;
        assert.deepEqual(validateResponsesObject(asResponses), []);
        assert.deepEqual(expected(asResponses).text, want.text);
        assert.deepEqual(expected(asResponses).tools, want.tools);
        assert.equal(asResponses.usage.input_tokens, body.usage.input_tokens);
        assert.equal(asResponses.usage.output_tokens, body.usage.output_tokens);
        // encrypted reasoning state survives for the next turn
        const encrypted = body.output
          .filter((o: Json) => o.type === 'reasoning' && o.encrypted_content)
          .map((o: Json) => o.encrypted_content);
        assert.deepEqual(
          asResponses.output
            .filter((o: Json) => o.type === 'reasoning' && o.encrypted_content)
            .map((o: Json) => o.encrypted_content),
          encrypted,
        );

        const asOpenAI = openaiChatClient.encodeResponse(canonical, 'client-model') as Json;
        validateOpenAI('chat.completion', asOpenAI);
        assert.equal(asOpenAI.choices[0].message.content ?? '', want.text);
        assert.deepEqual(
          (asOpenAI.choices[0].message.tool_calls ?? []).map((c: Json) => ({
            name: c.function.name,
            args: JSON.parse(c.function.arguments),
          })),
          want.tools,
        );

        const asAnthropic = anthropicClient.encodeResponse(canonical, 'client-model') as Json;
        validateAnthropic('message', asAnthropic);
        assert.equal(
          asAnthropic.content
            .filter((b: Json) => b.type === 'text')
            .map((b: Json) => b.text)
            .join(''),
          want.text,
        );
        assert.deepEqual(
          asAnthropic.content
            .filter((b: Json) => b.type === 'tool_use')
            .map((b: Json) => ({ name: b.name, args: b.input })),
          want.tools,
        );

        const asGemini = geminiClient.encodeResponse(canonical, 'client-model');
        assert.deepEqual(validateGemini('generateContentResponse', asGemini), []);
      });
    }

    for (const file of files(folder, '.chunks.txt')) {
      test(`${file}: stream`, () => {
        for (const recorded of streamsOf(folder, file)) {
          const sse = recorded.map((p) => `event: ${p.type}\ndata: ${JSON.stringify(p)}\n\n`).join('');
          const events = decodeWith(responsesUpstream, sse);
          const said = summarise(events);
          const final = recorded.find(
            (p) => p.type === 'response.completed' || p.type === 'response.incomplete',
          );
          if (final) {
            const want = expected(final.response);
            assert.equal(said.text, want.text, 'text of the stream = text of its final response');
            assert.deepEqual(said.tools, want.tools);
            assert.equal(said.usage.outputTokens, final.response.usage.output_tokens);
          }

          // Responses client
          const responsesText = encodeStream(
            client().createStreamEncoder({ model: 'client-model', includeUsage: true }),
            events,
          );
          const out = checkResponsesStream(responsesText);
          const back = summarise(decodeWith(responsesUpstream, responsesText));
          assert.equal(back.text, said.text);
          assert.equal(back.reasoning, said.reasoning);
          assert.deepEqual(back.tools, said.tools);
          assert.equal(out.at(-1)!.response.usage.output_tokens, said.usage.outputTokens ?? 0);

          // Chat Completions client
          const openaiText = encodeStream(
            openaiChatClient.createStreamEncoder({ model: 'client-model', includeUsage: true }),
            events,
          );
          for (const ev of parseSse(openaiText))
            if (ev.data !== '[DONE]') validateOpenAI('chat.completion.chunk', JSON.parse(ev.data));
          const viaOpenAI = summarise(decodeWith(openaiChatUpstream, openaiText));
          assert.equal(viaOpenAI.text, said.text);
          assert.deepEqual(viaOpenAI.tools, said.tools);

          // Anthropic client
          const anthropicText = encodeStream(
            anthropicClient.createStreamEncoder({ model: 'client-model', includeUsage: true }),
            events,
          );
          assertAnthropicStreamSequence(parseSse(anthropicText));
          const viaAnthropic = summarise(decodeWith(anthropicUpstream, anthropicText));
          assert.equal(viaAnthropic.text, said.text);
          assert.deepEqual(viaAnthropic.tools, said.tools);
        }
      });
    }
  });
}

// ---- every other recorded answer, for a Responses client --------------------------------------

const OTHERS: {
  folder: string;
  codec: UpstreamCodec;
  frame: (l: string) => string;
  streams: 'split-by-id' | 'anthropic' | 'one';
}[] = [
  ...[
    'openai/chat-completions',
    'azure/chat-completions',
    'deepseek/chat-completions',
    'xai/chat-completions',
    'groq/chat-completions',
    'alibaba/chat-completions',
    'perplexity/chat-completions',
    'cerebras/chat-completions',
    'mistral/chat-completions',
    'openai-compatible/chat-completions',
  ].map((folder) => ({
    folder,
    codec: openaiChatUpstream,
    frame: (l: string) => `data: ${l}\n\n`,
    streams: 'split-by-id' as const,
  })),
  {
    folder: 'anthropic/messages',
    codec: anthropicUpstream,
    frame: (l) => `event: ${(JSON.parse(l) as Json).type}\ndata: ${l}\n\n`,
    streams: 'anthropic',
  },
  {
    folder: 'google/generate-content',
    codec: geminiUpstream,
    frame: (l) => `data: ${l}\n\n`,
    streams: 'one',
  },
];

function otherStreams(src: (typeof OTHERS)[number], file: string): string[] {
  const groups: string[][] = [];
  let prev: Json | undefined;
  for (const line of read(src.folder, file).split('\n')) {
    if (line.trim() === '') continue;
    const p = JSON.parse(line) as Json;
    const starts =
      src.streams === 'anthropic'
        ? p.type === 'message_start'
        : src.streams === 'split-by-id'
          ? prev !== undefined && p.id !== prev.id && p.id !== '' && prev.id !== ''
          : false;
    if (groups.length === 0 || starts) groups.push([]);
    groups.at(-1)!.push(src.frame(line));
    prev = p;
  }
  return groups.map((g) => g.join(''));
}

for (const src of OTHERS) {
  describe(`${src.folder} fixtures for a Responses client`, () => {
    for (const file of files(src.folder, '.json')) {
      const body = JSON.parse(read(src.folder, file)) as Json;
      if ('error' in body) continue;
      test(`${file}: response object`, () => {
        const canonical = src.codec.decodeResponse(body);
        const r = client().encodeResponse(canonical, 'client-model') as Json;
        assert.deepEqual(validateResponsesObject(r), []);
        const text = canonical.content
          .filter((p) => p.type === 'text')
          .map((p) => (p as { text: string }).text)
          .join('');
        assert.equal(expected(r).text, text);
        assert.equal(
          expected(r).tools.length,
          canonical.content.filter((p) => p.type === 'tool_call').length,
        );
        assert.equal(r.usage.output_tokens, canonical.usage.outputTokens);
      });
    }
    for (const file of files(src.folder, '.chunks.txt')) {
      test(`${file}: event stream`, () => {
        for (const sse of otherStreams(src, file)) {
          const events = decodeWith(src.codec, sse);
          const said = summarise(events);
          if (events.some((e) => e.type === 'error')) continue; // a recorded failure: covered by the e2e tests
          const text = encodeStream(
            client().createStreamEncoder({ model: 'client-model', includeUsage: true }),
            events,
          );
          checkResponsesStream(text);
          const back = summarise(decodeWith(responsesUpstream, text));
          assert.equal(back.text, said.text);
          assert.deepEqual(back.tools, said.tools);
        }
      });
    }
  });
}

describe('client requests encoded for a Responses provider', () => {
  const chatRequest = {
    model: 'client-model',
    max_completion_tokens: 500,
    messages: [
      { role: 'developer', content: 'Answer briefly.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Weather in Paris?' },
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
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '18C' },
    ],
    tools: [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
        },
      },
    ],
    response_format: { type: 'json_schema', json_schema: { name: 'w', schema: { type: 'object' } } },
  };
  const anthropicRequest = {
    model: 'client-model',
    max_tokens: 2048,
    system: 'Be brief.',
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
    test(`Chat Completions and Anthropic client requests → Responses (stream ${stream}), accepted by the fake's OpenAI checks`, async () => {
      const { validateResponsesRequest } = await import('../fakes/openai/responses-validate.js');
      const fromChat = responsesUpstream.encodeRequest(
        openaiChatClient.decodeRequest({ ...chatRequest, stream }),
        {
          model: 'gpt-5-mini',
          stream,
        },
      ) as Json;
      assert.equal(validateResponsesRequest(fromChat), undefined);
      assert.equal(fromChat.instructions, 'Answer briefly.');
      assert.deepEqual(
        fromChat.input.map((i: Json) => i.type ?? i.role),
        ['user', 'function_call', 'function_call_output'],
      );
      assert.equal(fromChat.text.format.type, 'json_schema');
      assert.equal(fromChat.stream, stream);
      const fromAnthropic = responsesUpstream.encodeRequest(
        anthropicClient.decodeRequest({ ...anthropicRequest, stream }),
        {
          model: 'gpt-5-mini',
          stream,
        },
      ) as Json;
      assert.equal(validateResponsesRequest(fromAnthropic), undefined);
      // Anthropic's thinking signature is not OpenAI's: no reasoning item goes to OpenAI
      assert.ok(!fromAnthropic.input.some((i: Json) => i.type === 'reasoning'));
      assert.deepEqual(fromAnthropic.reasoning, { effort: 'minimal', summary: 'auto' });
    });
  }
});

describe("other providers' reasoning signatures survive a Responses client's round trip", () => {
  /** the output items a Responses client gets for a recorded stream */
  function outputOf(src: (typeof OTHERS)[number], file: string): Json[] {
    const events = decodeWith(src.codec, otherStreams(src, file)[0]!);
    const text = encodeStream(
      client().createStreamEncoder({ model: 'client-model', includeUsage: true }),
      events,
    );
    return parseSse(text)
      .map((e) => JSON.parse(e.data) as Json)
      .at(-1)!.response.output;
  }
  /** the output sent back as the next request's input, with an output for every call */
  const nextTurn = (output: Json[]) => ({
    model: 'client-model',
    input: [
      { role: 'user', content: 'q' },
      ...output,
      ...output
        .filter((o) => o.type === 'function_call')
        .map((c) => ({ type: 'function_call_output', call_id: c.call_id, output: 'ok' })),
    ],
  });

  test("Gemini's thoughtSignature goes back on its functionCall part", async () => {
    const { decodeResponsesRequest } = await import('../../src/protocols/openai-responses/index.js');
    const src = OTHERS.find((s) => s.folder === 'google/generate-content')!;
    const output = outputOf(src, 'google-tool-call.chunks.txt');
    const reasoning = output.find((o) => o.type === 'reasoning')!;
    assert.match(reasoning.encrypted_content, /^sy1\.gemini\./);
    const g = geminiUpstream.encodeRequest(decodeResponsesRequest(nextTurn(output)), {
      model: 'gemini-3-pro-preview',
      stream: false,
    }) as Json;
    const call = g.contents[1].parts.find((p: Json) => p.functionCall);
    assert.equal(call.thoughtSignature, reasoning.encrypted_content.slice('sy1.gemini.'.length));
  });

  test("Anthropic's thinking signature goes back on its thinking block, and never to Gemini", async () => {
    const { decodeResponsesRequest } = await import('../../src/protocols/openai-responses/index.js');
    const src = OTHERS.find((s) => s.folder === 'anthropic/messages')!;
    const file = files(src.folder, '.chunks.txt').find((f) =>
      read(src.folder, f).includes('signature_delta'),
    )!;
    const output = outputOf(src, file);
    const reasoning = output.find((o) => o.type === 'reasoning' && o.encrypted_content)!;
    assert.match(reasoning.encrypted_content, /^sy1\.anthropic\./);
    const req = decodeResponsesRequest(nextTurn(output));
    const a = anthropicUpstream.encodeRequest(req, { model: 'claude-sonnet-4-5', stream: false }) as Json;
    const thinking = a.messages[1].content.find((b: Json) => b.type === 'thinking');
    assert.equal(thinking.signature, reasoning.encrypted_content.slice('sy1.anthropic.'.length));
    const g = geminiUpstream.encodeRequest(req, { model: 'gemini-2.5-flash', stream: false }) as Json;
    assert.ok(!JSON.stringify(g).includes(thinking.signature));
  });
});
