import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeReturnTo } from './safe-return-to.js';

const CALLBACK = 'https://gw.example.com/admin/v1/auth/oidc/callback';

test('paths on this site and URLs on the callback origin are allowed', () => {
  assert.equal(safeReturnTo('/ui/keys?tab=mine#top', CALLBACK), '/ui/keys?tab=mine#top');
  assert.equal(safeReturnTo('https://gw.example.com/ui', CALLBACK), 'https://gw.example.com/ui');
});

test('other origins, scheme-relative URLs and ambiguous paths are refused', () => {
  for (const bad of [
    'https://evil.example/',
    'http://gw.example.com/ui', // another scheme is another origin
    'https://gw.example.com:8443/ui',
    '//evil.example/x',
    '/\\evil.example',
    '/ui\r\nSet-Cookie: x=y',
    'javascript:alert(1)',
    'ui/relative',
    '',
    `/${'a'.repeat(3000)}`,
  ])
    assert.equal(safeReturnTo(bad, CALLBACK), null, bad);
});
