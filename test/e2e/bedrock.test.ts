// Amazon Bedrock as an upstream: the Converse API (SigV4-signed per attempt, the fake verifies
// every signature) and ConverseStream (binary event-stream frames), reached through the OpenAI
// and Anthropic SDKs, with tools, thinking and errors.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { type FakeBedrock, startFakeBedrock } from '../fakes/bedrock/start-fake-bedrock.js';
import { type Harness, MASTER_KEY, startHarness } from './harness.js';

const CLAUDE = 'amazon-bedrock/anthropic.claude-sonnet-4-20250514-v1:0';
const NOVA = 'amazon-bedrock/amazon.nova-micro-v1:0';
const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

let fake: FakeBedrock;
let h: Harness;

before(async () => {
  fake = await startFakeBedrock({ region: 'eu-west-3', apiKey: 'bedrock-api-key-test' });
  h = await startHarness({
    config: {
      providers: {
        'amazon-bedrock': {
          base_url: fake.url,
          bedrock: {
            region: 'eu-west-3',
            access_key_id: fake.credentials.accessKeyId,
            secret_access_key: fake.credentials.secretAccessKey,
          },
        },
        'bedrock-key': {
          preset: 'amazon-bedrock',
          base_url: fake.url,
          api_key: 'bedrock-api-key-test',
          bedrock: { region: 'eu-west-3' },
        },
        'bedrock-wrong': {
          preset: 'amazon-bedrock',
          base_url: fake.url,
          bedrock: {
            region: 'eu-west-3',
            access_key_id: fake.credentials.accessKeyId,
            secret_access_key: 'not-the-secret',
          },
        },
      },
    },
  });
});
after(async () => {
  await h?.close();
  await fake?.close();
});
beforeEach(() => {
  fake.reset();
  h.resetUpstreams();
});

describe('Bedrock Converse through the OpenAI SDK', () => {
  test('a signed Converse call: the model id path-encoded, the answer and usage translated', async () => {
    const r = await h.openai().chat.completions.create({
      model: CLAUDE,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello Bedrock' },
      ],
      max_tokens: 200,
    });
    assert.equal(r.choices[0]!.message.content, 'Echo: Hello Bedrock');
    assert.equal(r.choices[0]!.finish_reason, 'stop');
    assert.ok(r.usage!.prompt_tokens > 0 && r.usage!.completion_tokens > 0);
    const seen = fake.requests.at(-1)!;
    assert.equal(seen.auth, 'sigv4');
    assert.equal(seen.rawPath, '/model/anthropic.claude-sonnet-4-20250514-v1%3A0/converse');
    assert.equal(seen.modelId, 'anthropic.claude-sonnet-4-20250514-v1:0');
    assert.match(String(seen.headers.authorization), /\/eu-west-3\/bedrock\/aws4_request/);
    assert.deepEqual(seen.body.system, [{ text: 'Be brief.' }]);
    assert.deepEqual(seen.body.inferenceConfig, { maxTokens: 200 });
    assert.equal(seen.body.model, undefined);
  });

  test('streaming over the binary event stream, with a tool call and its round trip', async () => {
    const stream = await h.openai().chat.completions.create({
      model: NOVA,
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [weatherTool],
      stream: true,
      stream_options: { include_usage: true },
    });
    let args = '';
    let id = '';
    let name = '';
    let finish: string | null | undefined;
    let usage: { prompt_tokens: number } | undefined;
    for await (const chunk of stream) {
      const tc = chunk.choices[0]?.delta.tool_calls?.[0];
      if (tc?.id) id = tc.id;
      if (tc?.function?.name) name = tc.function.name;
      args += tc?.function?.arguments ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    assert.equal(name, 'get_weather');
    assert.deepEqual(JSON.parse(args), { city: 'Paris' });
    assert.equal(finish, 'tool_calls');
    assert.ok(usage && usage.prompt_tokens > 0);
    assert.equal(fake.requests.at(-1)!.operation, 'converse-stream');

    const r = await h.openai().chat.completions.create({
      model: NOVA,
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id, type: 'function', function: { name, arguments: args } }],
        },
        { role: 'tool', tool_call_id: id, content: 'Sunny, 21°C' },
      ],
      tools: [weatherTool],
    });
    assert.equal(r.choices[0]!.message.content, 'Tool result received: Sunny, 21°C');
    const sent = fake.requests.at(-1)!.body;
    assert.deepEqual(sent.messages[1].content[0].toolUse.input, { city: 'Paris' });
    assert.equal(
      sent.messages[2].content[0].toolResult.toolUseId,
      sent.messages[1].content[0].toolUse.toolUseId,
    );
  });

  test('a Bedrock API key is sent as a bearer token, unsigned', async () => {
    const r = await h.openai().chat.completions.create({
      model: 'bedrock-key/anthropic.claude-sonnet-4-20250514-v1:0',
      messages: [{ role: 'user', content: 'key?' }],
    });
    assert.equal(r.choices[0]!.message.content, 'Echo: key?');
    const seen = fake.requests.at(-1)!;
    assert.equal(seen.auth, 'bearer');
    assert.equal(seen.headers['x-amz-date'], undefined);
  });

  test('a signature made with the wrong secret is refused by the fake (403) and reported to the client', async () => {
    await assert.rejects(
      h.openai().chat.completions.create({
        model: 'bedrock-wrong/anthropic.claude-sonnet-4-20250514-v1:0',
        messages: [{ role: 'user', content: 'x' }],
      }),
      (e: { status?: number; message?: string }) => {
        assert.equal(fake.requests.at(-1)!.auth, 'rejected');
        assert.ok(e.status === 403 || e.status === 502, `status ${e.status}`);
        assert.match(String(e.message), /signature we calculated does not match/);
        return true;
      },
    );
  });

  test('an exception in the middle of the stream ends it with an error, not a silent truncation', async () => {
    fake.script({
      kind: 'exception',
      afterEvents: 3,
      type: 'modelStreamErrorException',
      message: 'model broke',
    });
    const stream = await h.openai().chat.completions.create({
      model: CLAUDE,
      messages: [{ role: 'user', content: 'A long answer please, with many words in it' }],
      stream: true,
    });
    let text = '';
    await assert.rejects(async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    }, /model broke/);
    assert.ok(text.length > 0);
  });

  test("Bedrock's 429 before the answer is the client's 429", async () => {
    fake.script({
      status: 429,
      type: 'ThrottlingException',
      message: 'Too many requests, please wait before trying again.',
    });
    await assert.rejects(
      h.openai().chat.completions.create({ model: CLAUDE, messages: [{ role: 'user', content: 'x' }] }),
      (e: { status?: number; message?: string }) =>
        e.status === 429 && /Too many requests/.test(String(e.message)),
    );
  });
});

