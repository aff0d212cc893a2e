// The OpenAI Responses API through the official openai SDK (responses.create / .stream), to every
// kind of upstream: a Responses provider (passed through), an OpenAI provider without the
// Responses API (chat completions), Anthropic, Gemini and the simulator — streaming and not,
// text, a function-tool round trip, json_schema output, reasoning, and the errors.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import type { Response, ResponseInputItem, ResponseStreamEvent } from 'openai/resources/responses/responses';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/index.js';
import { validateResponsesEvent, validateResponsesObject } from '../schemas/openai-responses.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
let chatOnly: FakeOpenAI;
let azure: FakeOpenAI;
let responsesOnly: FakeOpenAI;
before(async () => {
  [chatOnly, azure, responsesOnly] = await Promise.all([
    startFakeOpenAI(),
    startFakeOpenAI({ azure: true }),
    startFakeOpenAI(),
  ]);
  h = await startHarness({
    config: {
      routing: { policies: { 'sim-only': { prefer: 'quality', models: ['sim/fast', 'sim/reasoner'] } } },
      // a second OpenAI deployment whose server has no Responses API: requests are translated to chat completions
      providers: {
        chatonly: {
          preset: 'openai',
          responses_api: false,
          api_key: chatOnly.apiKey,
          base_url: chatOnly.baseUrl,
        },
        // Azure's v1 API (no api_version) has the Responses API
        azure: { api_key: azure.apiKey, base_url: `${azure.url}/openai` },
        // a server with only the Responses API: every client is translated to it
        resonly: {
          preset: 'openai',
          responses_api: 'only',
          api_key: responsesOnly.apiKey,
          base_url: responsesOnly.baseUrl,
        },
      },
    },
  });
});
after(async () => {
  await h?.close();
  await chatOnly?.close();
  await azure?.close();
  await responsesOnly?.close();
});

const MODELS = {
  responses: 'openai/gpt-4o-mini',
  chat: 'chatonly/gpt-4o-mini',
  anthropic: 'anthropic/claude-haiku-4-5',
  gemini: 'google/gemini-2.5-flash',
  sim: 'sim/fast',
} as const;
type Up = keyof typeof MODELS;
const UPS = Object.keys(MODELS) as Up[];

const WEATHER: OpenAI.Responses.FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
  strict: true,
};

function upstreamPath(up: Up): string | undefined {
  const fake =
    up === 'responses'
      ? h.openaiUp
      : up === 'chat'
        ? chatOnly
        : up === 'anthropic'
          ? h.anthropicUp
          : up === 'gemini'
            ? h.geminiUp
            : undefined;
  return fake?.requests.at(-1)?.path;
}

function upstreamBody(up: Up): Record<string, any> {
  const fake =
    up === 'responses'
      ? h.openaiUp
      : up === 'chat'
        ? chatOnly
        : up === 'anthropic'
          ? h.anthropicUp
          : h.geminiUp;
  return fake.requests.at(-1)!.body as Record<string, any>;
}

const EXPECTED_PATH: Record<Up, RegExp | undefined> = {
  responses: /^\/v1\/responses$/,
  chat: /^\/v1\/chat\/completions$/,
  anthropic: /^\/v1\/messages$/,
  gemini: /gemini-2\.5-flash:(streamG|g)enerateContent$/,
  sim: undefined,
};

