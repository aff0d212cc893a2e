import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateOpenAI } from '../../../test/schemas/openai-chat.js';
import { GatewayError } from '../../canonical/index.js';
import { decodeOpenAIChatRequest } from './decode-openai-chat-request.js';

const base = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] };
const decode = (extra: Record<string, unknown>) => decodeOpenAIChatRequest({ ...base, ...extra });

/** asserts a 400 invalid_request naming `param`, with a message matching `message` */
function rejects(body: unknown, param: string | undefined, message?: RegExp) {
  assert.throws(
    () => decodeOpenAIChatRequest(body),
    (e: unknown) => {
      assert.ok(e instanceof GatewayError, `expected a GatewayError, got ${String(e)}`);
      assert.equal(e.kind, 'invalid_request');
      assert.equal(e.status, 400);
      assert.equal(e.param, param);
      if (message) assert.match(e.message, message);
      return true;
    },
  );
}

describe('decodeOpenAIChatRequest: the basics', () => {
  test('a minimal request', () => {
    validateOpenAI('request', base);
    assert.deepEqual(decodeOpenAIChatRequest(base), {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      stream: false,
    });
  });

  test('the body must be an object', () => {
    rejects('hello', undefined, /JSON object/);
    rejects([base], undefined, /JSON object/);
    rejects(null, undefined, /JSON object/);
  });

  test('model is required and must be a non-empty string', () => {
    rejects({ messages: base.messages }, 'model', /Missing required parameter: 'model'/);
    rejects({ ...base, model: 42 }, 'model', /expected a string, but got an integer/);
    rejects({ ...base, model: '  ' }, 'model', /empty/);
  });

  test('messages is required, an array, and not empty', () => {
    rejects({ model: 'm' }, 'messages', /Missing required parameter: 'messages'/);
    rejects({ model: 'm', messages: 'hi' }, 'messages', /expected an array, but got a string/);
    rejects({ model: 'm', messages: [] }, 'messages', /empty array/);
  });

  test('a message with an invalid role names its index', () => {
    const messages = [
      { role: 'system', content: 'a' },
      { role: 'user', content: 'b' },
      { role: 'assistant', content: 'c' },
      { role: 'bot', content: 'd' },
    ];
    rejects({ model: 'm', messages }, 'messages[3].role', /Invalid value for 'messages\[3\]\.role': "bot"/);
    rejects({ model: 'm', messages: [{ content: 'x' }] }, 'messages[0].role', /Missing required parameter/);
    rejects({ model: 'm', messages: ['hi'] }, 'messages[0]', /expected an object, but got a string/);
  });
});

describe('decodeOpenAIChatRequest: sampling and limits', () => {
  test('temperature, top_p, seed, stop, user, metadata', () => {
    const r = decode({
      temperature: 0.2,
      top_p: 0.9,
      seed: 7,
      stop: ['END', 'STOP'],
      user: 'u-1',
      metadata: { team: 'a' },
    });
    assert.equal(r.temperature, 0.2);
    assert.equal(r.topP, 0.9);
    assert.equal(r.seed, 7);
    assert.deepEqual(r.stop, ['END', 'STOP']);
    assert.equal(r.user, 'u-1');
    assert.deepEqual(r.metadata, { team: 'a' });
  });

  test('stop as a single string', () => assert.deepEqual(decode({ stop: 'END' }).stop, ['END']));
  test('null means not given', () => {
    const r = decode({ temperature: null, stop: null, max_tokens: null, seed: null, user: null });
    assert.deepEqual(r, decodeOpenAIChatRequest(base));
  });
  test('safety_identifier stands in for user', () =>
    assert.equal(decode({ safety_identifier: 's' }).user, 's'));

  test('temperature must be a number from 0 to 2', () => {
    rejects({ ...base, temperature: 'hot' }, 'temperature', /expected a number, but got a string/);
    rejects({ ...base, temperature: 3 }, 'temperature', /<= 2/);
    rejects({ ...base, temperature: -1 }, 'temperature', />= 0/);
  });
  test('top_p must be from 0 to 1', () => rejects({ ...base, top_p: 1.5 }, 'top_p', /<= 1/));
  test('seed must be an integer', () => rejects({ ...base, seed: 1.5 }, 'seed', /expected an integer/));
  test('stop must hold strings', () => {
    rejects({ ...base, stop: 5 }, 'stop', /a string or an array of strings/);
    rejects({ ...base, stop: ['a', 1] }, 'stop[1]', /expected a string/);
  });
  test('user must be a string', () => rejects({ ...base, user: 1 }, 'user'));
  test('metadata values must be strings', () => {
    rejects({ ...base, metadata: 'x' }, 'metadata', /expected an object/);
    rejects({ ...base, metadata: { n: 1 } }, 'metadata.n', /expected a string/);
  });

  test('max_completion_tokens wins over max_tokens', () => {
    assert.equal(decode({ max_tokens: 100 }).maxTokens, 100);
    assert.equal(decode({ max_completion_tokens: 50 }).maxTokens, 50);
    assert.equal(decode({ max_tokens: 100, max_completion_tokens: 50 }).maxTokens, 50);
  });
  test('token limits must be positive integers', () => {
    rejects({ ...base, max_tokens: 0 }, 'max_tokens', />= 1/);
    rejects({ ...base, max_tokens: 'many' }, 'max_tokens', /expected an integer/);
    rejects({ ...base, max_completion_tokens: 2.5 }, 'max_completion_tokens', /expected an integer/);
  });
});

