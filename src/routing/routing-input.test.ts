import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CanonicalRequest } from '../canonical/types.js';
import { readRequest } from './routing-input.js';

const base = (
  messages: CanonicalRequest['messages'],
  extra: Partial<CanonicalRequest> = {},
): CanonicalRequest => ({
  model: 'auto',
  messages,
  stream: false,
  ...extra,
});

test('the last user turn is the prompt; earlier turns count as history; the stable prefix is system + first turn', () => {
  const r = readRequest(
    base([
      { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Tell me about Rome.' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Rome is old.' }] },
      { role: 'user', content: [{ type: 'text', text: 'And Carthage?' }] },
    ]),
    42,
  );
  assert.equal(r.input.prompt, 'And Carthage?');
  assert.equal(r.input.system, 'Be brief.');
  assert.equal(r.input.historyChars, 'Tell me about Rome.'.length + 'Rome is old.'.length);
  assert.equal(r.input.promptTokens, 42);
  assert.equal(r.multiTurn, true);
  assert.equal(r.stablePrefix, 'Be brief.\u0000Tell me about Rome.');
  // the same conversation one turn later keeps its prefix
  const single = readRequest(
    base([{ role: 'user', content: [{ type: 'text', text: 'Tell me about Rome.' }] }]),
    5,
  );
  assert.equal(single.multiTurn, false);
  assert.equal(single.stablePrefix, '\u0000Tell me about Rome.');
});

test('needs: tools (unless tool_choice none), images anywhere, structured output, output limit, metadata', () => {
  const tool = { name: 'f', parameters: { type: 'object' } };
  const r = readRequest(
    base(
      [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' } },
          ],
        },
      ],
      {
        tools: [tool],
        responseFormat: { type: 'json_object' },
        maxTokens: 300,
        metadata: { team: 'search' },
      },
    ),
    10,
  );
  assert.equal(r.input.hasTools, true);
  assert.equal(r.input.hasImages, true);
  assert.equal(r.input.structuredOutput, true);
  assert.equal(r.input.maxOutputTokens, 300);
  assert.deepEqual(r.metadata, { team: 'search' });
  const none = readRequest(
    base([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], {
      tools: [tool],
      toolChoice: { type: 'none' },
    }),
    1,
  );
  assert.equal(none.input.hasTools, false);
  assert.equal(none.input.structuredOutput, false);
});

test('a tool result is the latest turn: its text is the prompt', () => {
  const r = readRequest(
    base([
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
      {
        role: 'assistant',
        content: [{ type: 'tool_call', id: 't1', name: 'weather', arguments: '{"city":"Paris"}' }],
      },
      {
        role: 'tool',
        content: [{ type: 'tool_result', toolCallId: 't1', content: [{ type: 'text', text: '18C' }] }],
      },
    ]),
    30,
  );
  assert.equal(r.input.prompt.trim(), '18C');
  assert.equal(r.multiTurn, true);
});
