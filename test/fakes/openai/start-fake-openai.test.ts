import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { FakeOpenAI } from '../fake-upstream-types.js';
import { defaultFixturesDir } from '../load-fixture-reply.js';
import { parseSseText } from '../parse-sse-text.js';
import { startFakeOpenAI } from './start-fake-openai.js';

const auth = { authorization: 'Bearer test-upstream-key' };
const weatherTool = {
  type: 'function',
  function: {
    name: 'weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
const clockTool = {
  type: 'function',
  function: {
    name: 'clock',
    parameters: { type: 'object', properties: { utc: { type: 'boolean' } }, required: ['utc'] },
  },
};

describe('startFakeOpenAI', () => {
  let fake: FakeOpenAI;
  before(async () => {
    fake = await startFakeOpenAI();
  });
  after(() => fake.close());

  async function post(path: string, body: unknown, headers: Record<string, string> = auth) {
    const response = await fetch(fake.baseUrl + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  }
  const chat = (body: Record<string, unknown>) =>
    post('/chat/completions', { model: 'gpt-4o-mini', ...body }).then((r) => ({
      ...r,
      json: body.stream === true ? undefined : JSON.parse(r.text),
    }));
  const user = (content: unknown) => [{ role: 'user', content }];

  test('listens on 127.0.0.1 with /v1 as the base URL', () => {
    assert.match(fake.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(fake.baseUrl, `${fake.url}/v1`);
    assert.equal(fake.apiKey, 'test-upstream-key');
  });

  test('rejects a missing or wrong Bearer key with 401 and the OpenAI error body', async () => {
    const missing = await post('/chat/completions', { model: 'm', messages: user('hi') }, {});
    assert.equal(missing.status, 401);
    const missingError = JSON.parse(missing.text).error;
    assert.match(missingError.message, /You didn't provide an API key/);
    assert.deepEqual(
      [missingError.type, missingError.param, missingError.code],
      ['invalid_request_error', null, null],
    );

    const wrong = await post(
      '/chat/completions',
      { model: 'm', messages: user('hi') },
      { authorization: 'Bearer sk-wrong-key-123' },
    );
    assert.equal(wrong.status, 401);
    const wrongError = JSON.parse(wrong.text).error;
    assert.equal(wrongError.code, 'invalid_api_key');
    assert.match(wrongError.message, /^Incorrect API key provided: sk-\*+-123\./);
  });

  test('validates required fields with 400 invalid_request_error', async () => {
    const noMessages = await chat({});
    assert.equal(noMessages.status, 400);
    assert.deepEqual(noMessages.json.error, {
      message: "Missing required parameter: 'messages'.",
      type: 'invalid_request_error',
      param: 'messages',
      code: 'missing_required_parameter',
    });
    assert.equal((await chat({ messages: [] })).json.error.code, 'empty_array');
    assert.equal((await post('/chat/completions', { messages: user('hi') })).status, 400);

    const noContent = await chat({ messages: [{ role: 'user' }] });
    assert.equal(noContent.json.error.message, "Missing required parameter: 'messages[0].content'.");

    const orphanTool = await chat({
      messages: [...user('hi'), { role: 'tool', tool_call_id: 'call_1', content: 'x' }],
    });
    assert.equal(orphanTool.status, 400);
    assert.match(
      orphanTool.json.error.message,
      /must be a response to a preceeding message with 'tool_calls'/,
    );

    const unanswered = await chat({
      messages: [
        ...user('hi'),
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{}' } }],
        },
        ...user('and?'),
      ],
    });
    assert.equal(unanswered.status, 400);
    assert.match(unanswered.json.error.message, /did not have response messages: call_1/);
  });

  test('rejects max_tokens on reasoning models exactly like the recorded error', async () => {
    const result = await chat({ model: 'gpt-5-mini', max_tokens: 10, messages: user('hi') });
    assert.equal(result.status, 400);
    const recorded = readFileSync(
      new URL('openai/chat-completions/reasoning-model-legacy-parameter-error.json', defaultFixturesDir),
      'utf8',
    );
    assert.deepEqual(result.json, JSON.parse(recorded));
  });

  test('answers text as a chat.completion echoing the last user message', async () => {
    const result = await chat({
      messages: [
        { role: 'system', content: 'Be brief.' },
        ...user('first'),
        { role: 'assistant', content: 'ok' },
        ...user('What is up?'),
      ],
    });
    assert.equal(result.status, 200);
    assert.match(result.headers.get('content-type') ?? '', /application\/json/);
    const body = result.json;
    assert.match(body.id, /^chatcmpl-\w{29}$/);
    assert.equal(body.object, 'chat.completion');
    assert.equal(body.model, 'gpt-4o-mini');
    assert.deepEqual(body.choices, [
      {
        index: 0,
        message: { role: 'assistant', content: 'Echo: What is up?', refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: 'stop',
      },
    ]);
    const promptChars = 'Be brief.\nfirst\nok\nWhat is up?'.length;
    assert.equal(body.usage.prompt_tokens, Math.round(promptChars / 4));
    assert.equal(body.usage.completion_tokens, Math.round('Echo: What is up?'.length / 4));
    assert.equal(body.usage.total_tokens, body.usage.prompt_tokens + body.usage.completion_tokens);
    assert.equal(body.usage.prompt_tokens_details.cached_tokens, 0);
  });

  test('marks an image part with [image] and joins text parts', async () => {
    const content = [
      { type: 'text', text: 'What is' },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
      { type: 'text', text: 'this?' },
    ];
    const result = await chat({ messages: user(content) });
    assert.equal(result.json.choices[0].message.content, 'Echo: What is this? [image]');
  });

  test('calls the first tool with arguments from its required schema properties', async () => {
    const result = await chat({ messages: user('weather?'), tools: [weatherTool, clockTool] });
    const choice = result.json.choices[0];
    assert.equal(choice.finish_reason, 'tool_calls');
    assert.equal(choice.message.content, null);
    assert.equal(choice.message.tool_calls.length, 1);
    const call = choice.message.tool_calls[0];
    assert.match(call.id, /^call_\w{24}$/);
    assert.equal(call.type, 'function');
    assert.equal(call.function.name, 'weather');
    assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Paris' });
  });

  test('calls a forced tool (finish_reason stop, as OpenAI does) and answers text with tool_choice none', async () => {
    const forced = await chat({
      messages: user('time?'),
      tools: [weatherTool, clockTool],
      tool_choice: { type: 'function', function: { name: 'clock' } },
    });
    assert.equal(forced.json.choices[0].message.tool_calls[0].function.name, 'clock');
    assert.deepEqual(JSON.parse(forced.json.choices[0].message.tool_calls[0].function.arguments), {
      utc: true,
    });
    assert.equal(forced.json.choices[0].finish_reason, 'stop');

    const none = await chat({ messages: user('no tools'), tools: [weatherTool], tool_choice: 'none' });
    assert.equal(none.json.choices[0].message.content, 'Echo: no tools');
  });

  test('answers "Tool result received" after tool results', async () => {
    const result = await chat({
      tools: [weatherTool],
      messages: [
        ...user('weather?'),
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_a', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
            { id: 'call_b', type: 'function', function: { name: 'weather', arguments: '{"city":"Rome"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_a', content: 'Sunny' },
        { role: 'tool', tool_call_id: 'call_b', content: [{ type: 'text', text: 'Rainy' }] },
      ],
    });
    assert.equal(result.status, 200);
    assert.equal(result.json.choices[0].message.content, 'Tool result received: Sunny; Rainy');
  });

  test('cuts the answer at max_completion_tokens with finish_reason length', async () => {
    const result = await chat({ max_completion_tokens: 2, messages: user('a long question indeed') });
    assert.equal(result.json.choices[0].finish_reason, 'length');
    assert.equal(result.json.choices[0].message.content, 'Echo: a ');
  });

  test('streams chat.completion.chunk events ending with [DONE], without usage unless asked', async () => {
    const result = await chat({ stream: true, messages: user('stream this please') });
    assert.match(result.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.ok(result.text.endsWith('data: [DONE]\n\n'));
    for (const block of result.text.split('\n\n').filter(Boolean)) assert.match(block, /^data: /);
    const events = parseSseText(result.text);
    assert.equal(events.at(-1)?.data, '[DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.data));
    assert.ok(chunks.length >= 5);
    for (const chunk of chunks) {
      assert.equal(chunk.object, 'chat.completion.chunk');
      assert.equal(chunk.id, chunks[0].id);
      assert.equal('usage' in chunk, false);
      assert.equal(chunk.choices.length, 1);
    }
    assert.deepEqual(chunks[0].choices[0].delta, { role: 'assistant', content: '', refusal: null });
    const text = chunks.map((chunk) => chunk.choices[0].delta.content ?? '').join('');
    assert.equal(text, 'Echo: stream this please');
    assert.equal(chunks.at(-1).choices[0].finish_reason, 'stop');
    assert.deepEqual(chunks.at(-1).choices[0].delta, {});
  });

  test('adds the choices: [] usage chunk when stream_options.include_usage is true', async () => {
    const result = await chat({
      stream: true,
      stream_options: { include_usage: true },
      messages: user('count me'),
    });
    const chunks = parseSseText(result.text)
      .filter((event) => event.data !== '[DONE]')
      .map((event) => JSON.parse(event.data));
    const last = chunks.at(-1);
    assert.deepEqual(last.choices, []);
    assert.equal(last.usage.completion_tokens, Math.round('Echo: count me'.length / 4));
    for (const chunk of chunks.slice(0, -1)) assert.equal(chunk.usage, null);
  });

  test('streams a tool call as an id/name chunk then argument fragments', async () => {
    const result = await chat({ stream: true, messages: user('weather?'), tools: [weatherTool] });
    const chunks = parseSseText(result.text)
      .filter((event) => event.data !== '[DONE]')
      .map((event) => JSON.parse(event.data));
    const first = chunks[0].choices[0].delta;
    assert.equal(first.role, 'assistant');
    assert.equal(first.content, null);
    assert.equal(first.tool_calls[0].function.name, 'weather');
    assert.equal(first.tool_calls[0].function.arguments, '');
    assert.match(first.tool_calls[0].id, /^call_/);
    const fragments = chunks
      .slice(1, -1)
      .map((chunk) => chunk.choices[0].delta.tool_calls[0].function.arguments);
    assert.ok(fragments.length >= 2);
    assert.deepEqual(JSON.parse(fragments.join('')), { city: 'Paris' });
    assert.equal(chunks.at(-1).choices[0].finish_reason, 'tool_calls');
  });

  test('returns deterministic float embeddings honouring dimensions', async () => {
    const result = await post('/embeddings', { model: 'text-embedding-3-small', input: ['hello', 'world'] });
    const body = JSON.parse(result.text);
    assert.equal(body.object, 'list');
    assert.equal(body.data.length, 2);
    assert.equal(body.data[0].object, 'embedding');
    assert.equal(body.data[1].index, 1);
    assert.equal(body.data[0].embedding.length, 1536);
    assert.notDeepEqual(body.data[0].embedding, body.data[1].embedding);
    assert.deepEqual(body.usage, { prompt_tokens: 2, total_tokens: 2 });

    const again = JSON.parse(
      (await post('/embeddings', { model: 'text-embedding-3-small', input: 'hello' })).text,
    );
    assert.deepEqual(again.data[0].embedding, body.data[0].embedding);

    const short = JSON.parse(
      (await post('/embeddings', { model: 'text-embedding-3-large', input: 'hello', dimensions: 256 })).text,
    );
    assert.equal(short.data[0].embedding.length, 256);
    const large = JSON.parse(
      (await post('/embeddings', { model: 'text-embedding-3-large', input: 'x' })).text,
    );
    assert.equal(large.data[0].embedding.length, 3072);
  });

  test('returns base64 little-endian float32 embeddings for encoding_format base64', async () => {
    const floats = JSON.parse(
      (await post('/embeddings', { model: 'text-embedding-3-small', input: 'hi', dimensions: 8 })).text,
    );
    const encoded = JSON.parse(
      (
        await post('/embeddings', {
          model: 'text-embedding-3-small',
          input: 'hi',
          dimensions: 8,
          encoding_format: 'base64',
        })
      ).text,
    );
    const bytes = Buffer.from(encoded.data[0].embedding, 'base64');
    const decoded = Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readFloatLE(i * 4));
    assert.deepEqual(decoded, floats.data[0].embedding);
  });

  test('rejects bad embedding requests like OpenAI', async () => {
    const ada = await post('/embeddings', { model: 'text-embedding-ada-002', input: 'x', dimensions: 8 });
    assert.equal(ada.status, 400);
    assert.equal(JSON.parse(ada.text).error.message, 'This model does not support specifying dimensions.');
    assert.equal((await post('/embeddings', { model: 'text-embedding-3-small', input: '' })).status, 400);
    assert.equal((await post('/embeddings', { model: 'text-embedding-3-small' })).status, 400);
  });

  test('lists models and answers 404 for an unknown route', async () => {
    const list = await fetch(`${fake.baseUrl}/models`, { headers: auth });
    const body = (await list.json()) as { object: string; data: { id: string; object: string }[] };
    assert.equal(body.object, 'list');
    assert.ok(body.data.some((model) => model.id === 'gpt-4o-mini' && model.object === 'model'));
    const one = await fetch(`${fake.baseUrl}/models/gpt-4o-mini`, { headers: auth });
    assert.equal(((await one.json()) as { id: string }).id, 'gpt-4o-mini');
    assert.equal((await fetch(`${fake.baseUrl}/models/nope`, { headers: auth })).status, 404);

    const unknown = await post('/completions/legacy', {});
    assert.equal(unknown.status, 404);
    assert.equal(JSON.parse(unknown.text).error.message, 'Invalid URL (POST /v1/completions/legacy)');
  });

  test('records method, path, query, headers and parsed body', async () => {
    fake.reset();
    await fetch(`${fake.baseUrl}/chat/completions?trace=1`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'x-custom': 'yes' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: user('recorded') }),
    });
    assert.equal(fake.requests.length, 1);
    const [request] = fake.requests;
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/v1/chat/completions');
    assert.deepEqual(request.query, { trace: '1' });
    assert.equal(request.headers['x-custom'], 'yes');
    assert.equal(request.headers.authorization, 'Bearer test-upstream-key');
    assert.deepEqual(request.body, { model: 'gpt-4o-mini', messages: user('recorded') });
    assert.equal(typeof request.rawBody, 'string');
    assert.ok(request.at <= Date.now());
    assert.equal(fake.stats.requests, 1);
  });

  test('reports cached prompt tokens when cachedTokens is set', async () => {
    const cached = await startFakeOpenAI({ cachedTokens: 3 });
    try {
      const response = await fetch(`${cached.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: user('a prompt long enough to cache') }),
      });
      const body = (await response.json()) as { usage: { prompt_tokens_details: { cached_tokens: number } } };
      assert.equal(body.usage.prompt_tokens_details.cached_tokens, 3);
    } finally {
      await cached.close();
    }
  });
});

describe('startFakeOpenAI({azure: true})', () => {
  let fake: FakeOpenAI;
  before(async () => {
    fake = await startFakeOpenAI({ azure: true, apiKey: 'azure-key' });
  });
  after(() => fake.close());

  const post = (path: string, body: unknown, headers: Record<string, string>) =>
    fetch(fake.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const messages = [{ role: 'user', content: 'hello azure' }];

  test('serves a deployment with the api-key header and adds content filter results', async () => {
    const response = await post(
      '/openai/deployments/my-gpt/chat/completions?api-version=2024-10-21',
      { messages },
      {
        'api-key': 'azure-key',
      },
    );
    assert.equal(response.status, 200);
    const body = (await response.json()) as any;
    assert.equal(body.model, 'my-gpt');
    assert.equal(body.choices[0].message.content, 'Echo: hello azure');
    assert.equal(body.prompt_filter_results[0].prompt_index, 0);
    assert.equal(body.choices[0].content_filter_results.hate.filtered, false);
    assert.equal(fake.requests.at(-1)?.query['api-version'], '2024-10-21');
  });

  test('streams with the prompt_filter_results chunk first, like the recorded Azure stream', async () => {
    const response = await post(
      '/openai/deployments/my-gpt/chat/completions?api-version=2024-10-21',
      { messages, stream: true, stream_options: { include_usage: true } },
      { 'api-key': 'azure-key' },
    );
    const events = parseSseText(await response.text());
    const first = JSON.parse(events[0].data);
    assert.deepEqual([first.id, first.object, first.created, first.choices], ['', '', 0, []]);
    assert.ok(first.prompt_filter_results);
    assert.equal(events.at(-1)?.data, '[DONE]');
  });

  test('serves /openai/v1 and deployment embeddings', async () => {
    assert.equal(fake.azureV1BaseUrl, `${fake.url}/openai/v1`);
    const v1 = await post(
      '/openai/v1/chat/completions',
      { model: 'gpt-4o-mini', messages },
      { 'api-key': 'azure-key' },
    );
    assert.equal(v1.status, 200);
    const bearer = await post(
      '/openai/v1/chat/completions',
      { model: 'gpt-4o-mini', messages },
      { authorization: 'Bearer azure-key' },
    );
    assert.equal(bearer.status, 200);
    const embeddings = await post(
      '/openai/deployments/emb/embeddings?api-version=2024-10-21',
      { input: 'x' },
      { 'api-key': 'azure-key' },
    );
    assert.equal(((await embeddings.json()) as any).data[0].embedding.length, 1536);
  });

  test('answers Azure errors for a wrong key and a missing api-version', async () => {
    const denied = await post(
      '/openai/deployments/my-gpt/chat/completions?api-version=2024-10-21',
      { messages },
      { 'api-key': 'nope' },
    );
    assert.equal(denied.status, 401);
    const deniedBody = (await denied.json()) as any;
    assert.equal(deniedBody.error.code, '401');
    assert.match(deniedBody.error.message, /^Access denied due to invalid subscription key/);
    const noVersion = await post(
      '/openai/deployments/my-gpt/chat/completions',
      { messages },
      { 'api-key': 'azure-key' },
    );
    assert.equal(noVersion.status, 404);
    assert.deepEqual(await noVersion.json(), { error: { code: '404', message: 'Resource not found' } });
  });

  test('still serves the plain OpenAI routes with Bearer auth', async () => {
    const plain = await post(
      '/v1/chat/completions',
      { model: 'gpt-4o-mini', messages },
      { authorization: 'Bearer azure-key' },
    );
    assert.equal(plain.status, 200);
  });
});