/** a response by either path, with every streamed event checked against the schema and its sequence numbers */
async function create(
  params: OpenAI.Responses.ResponseCreateParamsNonStreaming,
  stream: boolean,
): Promise<{ response: Response; events: ResponseStreamEvent[] }> {
  const client = h.openai();
  if (!stream) {
    const response = await client.responses.create(params);
    const problems = validateResponsesObject(response);
    assert.deepEqual(problems, [], `response object: ${problems.join('; ')}`);
    return { response, events: [] };
  }
  const events: ResponseStreamEvent[] = [];
  const s = client.responses.stream(params as Parameters<typeof client.responses.stream>[0]);
  for await (const ev of s) events.push(ev);
  const response = await s.finalResponse();
  events.forEach((ev, i) => {
    assert.equal(ev.sequence_number, i, `sequence_number of event ${i} (${ev.type})`);
    const problems = validateResponsesEvent(ev);
    assert.deepEqual(problems, [], `${ev.type}: ${problems.join('; ')}`);
  });
  assert.equal(events[0]!.type, 'response.created');
  assert.equal(events[1]!.type, 'response.in_progress');
  assert.match(events.at(-1)!.type, /^response\.(completed|incomplete)$/);
  return { response, events };
}

describe('openai SDK → /v1/responses', () => {
  for (const up of UPS) {
    for (const stream of [false, true]) {
      const how = stream ? 'streaming' : 'not streaming';

      test(`${up} upstream, ${how}: text with instructions`, async () => {
        const { response, events } = await create(
          {
            model: MODELS[up],
            instructions: 'Be brief.',
            input: 'Say hello to the responses matrix',
            max_output_tokens: 200,
          },
          stream,
        );
        assert.equal(response.object, 'response');
        assert.equal(response.status, 'completed');
        assert.equal(response.model, up === 'responses' ? 'gpt-4o-mini' : MODELS[up]);
        assert.ok(response.output_text.length > 0, 'output_text');
        if (up !== 'sim') assert.match(response.output_text, /Say hello to the responses matrix/);
        assert.ok(
          response.usage && response.usage.input_tokens > 0 && response.usage.output_tokens > 0,
          JSON.stringify(response.usage),
        );
        if (stream) assert.ok(events.some((e) => e.type === 'response.output_text.delta'));
        const path = EXPECTED_PATH[up];
        if (path) assert.match(upstreamPath(up)!, path);
        if (up === 'anthropic')
          assert.equal(upstreamBody(up).system?.[0]?.text ?? upstreamBody(up).system, 'Be brief.');
      });

      test(`${up} upstream, ${how}: function tool round trip`, async () => {
        const first = await create(
          {
            model: MODELS[up],
            input: 'What is the weather in Paris?',
            tools: [WEATHER],
            tool_choice: 'required',
          },
          stream,
        );
        const call = first.response.output.find((o) => o.type === 'function_call');
        assert.ok(call && call.type === 'function_call', JSON.stringify(first.response.output));
        assert.equal(call.name, 'get_weather');
        assert.ok(call.call_id);
        assert.equal(typeof JSON.parse(call.arguments).city, 'string');
        if (stream) {
          const deltas = first.events.filter((e) => e.type === 'response.function_call_arguments.delta');
          assert.ok(deltas.length > 0, 'argument deltas');
          assert.ok(first.events.some((e) => e.type === 'response.function_call_arguments.done'));
        }
        const input: ResponseInputItem[] = [
          { role: 'user', content: 'What is the weather in Paris?' },
          ...(first.response.output as ResponseInputItem[]),
          { type: 'function_call_output', call_id: call.call_id, output: '22C and sunny' },
        ];
        const second = await create({ model: MODELS[up], input, tools: [WEATHER] }, stream);
        assert.equal(second.response.status, 'completed');
        if (up !== 'sim') assert.match(second.response.output_text, /22C and sunny/);
        else assert.ok(second.response.output_text.length > 0);
        if (up === 'anthropic') {
          const sent = upstreamBody(up).messages as any[];
          assert.equal(sent.at(-2).content.find((b: any) => b.type === 'tool_use')?.id !== undefined, true);
          assert.equal(sent.at(-1).content[0].type, 'tool_result');
        }
        if (up === 'chat') {
          const sent = upstreamBody(up).messages as any[];
          assert.equal(sent.at(-1).role, 'tool');
          assert.equal(sent.at(-1).tool_call_id, call.call_id);
        }
      });
    }
  }

  for (const up of ['responses', 'chat', 'sim'] as const) {
    test(`${up} upstream: text.format json_schema`, async () => {
      const r = await h.openai().responses.create({
        model: MODELS[up],
        input: 'Give me a city',
        text: {
          format: {
            type: 'json_schema',
            name: 'city',
            strict: true,
            schema: {
              type: 'object',
              properties: { name: { type: 'string' }, population: { type: 'integer' } },
              required: ['name', 'population'],
              additionalProperties: false,
            },
          },
        },
      });
      assert.equal(r.text?.format?.type, 'json_schema');
      if (up === 'chat') {
        const sent = upstreamBody(up);
        assert.equal(sent.response_format.type, 'json_schema');
        assert.equal(sent.response_format.json_schema.name, 'city');
        return;
      }
      const parsed = JSON.parse(r.output_text);
      assert.equal(typeof parsed.name, 'string');
      assert.equal(typeof parsed.population, 'number');
    });
  }
});

