import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mayHoldForeignSignatures, stripForeignSignatures } from './strip-foreign-signatures.js';

const CLAUDE_SIG = 'CAISqwQKhwEIEBgCKkAciZInI2gcLrwOU5o9XFlIxHw9HaLIY6V9wHoK2E0w9TFrU5619C4CclxQ==';
const WRAPPED = 'sy1.gemini.EswFCskFAb4+9vu5+eCedpmcjHHK+yjyrSAIGVBHj03GrObE';

describe('mayHoldForeignSignatures', () => {
  test('true only when a JSON string starts with the prefix', () => {
    assert.equal(mayHoldForeignSignatures(JSON.stringify({ signature: WRAPPED })), true);
    assert.equal(mayHoldForeignSignatures(JSON.stringify({ data: WRAPPED })), true);
    assert.equal(mayHoldForeignSignatures(JSON.stringify({ signature: CLAUDE_SIG })), false);
    // the prefix inside a text is not the start of a string
    assert.equal(mayHoldForeignSignatures(JSON.stringify({ text: 'see sy1.gemini.x' })), false);
  });
});

describe('stripForeignSignatures', () => {
  test('drops wrapped thinking and redacted_thinking blocks, keeps Anthropic ones and the rest', () => {
    const body = {
      model: 'claude-x',
      max_tokens: 100,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [
        { role: 'user', content: 'How many?' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: '', signature: WRAPPED },
            { type: 'redacted_thinking', data: WRAPPED },
            { type: 'text', text: 'Three.' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'mine', signature: CLAUDE_SIG },
            { type: 'redacted_thinking', data: 'opaque' },
            { type: 'text', text: 'Yes.' },
          ],
        },
        { role: 'user', content: [{ type: 'text', text: 'Sure?' }] },
      ],
    };
    const before = structuredClone(body);
    const out = stripForeignSignatures(body);
    assert.deepEqual(out, {
      ...body,
      messages: [
        body.messages[0],
        { role: 'assistant', content: [{ type: 'text', text: 'Three.' }] },
        body.messages[2],
        body.messages[3],
      ],
    });
    assert.deepEqual(body, before, 'the given body is not changed');
    assert.equal(
      out.messages && (out.messages as unknown[])[2],
      body.messages[2],
      'untouched messages kept as is',
    );
  });

  test('a message left with nothing is dropped; one that was empty already is kept', () => {
    const out = stripForeignSignatures({
      messages: [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: [{ type: 'thinking', thinking: '', signature: WRAPPED }] },
        { role: 'user', content: 'b' },
        { role: 'assistant', content: [] },
      ],
    });
    assert.deepEqual(out.messages, [
      { role: 'user', content: 'a' },
      { role: 'user', content: 'b' },
      { role: 'assistant', content: [] },
    ]);
  });

  test('a body without messages, or with odd entries, is left as it is', () => {
    const noMessages = { model: 'm', messages: 'x' };
    assert.equal(stripForeignSignatures(noMessages), noMessages);
    const odd = {
      messages: [null, 'x', { role: 'user', content: 'hi' }, { role: 'user', content: [1, null] }],
    };
    assert.deepEqual(stripForeignSignatures(odd), odd);
  });
});
