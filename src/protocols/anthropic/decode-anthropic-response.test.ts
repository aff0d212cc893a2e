import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GatewayError } from '../../canonical/index.js';
import { decodeAnthropicContentBlock, decodeAnthropicResponse } from './decode-anthropic-response.js';

describe('decodeAnthropicResponse', () => {
  test('text, thinking, redacted thinking, tool_use; server-tool blocks dropped', () => {
    const res = decodeAnthropicResponse({
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-x',
      content: [
        { type: 'thinking', thinking: 'hmm', signature: 'sig' },
        { type: 'redacted_thinking', data: 'opaque' },
        { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'q' } },
        { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
        { type: 'text', text: 'Answer', citations: [{ type: 'web_search_result_location' }] },
        { type: 'tool_use', id: 'toolu_1', name: 'f', input: { x: 1 } },
        { type: 'brand_new_block' },
        'garbage',
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: 3,
        cache_creation_input_tokens: 4,
        cache_read_input_tokens: 5,
        output_tokens: 6,
      },
    });
    assert.equal(res.id, 'msg_1');
    assert.equal(res.model, 'claude-x');
    assert.ok(Math.abs(res.created - Date.now() / 1000) < 5);
    assert.deepEqual(res.content, [
      { type: 'reasoning', text: 'hmm', signature: 'sig', signatureOrigin: 'anthropic' },
      { type: 'redacted_reasoning', data: 'opaque', origin: 'anthropic' },
      { type: 'text', text: 'Answer' },
      { type: 'tool_call', id: 'toolu_1', name: 'f', arguments: '{"x":1}' },
    ]);
    assert.equal(res.stopReason, 'tool_use');
    assert.equal(res.stopSequence, null);
    assert.deepEqual(res.usage, {
      inputTokens: 12,
      outputTokens: 6,
      cacheReadTokens: 5,
      cacheWriteTokens: 4,
      reasoningTokens: 0,
    });
  });

  test('stop sequence and missing usage', () => {
    const res = decodeAnthropicResponse({ content: [], stop_reason: 'stop_sequence', stop_sequence: 'END' });
    assert.equal(res.stopSequence, 'END');
    assert.equal(res.stopReason, 'stop_sequence');
    assert.equal(res.usage.inputTokens, 0);
  });

  test('a body that is not a Message is an upstream error', () => {
    for (const body of [null, 'x', { type: 'error', error: { type: 'api_error', message: 'x' } }]) {
      assert.throws(
        () => decodeAnthropicResponse(body),
        (e: unknown) => e instanceof GatewayError && e.kind === 'upstream_error' && e.status === 502,
      );
    }
  });

  test('tool_use without an object input gets {}', () => {
    assert.deepEqual(decodeAnthropicContentBlock({ type: 'tool_use', id: 'a', name: 'b' }), {
      type: 'tool_call',
      id: 'a',
      name: 'b',
      arguments: '{}',
    });
    assert.deepEqual(decodeAnthropicContentBlock({ type: 'thinking', thinking: 'x', signature: '' }), {
      type: 'reasoning',
      text: 'x',
    });
  });
});