describe('decodeOpenAIChatRequest: streaming', () => {
  test('stream with include_usage', () => {
    const r = decode({ stream: true, stream_options: { include_usage: true } });
    assert.equal(r.stream, true);
    assert.equal(r.streamUsage, true);
  });
  test('stream without stream_options', () => assert.equal(decode({ stream: true }).streamUsage, false));
  test('stream must be a boolean', () => rejects({ ...base, stream: 'yes' }, 'stream', /expected a boolean/));
  test('include_usage must be a boolean', () =>
    rejects({ ...base, stream: true, stream_options: { include_usage: 1 } }, 'stream_options.include_usage'));
});

describe('decodeOpenAIChatRequest: what other protocols cannot answer', () => {
  test('n > 1 is refused, naming n', () => {
    rejects(
      { ...base, n: 2 },
      'n',
      /n' greater than 1 is only supported when the model speaks the OpenAI protocol/,
    );
  });
  test('n = 1 is fine', () => assert.equal(decode({ n: 1 }).model, 'gpt-4o'));
  test('n must be a positive integer', () => rejects({ ...base, n: 0 }, 'n'));
  test('logprobs: true is refused', () =>
    rejects({ ...base, logprobs: true }, 'logprobs', /log probabilities/));
  test('logprobs: false is fine', () => assert.equal(decode({ logprobs: false }).model, 'gpt-4o'));
  test('audio output is refused', () => {
    rejects({ ...base, modalities: ['text', 'audio'] }, 'modalities', /Audio output/);
    rejects({ ...base, audio: { voice: 'alloy', format: 'mp3' } }, 'audio', /Audio output/);
  });
  test('sampling knobs without a canonical place are dropped', () => {
    const r = decode({ frequency_penalty: 0.5, presence_penalty: 0.1, logit_bias: { 1: 2 }, store: true });
    assert.deepEqual(r, decodeOpenAIChatRequest(base));
  });
});

describe('decodeOpenAIChatRequest: reasoning_effort', () => {
  for (const effort of ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const) {
    test(effort, () =>
      assert.deepEqual(decode({ reasoning_effort: effort }).reasoning, {
        enabled: effort !== 'none',
        effort,
      }),
    );
  }
  test("'max' maps to the top of the canonical scale", () =>
    assert.deepEqual(decode({ reasoning_effort: 'max' }).reasoning, { enabled: true, effort: 'xhigh' }));
  test('an unknown effort is refused', () =>
    rejects({ ...base, reasoning_effort: 'extreme' }, 'reasoning_effort', /Supported values are: 'none'/));
});

