import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GatewayError } from '../../canonical/index.js';
import {
  convertAssistantToGeminiParts,
  SKIP_THOUGHT_SIGNATURE_VALIDATOR,
} from './convert-assistant-to-gemini-parts.js';

const plain = { fillMissingSignatures: false, messageIndex: 1 };
const gemini3 = { fillMissingSignatures: true, messageIndex: 1 };
const call = (name: string, args = '{}') => ({
  type: 'tool_call' as const,
  id: `call_${name}`,
  name,
  arguments: args,
});

describe('convertAssistantToGeminiParts', () => {
  test('text and tool calls with parsed arguments', () => {
    assert.deepEqual(
      convertAssistantToGeminiParts(
        [{ type: 'text', text: 'Checking.' }, call('weather', '{"city":"Paris"}')],
        plain,
      ),
      [{ text: 'Checking.' }, { functionCall: { name: 'weather', args: { city: 'Paris' } } }],
    );
  });

  test('empty arguments text is an empty object', () => {
    assert.deepEqual(convertAssistantToGeminiParts([call('read_theme', '')], plain), [
      { functionCall: { name: 'read_theme', args: {} } },
    ]);
  });

  test('the signature of a reasoning part right before a call goes on the functionCall part', () => {
    assert.deepEqual(
      convertAssistantToGeminiParts(
        [
          { type: 'reasoning', text: 'Let me look that up.', signature: 'SIG1', signatureOrigin: 'gemini' },
          call('a'),
          call('b'),
        ],
        plain,
      ),
      [
        { functionCall: { name: 'a', args: {} }, thoughtSignature: 'SIG1' },
        { functionCall: { name: 'b', args: {} } },
      ],
    );
  });

  test('Gemini 3: unsigned calls get the skip-validator signature, unless the run already has a real one', () => {
    assert.deepEqual(convertAssistantToGeminiParts([call('a'), call('b')], gemini3), [
      { functionCall: { name: 'a', args: {} }, thoughtSignature: SKIP_THOUGHT_SIGNATURE_VALIDATOR },
      { functionCall: { name: 'b', args: {} }, thoughtSignature: SKIP_THOUGHT_SIGNATURE_VALIDATOR },
    ]);
    assert.deepEqual(
      convertAssistantToGeminiParts(
        [{ type: 'reasoning', text: '', signature: 'REAL', signatureOrigin: 'gemini' }, call('a'), call('b')],
        gemini3,
      ),
      [
        { functionCall: { name: 'a', args: {} }, thoughtSignature: 'REAL' },
        { functionCall: { name: 'b', args: {} } },
      ],
    );
  });

  test('an empty signed reasoning part before text puts the signature on the text', () => {
    assert.deepEqual(
      convertAssistantToGeminiParts(
        [
          { type: 'reasoning', text: '', signature: 'S', signatureOrigin: 'gemini' },
          { type: 'text', text: 'Hi' },
        ],
        plain,
      ),
      [{ text: 'Hi', thoughtSignature: 'S' }],
    );
  });

  test('a trailing empty signed reasoning part goes back on the text before it (streamed shape)', () => {
    assert.deepEqual(
      convertAssistantToGeminiParts(
        [
          { type: 'text', text: 'Hi' },
          { type: 'reasoning', text: '', signature: 'S', signatureOrigin: 'gemini' },
        ],
        plain,
      ),
      [{ text: 'Hi', thoughtSignature: 'S' }],
    );
  });

  test('signed reasoning with text not before a call stays a signed thought part', () => {
    assert.deepEqual(
      convertAssistantToGeminiParts(
        [
          { type: 'reasoning', text: 'Thinking…', signature: 'S', signatureOrigin: 'gemini' },
          { type: 'text', text: 'Answer' },
        ],
        plain,
      ),
      [{ text: 'Thinking…', thought: true, thoughtSignature: 'S' }, { text: 'Answer' }],
    );
  });

  test('unsigned and redacted reasoning are dropped', () => {
    assert.deepEqual(
      convertAssistantToGeminiParts(
        [
          { type: 'reasoning', text: 'summary' },
          { type: 'redacted_reasoning', data: 'xyz' },
          { type: 'text', text: 'Answer' },
        ],
        plain,
      ),
      [{ text: 'Answer' }],
    );
  });

  test("only Gemini's own signatures are sent: Anthropic's and unknown ones count as unsigned", () => {
    for (const signatureOrigin of ['anthropic', undefined] as const) {
      const foreign = (text: string) =>
        signatureOrigin
          ? { type: 'reasoning' as const, text, signature: 'CLAUDE-SIG', signatureOrigin }
          : { type: 'reasoning' as const, text, signature: 'CLAUDE-SIG' };
      assert.deepEqual(
        convertAssistantToGeminiParts(
          [foreign('Let me think.'), { type: 'text', text: 'Hi' }, foreign(''), call('a'), call('b')],
          plain,
        ),
        [
          { text: 'Hi' },
          { functionCall: { name: 'a', args: {} } },
          { functionCall: { name: 'b', args: {} } },
        ],
      );
      // Gemini 3: a call whose only signature was foreign gets the documented stand-in instead
      assert.deepEqual(convertAssistantToGeminiParts([foreign(''), call('a')], gemini3), [
        { functionCall: { name: 'a', args: {} }, thoughtSignature: SKIP_THOUGHT_SIGNATURE_VALIDATOR },
      ]);
    }
  });

  test('arguments that are not a JSON object are a client error naming the field', () => {
    for (const args of ['{bad', '[1]', '"x"']) {
      assert.throws(
        () => convertAssistantToGeminiParts([{ type: 'text', text: 'x' }, call('f', args)], plain),
        (e: unknown) =>
          e instanceof GatewayError &&
          e.kind === 'invalid_request' &&
          e.param === 'messages[1].content[1].arguments',
      );
    }
  });
});