describe('reasoning', () => {
  test('a Responses provider: reasoning summary and encrypted state pass through, reasoning tokens are counted', async () => {
    const { response, events } = await create(
      {
        model: 'openai/gpt-5-mini',
        input: 'Think about the answer',
        reasoning: { effort: 'low', summary: 'auto' },
        include: ['reasoning.encrypted_content'],
        store: false,
      },
      true,
    );
    const rs = response.output.find((o) => o.type === 'reasoning');
    assert.ok(rs && rs.type === 'reasoning');
    assert.ok(rs.summary[0]?.text);
    assert.ok(rs.encrypted_content?.startsWith('gAAAA'));
    assert.ok(events.some((e) => e.type === 'response.reasoning_summary_text.delta'));
    assert.ok((response.usage?.output_tokens_details.reasoning_tokens ?? 0) > 0);
  });

  for (const stream of [false, true]) {
    test(`an Anthropic model (${stream ? 'streaming' : 'not streaming'}): effort becomes thinking; its signature comes back wrapped and reaches Anthropic again`, async () => {
      const first = await create(
        {
          model: MODELS.anthropic,
          input: 'What is the weather in Oslo?',
          tools: [WEATHER],
          reasoning: { effort: 'low', summary: 'auto' },
          max_output_tokens: 4000,
        },
        stream,
      );
      assert.ok(
        upstreamBody('anthropic').thinking?.type === 'enabled' ||
          upstreamBody('anthropic').thinking?.type === 'adaptive',
      );
      const rs = first.response.output.find((o) => o.type === 'reasoning');
      assert.ok(rs && rs.type === 'reasoning', JSON.stringify(first.response.output));
      assert.ok(rs.summary[0]?.text);
      assert.match(rs.encrypted_content ?? '', /^sy1\.anthropic\./);
      const call = first.response.output.find((o) => o.type === 'function_call');
      assert.ok(call && call.type === 'function_call');
      await create(
        {
          model: MODELS.anthropic,
          input: [
            { role: 'user', content: 'What is the weather in Oslo?' },
            ...(first.response.output as ResponseInputItem[]),
            { type: 'function_call_output', call_id: call.call_id, output: 'cold' },
          ],
          tools: [WEATHER],
          reasoning: { effort: 'low' },
          max_output_tokens: 4000,
        },
        stream,
      );
      const assistant = (upstreamBody('anthropic').messages as any[]).find((m) => m.role === 'assistant');
      const thinking = assistant.content.find((b: any) => b.type === 'thinking');
      assert.ok(thinking, JSON.stringify(assistant.content));
      assert.equal(thinking.signature, rs.encrypted_content!.slice('sy1.anthropic.'.length));
    });
  }

  test('an OpenAI reasoning item is never sent to another provider', async () => {
    await h.openai().responses.create({
      model: MODELS.anthropic,
      input: [
        { role: 'user', content: 'hi' },
        {
          type: 'reasoning',
          id: 'rs_1',
          summary: [{ type: 'summary_text', text: 'thought' }],
          encrypted_content: 'gAAAAfakeXYZ',
        },
        { role: 'assistant', content: 'hello' },
        { role: 'user', content: 'again' },
      ],
    });
    const assistant = (upstreamBody('anthropic').messages as any[]).find((m) => m.role === 'assistant');
    assert.ok(!assistant.content.some((b: any) => b.type === 'thinking'), JSON.stringify(assistant.content));
  });
});