describe('decodeOpenAIChatRequest: tools and formats', () => {
  const weather = {
    type: 'function',
    function: { name: 'weather', description: 'Get weather', parameters: { type: 'object' }, strict: true },
  };

  test('tools, tool_choice and parallel_tool_calls', () => {
    const body = {
      ...base,
      tools: [weather],
      tool_choice: { type: 'function', function: { name: 'weather' } },
      parallel_tool_calls: false,
    };
    validateOpenAI('request', body);
    const r = decodeOpenAIChatRequest(body);
    assert.deepEqual(r.tools, [
      { name: 'weather', description: 'Get weather', parameters: { type: 'object' }, strict: true },
    ]);
    assert.deepEqual(r.toolChoice, { type: 'tool', name: 'weather' });
    assert.equal(r.parallelToolCalls, false);
  });

  test('string tool choices', () => {
    for (const c of ['auto', 'none', 'required'] as const) {
      assert.deepEqual(decode({ tools: [weather], tool_choice: c }).toolChoice, { type: c });
    }
  });

  test('non-function tools are refused', () =>
    rejects(
      { ...base, tools: [{ type: 'custom', custom: { name: 'x' } }] },
      'tools[0].type',
      /Only 'function'/,
    ));
  test('parallel_tool_calls must be a boolean', () =>
    rejects({ ...base, parallel_tool_calls: 'no' }, 'parallel_tool_calls'));

  test('response_format text / json_object / json_schema', () => {
    assert.deepEqual(decode({ response_format: { type: 'text' } }).responseFormat, { type: 'text' });
    assert.deepEqual(decode({ response_format: { type: 'json_object' } }).responseFormat, {
      type: 'json_object',
    });
    const r = decode({
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'answer', schema: { type: 'object' }, strict: true, description: 'd' },
      },
    });
    assert.deepEqual(r.responseFormat, {
      type: 'json_schema',
      name: 'answer',
      schema: { type: 'object' },
      strict: true,
      description: 'd',
    });
  });

  test('response_format errors', () => {
    rejects({ ...base, response_format: 'json' }, 'response_format', /expected an object/);
    rejects({ ...base, response_format: { type: 'xml' } }, 'response_format.type', /Supported values/);
    rejects({ ...base, response_format: { type: 'json_schema' } }, 'response_format.json_schema');
  });
});

describe('decodeOpenAIChatRequest: a whole conversation', () => {
  test('system/developer, images, files, tool calls, tool results, reasoning', () => {
    const body = {
      model: 'gpt-4o',
      messages: [
        { role: 'developer', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' } },
            { type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'found' },
      ],
    };
    validateOpenAI('request', body);
    const r = decodeOpenAIChatRequest(body);
    assert.deepEqual(r.messages, [
      { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          {
            type: 'image',
            source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' },
            detail: 'low',
          },
          {
            type: 'document',
            source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0=' },
            filename: 'a.pdf',
          },
        ],
      },
      {
        role: 'assistant',
        content: [{ type: 'tool_call', id: 'call_1', name: 'lookup', arguments: '{"q":"x"}' }],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool_result',
            toolCallId: 'call_1',
            toolName: 'lookup',
            content: [{ type: 'text', text: 'found' }],
          },
        ],
      },
    ]);
  });

  test('assistant reasoning_content becomes a reasoning part', () => {
    const r = decode({
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: 'a', reasoning_content: 'thinking' },
        { role: 'user', content: 'q2' },
      ],
    });
    assert.deepEqual(r.messages[1], {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'thinking' },
        { type: 'text', text: 'a' },
      ],
    });
  });

  test('input_audio is refused with a clear message', () =>
    rejects(
      {
        model: 'm',
        messages: [
          { role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AA', format: 'wav' } }] },
        ],
      },
      'messages[0].content[0]',
      /audio input/,
    ));

  test('a tool message without tool_call_id', () =>
    rejects({ model: 'm', messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].tool_call_id'));
  test('a user message without content', () =>
    rejects(
      { model: 'm', messages: [{ role: 'user' }] },
      'messages[0].content',
      /Missing required parameter/,
    ));
});
