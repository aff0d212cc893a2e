// The `reply-text` / `reply-tool-call` scripts: a conversation answered turn by turn with chosen content, in
// each provider's own format (checked through the official SDKs), streaming or not; unscripted requests
// still get the default answer, and the script keeps its order.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { type FakeUpstream, startFakeAnthropic, startFakeGemini, startFakeOpenAI } from './index.js';

const writeCall = { name: 'Write', arguments: { file_path: '/tmp/x.txt', content: 'hello\n' } };
const writeTool = {
  name: 'Write',
  description: 'Write a file',
  input_schema: {
    type: 'object' as const,
    properties: { file_path: { type: 'string' }, content: { type: 'string' } },
    required: ['file_path', 'content'],
  },
};

describe('fake providers: scripted replies', () => {
  let anthropicUp: FakeUpstream;
  let openaiUp: FakeUpstream;
  let geminiUp: FakeUpstream;
  before(async () => {
    [anthropicUp, openaiUp, geminiUp] = await Promise.all([
      startFakeAnthropic(),
      startFakeOpenAI(),
      startFakeGemini(),
    ]);
  });
  after(() => Promise.all([anthropicUp.close(), openaiUp.close(), geminiUp.close()]));

  test('Anthropic: a scripted tool call streamed, then a scripted text, then the default answer', async () => {
    anthropicUp.reset();
    anthropicUp.script({ kind: 'reply-tool-call', ...writeCall }, { kind: 'reply-text', text: 'All done.' });
    const client = new Anthropic({ baseURL: anthropicUp.url, apiKey: anthropicUp.apiKey, maxRetries: 0 });
    const params = {
      model: 'claude-haiku-4-5',
      max_tokens: 256,
      tools: [writeTool],
      messages: [{ role: 'user' as const, content: 'write it' }],
    };
    const first = await client.messages.stream(params).finalMessage();
    assert.equal(first.stop_reason, 'tool_use');
    const call = first.content.find((block) => block.type === 'tool_use');
    assert.ok(call && call.type === 'tool_use');
    assert.equal(call.name, 'Write');
    assert.deepEqual(call.input, writeCall.arguments);

    const second = await client.messages.create(params);
    assert.deepEqual(
      second.content.map((block) => (block.type === 'text' ? block.text : block.type)),
      ['All done.'],
    );
    assert.equal(second.stop_reason, 'end_turn');
    assert.equal(anthropicUp.pendingFaults(), 0);

    const third = await client.messages.create(params);
    assert.equal(third.stop_reason, 'tool_use', 'unscripted: the default answer calls the offered tool');
    assert.deepEqual(
      (third.content[0] as { input: unknown }).input,
      { file_path: 'Paris', content: 'Paris' },
      'default arguments come from the schema, not from the script',
    );
  });

  test('Anthropic: a scripted reply still checks the request like the real API', async () => {
    anthropicUp.reset();
    anthropicUp.script({ kind: 'reply-text', text: 'never sent' });
    const client = new Anthropic({ baseURL: anthropicUp.url, apiKey: 'wrong-key', maxRetries: 0 });
    await assert.rejects(
      client.messages.create({ model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }),
      (error: unknown) => error instanceof Anthropic.AuthenticationError,
    );
  });

  test('OpenAI: scripted tool call (stream) and text (JSON)', async () => {
    openaiUp.reset();
    openaiUp.script({ kind: 'reply-tool-call', ...writeCall }, { kind: 'reply-text', text: 'Finished.' });
    const client = new OpenAI({ baseURL: openaiUp.baseUrl, apiKey: openaiUp.apiKey, maxRetries: 0 });
    const tools = [
      {
        type: 'function' as const,
        function: { name: 'Write', parameters: writeTool.input_schema },
      },
    ];
    const messages = [{ role: 'user' as const, content: 'write it' }];
    const stream = client.chat.completions.stream({ model: 'gpt-4o-mini', tools, messages });
    const first = await stream.finalChatCompletion();
    assert.equal(first.choices[0].finish_reason, 'tool_calls');
    const toolCall = first.choices[0].message.tool_calls?.[0];
    assert.ok(toolCall?.type === 'function');
    assert.equal(toolCall.function.name, 'Write');
    assert.deepEqual(JSON.parse(toolCall.function.arguments), writeCall.arguments);

    const second = await client.chat.completions.create({ model: 'gpt-4o-mini', tools, messages });
    assert.equal(second.choices[0].message.content, 'Finished.');
    assert.equal(second.choices[0].finish_reason, 'stop');
  });

  test('OpenAI Responses: scripted function call (stream) and text (JSON)', async () => {
    openaiUp.reset();
    openaiUp.script({ kind: 'reply-tool-call', ...writeCall }, { kind: 'reply-text', text: 'Written.' });
    const client = new OpenAI({ baseURL: openaiUp.baseUrl, apiKey: openaiUp.apiKey, maxRetries: 0 });
    const params = {
      model: 'gpt-4o-mini',
      input: 'write it',
      tools: [
        { type: 'function' as const, name: 'Write', parameters: writeTool.input_schema, strict: false },
      ],
    };
    const first = await client.responses.stream(params).finalResponse();
    const call = first.output.find((item) => item.type === 'function_call');
    assert.ok(call?.type === 'function_call');
    assert.equal(call.name, 'Write');
    assert.deepEqual(JSON.parse(call.arguments), writeCall.arguments);
    const second = await client.responses.create(params);
    assert.equal(second.output_text, 'Written.');
  });

  test('Gemini: scripted function call', async () => {
    geminiUp.reset();
    geminiUp.script({ kind: 'reply-tool-call', ...writeCall });
    const ai = new GoogleGenAI({ apiKey: geminiUp.apiKey, httpOptions: { baseUrl: geminiUp.url } });
    const response = await ai.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'write it',
      config: {
        tools: [{ functionDeclarations: [{ name: 'Write', parametersJsonSchema: writeTool.input_schema }] }],
      },
    });
    assert.deepEqual(
      response.functionCalls?.map((call) => [call.name, call.args]),
      [['Write', writeCall.arguments]],
    );
  });
});