describe('Bedrock from the Responses API and the Gemini API', () => {
  test('Responses API (openai SDK): a function call, then a streamed answer to its output', async () => {
    const tools = [
      {
        type: 'function' as const,
        name: 'get_weather',
        strict: false,
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    ];
    const first = await h
      .openai()
      .responses.create({ model: NOVA, input: 'Weather in Oslo?', tools, store: false });
    const call = first.output.find((o) => o.type === 'function_call');
    assert.ok(call && call.type === 'function_call');
    assert.equal(call.name, 'get_weather');
    assert.deepEqual(JSON.parse(call.arguments), { city: 'Paris' });
    const s = h.openai().responses.stream({
      model: NOVA,
      store: false,
      tools,
      input: [
        { role: 'user', content: 'Weather in Oslo?' },
        { type: 'function_call', call_id: call.call_id, name: call.name, arguments: call.arguments },
        { type: 'function_call_output', call_id: call.call_id, output: 'Snow' },
      ],
    });
    let text = '';
    for await (const ev of s) if (ev.type === 'response.output_text.delta') text += ev.delta;
    assert.equal(text, 'Tool result received: Snow');
    assert.equal(fake.requests.at(-1)!.operation, 'converse-stream');
  });

  test('Gemini API (@google/genai): generateContent and generateContentStream', async () => {
    const ai = new GoogleGenAI({ apiKey: MASTER_KEY, httpOptions: { baseUrl: h.url } });
    const r = await ai.models.generateContent({ model: NOVA, contents: 'Hello from genai' });
    assert.equal(r.text, 'Echo: Hello from genai');
    let text = '';
    for await (const c of await ai.models.generateContentStream({
      model: CLAUDE,
      contents: 'Stream from genai',
    }))
      text += c.text ?? '';
    assert.equal(text, 'Echo: Stream from genai');
    assert.equal(fake.requests.at(-1)!.operation, 'converse-stream');
  });
});

describe('retries', () => {
  test('each attempt is signed afresh: a 503 then a success, both signatures verified by the fake', async () => {
    const retrying = await startHarness({
      config: {
        // jitter scales the delay by 0.5–1: at least 1.1 s, so the second attempt has another x-amz-date
        retries: { max_attempts: 2, base_delay_ms: 2200, max_delay_ms: 2200 },
        providers: {
          'amazon-bedrock': {
            base_url: fake.url,
            bedrock: {
              region: 'eu-west-3',
              access_key_id: fake.credentials.accessKeyId,
              secret_access_key: fake.credentials.secretAccessKey,
            },
          },
        },
      },
    });
    try {
      fake.script({ status: 503, type: 'ServiceUnavailableException', message: 'Service unavailable' });
      const r = await retrying.openai().chat.completions.create({
        model: CLAUDE,
        messages: [{ role: 'user', content: 'second time lucky' }],
      });
      assert.equal(r.choices[0]!.message.content, 'Echo: second time lucky');
      assert.equal(fake.requests.length, 2);
      assert.deepEqual(
        fake.requests.map((q) => q.auth),
        ['sigv4', 'sigv4'],
      );
      // over a second apart: a new x-amz-date, so a new signature (not a replayed header)
      assert.notEqual(fake.requests[0]!.headers['x-amz-date'], fake.requests[1]!.headers['x-amz-date']);
      assert.notEqual(fake.requests[0]!.headers.authorization, fake.requests[1]!.headers.authorization);
    } finally {
      await retrying.close();
    }
  });
});

describe('what Bedrock is not used for (yet)', () => {
  test('embeddings on a Bedrock model are a clear 400, not a call to a wrong URL', async () => {
    await assert.rejects(
      h.openai().embeddings.create({ model: 'amazon-bedrock/amazon.titan-embed-text-v2:0', input: 'hi' }),
      (e: { status?: number; message?: string }) =>
        e.status === 400 &&
        /embeddings API of provider amazon-bedrock \(bedrock\) yet/.test(String(e.message)),
    );
    assert.equal(fake.requests.length, 0);
  });
});

describe('Bedrock Converse through the Anthropic SDK', () => {
  test('thinking: reasoning and its signature come back, and go to Bedrock again on the next turn', async () => {
    const tools: Anthropic.Tool[] = [
      {
        name: 'get_weather',
        input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    ];
    const first = await h.anthropic().messages.create({
      model: CLAUDE,
      max_tokens: 3000,
      thinking: { type: 'enabled', budget_tokens: 2000 },
      tools,
      messages: [{ role: 'user', content: 'Weather in Lyon?' }],
    });
    assert.deepEqual(fake.requests.at(-1)!.body.additionalModelRequestFields, {
      thinking: { type: 'enabled', budget_tokens: 2000 },
    });
    const thinking = first.content.find((b) => b.type === 'thinking');
    const toolUse = first.content.find((b) => b.type === 'tool_use');
    assert.ok(thinking && thinking.type === 'thinking' && thinking.signature.length > 0);
    assert.ok(toolUse && toolUse.type === 'tool_use');
    assert.equal(first.stop_reason, 'tool_use');

    const second = await h.anthropic().messages.create({
      model: CLAUDE,
      max_tokens: 3000,
      thinking: { type: 'enabled', budget_tokens: 2000 },
      tools,
      messages: [
        { role: 'user', content: 'Weather in Lyon?' },
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: 'Rainy' }] },
      ],
    });
    assert.ok(second.content.some((b) => b.type === 'text' && b.text === 'Tool result received: Rainy'));
    // Bedrock's own signature went back to Bedrock unchanged
    const sentAssistant = fake.requests.at(-1)!.body.messages[1].content;
    const reasoning = sentAssistant.find((b: any) => b.reasoningContent);
    assert.equal(reasoning.reasoningContent.reasoningText.text, thinking.thinking);
    assert.ok(thinking.signature.endsWith(reasoning.reasoningContent.reasoningText.signature));
  });

  test('streaming text through the Anthropic SDK', async () => {
    const msg = await h
      .anthropic()
      .messages.stream({ model: NOVA, max_tokens: 100, messages: [{ role: 'user', content: 'Stream me' }] })
      .finalMessage();
    assert.deepEqual(
      msg.content.map((b) => (b.type === 'text' ? b.text : b.type)),
      ['Echo: Stream me'],
    );
    assert.equal(msg.stop_reason, 'end_turn');
    assert.ok(msg.usage.input_tokens > 0 && msg.usage.output_tokens > 0);
    assert.equal(fake.requests.at(-1)!.operation, 'converse-stream');
  });
});
