import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FakeUpstream } from '../fake-upstream-types.js';
import { parseSseText } from '../parse-sse-text.js';
import { startFakeGemini } from './start-fake-gemini.js';

const keyHeader = { 'x-goog-api-key': 'test-upstream-key' };
const weatherTools = [
  {
    functionDeclarations: [
      {
        name: 'weather',
        parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' } }, required: ['city'] },
      },
      {
        name: 'clock',
        parametersJsonSchema: { type: 'object', properties: { utc: { type: 'boolean' } }, required: ['utc'] },
      },
    ],
  },
];

describe('startFakeGemini', () => {
  let fake: FakeUpstream;
  before(async () => {
    fake = await startFakeGemini();
  });
  after(() => fake.close());

  async function post(pathAndQuery: string, body: unknown, headers: Record<string, string> = keyHeader) {
    const response = await fetch(fake.baseUrl + pathAndQuery, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    const isJson = response.headers.get('content-type')?.includes('json');
    return {
      status: response.status,
      headers: response.headers,
      text,
      json: isJson ? JSON.parse(text) : undefined,
    };
  }
  const generate = (body: Record<string, unknown>) => post('/models/gemini-2.5-flash:generateContent', body);
  const user = (...parts: unknown[]) => [{ role: 'user', parts }];

  test('uses /v1beta as the base URL', () => {
    assert.equal(fake.baseUrl, `${fake.url}/v1beta`);
  });

  test('accepts the key in x-goog-api-key or ?key= and rejects others like Google', async () => {
    const body = { contents: user({ text: 'hi' }) };
    assert.equal((await generate(body)).status, 200);
    assert.equal(
      (await post('/models/gemini-2.5-flash:generateContent?key=test-upstream-key', body, {})).status,
      200,
    );

    const missing = await post('/models/gemini-2.5-flash:generateContent', body, {});
    assert.equal(missing.status, 403);
    assert.equal(missing.json.error.status, 'PERMISSION_DENIED');
    assert.equal(missing.json.error.code, 403);

    const wrong = await post('/models/gemini-2.5-flash:generateContent', body, { 'x-goog-api-key': 'nope' });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json.error.message, 'API key not valid. Please pass a valid API key.');
    assert.equal(wrong.json.error.status, 'INVALID_ARGUMENT');
    assert.equal(wrong.json.error.details[0].reason, 'API_KEY_INVALID');
  });

  test('validates contents, field names and function turns with INVALID_ARGUMENT', async () => {
    const noContents = await generate({});
    assert.equal(noContents.status, 400);
    assert.deepEqual(noContents.json, {
      error: {
        code: 400,
        message: '* GenerateContentRequest.contents: contents is not specified\n',
        status: 'INVALID_ARGUMENT',
      },
    });
    const unknown = await generate({ contents: user({ text: 'hi' }), max_tokens: 5 });
    assert.equal(
      unknown.json.error.message,
      'Invalid JSON payload received. Unknown name "max_tokens": Cannot find field.',
    );
    const badRole = await generate({ contents: [{ role: 'assistant', parts: [{ text: 'x' }] }] });
    assert.equal(badRole.json.error.message, 'Please use a valid role: user, model.');
    const emptyParts = await generate({ contents: [{ role: 'user', parts: [] }] });
    assert.match(emptyParts.json.error.message, /contents\[0\]\.parts: contents\.parts must not be empty/);
    const orphan = await generate({
      contents: [
        ...user({ text: 'hi' }),
        { role: 'user', parts: [{ functionResponse: { name: 'weather', response: { result: 'x' } } }] },
      ],
    });
    assert.equal(
      orphan.json.error.message,
      'Please ensure that function response turn comes immediately after a function call turn.',
    );
  });

  test('answers text as a GenerateContentResponse echoing the last user text', async () => {
    const result = await generate({
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      contents: user({ text: 'How many r' }, { text: 'in strawberry?' }),
    });
    assert.equal(result.status, 200);
    const candidate = result.json.candidates[0];
    assert.deepEqual(candidate.content, {
      parts: [{ text: 'Echo: How many r in strawberry?' }],
      role: 'model',
    });
    assert.equal(candidate.finishReason, 'STOP');
    assert.equal(candidate.index, 0);
    const usage = result.json.usageMetadata;
    assert.equal(usage.promptTokenCount, Math.round('Be brief.\nHow many r in strawberry?'.length / 4));
    assert.equal(usage.candidatesTokenCount, Math.round('Echo: How many r in strawberry?'.length / 4));
    assert.equal(usage.totalTokenCount, usage.promptTokenCount + usage.candidatesTokenCount);
    assert.deepEqual(usage.promptTokensDetails, [{ modality: 'TEXT', tokenCount: usage.promptTokenCount }]);
    assert.equal(result.json.modelVersion, 'gemini-2.5-flash');
    assert.equal(typeof result.json.responseId, 'string');
  });

  test('marks an inline image with [image]', async () => {
    const result = await generate({
      contents: user(
        { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
        { text: 'What is this?' },
      ),
    });
    assert.equal(result.json.candidates[0].content.parts[0].text, 'Echo: What is this? [image]');
  });

  test('calls the first function, or the allowed one in ANY mode, with schema-built args', async () => {
    const auto = await generate({ tools: weatherTools, contents: user({ text: 'weather?' }) });
    assert.deepEqual(auto.json.candidates[0].content.parts, [
      { functionCall: { name: 'weather', args: { city: 'Paris' } } },
    ]);
    assert.equal(auto.json.candidates[0].finishReason, 'STOP');

    const forced = await generate({
      tools: weatherTools,
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['clock'] } },
      contents: user({ text: 'time?' }),
    });
    assert.deepEqual(forced.json.candidates[0].content.parts[0].functionCall, {
      name: 'clock',
      args: { utc: true },
    });

    const none = await generate({
      tools: weatherTools,
      tool_config: { function_calling_config: { mode: 'NONE' } },
      contents: user({ text: 'plain' }),
    });
    assert.deepEqual(none.json.candidates[0].content.parts, [{ text: 'Echo: plain' }]);
  });

  test('answers "Tool result received" after function responses', async () => {
    const result = await generate({
      tools: weatherTools,
      contents: [
        ...user({ text: 'weather?' }),
        {
          role: 'model',
          parts: [
            { functionCall: { name: 'weather', args: { city: 'Paris' } } },
            { functionCall: { name: 'weather', args: { city: 'Rome' } } },
          ],
        },
        {
          role: 'user',
          parts: [
            { functionResponse: { name: 'weather', response: { result: 'Sunny' } } },
            { functionResponse: { name: 'weather', response: { temp: 21, sky: 'clear' } } },
          ],
        },
      ],
    });
    assert.equal(result.status, 200);
    assert.equal(
      result.json.candidates[0].content.parts[0].text,
      'Tool result received: Sunny; {"temp":21,"sky":"clear"}',
    );
  });

  test('stops at maxOutputTokens with finishReason MAX_TOKENS', async () => {
    const result = await generate({
      generationConfig: { maxOutputTokens: 2 },
      contents: user({ text: 'a long question' }),
    });
    assert.equal(result.json.candidates[0].finishReason, 'MAX_TOKENS');
    assert.equal(result.json.candidates[0].content.parts[0].text, 'Echo: a ');
  });

  test('streams data-only SSE events separated by CRLF CRLF with usage on each chunk', async () => {
    const result = await post('/models/gemini-2.5-flash:streamGenerateContent?alt=sse', {
      contents: user({ text: 'stream this now' }),
    });
    assert.match(result.headers.get('content-type') ?? '', /^text\/event-stream/);
    const blocks = result.text.split('\r\n\r\n');
    assert.equal(blocks.pop(), '');
    for (const block of blocks) assert.match(block, /^data: \{.*\}$/);
    const chunks = parseSseText(result.text).map((event) => {
      assert.equal(event.event, undefined);
      return JSON.parse(event.data);
    });
    assert.ok(chunks.length >= 3);
    for (const chunk of chunks) {
      assert.ok(chunk.usageMetadata.promptTokenCount > 0);
      assert.equal(chunk.candidates[0].content.role, 'model');
    }
    assert.deepEqual(
      chunks.map((chunk) => chunk.candidates[0].finishReason),
      [...Array(chunks.length - 1).fill(undefined), 'STOP'],
    );
    assert.equal(
      chunks.map((chunk) => chunk.candidates[0].content.parts[0].text).join(''),
      'Echo: stream this now',
    );
    assert.equal(
      chunks.at(-1).usageMetadata.candidatesTokenCount,
      Math.round('Echo: stream this now'.length / 4),
    );
  });

  test('streams a function call, then an empty text chunk with the finishReason', async () => {
    const result = await post('/models/gemini-2.5-flash:streamGenerateContent?alt=sse', {
      tools: weatherTools,
      contents: user({ text: 'weather?' }),
    });
    const chunks = parseSseText(result.text).map((event) => JSON.parse(event.data));
    assert.equal(chunks.length, 2);
    assert.deepEqual(chunks[0].candidates[0].content.parts, [
      { functionCall: { name: 'weather', args: { city: 'Paris' } } },
    ]);
    assert.deepEqual(chunks[1].candidates[0].content.parts, [{ text: '' }]);
    assert.equal(chunks[1].candidates[0].finishReason, 'STOP');
  });

  test('streams a JSON array without alt=sse', async () => {
    const result = await post('/models/gemini-2.5-flash:streamGenerateContent', {
      contents: user({ text: 'as array' }),
    });
    assert.ok(Array.isArray(result.json));
    assert.equal(
      result.json.map((chunk: any) => chunk.candidates[0].content.parts[0].text).join(''),
      'Echo: as array',
    );
  });

  test('adds a thought part with includeThoughts', async () => {
    const result = await generate({
      generationConfig: { thinkingConfig: { includeThoughts: true } },
      contents: user({ text: 'ponder' }),
    });
    const parts = result.json.candidates[0].content.parts;
    assert.deepEqual(parts[0], { text: 'Let me think about: ponder', thought: true });
    assert.deepEqual(parts[1], { text: 'Echo: ponder' });
    assert.ok(result.json.usageMetadata.thoughtsTokenCount > 0);
  });

  test('embeds with embedContent and batchEmbedContents, honouring outputDimensionality', async () => {
    const single = await post('/models/text-embedding-004:embedContent', {
      content: { parts: [{ text: 'hello' }] },
    });
    assert.equal(single.json.embedding.values.length, 768);
    const short = await post('/models/gemini-embedding-001:embedContent', {
      content: { parts: [{ text: 'hello' }] },
      outputDimensionality: 64,
    });
    assert.equal(short.json.embedding.values.length, 64);
    const full = await post('/models/gemini-embedding-001:embedContent', {
      content: { parts: [{ text: 'hello' }] },
    });
    assert.equal(full.json.embedding.values.length, 3072);

    const batch = await post('/models/text-embedding-004:batchEmbedContents', {
      requests: [
        { model: 'models/text-embedding-004', content: { parts: [{ text: 'hello' }] } },
        {
          model: 'models/text-embedding-004',
          content: { parts: [{ text: 'world' }] },
          outputDimensionality: 16,
        },
      ],
    });
    assert.equal(batch.json.embeddings.length, 2);
    assert.deepEqual(batch.json.embeddings[0].values, single.json.embedding.values);
    assert.equal(batch.json.embeddings[1].values.length, 16);
    assert.equal((await post('/models/text-embedding-004:embedContent', {})).status, 400);
  });

  test('counts tokens, lists models and answers 404 for unknown routes', async () => {
    const count = await post('/models/gemini-2.5-flash:countTokens', {
      contents: user({ text: 'x'.repeat(40) }),
    });
    assert.equal(count.json.totalTokens, 10);
    const list = await fetch(`${fake.baseUrl}/models`, { headers: keyHeader });
    const body = (await list.json()) as any;
    assert.ok(body.models.some((model: any) => model.name === 'models/gemini-2.5-flash'));
    assert.equal(
      (await fetch(`${fake.baseUrl}/models/gemini-2.5-flash`, { headers: keyHeader })).status,
      200,
    );
    assert.equal((await post('/models/gemini-2.5-flash:predict', {})).status, 404);
  });
});
