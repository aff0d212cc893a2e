import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RecordedRequest } from '../fakes/index.js';
import { responsesRequestShape } from './responses-request-shape.js';

function request(body: Record<string, unknown>): RecordedRequest {
  return {
    method: 'POST',
    path: '/v1/responses',
    query: {},
    headers: { 'content-type': 'application/json' },
    body,
    rawBody: JSON.stringify(body),
    at: 0,
  };
}

const body = (run: string, answeredCallId = `call_${run}`) => ({
  model: 'gpt-5-mini',
  stream: true,
  prompt_cache_key: `cache-${run}`,
  client_metadata: { session_id: run },
  tools: [{ type: 'function', name: 'exec_command', parameters: { type: 'object' } }],
  input: [
    { type: 'message', id: `msg_${run}`, role: 'user', content: [{ type: 'input_text', text: run }] },
    { type: 'function_call', id: `fc_${run}`, call_id: `call_${run}`, name: 'exec_command', arguments: '{}' },
    { type: 'function_call_output', call_id: answeredCallId, output: `output ${run}` },
  ],
});

test('ids, texts, cache keys and metadata values may differ between runs', () => {
  assert.deepEqual(responsesRequestShape(request(body('one'))), responsesRequestShape(request(body('two'))));
});

test('a tool result answering no call, a changed tool or a changed setting may not', () => {
  const base = responsesRequestShape(request(body('one')));
  assert.notDeepEqual(responsesRequestShape(request(body('one', 'call_other'))), base);
  assert.notDeepEqual(responsesRequestShape(request({ ...body('one'), tools: [] })), base);
  assert.notDeepEqual(responsesRequestShape(request({ ...body('one'), store: false })), base);
});
