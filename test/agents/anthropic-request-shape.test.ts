import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RecordedRequest } from '../fakes/index.js';
import { anthropicRequestShape } from './anthropic-request-shape.js';

function request(body: Record<string, unknown>, beta = 'claude-code-20250219'): RecordedRequest {
  return {
    method: 'POST',
    path: '/v1/messages',
    query: { beta: 'true' },
    headers: {
      'anthropic-beta': beta,
      'anthropic-version': '2023-06-01',
      'content-type': 'application/json',
    },
    body,
    rawBody: JSON.stringify(body),
    at: 0,
  };
}

const body = (text: string, signature: string, cacheControl?: unknown) => ({
  model: 'claude-sonnet-4-5',
  max_tokens: 100,
  system: [{ type: 'text', text: `system ${text}`, cache_control: cacheControl }],
  messages: [
    { role: 'user', content: text },
    {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: text, signature },
        { type: 'tool_use', id: `toolu_${text}`, name: 'Write', input: { text } },
      ],
    },
  ],
});

test('texts, ids and signatures may differ between runs', () => {
  assert.deepEqual(
    anthropicRequestShape(request(body('one', 'sig-a', { type: 'ephemeral' }))),
    anthropicRequestShape(request(body('two', 'sig-b', { type: 'ephemeral' }))),
  );
});

test('betas, cache_control, a dropped signature and body fields may not', () => {
  const base = anthropicRequestShape(request(body('one', 'sig-a', { type: 'ephemeral' })));
  assert.notDeepEqual(anthropicRequestShape(request(body('one', 'sig-a', { type: 'ephemeral' }), 'x')), base);
  assert.notDeepEqual(anthropicRequestShape(request(body('one', 'sig-a'))), base);
  assert.notDeepEqual(anthropicRequestShape(request(body('one', '', { type: 'ephemeral' }))), base);
  const extra = { ...body('one', 'sig-a', { type: 'ephemeral' }), temperature: 1 };
  assert.notDeepEqual(anthropicRequestShape(request(extra)), base);
});
