import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { GatewayError } from '../../canonical/index.js';
import { decodeGeminiResponse } from './decode-gemini-response.js';
import type { GeminiGenerateContentResponse, GeminiPart } from './gemini-types.js';

const FIXTURES = new URL('../../../../shared/data/fixtures/google/generate-content/', import.meta.url);
const jsonFixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));

describe('decodeGeminiResponse: recorded fixtures', () => {
  test('the fixture folder has the four recorded bodies', () => {
    assert.deepEqual(jsonFixtures.sort(), [
      'google-reasoning-gemini3.json',
      'google-reasoning.json',
      'google-text.json',
      'google-tool-call.json',
    ]);
  });

  for (const file of jsonFixtures) {
    test(file, () => {
      const raw = JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8')) as GeminiGenerateContentResponse;
      const parts: GeminiPart[] = raw.candidates![0]!.content!.parts!;
      const res = decodeGeminiResponse(raw);

      const text = parts
        .filter((p) => typeof p.text === 'string' && !p.thought)
        .map((p) => p.text)
        .join('');
      assert.equal(res.content.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join(''), text);
      const calls = parts.filter((p) => p.functionCall);
      const decodedCalls = res.content.filter((p) => p.type === 'tool_call');
      assert.deepEqual(
        decodedCalls.map((c) => [c.name, JSON.parse(c.arguments)]),
        calls.map((p) => [p.functionCall!.name, p.functionCall!.args ?? {}]),
      );
      for (const c of decodedCalls) assert.match(c.id, /^call_[A-Za-z0-9]{24}$/);
      assert.deepEqual(
        res.content.flatMap((p) => (p.type === 'reasoning' && p.signature ? [p.signature] : [])),
        parts.flatMap((p) => (p.thoughtSignature ? [p.thoughtSignature] : [])),
      );
      const u = raw.usageMetadata!;
      assert.deepEqual(res.usage, {
        inputTokens: u.promptTokenCount,
        outputTokens: u.candidatesTokenCount! + (u.thoughtsTokenCount ?? 0),
        cacheReadTokens: u.cachedContentTokenCount ?? 0,
        cacheWriteTokens: 0,
        reasoningTokens: u.thoughtsTokenCount ?? 0,
      });
      assert.equal(res.id, raw.responseId);
      assert.equal(res.model, raw.modelVersion);
      assert.equal(res.stopReason, calls.length > 0 ? 'tool_use' : 'end_turn');
    });
  }

  test('google-tool-call.json: the signature sits on a reasoning part right before the call', () => {
    const raw = JSON.parse(readFileSync(new URL('google-tool-call.json', FIXTURES), 'utf8'));
    const res = decodeGeminiResponse(raw);
    assert.equal(res.content.length, 2);
    assert.equal(res.content[0]!.type, 'reasoning');
    assert.equal((res.content[0] as { text: string }).text, '');
    assert.equal(
      (res.content[0] as { signature: string }).signature,
      raw.candidates[0].content.parts[0].thoughtSignature,
    );
    assert.deepEqual(
      { ...res.content[1], id: 'x' },
      { type: 'tool_call', id: 'x', name: 'weather', arguments: '{"location":"San Francisco"}' },
    );
    assert.equal(res.usage.outputTokens, 15 + 893);
  });
});

describe('decodeGeminiResponse: other shapes', () => {
  test('thought parts become reasoning, text parts are joined', () => {
    const res = decodeGeminiResponse({
      candidates: [
        {
          content: {
            role: 'model',
            parts: [{ text: '**Plan**', thought: true }, { text: 'Hello, ' }, { text: 'world' }],
          },
          finishReason: 'MAX_TOKENS',
        },
      ],
      usageMetadata: { promptTokenCount: 3, cachedContentTokenCount: 2, candidatesTokenCount: 4 },
      responseId: 'r1',
      modelVersion: 'gemini-2.5-flash',
    });
    assert.deepEqual(res.content, [
      { type: 'reasoning', text: '**Plan**' },
      { type: 'text', text: 'Hello, world' },
    ]);
    assert.equal(res.stopReason, 'max_tokens');
    assert.deepEqual(res.usage, {
      inputTokens: 3,
      outputTokens: 4,
      cacheReadTokens: 2,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
  });

  test("a functionCall id from Gemini is kept; a no-args call has '{}' arguments", () => {
    const res = decodeGeminiResponse({
      candidates: [
        {
          content: {
            parts: [
              { functionCall: { id: 'abc123', name: 'f', args: { a: 1 } } },
              { functionCall: { name: 'g' } },
            ],
          },
          finishReason: 'STOP',
        },
      ],
    });
    assert.equal(res.content[0]!.type === 'tool_call' && res.content[0]!.id, 'abc123');
    assert.equal(res.content[1]!.type === 'tool_call' && res.content[1]!.arguments, '{}');
    assert.equal(res.stopReason, 'tool_use');
  });

  test('a blocked prompt is an empty content_filter answer', () => {
    const res = decodeGeminiResponse({
      promptFeedback: { blockReason: 'PROHIBITED_CONTENT' },
      usageMetadata: { promptTokenCount: 12, totalTokenCount: 12 },
      modelVersion: 'gemini-2.5-flash',
      responseId: 'blk',
    });
    assert.deepEqual(res.content, []);
    assert.equal(res.stopReason, 'content_filter');
    assert.equal(res.usage.inputTokens, 12);
  });

  test('a SAFETY finish is content_filter', () => {
    const res = decodeGeminiResponse({ candidates: [{ finishReason: 'SAFETY' }] });
    assert.equal(res.stopReason, 'content_filter');
    assert.deepEqual(res.content, []);
    assert.ok(res.id.length > 0);
  });

  test('an error body or a non-object is an upstream error', () => {
    assert.throws(
      () => decodeGeminiResponse({ error: { code: 500, message: 'Internal error', status: 'INTERNAL' } }),
      (e: unknown) =>
        e instanceof GatewayError && e.kind === 'upstream_error' && /Internal error/.test(e.message),
    );
    assert.throws(() => decodeGeminiResponse('nope'), GatewayError);
    assert.throws(() => decodeGeminiResponse([]), GatewayError);
  });
});
