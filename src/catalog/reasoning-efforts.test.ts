import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reasoningEffortsOf } from './reasoning-efforts.js';

test('reasoningEffortsOf: the efforts each OpenAI family accepts', () => {
  const cases: [string, string[] | undefined][] = [
    ['gpt-5', ['minimal', 'low', 'medium', 'high']],
    ['gpt-5-mini', ['minimal', 'low', 'medium', 'high']],
    ['gpt-5-nano-2025-08-07', ['minimal', 'low', 'medium', 'high']],
    ['gpt-5-pro', ['high']],
    ['gpt-5-codex', ['low', 'medium', 'high']],
    ['gpt-5.1', ['none', 'low', 'medium', 'high']],
    ['gpt-5.1-2025-11-13', ['none', 'low', 'medium', 'high']],
    ['gpt-5.1-codex', ['low', 'medium', 'high']],
    ['gpt-5.1-codex-mini', ['medium', 'high']],
    ['gpt-5.1-codex-max', ['low', 'medium', 'high', 'xhigh']],
    ['gpt-5.1-chat-latest', ['medium']],
    ['gpt-5.2', ['none', 'low', 'medium', 'high', 'xhigh']],
    ['gpt-5.2-codex', ['low', 'medium', 'high', 'xhigh']],
    ['gpt-5.2-pro', ['medium', 'high', 'xhigh']],
    ['gpt-5.2-chat-latest', ['medium']],
    ['gpt-5.4-mini', ['none', 'low', 'medium', 'high', 'xhigh']],
    ['gpt-5.10', ['none', 'low', 'medium', 'high', 'xhigh']],
    ['o3', ['low', 'medium', 'high']],
    ['o4-mini-2025-04-16', ['low', 'medium', 'high']],
    ['o1-mini', []],
    ['openai/gpt-5-mini', ['minimal', 'low', 'medium', 'high']],
    ['openai/gpt-oss-120b', ['low', 'medium', 'high']],
    ['grok-3-mini', ['low', 'high']],
    ['grok-4-0709', []],
    ['gpt-4o-mini', undefined],
    ['deepseek-reasoner', undefined],
  ];
  for (const [model, efforts] of cases) assert.deepEqual(reasoningEffortsOf(model), efforts, model);
});
