import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FakeUpstream } from '../fake-upstream-types.js';
import { parseSseText } from '../parse-sse-text.js';
import { startFakeAnthropic } from './start-fake-anthropic.js';

const headers = { 'x-api-key': 'test-upstream-key', 'anthropic-version': '2023-06-01' };
const weatherTool = {
  name: 'weather',
  description: 'Weather for a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const clockTool = {
  name: 'clock',
  input_schema: {
    type: 'object',
    properties: { zone: { type: 'string', enum: ['UTC', 'CET'] } },
    required: ['zone'],
  },
};

describe('startFakeAnthropic', () => {
  let fake: FakeUpstream;
  before(async () => {
    fake = await startFakeAnthropic();
  });
  after(() => fake.close());

  async function post(path: string, body: unknown, requestHeaders: Record<string, string> = headers) {
    const response = await fetch(fake.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...requestHeaders },
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
  const create = (body: Record<string, unknown>) =>
    post('/v1/messages', { model: 'claude-sonnet-4-5-20250929', max_tokens: 256, ...body });
  const user = (content: unknown) => [{ role: 'user', content }];

  test('uses /v1 as the base URL', () => {
    assert.equal(fake.baseUrl, `${fake.url}/v1`);
  });

  test('rejects a missing or wrong x-api-key with 401 authentication_error', async () => {
    assert.equal((await create({ messages: user('hi') })).status, 200);
    const noKey = await post(
      '/v1/messages',
      { model: 'm', max_tokens: 1, messages: user('hi') },
      { 'anthropic-version': '2023-06-01' },
    );
    assert.equal(noKey.status, 401);
    assert.equal(noKey.json.type, 'error');
    assert.deepEqual(noKey.json.error, {
      type: 'authentication_error',
      message: 'x-api-key header is required',
    });
    assert.match(noKey.json.request_id, /^req_011C/);
    assert.equal(noKey.headers.get('request-id'), noKey.json.request_id);

    const wrongKey = await post(
      '/v1/messages',
      { model: 'm', max_tokens: 1, messages: user('hi') },
      { ...headers, 'x-api-key': 'sk-ant-wrong' },
    );
    assert.equal(wrongKey.status, 401);
    assert.deepEqual(wrongKey.json.error, { type: 'authentication_error', message: 'invalid x-api-key' });
  });

  test('accepts the key as Authorization: Bearer, API version 2026-10-21 and system messages, like SDK 1.x sends', async () => {
    const result = await post(
      '/v1/messages',
      {
        model: 'm',
        max_tokens: 50,
        messages: [{ role: 'system', content: 'Be brief.' }, ...user('hi there')],
      },
      { authorization: 'Bearer test-upstream-key', 'anthropic-version': '2026-10-21' },
    );
    assert.equal(result.status, 200);
    assert.equal(result.json.content[0].text, 'Echo: hi there');
    const wrong = await post(
      '/v1/messages',
      { model: 'm', max_tokens: 5, messages: user('x') },
      {
        authorization: 'Bearer nope',
        'anthropic-version': '2026-10-21',
      },
    );
    assert.equal(wrong.status, 401);
  });

  test('requires a valid anthropic-version header', async () => {
    const missing = await post(
      '/v1/messages',
      { model: 'm', max_tokens: 1, messages: user('hi') },
      { 'x-api-key': 'test-upstream-key' },
    );
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.json.error, {
      type: 'invalid_request_error',
      message: 'anthropic-version: header is required',
    });
    const bad = await post(
      '/v1/messages',
      { model: 'm', max_tokens: 1, messages: user('hi') },
      { ...headers, 'anthropic-version': '2024-10-22' },
    );
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.message, 'anthropic-version: "2024-10-22" is not a valid version');
  });

  test('validates the request with invalid_request_error messages', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ model: 'm', messages: user('hi') }, 'max_tokens: Field required'],
      [{ max_tokens: 5, messages: user('hi') }, 'model: Field required'],
      [{ model: 'm', max_tokens: 5 }, 'messages: Field required'],
      [{ model: 'm', max_tokens: 5, messages: [] }, 'messages: at least one message is required'],
      [
        { model: 'm', max_tokens: 5, messages: [{ role: 'tool', content: 'x' }] },
        "messages.0.role: Input should be 'user', 'assistant' or 'system'",
      ],
      [
        { model: 'm', max_tokens: 5, messages: [{ role: 'assistant', content: 'x' }, ...user('hi')] },
        'messages: first message must use the "user" role',
      ],
      [
        { model: 'm', max_tokens: 5, temperature: 1.5, messages: user('hi') },
        'temperature: Input should be less than or equal to 1',
      ],
      [
        { model: 'm', max_tokens: 5, messages: [...user(''), { role: 'assistant', content: 'x' }] },
        'messages.0: all messages must have non-empty content except for the optional final assistant message',
      ],
      [
        {
          model: 'm',
          max_tokens: 2000,
          thinking: { type: 'enabled', budget_tokens: 512 },
          messages: user('hi'),
        },
        'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024',
      ],
    ];
    for (const [body, message] of cases) {
      const result = await post('/v1/messages', body);
      assert.equal(result.status, 400, message);
      assert.deepEqual(result.json.error, { type: 'invalid_request_error', message });
    }
    const budget = await post('/v1/messages', {
      model: 'm',
      max_tokens: 1024,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: user('hi'),
    });
    assert.match(budget.json.error.message, /^`max_tokens` must be greater than `thinking.budget_tokens`/);
  });

  test('checks tool_use / tool_result pairing', async () => {
    const toolUse = { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } };
    const unanswered = await create({
      tools: [weatherTool],
      messages: [...user('weather?'), { role: 'assistant', content: [toolUse] }, ...user('well?')],
    });
    assert.equal(unanswered.status, 400);
    assert.match(
      unanswered.json.error.message,
      /^messages\.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_1\./,
    );

    const unexpected = await create({
      messages: user([{ type: 'tool_result', tool_use_id: 'toolu_9', content: 'x' }]),
    });
    assert.equal(unexpected.status, 400);
    assert.match(
      unexpected.json.error.message,
      /^messages\.0\.content\.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_9\./,
    );
  });

  test('answers text as a message echoing the last user text', async () => {
    const result = await create({ system: 'Be brief.', messages: user('How are you?') });
    assert.equal(result.status, 200);
    const message = result.json;
    assert.match(message.id, /^msg_01\w{22}$/);
    assert.equal(message.type, 'message');
    assert.equal(message.role, 'assistant');
    assert.equal(message.model, 'claude-sonnet-4-5-20250929');
    assert.deepEqual(message.content, [{ type: 'text', text: 'Echo: How are you?' }]);
    assert.equal(message.stop_reason, 'end_turn');
    assert.equal(message.stop_sequence, null);
    assert.equal(message.usage.input_tokens, Math.round('Be brief.\nHow are you?'.length / 4));
    assert.equal(message.usage.output_tokens, Math.round('Echo: How are you?'.length / 4));
    assert.equal(message.usage.cache_read_input_tokens, 0);
    assert.equal(result.headers.get('request-id')?.startsWith('req_'), true);
  });

  test('marks an image block with [image]', async () => {
    const result = await create({
      messages: user([
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
        { type: 'text', text: 'What is this?' },
      ]),
    });
    assert.equal(result.json.content[0].text, 'Echo: What is this? [image]');
    assert.ok(result.json.usage.input_tokens >= 85);
  });

  test('calls the first client tool, or the forced one, with schema-built input', async () => {
    const auto = await create({
      tools: [{ type: 'web_search_20250305', name: 'web_search' }, weatherTool, clockTool],
      messages: user('weather?'),
    });
    assert.equal(auto.json.stop_reason, 'tool_use');
    const [block] = auto.json.content;
    assert.equal(block.type, 'tool_use');
    assert.match(block.id, /^toolu_01\w{22}$/);
    assert.equal(block.name, 'weather');
    assert.deepEqual(block.input, { city: 'Paris' });

    const forced = await create({
      tools: [weatherTool, clockTool],
      tool_choice: { type: 'tool', name: 'clock' },
      messages: user('time?'),
    });
    assert.deepEqual(forced.json.content[0].input, { zone: 'UTC' });
    const none = await create({
      tools: [weatherTool],
      tool_choice: { type: 'none' },
      messages: user('plain'),
    });
    assert.deepEqual(none.json.content, [{ type: 'text', text: 'Echo: plain' }]);
  });

  test('answers "Tool result received" after tool_result blocks', async () => {
    const result = await create({
      tools: [weatherTool],
      messages: [
        ...user('weather?'),
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'toolu_a', name: 'weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 'toolu_b', name: 'weather', input: { city: 'Rome' } },
          ],
        },
        user([
          { type: 'tool_result', tool_use_id: 'toolu_a', content: 'Sunny' },
          { type: 'tool_result', tool_use_id: 'toolu_b', content: [{ type: 'text', text: 'Rainy' }] },
        ])[0],
      ],
    });
    assert.equal(result.status, 200);
    assert.deepEqual(result.json.content, [{ type: 'text', text: 'Tool result received: Sunny; Rainy' }]);
  });

  test('stops at max_tokens with stop_reason max_tokens', async () => {
    const result = await create({ max_tokens: 2, messages: user('a rather long question') });
    assert.equal(result.json.stop_reason, 'max_tokens');
    assert.equal(result.json.content[0].text, 'Echo: a ');
  });

  test('accepts max_tokens 0 (cache pre-warming) and generates nothing', async () => {
    const result = await create({ max_tokens: 0, messages: user('warm the cache') });
    assert.equal(result.status, 200);
    assert.deepEqual(result.json.content, []);
    assert.equal(result.json.stop_reason, 'max_tokens');
  });

  test('streams the full event sequence with event: lines matching the payload type', async () => {
    const result = await create({ stream: true, messages: user('stream me now') });
    assert.match(result.headers.get('content-type') ?? '', /^text\/event-stream/);
    for (const block of result.text.split('\n\n').filter(Boolean))
      assert.match(block, /^event: \w+\ndata: \{.*\}$/);
    const events = parseSseText(result.text);
    const payloads = events.map((event) => JSON.parse(event.data));
    events.forEach((event, i) => {
      assert.equal(event.event, payloads[i].type);
    });
    const types = events.map((event) => event.event);
    assert.deepEqual(types.slice(0, 3), ['message_start', 'content_block_start', 'ping']);
    assert.deepEqual(types.slice(-4), [
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const start = payloads[0].message;
    assert.deepEqual([start.content, start.stop_reason, start.usage.output_tokens], [[], null, 1]);
    assert.deepEqual(payloads[1].content_block, { type: 'text', text: '' });
    const deltas = payloads.filter((p) => p.type === 'content_block_delta');
    assert.ok(deltas.length >= 3);
    assert.equal(deltas.map((p) => p.delta.text).join(''), 'Echo: stream me now');
    const messageDelta = payloads.at(-2);
    assert.deepEqual(messageDelta.delta, { stop_reason: 'end_turn', stop_sequence: null });
    assert.equal(messageDelta.usage.output_tokens, Math.round('Echo: stream me now'.length / 4));
  });

  test('streams a tool_use block with input_json_delta fragments', async () => {
    const result = await create({ stream: true, tools: [weatherTool], messages: user('weather?') });
    const payloads = parseSseText(result.text).map((event) => JSON.parse(event.data));
    const blockStart = payloads.find((p) => p.type === 'content_block_start');
    assert.equal(blockStart.content_block.type, 'tool_use');
    assert.equal(blockStart.content_block.name, 'weather');
    assert.deepEqual(blockStart.content_block.input, {});
    const json = payloads
      .filter((p) => p.type === 'content_block_delta')
      .map((p) => {
        assert.equal(p.delta.type, 'input_json_delta');
        return p.delta.partial_json;
      })
      .join('');
    assert.deepEqual(JSON.parse(json), { city: 'Paris' });
    assert.equal(payloads.find((p) => p.type === 'message_delta').delta.stop_reason, 'tool_use');
  });

  test('adds a thinking block when extended thinking is enabled', async () => {
    const body = {
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: user('ponder'),
    };
    const plain = await create(body);
    assert.equal(plain.json.content[0].type, 'thinking');
    assert.equal(plain.json.content[0].thinking, 'Let me think about: ponder');
    assert.ok(plain.json.content[0].signature.length > 20);
    assert.deepEqual(plain.json.content[1], { type: 'text', text: 'Echo: ponder' });

    const streamed = await create({ ...body, stream: true });
    const payloads = parseSseText(streamed.text).map((event) => JSON.parse(event.data));
    const deltaTypes = payloads
      .filter((p) => p.type === 'content_block_delta')
      .map((p) => `${p.index}:${p.delta.type}`);
    assert.ok(deltaTypes.includes('0:thinking_delta'));
    assert.ok(deltaTypes.includes('0:signature_delta'));
    assert.ok(deltaTypes.includes('1:text_delta'));
  });

  test('counts tokens and lists models', async () => {
    const count = await post('/v1/messages/count_tokens', { model: 'm', messages: user('x'.repeat(40)) });
    assert.deepEqual(count.json, { input_tokens: 10 });
    const invalid = await post('/v1/messages/count_tokens', { messages: user('x') });
    assert.equal(invalid.status, 400);

    const models = await fetch(`${fake.url}/v1/models`, { headers });
    const list = (await models.json()) as any;
    assert.equal(list.has_more, false);
    assert.equal(list.data[0].type, 'model');
    assert.equal(list.first_id, list.data[0].id);
    assert.equal(typeof list.data[0].display_name, 'string');
    assert.equal((await fetch(`${fake.url}/v1/models/${list.data[0].id}`, { headers })).status, 200);
    assert.equal((await fetch(`${fake.url}/v1/models/claude-nope`, { headers })).status, 404);
  });

  test('answers 404 not_found_error for an unknown route', async () => {
    const result = await post('/v1/complete', {});
    assert.equal(result.status, 404);
    assert.equal(result.json.error.type, 'not_found_error');
  });

  test('reports cache reads when cachedTokens is set', async () => {
    const cached = await startFakeAnthropic({ cachedTokens: 4 });
    try {
      const response = await fetch(`${cached.url}/v1/messages`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'm',
          max_tokens: 50,
          messages: user('a prompt that is long enough to cache'),
        }),
      });
      const usage = ((await response.json()) as any).usage;
      assert.equal(usage.cache_read_input_tokens, 4);
      assert.equal(usage.input_tokens, Math.round('a prompt that is long enough to cache'.length / 4) - 4);
    } finally {
      await cached.close();
    }
  });
});
