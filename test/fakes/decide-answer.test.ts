import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type ConversationSummary, decideAnswer, promptTokens } from './decide-answer.js';

const weather = {
  name: 'weather',
  schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const clock = { name: 'clock', schema: { type: 'object', properties: {} } };

function summary(overrides: Partial<ConversationSummary>): ConversationSummary {
  return {
    tools: [],
    toolChoice: { type: 'auto' },
    lastTurn: { kind: 'user', text: 'hello', hasImage: false },
    promptText: 'hello',
    imageCount: 0,
    ...overrides,
  };
}

describe('decideAnswer', () => {
  test('echoes the last user text, marking images', () => {
    assert.deepEqual(decideAnswer(summary({})), { kind: 'text', text: 'Echo: hello', truncated: false });
    const withImage = decideAnswer(summary({ lastTurn: { kind: 'user', text: 'look', hasImage: true } }));
    assert.deepEqual(withImage, { kind: 'text', text: 'Echo: look [image]', truncated: false });
  });

  test('calls the first tool, or the forced one, with arguments from its schema', () => {
    assert.deepEqual(decideAnswer(summary({ tools: [weather, clock] })), {
      kind: 'tool-call',
      name: 'weather',
      arguments: { city: 'Paris' },
    });
    const forced = decideAnswer(
      summary({ tools: [weather, clock], toolChoice: { type: 'tool', name: 'clock' } }),
    );
    assert.deepEqual(forced, { kind: 'tool-call', name: 'clock', arguments: {} });
  });

  test('answers text when tool choice is none or the conversation ends with tool results', () => {
    assert.equal(decideAnswer(summary({ tools: [weather], toolChoice: { type: 'none' } })).kind, 'text');
    const afterTool = decideAnswer(
      summary({ tools: [weather], lastTurn: { kind: 'tool-results', results: ['Sunny', '21C'] } }),
    );
    assert.deepEqual(afterTool, { kind: 'text', text: 'Tool result received: Sunny; 21C', truncated: false });
  });

  test('cuts the text at the output token limit', () => {
    const answer = decideAnswer(
      summary({ lastTurn: { kind: 'user', text: 'x'.repeat(100), hasImage: false }, maxOutputTokens: 2 }),
    );
    assert.deepEqual(answer, { kind: 'text', text: 'Echo: xx', truncated: true });
  });

  test('counts prompt tokens as characters / 4 plus 85 per image', () => {
    assert.equal(promptTokens(summary({ promptText: 'x'.repeat(40), imageCount: 1 })), 95);
  });
});
