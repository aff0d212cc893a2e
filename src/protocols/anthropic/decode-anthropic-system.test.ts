import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GatewayError } from '../../canonical/index.js';
import { decodeAnthropicSystem, decodeSystemContent } from './decode-anthropic-system.js';

describe('decodeAnthropicSystem', () => {
  test('string', () => {
    assert.deepEqual(decodeAnthropicSystem('Be brief.'), {
      role: 'system',
      content: [{ type: 'text', text: 'Be brief.' }],
    });
  });

  test('text blocks keep cache_control', () => {
    assert.deepEqual(
      decodeAnthropicSystem([
        { type: 'text', text: 'A' },
        { type: 'text', text: 'B', cache_control: { type: 'ephemeral' } },
      ]),
      {
        role: 'system',
        content: [
          { type: 'text', text: 'A' },
          { type: 'text', text: 'B', cacheControl: { type: 'ephemeral' } },
        ],
      },
    );
  });

  test('absent, null, empty string, empty array → none', () => {
    assert.equal(decodeAnthropicSystem(undefined), undefined);
    assert.equal(decodeAnthropicSystem(null), undefined);
    assert.equal(decodeAnthropicSystem(''), undefined);
    assert.equal(decodeAnthropicSystem([]), undefined);
  });

  test('non-text blocks and wrong types are rejected with the path', () => {
    assert.throws(
      () => decodeAnthropicSystem([{ type: 'image', source: {} }]),
      (e: unknown) => e instanceof GatewayError && e.param === 'system[0].type' && /'text'/.test(e.message),
    );
    assert.throws(
      () => decodeAnthropicSystem(42),
      (e: unknown) =>
        e instanceof GatewayError && e.param === 'system' && /expected an array, got number/.test(e.message),
    );
  });

  test('decodeSystemContent requires content', () => {
    assert.throws(
      () => decodeSystemContent(undefined, 'messages[2].content'),
      (e: unknown) => e instanceof GatewayError && e.param === 'messages[2].content',
    );
  });
});
