import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateAnthropic } from '../../../test/schemas/anthropic.js';
import type { CanonicalResponse } from '../../canonical/index.js';
import { encodeAnthropicResponse } from './encode-anthropic-response.js';

const res = (extra: Partial<CanonicalResponse>): CanonicalResponse => ({
  id: 'chatcmpl-abc',
  model: 'gpt-x',
  created: 1,
  content: [],
  stopReason: 'end_turn',
  usage: {
    inputTokens: 100,
    outputTokens: 20,
    cacheReadTokens: 60,
    cacheWriteTokens: 10,
    reasoningTokens: 5,
  },
  ...extra,
});

describe('encodeAnthropicResponse', () => {
  test('a Message with every kind of block', () => {
    const out = encodeAnthropicResponse(
      res({
        content: [
          { type: 'reasoning', text: 'think', signature: 'sig' },
          { type: 'redacted_reasoning', data: 'opaque' },
          { type: 'text', text: 'Here.' },
          { type: 'tool_call', id: 'call_1', name: 'f', arguments: '{"a":[1,2]}' },
        ],
        stopReason: 'tool_use',
      }),
      'alias-model',
    );
    validateAnthropic('message', out);
    assert.deepEqual(out, {
      id: 'chatcmpl-abc',
      type: 'message',
      role: 'assistant',
      model: 'alias-model',
      content: [
        { type: 'thinking', thinking: 'think', signature: 'sig' },
        { type: 'redacted_thinking', data: 'opaque' },
        { type: 'text', text: 'Here.' },
        { type: 'tool_use', id: 'call_1', name: 'f', input: { a: [1, 2] } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: 30,
        output_tokens: 20,
        cache_creation_input_tokens: 10,
        cache_read_input_tokens: 60,
        output_tokens_details: { thinking_tokens: 5 },
      },
    });
  });

  test('invalid tool arguments become {} and the rest goes on', () => {
    const out = encodeAnthropicResponse(
      res({
        content: [
          { type: 'tool_call', id: 'call_1', name: 'f', arguments: '{"a":' },
          { type: 'tool_call', id: 'call_2', name: 'g', arguments: '{"b":2}' },
        ],
      }),
      'm',
    );
    assert.deepEqual(
      out.content.map((b) => (b.type === 'tool_use' ? b.input : undefined)),
      [{}, { b: 2 }],
    );
    validateAnthropic('message', out);
  });

  test('stop sequence, mapped stop reasons, missing ids', () => {
    const out = encodeAnthropicResponse(
      res({ id: '', stopReason: 'stop_sequence', stopSequence: 'END' }),
      'm',
    );
    assert.match(out.id, /^msg_/);
    assert.equal(out.stop_reason, 'stop_sequence');
    assert.equal(out.stop_sequence, 'END');
    assert.equal(encodeAnthropicResponse(res({ stopReason: 'content_filter' }), 'm').stop_reason, 'refusal');
    assert.equal(encodeAnthropicResponse(res({ stopReason: 'unknown' }), 'm').stop_reason, 'end_turn');
    const noId = encodeAnthropicResponse(
      res({ content: [{ type: 'tool_call', id: '', name: 'f', arguments: '{}' }] }),
      'm',
    );
    assert.match((noId.content[0] as { id: string }).id, /^toolu_/);
  });

  test("another provider's signature and redacted data are wrapped with their origin; Anthropic's are not", () => {
    const out = encodeAnthropicResponse(
      res({
        content: [
          { type: 'reasoning', text: '', signature: 'G-SIG', signatureOrigin: 'gemini' },
          { type: 'reasoning', text: 'claude', signature: 'A-SIG', signatureOrigin: 'anthropic' },
          { type: 'redacted_reasoning', data: 'G-DATA', origin: 'gemini' },
          { type: 'redacted_reasoning', data: 'A-DATA', origin: 'anthropic' },
        ],
      }),
      'm',
    );
    assert.deepEqual(out.content, [
      { type: 'thinking', thinking: '', signature: 'sy1.gemini.G-SIG' },
      { type: 'thinking', thinking: 'claude', signature: 'A-SIG' },
      { type: 'redacted_thinking', data: 'sy1.gemini.G-DATA' },
      { type: 'redacted_thinking', data: 'A-DATA' },
    ]);
    validateAnthropic('message', out);
  });

  test('reasoning without signature gets an empty signature (the schema requires the field)', () => {
    const out = encodeAnthropicResponse(
      res({ content: [{ type: 'reasoning', text: 'gemini thoughts' }] }),
      'm',
    );
    assert.deepEqual(out.content, [{ type: 'thinking', thinking: 'gemini thoughts', signature: '' }]);
    validateAnthropic('message', out);
  });
});
