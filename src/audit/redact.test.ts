import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redact } from './redact.js';

test('secret fields go at any depth; counts and ordinary fields stay; key-shaped strings are masked', () => {
  const out = redact({
    name: 'k',
    key: 'sk-sy-abc',
    key_hash: 'ff',
    password_hash: '$argon2id$…',
    nested: { client_secret: 's', tokens: 5, input_tokens: 7, items: [{ apiKey: 'x', ok: 1 }] },
    note: 'sk-ant-0123456789abcdefghij',
    prefix: 'sk-sy-Ab12Cd',
  });
  assert.deepEqual(out, {
    name: 'k',
    nested: { tokens: 5, input_tokens: 7, items: [{ ok: 1 }] },
    note: '[redacted]',
    prefix: 'sk-sy-Ab12Cd',
  });
});
