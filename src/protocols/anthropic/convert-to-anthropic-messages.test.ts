import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CanonicalMessage } from '../../canonical/index.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';

const text = (t: string) => ({ type: 'text' as const, text: t });

describe('convertToAnthropicMessages', () => {
  test('leading system messages become the system field, keeping cache_control', () => {
    const out = convertToAnthropicMessages([
      { role: 'system', content: [text('A')] },
      { role: 'system', content: [{ type: 'text', text: 'B', cacheControl: { type: 'ephemeral' } }] },
      { role: 'user', content: [text('hi')] },
    ]);
    assert.deepEqual(out.system, [
      { type: 'text', text: 'A' },
      { type: 'text', text: 'B', cache_control: { type: 'ephemeral' } },
    ]);
    assert.deepEqual(out.messages, [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
  });

  test('a later system message becomes user text at its place', () => {
    const out = convertToAnthropicMessages([
      { role: 'user', content: [text('q1')] },
      { role: 'assistant', content: [text('a1')] },
      { role: 'system', content: [text('Answer in French from now on.')] },
      { role: 'user', content: [text('q2')] },
    ]);
    assert.deepEqual(out.system, []);
    assert.deepEqual(out.messages, [
      { role: 'user', content: [{ type: 'text', text: 'q1' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'a1' }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Answer in French from now on.' },
          { type: 'text', text: 'q2' },
        ],
      },
    ]);
  });

  test('tool turns become user turns of tool_result blocks, merged, results first', () => {
    const messages: CanonicalMessage[] = [
      { role: 'user', content: [text('Weather in Paris and Rome?')] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'two calls', signature: 'sig1' },
          text('Checking both.'),
          { type: 'tool_call', id: 'call_1', name: 'weather', arguments: '{"city":"Paris"}' },
          { type: 'tool_call', id: 'call_2', name: 'weather', arguments: '{"city":"Rome"' },
        ],
      },
      { role: 'tool', content: [{ type: 'tool_result', toolCallId: 'call_1', content: [text('18')] }] },
      {
        role: 'tool',
        content: [{ type: 'tool_result', toolCallId: 'call_2', content: [text('25')], isError: false }],
      },
      { role: 'user', content: [text('Thanks')] },
    ];
    const out = convertToAnthropicMessages(messages);
    assert.deepEqual(out.messages, [
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'two calls', signature: 'sig1' },
          { type: 'text', text: 'Checking both.' },
          { type: 'tool_use', id: 'call_1', name: 'weather', input: { city: 'Paris' } },
          // broken arguments JSON: sent as {} rather than failing the request
          { type: 'tool_use', id: 'call_2', name: 'weather', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_1', content: [{ type: 'text', text: '18' }] },
          { type: 'tool_result', tool_use_id: 'call_2', content: [{ type: 'text', text: '25' }] },
          { type: 'text', text: 'Thanks' },
        ],
      },
    ]);
  });

  test('tool results after user text in one merged turn are moved first', () => {
    const out = convertToAnthropicMessages([
      { role: 'assistant', content: [{ type: 'tool_call', id: 't1', name: 'f', arguments: '{}' }] },
      { role: 'system', content: [text('note')] },
      { role: 'tool', content: [{ type: 'tool_result', toolCallId: 't1', content: [text('ok')] }] },
    ]);
    assert.deepEqual(
      out.messages[1]!.content.map((b) => b.type),
      ['tool_result', 'text'],
    );
  });

  test('consecutive same-role turns are merged', () => {
    const out = convertToAnthropicMessages([
      { role: 'user', content: [text('a')] },
      { role: 'user', content: [text('b')] },
      { role: 'assistant', content: [text('c')] },
      { role: 'assistant', content: [text('d')] },
    ]);
    assert.deepEqual(
      out.messages.map((m) => [m.role, m.content.length]),
      [
        ['user', 2],
        ['assistant', 2],
      ],
    );
  });

  test('unsigned reasoning is dropped, redacted reasoning kept, empty turns vanish', () => {
    const out = convertToAnthropicMessages([
      { role: 'user', content: [text('a')] },
      { role: 'assistant', content: [{ type: 'reasoning', text: 'no signature' }] },
      { role: 'user', content: [text('b')] },
      {
        role: 'assistant',
        content: [{ type: 'redacted_reasoning', data: 'opaque' }, { type: 'reasoning', text: 'x' }, text('')],
      },
    ]);
    assert.deepEqual(out.messages, [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b' },
        ],
      },
      { role: 'assistant', content: [{ type: 'redacted_thinking', data: 'opaque' }] },
    ]);
  });

  test("only Anthropic's own signatures and redacted data are sent: Gemini's are dropped", () => {
    const out = convertToAnthropicMessages([
      { role: 'user', content: [text('a')] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'from gemini', signature: 'g-sig', signatureOrigin: 'gemini' },
          { type: 'reasoning', text: 'from claude', signature: 'a-sig', signatureOrigin: 'anthropic' },
          { type: 'reasoning', text: 'from a client', signature: 'c-sig' },
          { type: 'redacted_reasoning', data: 'g-data', origin: 'gemini' },
          { type: 'redacted_reasoning', data: 'a-data', origin: 'anthropic' },
          { type: 'redacted_reasoning', data: 'c-data' },
          text('answer'),
        ],
      },
    ]);
    assert.deepEqual(out.messages[1], {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'from claude', signature: 'a-sig' },
        { type: 'thinking', thinking: 'from a client', signature: 'c-sig' },
        { type: 'redacted_thinking', data: 'a-data' },
        { type: 'redacted_thinking', data: 'c-data' },
        { type: 'text', text: 'answer' },
      ],
    });
  });

  test('an assistant turn left with nothing but foreign reasoning vanishes', () => {
    const out = convertToAnthropicMessages([
      { role: 'user', content: [text('a')] },
      {
        role: 'assistant',
        content: [{ type: 'reasoning', text: '', signature: 'g-sig', signatureOrigin: 'gemini' }],
      },
    ]);
    assert.deepEqual(out.messages, [{ role: 'user', content: [{ type: 'text', text: 'a' }] }]);
  });

  test('tool ids are made Anthropic-safe the same way on both sides', () => {
    const out = convertToAnthropicMessages([
      { role: 'assistant', content: [{ type: 'tool_call', id: 'functions.f:0', name: 'f', arguments: '' }] },
      {
        role: 'tool',
        content: [{ type: 'tool_result', toolCallId: 'functions.f:0', content: [text('ok')] }],
      },
    ]);
    const use = out.messages[0]!.content[0] as { id: string; input: unknown };
    const result = out.messages[1]!.content[0] as { tool_use_id: string };
    assert.equal(use.id, 'functions_f_0');
    assert.deepEqual(use.input, {});
    assert.equal(result.tool_use_id, 'functions_f_0');
  });

  test('errors name the canonical part', () => {
    assert.throws(
      () =>
        convertToAnthropicMessages([
          {
            role: 'user',
            content: [
              text('a'),
              { type: 'image', source: { kind: 'base64', mediaType: 'image/tiff', data: 'x' } },
            ],
          },
        ]),
      (e: unknown) => (e as { param?: string }).param === 'messages[0].content[1]',
    );
  });
});
