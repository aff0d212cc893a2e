import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GatewayError } from '../../canonical/index.js';
import {
  decodeAssistantBlock,
  decodeCacheControl,
  decodeUserBlock,
} from './decode-anthropic-content-block.js';

const rejects = (fn: () => unknown, param: string, message: RegExp) =>
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof GatewayError, String(e));
    assert.equal(e.kind, 'invalid_request');
    assert.equal(e.param, param);
    assert.match(e.message, message);
    return true;
  });

const P = 'messages[1].content[0]';

describe('decodeUserBlock', () => {
  test('text with cache_control', () => {
    assert.deepEqual(
      decodeUserBlock({ type: 'text', text: 'hi', cache_control: { type: 'ephemeral', ttl: '1h' } }, P),
      {
        type: 'text',
        text: 'hi',
        cacheControl: { type: 'ephemeral', ttl: '1h' },
      },
    );
  });

  test('image: base64 and url sources', () => {
    assert.deepEqual(
      decodeUserBlock({ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAA' } }, P),
      { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAA' } },
    );
    assert.deepEqual(
      decodeUserBlock(
        {
          type: 'image',
          source: { type: 'url', url: 'https://x/y.png' },
          cache_control: { type: 'ephemeral' },
        },
        P,
      ),
      { type: 'image', source: { kind: 'url', url: 'https://x/y.png' }, cacheControl: { type: 'ephemeral' } },
    );
  });

  test('image: file source needs Anthropic, unknown source type is named', () => {
    rejects(
      () => decodeUserBlock({ type: 'image', source: { type: 'file', file_id: 'file_1' } }, P),
      `${P}.source.type`,
      /Files API/,
    );
    rejects(
      () => decodeUserBlock({ type: 'image', source: { type: 'blob' } }, P),
      `${P}.source.type`,
      /'base64' or 'url'/,
    );
    rejects(() => decodeUserBlock({ type: 'image' }, P), `${P}.source`, /field required/);
    rejects(
      () => decodeUserBlock({ type: 'image', source: { type: 'base64', data: 'x' } }, P),
      `${P}.source.media_type`,
      /field required/,
    );
  });

  test('document: base64 pdf with title, text, url', () => {
    assert.deepEqual(
      decodeUserBlock(
        {
          type: 'document',
          source: { type: 'base64', media_type: 'application/pdf', data: 'JVBER' },
          title: 'Report',
        },
        P,
      ),
      {
        type: 'document',
        source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBER' },
        title: 'Report',
      },
    );
    assert.deepEqual(
      decodeUserBlock(
        { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'hello' } },
        P,
      ),
      { type: 'document', source: { kind: 'text', mediaType: 'text/plain', text: 'hello' } },
    );
    assert.deepEqual(
      decodeUserBlock({ type: 'document', source: { type: 'url', url: 'https://x/a.pdf' } }, P),
      {
        type: 'document',
        source: { kind: 'url', url: 'https://x/a.pdf', mediaType: 'application/pdf' },
      },
    );
    rejects(
      () => decodeUserBlock({ type: 'document', source: { type: 'content', content: 'x' } }, P),
      `${P}.source.type`,
      /'base64', 'text' or 'url'/,
    );
  });

  test('tool_result: string content, block content, is_error', () => {
    assert.deepEqual(decodeUserBlock({ type: 'tool_result', tool_use_id: 'toolu_1', content: '42' }, P), {
      type: 'tool_result',
      toolCallId: 'toolu_1',
      content: [{ type: 'text', text: '42' }],
    });
    assert.deepEqual(
      decodeUserBlock(
        {
          type: 'tool_result',
          tool_use_id: 'toolu_1',
          is_error: true,
          content: [
            { type: 'text', text: 'failed' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AA' } },
          ],
        },
        P,
      ),
      {
        type: 'tool_result',
        toolCallId: 'toolu_1',
        isError: true,
        content: [
          { type: 'text', text: 'failed' },
          { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AA' } },
        ],
      },
    );
    assert.deepEqual(decodeUserBlock({ type: 'tool_result', tool_use_id: 't' }, P), {
      type: 'tool_result',
      toolCallId: 't',
      content: [],
    });
    rejects(
      () => decodeUserBlock({ type: 'tool_result', tool_use_id: 't', content: [{ type: 'tool_use' }] }, P),
      `${P}.content[0].type`,
      /not allowed in tool_result content/,
    );
    rejects(
      () => decodeUserBlock({ type: 'tool_result', content: 'x' }, P),
      `${P}.tool_use_id`,
      /field required/,
    );
  });

  test('wrong-side and unknown block types are named precisely', () => {
    rejects(
      () => decodeUserBlock({ type: 'tool_use', id: 'a', name: 'b', input: {} }, P),
      `${P}.type`,
      /not allowed in user messages/,
    );
    rejects(
      () => decodeUserBlock({ type: 'thinking', thinking: 'x' }, P),
      `${P}.type`,
      /not allowed in user messages/,
    );
    rejects(() => decodeUserBlock({ type: 'video' }, P), `${P}.type`, /unknown content block type 'video'/);
    rejects(() => decodeUserBlock({ text: 'no type' }, P), `${P}.type`, /field required/);
    rejects(() => decodeUserBlock('text', P), P, /expected an object/);
  });

  test('Anthropic server-tool blocks need an Anthropic model', () => {
    rejects(
      () => decodeUserBlock({ type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] }, P),
      `${P}.type`,
      /specific to Anthropic's API.*Anthropic model/,
    );
    rejects(() => decodeUserBlock({ type: 'search_result' }, P), `${P}.type`, /Anthropic model/);
  });
});

describe('decodeAssistantBlock', () => {
  test('text, thinking with signature, redacted_thinking', () => {
    assert.deepEqual(decodeAssistantBlock({ type: 'text', text: 'ok' }, P), { type: 'text', text: 'ok' });
    assert.deepEqual(decodeAssistantBlock({ type: 'thinking', thinking: 'hmm', signature: 'sig' }, P), {
      type: 'reasoning',
      text: 'hmm',
      signature: 'sig',
    });
    assert.deepEqual(decodeAssistantBlock({ type: 'thinking', thinking: 'hmm' }, P), {
      type: 'reasoning',
      text: 'hmm',
    });
    assert.deepEqual(decodeAssistantBlock({ type: 'redacted_thinking', data: 'opaque' }, P), {
      type: 'redacted_reasoning',
      data: 'opaque',
    });
  });

  test('signatures and redacted data this gateway wrapped are unwrapped with their origin', () => {
    assert.deepEqual(
      decodeAssistantBlock({ type: 'thinking', thinking: '', signature: 'sy1.gemini.EswFCskF+a/b=' }, P),
      { type: 'reasoning', text: '', signature: 'EswFCskF+a/b=', signatureOrigin: 'gemini' },
    );
    assert.deepEqual(decodeAssistantBlock({ type: 'redacted_thinking', data: 'sy1.gemini.opaque' }, P), {
      type: 'redacted_reasoning',
      data: 'opaque',
      origin: 'gemini',
    });
    rejects(
      () => decodeAssistantBlock({ type: 'thinking', thinking: 'x', signature: 'sy1.mistral.abc' }, P),
      `${P}.signature`,
      /sy1\.<origin>\.<signature>/,
    );
    rejects(
      () => decodeAssistantBlock({ type: 'redacted_thinking', data: 'sy1.gemini' }, P),
      `${P}.data`,
      /origin anthropic or gemini or openai or bedrock or simulated/,
    );
  });

  test('tool_use: input becomes JSON text', () => {
    assert.deepEqual(
      decodeAssistantBlock(
        { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
        P,
      ),
      { type: 'tool_call', id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
    );
    rejects(
      () => decodeAssistantBlock({ type: 'tool_use', id: 'a', name: 'b', input: '{}' }, P),
      `${P}.input`,
      /object/,
    );
    rejects(
      () => decodeAssistantBlock({ type: 'tool_use', id: 'a', name: 'b' }, P),
      `${P}.input`,
      /field required/,
    );
    rejects(
      () => decodeAssistantBlock({ type: 'tool_use', name: 'b', input: {} }, P),
      `${P}.id`,
      /field required/,
    );
  });

  test('user-only blocks are rejected in assistant messages', () => {
    rejects(
      () => decodeAssistantBlock({ type: 'tool_result', tool_use_id: 'a' }, P),
      `${P}.type`,
      /not allowed in assistant messages/,
    );
    rejects(
      () => decodeAssistantBlock({ type: 'image', source: {} }, P),
      `${P}.type`,
      /not allowed in assistant/,
    );
    rejects(
      () => decodeAssistantBlock({ type: 'server_tool_use', id: 'srvtoolu_1' }, P),
      `${P}.type`,
      /Anthropic model/,
    );
  });
});

describe('decodeCacheControl', () => {
  test('absent, null, ephemeral, wrong type', () => {
    assert.equal(decodeCacheControl({}, 'x'), undefined);
    assert.equal(decodeCacheControl({ cache_control: null }, 'x'), undefined);
    assert.deepEqual(decodeCacheControl({ cache_control: { type: 'ephemeral' } }, 'x'), {
      type: 'ephemeral',
    });
    rejects(
      () => decodeCacheControl({ cache_control: { type: 'persistent' } }, 'system[0]'),
      'system[0].cache_control.type',
      /'ephemeral'/,
    );
  });
});
