import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CanonicalStreamEvent } from '../../canonical/index.js';
import { createGeminiStreamEncoder } from './create-gemini-stream-encoder.js';

function run(events: CanonicalStreamEvent[]) {
  const enc = createGeminiStreamEncoder({ model: 'client-model', includeUsage: true });
  let out = '';
  for (const ev of events) out += enc.encode(ev);
  out += enc.finish();
  return out;
}
const chunks = (sse: string) =>
  sse
    .split('\r\n\r\n')
    .filter((f) => f.startsWith('data: '))
    .map((f) => JSON.parse(f.slice(6)) as Record<string, any>);

test('text, a thought with its signature, a whole function call, then finishReason and usage', () => {
  const sse = run([
    { type: 'start', id: 'r1', model: 'up', created: 0, usage: { inputTokens: 9 } },
    { type: 'reasoning_delta', text: 'Hmm' },
    { type: 'reasoning_signature', signature: 'SIG', origin: 'anthropic' },
    { type: 'text_delta', text: 'Hello' },
    { type: 'reasoning_signature', signature: 'G', origin: 'gemini' },
    { type: 'tool_call_start', toolIndex: 0, id: 'call_1', name: 'f' },
    { type: 'tool_call_delta', toolIndex: 0, argumentsDelta: '{"a"' },
    { type: 'tool_call_delta', toolIndex: 0, argumentsDelta: ':1}' },
    { type: 'finish', stopReason: 'tool_use' },
    { type: 'usage', usage: { inputTokens: 9, outputTokens: 5 } },
  ]);
  assert.ok(sse.endsWith('\r\n\r\n'));
  const c = chunks(sse);
  const parts = c.map((x) => x.candidates[0].content.parts[0]);
  assert.deepEqual(parts, [
    { text: 'Hmm', thought: true },
    { text: '', thought: true, thoughtSignature: 'sy1.anthropic.SIG' },
    { text: 'Hello' },
    { functionCall: { id: 'call_1', name: 'f', args: { a: 1 } }, thoughtSignature: 'G' },
    { text: '' },
  ]);
  assert.ok(c.every((x) => x.responseId === 'r1' && x.modelVersion === 'client-model'));
  assert.deepEqual(c[0]!.usageMetadata, { promptTokenCount: 9, candidatesTokenCount: 0, totalTokenCount: 9 });
  assert.equal(c.at(-1)!.candidates[0].finishReason, 'STOP');
  assert.deepEqual(c.at(-1)!.usageMetadata, {
    promptTokenCount: 9,
    candidatesTokenCount: 5,
    totalTokenCount: 14,
  });
});

test('an error ends the stream with Google’s error object; keep-alives are comments', () => {
  const enc = createGeminiStreamEncoder({ model: 'm', includeUsage: true });
  enc.encode({ type: 'text_delta', text: 'Hi' });
  const err = enc.encode({
    type: 'error',
    error: { status: 503, message: 'overloaded', kind: 'overloaded' },
  });
  assert.deepEqual(chunks(err), [{ error: { code: 503, message: 'overloaded', status: 'UNAVAILABLE' } }]);
  assert.equal(enc.finish(), '');
  assert.equal(enc.keepAlive(), ': keep-alive\r\n\r\n');
});