describe('errors in OpenAI shape', () => {
  test('a built-in tool only offered to a model of another protocol: left out, named in a header', async () => {
    h.resetUpstreams();
    const { data, response } = await h
      .openai()
      .responses.create({ model: MODELS.anthropic, input: 'search', tools: [{ type: 'web_search' }] })
      .withResponse();
    assert.equal(data.status, 'completed');
    assert.equal(response.headers.get('x-switchyard-dropped-tools'), 'web_search');
    const sent = h.anthropicUp.requests.at(-1)!.body as { tools?: unknown[] };
    assert.equal(sent.tools, undefined);
  });

  test('a built-in tool required of a model of another protocol: 400 naming the tool', async () => {
    h.resetUpstreams();
    await assert.rejects(
      h.openai().responses.create({
        model: MODELS.anthropic,
        input: 'search',
        tools: [{ type: 'web_search' }],
        tool_choice: 'required',
      }),
      (e: unknown) => {
        assert.ok(e instanceof OpenAI.BadRequestError);
        assert.match(e.message, /'web_search' tool/);
        assert.equal((e.error as { type?: string }).type, 'invalid_request_error');
        assert.equal(e.param, 'tools[0]');
        return true;
      },
    );
    assert.equal(h.anthropicUp.requests.filter((r) => JSON.stringify(r.body).includes('"search"')).length, 0);
  });

  test('a built-in tool to a Responses provider passes through', async () => {
    h.resetUpstreams();
    const r = await h.post('/v1/responses', {
      model: MODELS.responses,
      input: 'search',
      tools: [{ type: 'web_search' }],
    });
    assert.equal(r.status, 200, await r.clone().text());
    assert.equal((h.openaiUp.requests.at(-1)!.body as any).tools[0].type, 'web_search');
  });

  test('missing input: 400 from the gateway before any upstream call', async () => {
    h.resetUpstreams();
    const r = await h.post('/v1/responses', { model: MODELS.anthropic });
    assert.equal(r.status, 400);
    const body = (await r.json()) as { error: { message: string; param: string; type: string } };
    assert.equal(body.error.type, 'invalid_request_error');
    assert.equal(body.error.param, 'input');
    assert.equal(h.anthropicUp.requests.length, 0);
  });

  test("a Responses provider's own 400 reaches the client unchanged", async () => {
    const r = await h.post('/v1/responses', { model: MODELS.responses, input: 'x', max_output_tokens: 5 });
    assert.equal(r.status, 400);
    const body = (await r.json()) as { error: { code: string; param: string } };
    assert.equal(body.error.code, 'integer_below_min_value');
    assert.equal(body.error.param, 'max_output_tokens');
  });

  test('an upstream that breaks mid-stream: the stream ends with response.failed continuing the sequence', async () => {
    h.openaiUp.script({ kind: 'drop-mid-stream', afterEvents: 4 });
    const s = await h
      .openai()
      .responses.create({ model: MODELS.responses, input: 'break please', stream: true });
    const events: ResponseStreamEvent[] = [];
    for await (const ev of s) events.push(ev);
    const last = events.at(-1)!;
    assert.equal(last.type, 'response.failed');
    assert.equal(last.sequence_number, events.length - 1);
    if (last.type === 'response.failed') assert.equal(last.response.status, 'failed');
  });

  test('a translated upstream that breaks mid-stream: response.failed', async () => {
    h.anthropicUp.script({ kind: 'drop-mid-stream', afterEvents: 4 });
    const s = await h
      .openai()
      .responses.create({ model: MODELS.anthropic, input: 'break please now', stream: true });
    const events: ResponseStreamEvent[] = [];
    for await (const ev of s) events.push(ev);
    const last = events.at(-1)!;
    assert.equal(last.type, 'response.failed');
    if (last.type === 'response.failed') assert.ok(last.response.error?.message);
  });
});

