// Every client protocol × every upstream protocol (and the simulator), streaming and not:
// a text answer, a tool round trip and an image, through the official SDKs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import { type Harness, startHarness, UPSTREAM_MODELS, type UpstreamName } from './harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const WEATHER_TOOL_OPENAI: OpenAI.Chat.Completions.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
const WEATHER_TOOL_ANTHROPIC: Anthropic.Tool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
// 1x1 transparent PNG
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

const upstreams = Object.keys(UPSTREAM_MODELS) as UpstreamName[];

function lastUpstreamRequest(name: UpstreamName) {
  if (name === 'sim') return undefined;
  const fake = name === 'openai' ? h.openaiUp : name === 'anthropic' ? h.anthropicUp : h.geminiUp;
  return fake.requests[fake.requests.length - 1];
}

describe('OpenAI SDK client', () => {
  for (const up of upstreams) {
    const model = UPSTREAM_MODELS[up];
    for (const stream of [false, true]) {
      test(`${up} upstream, ${stream ? 'streaming' : 'not streaming'}: text`, async () => {
        const client = h.openai();
        const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Say hello to the matrix' },
        ];
        let text = '';
        let usage: OpenAI.CompletionUsage | undefined | null;
        if (stream) {
          const s = await client.chat.completions.create({
            model,
            messages,
            stream: true,
            stream_options: { include_usage: true },
          });
          for await (const chunk of s) {
            text += chunk.choices[0]?.delta?.content ?? '';
            if (chunk.usage) usage = chunk.usage;
          }
        } else {
          const r = await client.chat.completions.create({ model, messages });
          assert.equal(r.object, 'chat.completion');
          assert.equal(r.choices[0]!.finish_reason, 'stop');
          text = r.choices[0]!.message.content ?? '';
          usage = r.usage;
        }
        assert.match(text, /Say hello to the matrix/);
        assert.ok(
          usage && usage.prompt_tokens > 0 && usage.completion_tokens > 0,
          `usage: ${JSON.stringify(usage)}`,
        );
        const seen = lastUpstreamRequest(up);
        if (up === 'gemini')
          assert.match(
            seen!.path,
            new RegExp(`gemini-2.5-flash:${stream ? 'streamGenerateContent' : 'generateContent'}`),
          );
        if (up === 'anthropic')
          assert.deepEqual((seen!.body as { system: unknown }).system, [{ type: 'text', text: 'Be brief.' }]);
      });

      test(`${up} upstream, ${stream ? 'streaming' : 'not streaming'}: tool round trip`, async () => {
        const client = h.openai();
        const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [
          { role: 'user', content: 'What is the weather in Paris?' },
        ];
        let first: OpenAI.Chat.Completions.ChatCompletion;
        if (stream) {
          first = await client.chat.completions
            .stream({
              model,
              messages,
              tools: [WEATHER_TOOL_OPENAI],
              stream_options: { include_usage: true },
            })
            .finalChatCompletion();
        } else {
          first = await client.chat.completions.create({ model, messages, tools: [WEATHER_TOOL_OPENAI] });
        }
        const msg = first.choices[0]!.message;
        assert.equal(first.choices[0]!.finish_reason, 'tool_calls');
        const call = msg.tool_calls?.[0];
        assert.ok(call && call.type === 'function');
        assert.equal(call.function.name, 'get_weather');
        assert.equal(typeof JSON.parse(call.function.arguments).city, 'string');
        assert.ok(call.id);

        messages.push(msg as OpenAI.Chat.Completions.ChatCompletionMessageParam);
        messages.push({ role: 'tool', tool_call_id: call.id, content: 'Sunny, 18C' });
        let text = '';
        if (stream) {
          const done = await client.chat.completions
            .stream({ model, messages, tools: [WEATHER_TOOL_OPENAI] })
            .finalChatCompletion();
          text = done.choices[0]!.message.content ?? '';
        } else {
          const r = await client.chat.completions.create({ model, messages, tools: [WEATHER_TOOL_OPENAI] });
          text = r.choices[0]!.message.content ?? '';
        }
        assert.match(text, /Sunny, 18C/);
        const seen = lastUpstreamRequest(up);
        if (up === 'gemini') {
          const contents = (seen!.body as { contents: { parts: Record<string, unknown>[] }[] }).contents;
          const fr = contents.flatMap((c) => c.parts).find((p) => p.functionResponse) as {
            functionResponse: { name: string };
          };
          assert.equal(fr.functionResponse.name, 'get_weather');
        }
        if (up === 'anthropic') {
          const msgs = (
            seen!.body as { messages: { role: string; content: { type: string; tool_use_id?: string }[] }[] }
          ).messages;
          const last = msgs[msgs.length - 1]!;
          assert.equal(last.role, 'user');
          assert.equal(last.content[0]!.type, 'tool_result');
          assert.equal(last.content[0]!.tool_use_id, call.id);
        }
      });
    }

    test(`${up} upstream: image input arrives`, async () => {
      const r = await h.openai().chat.completions.create({
        model,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Describe this picture' },
              { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
            ],
          },
        ],
      });
      const text = r.choices[0]!.message.content ?? '';
      assert.match(text, up === 'sim' ? /1 image/ : /\[image\]/);
    });
  }
});

