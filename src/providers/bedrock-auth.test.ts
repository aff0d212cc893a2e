import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createBedrockSigner } from './bedrock-auth.js';

const creds = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const at = () => new Date('2026-01-02T03:04:05Z');
const req = {
  method: 'POST',
  url: 'https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse',
  headers: { 'content-type': 'application/json' },
  body: '{"messages":[]}',
};

test('a SigV4 Authorization for service bedrock in the region, over host, content type, date and body hash', async () => {
  const h = await createBedrockSigner('us-east-1', creds, at)(req);
  assert.equal(h['x-amz-date'], '20260102T030405Z');
  assert.match(
    h.authorization!,
    /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20260102\/us-east-1\/bedrock\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
  );
  // sha256 of the body, as `sha256sum` gives it
  assert.equal(h['x-amz-content-sha256'], '5e4ce7b36ba37b78a5d5f9fd08e6b7b54ba6879d651aa46ec9e1d6fa24ebe30a');
  assert.equal(h.host, undefined, 'undici sends the host itself');
});

test('the signature covers the body, the path and the session token', async () => {
  const sign = createBedrockSigner('us-east-1', creds, at);
  const a = (await sign(req)).authorization;
  assert.notEqual((await sign({ ...req, body: '{"messages":[1]}' })).authorization, a);
  assert.notEqual(
    (await sign({ ...req, url: req.url.replace('converse', 'converse-stream') })).authorization,
    a,
  );
  const withToken = await createBedrockSigner('us-east-1', { ...creds, sessionToken: 'TOKEN' }, at)(req);
  assert.equal(withToken['x-amz-security-token'], 'TOKEN');
  assert.match(withToken.authorization!, /SignedHeaders=[^,]*x-amz-security-token/);
});

test('the node:crypto checksum gives the same SHA-256 and HMAC as @aws-crypto/sha256-js', async () => {
  const { Sha256 } = await import('@aws-crypto/sha256-js');
  const { NodeSha256 } = await import('./bedrock-auth.js');
  const data = [new TextEncoder().encode('héllo '), 'wörld', new Uint8Array([0, 255, 7]).buffer];
  for (const secret of [undefined, 'AWS4secret', new Uint8Array([1, 2, 3])]) {
    const a = new Sha256(secret);
    const b = new NodeSha256(secret);
    for (const d of data) {
      a.update(d as never);
      b.update(d);
    }
    assert.deepEqual(Buffer.from(await b.digest()), Buffer.from(await a.digest()));
    b.reset();
    assert.notDeepEqual(Buffer.from(await b.digest()), Buffer.from(await a.digest()));
  }
});