describe('custom and namespaced tools on a model of another protocol', () => {
  const PATCH: OpenAI.Responses.CustomTool = {
    type: 'custom',
    name: 'apply_patch',
    description: 'Apply a patch',
    format: {
      type: 'grammar',
      syntax: 'lark',
      definition: 'start: "*** Begin Patch" /(.|\\n)*/ "*** End Patch"',
    },
  };
  const NAMESPACE = {
    type: 'namespace',
    name: 'crm',
    description: 'Customer records',
    tools: [
      {
        type: 'function',
        name: 'find',
        parameters: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
      },
    ],
  } as unknown as OpenAI.Responses.Tool;

  for (const stream of [false, true]) {
    test(`a custom tool (free-form input, ${stream ? 'streaming' : 'not streaming'}): a function with one string to Anthropic, a custom_tool_call back`, async () => {
      const first = await create(
        {
          model: MODELS.anthropic,
          input: 'patch it',
          tools: [PATCH],
          tool_choice: { type: 'custom', name: 'apply_patch' },
        },
        stream,
      );
      const sentTool = (upstreamBody('anthropic').tools as any[])[0];
      assert.equal(sentTool.name, 'apply_patch');
      assert.deepEqual(sentTool.input_schema.required, ['input']);
      assert.match(sentTool.description, /lark grammar/);
      const call = first.response.output.find((o) => o.type === 'custom_tool_call');
      assert.ok(call && call.type === 'custom_tool_call', JSON.stringify(first.response.output));
      assert.equal(call.name, 'apply_patch');
      assert.equal(typeof call.input, 'string');
      assert.ok(call.input.length > 0);
      if (stream) assert.ok(first.events.some((e) => e.type === 'response.custom_tool_call_input.done'));
      const second = await create(
        {
          model: MODELS.anthropic,
          input: [
            { role: 'user', content: 'patch it' },
            ...(first.response.output as ResponseInputItem[]),
            { type: 'custom_tool_call_output', call_id: call.call_id, output: 'patched' },
          ],
          tools: [PATCH],
        },
        stream,
      );
      assert.match(second.response.output_text, /patched/);
      const sent = upstreamBody('anthropic').messages as any[];
      const use = sent.at(-2).content.find((b: any) => b.type === 'tool_use');
      assert.deepEqual(use.input, { input: call.input });
    });
  }

  test('a namespace: its functions reach Anthropic as <namespace>__<name>, calls come back with the namespace', async () => {
    const first = await create(
      { model: MODELS.anthropic, input: 'find Ada', tools: [NAMESPACE], tool_choice: 'required' },
      false,
    );
    assert.equal((upstreamBody('anthropic').tools as any[])[0].name, 'crm__find');
    const call = first.response.output.find((o) => o.type === 'function_call') as any;
    assert.equal(call.name, 'find');
    assert.equal(call.namespace, 'crm');
    await create(
      {
        model: MODELS.anthropic,
        input: [
          { role: 'user', content: 'find Ada' },
          call,
          { type: 'function_call_output', call_id: call.call_id, output: 'Ada Lovelace' },
        ],
        tools: [NAMESPACE],
      },
      false,
    );
    const sent = upstreamBody('anthropic').messages as any[];
    assert.equal(sent.at(-2).content.find((b: any) => b.type === 'tool_use').name, 'crm__find');
  });
});

