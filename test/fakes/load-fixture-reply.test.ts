import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadFixtureReply } from './load-fixture-reply.js';
import { parseSseText } from './parse-sse-text.js';

describe('loadFixtureReply', () => {
  test('sends a .json fixture as the body with the given status', () => {
    const reply = loadFixtureReply(
      'openai/chat-completions/reasoning-model-legacy-parameter-error.json',
      400,
    );
    assert.equal(reply.type, 'json');
    assert.equal(reply.status, 400);
    assert.equal((reply as { body: any }).body.error.code, 'unsupported_parameter');
  });

  test('rebuilds chat-completions chunks as data-only events ending with [DONE]', () => {
    const reply = loadFixtureReply('openai/chat-completions/openai-text.chunks.txt');
    assert.equal(reply.type, 'sse');
    const events = parseSseText((reply as { frames: string[] }).frames.join(''));
    assert.ok(events.every((event) => event.event === undefined));
    assert.equal(events.at(-1)?.data, '[DONE]');
    assert.equal(JSON.parse(events[0].data).object, 'chat.completion.chunk');
  });

  test('rebuilds Anthropic chunks with the payload type as the event name', () => {
    const reply = loadFixtureReply('anthropic/messages/anthropic-text.chunks.txt');
    const events = parseSseText((reply as { frames: string[] }).frames.join(''));
    assert.equal(events[0].event, 'message_start');
    assert.equal(events.at(-1)?.event, 'message_stop');
    for (const event of events) assert.equal(JSON.parse(event.data).type, event.event);
  });

  test('rebuilds Gemini chunks as data-only events', () => {
    const reply = loadFixtureReply('google/generate-content/google-text.chunks.txt');
    const events = parseSseText((reply as { frames: string[] }).frames.join(''));
    assert.ok(events.length > 1);
    assert.equal(JSON.parse(events.at(-1)!.data).candidates[0].finishReason, 'STOP');
  });
});