describe('Anthropic SDK client', () => {
  for (const up of upstreams) {
    const model = UPSTREAM_MODELS[up];
    for (const stream of [false, true]) {
      test(`${up} upstream, ${stream ? 'streaming' : 'not streaming'}: text`, async () => {
        const client = h.anthropic();
        const params: Anthropic.MessageCreateParamsNonStreaming = {
          model,
          max_tokens: 200,
          system: 'Be brief.',
          messages: [{ role: 'user', content: 'Say hello to the matrix' }],
        };
        let msg: Anthropic.Message;
        let streamed = '';
        if (stream) {
          const s = client.messages.stream(params);
          s.on('text', (t) => {
            streamed += t;
          });
          msg = await s.finalMessage();
        } else {
          msg = await client.messages.create(params);
        }
        assert.equal(msg.type, 'message');
        assert.equal(msg.role, 'assistant');
        assert.equal(msg.stop_reason, 'end_turn');
        const text = msg.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
        assert.match(text, /Say hello to the matrix/);
        if (stream) assert.equal(streamed, text);
        assert.ok(msg.usage.input_tokens > 0 && msg.usage.output_tokens > 0, JSON.stringify(msg.usage));
        const seen = lastUpstreamRequest(up);
        if (up === 'openai') {
          const body = seen!.body as { messages: { role: string }[]; stream_options?: unknown };
          assert.equal(body.messages[0]!.role, 'system');
          if (stream) assert.deepEqual(body.stream_options, { include_usage: true });
        }
      });

      test(`${up} upstream, ${stream ? 'streaming' : 'not streaming'}: tool round trip`, async () => {
        const client = h.anthropic();
        const messages: Anthropic.MessageParam[] = [
          { role: 'user', content: 'What is the weather in Paris?' },
        ];
        const call = async () =>
          stream
            ? client.messages
                .stream({ model, max_tokens: 300, tools: [WEATHER_TOOL_ANTHROPIC], messages })
                .finalMessage()
            : client.messages.create({ model, max_tokens: 300, tools: [WEATHER_TOOL_ANTHROPIC], messages });
        const first = await call();
        assert.equal(first.stop_reason, 'tool_use');
        const use = first.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
        assert.ok(use);
        assert.equal(use.name, 'get_weather');
        assert.equal(typeof (use.input as { city: unknown }).city, 'string');
        messages.push({ role: 'assistant', content: first.content });
        messages.push({
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: use.id, content: 'Sunny, 18C' }],
        });
        const second = await call();
        const text = second.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
        assert.match(text, /Sunny, 18C/);
        const seen = lastUpstreamRequest(up);
        if (up === 'openai') {
          const msgs = (seen!.body as { messages: { role: string; tool_call_id?: string }[] }).messages;
          const tool = msgs.find((m) => m.role === 'tool');
          assert.equal(tool?.tool_call_id, use.id);
        }
      });
    }

    test(`${up} upstream: image input arrives`, async () => {
      const msg = await h.anthropic().messages.create({
        model,
        max_tokens: 100,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Describe this picture' },
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
            ],
          },
        ],
      });
      const text = msg.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
      assert.match(text, up === 'sim' ? /1 image/ : /\[image\]/);
    });
  }
});
