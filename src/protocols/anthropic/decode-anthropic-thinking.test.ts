import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GatewayError } from '../../canonical/index.js';
import { decodeAnthropicThinking } from './decode-anthropic-thinking.js';

describe('decodeAnthropicThinking', () => {
  test('enabled with a budget', () => {
    assert.deepEqual(decodeAnthropicThinking({ type: 'enabled', budget_tokens: 2048 }, undefined), {
      enabled: true,
      budgetTokens: 2048,
    });
  });

  test('disabled', () => {
    assert.deepEqual(decodeAnthropicThinking({ type: 'disabled' }, undefined), { enabled: false });
  });

  test('adaptive takes its effort from output_config.effort', () => {
    assert.deepEqual(decodeAnthropicThinking({ type: 'adaptive' }, undefined), { enabled: true });
    assert.deepEqual(decodeAnthropicThinking({ type: 'adaptive', display: 'omitted' }, 'high'), {
      enabled: true,
      effort: 'high',
    });
  });

  test('effort without thinking still asks for reasoning', () => {
    assert.deepEqual(decodeAnthropicThinking(undefined, 'low'), { enabled: true, effort: 'low' });
    assert.equal(decodeAnthropicThinking(undefined, undefined), undefined);
  });

  test('budget rules', () => {
    const rejects = (v: unknown, re: RegExp) =>
      assert.throws(
        () => decodeAnthropicThinking(v, undefined),
        (e: unknown) =>
          e instanceof GatewayError && e.param === 'thinking.budget_tokens' && re.test(e.message),
      );
    rejects({ type: 'enabled' }, /field required/);
    rejects({ type: 'enabled', budget_tokens: 500 }, />= 1024/);
    rejects({ type: 'enabled', budget_tokens: 2048.5 }, /integer/);
  });

  test('unknown type', () => {
    assert.throws(
      () => decodeAnthropicThinking({ type: 'on' }, undefined),
      (e: unknown) =>
        e instanceof GatewayError && e.param === 'thinking.type' && /'adaptive'/.test(e.message),
    );
  });
});
