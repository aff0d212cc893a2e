// The fake's check of an AWS Signature Version 4: the Authorization header is recomputed with
// the same library AWS's SDKs use, from the known test credentials, over the request as it
// arrived (method, raw path, query, the signed headers, the body), and must match exactly.
import type { IncomingHttpHeaders } from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

export interface SigV4Expectation {
  region: string;
  service: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export type SigV4Verdict = { ok: true } | { ok: false; type: string; message: string };

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

const fail = (type: string, message: string): SigV4Verdict => ({ ok: false, type, message });

function parseAmzDate(v: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v);
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : undefined;
}

export async function verifySigV4(
  req: { method: string; rawPath: string; headers: IncomingHttpHeaders; body: Buffer },
  expect: SigV4Expectation,
): Promise<SigV4Verdict> {
  const auth = req.headers.authorization;
  if (!auth) return fail('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const m = AUTH.exec(auth);
  if (!m)
    return fail(
      'IncompleteSignatureException',
      `Authorization header requires a valid AWS4-HMAC-SHA256 value`,
    );
  const [, akid, day, region, service, signedHeaders] = m;
  if (akid !== expect.accessKeyId)
    return fail('UnrecognizedClientException', 'The security token included in the request is invalid.');
  if (region !== expect.region || service !== expect.service)
    return fail(
      'InvalidSignatureException',
      `Credential should be scoped to a valid region and service (${expect.region}/${expect.service})`,
    );
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  const date = parseAmzDate(amzDate);
  if (!date || !amzDate.startsWith(day!))
    return fail('IncompleteSignatureException', 'The request must contain a valid X-Amz-Date');
  if (Math.abs(Date.now() - date.getTime()) > 15 * 60_000)
    return fail('InvalidSignatureException', 'Signature expired');
  if (expect.sessionToken !== undefined && req.headers['x-amz-security-token'] !== expect.sessionToken)
    return fail('UnrecognizedClientException', 'The security token included in the request is invalid.');

  const names = signedHeaders!.split(';');
  const headers: Record<string, string> = {};
  for (const n of names) {
    if (n === 'x-amz-content-sha256') continue; // recomputed from the body by the signer
    const v = req.headers[n];
    if (v === undefined) return fail('InvalidSignatureException', `Signed header ${n} is missing`);
    headers[n] = Array.isArray(v) ? v.join(',') : v;
  }
  const q = req.rawPath.indexOf('?');
  const path = q < 0 ? req.rawPath : req.rawPath.slice(0, q);
  const query: Record<string, string> = {};
  if (q >= 0) for (const [k, v] of new URLSearchParams(req.rawPath.slice(q + 1))) query[k] = v;
  const signer = new SignatureV4({
    service: expect.service,
    region: expect.region,
    credentials: {
      accessKeyId: expect.accessKeyId,
      secretAccessKey: expect.secretAccessKey,
      sessionToken: expect.sessionToken,
    },
    sha256: Sha256,
    uriEscapePath: true,
  });
  if (expect.sessionToken === undefined) delete headers['x-amz-security-token'];
  const signed = await signer.sign(
    { method: req.method, protocol: 'http:', hostname: 'fake', path, query, headers, body: req.body },
    { signingDate: date },
  );
  if (signed.headers.authorization !== auth)
    return fail(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  return { ok: true };
}