test('Azure OpenAI (v1 API): passed through to /openai/v1/responses with the api-key header', async () => {
  const { response } = await create({ model: 'azure/gpt-4o-mini', input: 'Hello Azure responses' }, true);
  assert.match(response.output_text, /Hello Azure responses/);
  const seen = azure.requests.at(-1)!;
  assert.equal(seen.path, '/openai/v1/responses');
  assert.equal(seen.headers['api-key'], azure.apiKey);
});

describe('a Responses-only provider, reached by every client', () => {
  for (const stream of [false, true]) {
    test(`Chat Completions client (${stream ? 'streaming' : 'not streaming'}): a tool round trip over /v1/responses`, async () => {
      const client = h.openai();
      const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [
        { type: 'function', function: { name: WEATHER.name, parameters: WEATHER.parameters ?? {} } },
      ];
      const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather in Rome?' },
      ];
      let call: { id: string; name: string; arguments: string };
      if (stream) {
        const s = await client.chat.completions.create({
          model: 'resonly/gpt-4o-mini',
          messages,
          tools,
          stream: true,
        });
        const parts = { id: '', name: '', arguments: '' };
        for await (const chunk of s) {
          const tc = chunk.choices[0]?.delta?.tool_calls?.[0];
          if (tc?.id) parts.id = tc.id;
          if (tc?.function?.name) parts.name = tc.function.name;
          parts.arguments += tc?.function?.arguments ?? '';
        }
        call = parts;
      } else {
        const r = await client.chat.completions.create({ model: 'resonly/gpt-4o-mini', messages, tools });
        assert.equal(r.choices[0]!.finish_reason, 'tool_calls');
        const tc = r.choices[0]!.message.tool_calls![0]! as {
          id: string;
          function: { name: string; arguments: string };
        };
        call = { id: tc.id, ...tc.function };
      }
      assert.equal(call.name, 'get_weather');
      const seen = responsesOnly.requests.at(-1)!;
      assert.equal(seen.path, '/v1/responses');
      assert.equal((seen.body as any).instructions, 'Be brief.');
      const r2 = await client.chat.completions.create({
        model: 'resonly/gpt-4o-mini',
        messages: [
          ...messages,
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } },
            ],
          },
          { role: 'tool', tool_call_id: call.id, content: '25C' },
        ],
        tools,
      });
      assert.match(r2.choices[0]!.message.content ?? '', /25C/);
      const input = (responsesOnly.requests.at(-1)!.body as any).input as any[];
      assert.deepEqual(
        input.map((i) => i.type ?? i.role),
        ['user', 'function_call', 'function_call_output'],
      );
      assert.ok(r2.usage && r2.usage.prompt_tokens > 0);
    });
  }

  test('Anthropic client, streaming', async () => {
    const msg = await h
      .anthropic()
      .messages.stream({
        model: 'resonly/gpt-4o-mini',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'Hi Responses-only' }],
      })
      .finalMessage();
    assert.match((msg.content[0] as { text: string }).text, /Hi Responses-only/);
    assert.ok(msg.usage.output_tokens > 0);
    assert.equal(responsesOnly.requests.at(-1)!.path, '/v1/responses');
  });

  test('a Responses client: passed through', async () => {
    const r = await h.openai().responses.create({ model: 'resonly/gpt-4o-mini', input: 'straight through' });
    assert.match(r.output_text, /straight through/);
    assert.equal((responsesOnly.requests.at(-1)!.body as any).input, 'straight through');
  });
});

test('model auto:<policy>: the router picks the model of a Responses request', async () => {
  const { data, response } = await h
    .openai()
    .responses.create({ model: 'auto:sim-only', input: 'route me', tools: [WEATHER], tool_choice: 'none' })
    .withResponse();
  const chosen = response.headers.get('x-switchyard-route');
  assert.ok(chosen === 'sim/fast' || chosen === 'sim/reasoner', `routed to ${chosen}`);
  assert.equal(data.model, chosen);
  assert.equal(data.status, 'completed');
});
