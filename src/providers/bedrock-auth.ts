// How the gateway authenticates to Amazon Bedrock: AWS Signature Version 4 (service `bedrock`)
// computed per attempt over the exact method, URL, headers and body sent, with
// @smithy/signature-v4 (the AWS SDK's own signer); or a Bedrock API key sent as
// `Authorization: Bearer`. Credentials never leave this closure and are never logged.
// The signer's SHA-256 / HMAC is node:crypto's (OpenSSL): the pure-JS @aws-crypto/sha256-js took
// 33 ms to sign a 1 MB body (a long coding-agent context), node:crypto 2.6 ms. The tests' fake
// verifies with @aws-crypto/sha256-js, so the two implementations check each other.
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { OutgoingRequest } from './provider-runtime.js';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export const BEDROCK_SIGNING_SERVICE = 'bedrock';

type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: SourceData): Buffer | string =>
  typeof d === 'string'
    ? d
    : ArrayBuffer.isView(d)
      ? Buffer.from(d.buffer, d.byteOffset, d.byteLength)
      : Buffer.from(d);

/** the Checksum the signer expects (SHA-256, or HMAC-SHA256 with a secret), on node:crypto */
export class NodeSha256 {
  private readonly secret?: SourceData;
  private h: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.secret = secret;
    this.h = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(this.secret));
  }
  update(data: SourceData): void {
    this.h.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest());
  }
  reset(): void {
    this.h = this.fresh();
  }
}

/** the headers to add to one request so that AWS accepts its SigV4 signature */
export function createBedrockSigner(
  region: string,
  credentials: AwsCredentials,
  now: () => Date = () => new Date(),
): (req: OutgoingRequest) => Promise<Record<string, string>> {
  const signer = new SignatureV4({
    service: BEDROCK_SIGNING_SERVICE,
    region,
    credentials,
    sha256: NodeSha256,
    uriEscapePath: true,
  });
  return async (req) => {
    const url = new URL(req.url);
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    const headers: Record<string, string> = { host: url.host };
    const contentType = req.headers['content-type'];
    if (contentType) headers['content-type'] = contentType;
    const signed = await signer.sign(
      {
        method: req.method,
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port ? Number(url.port) : undefined,
        path: url.pathname,
        query,
        headers,
        body: req.body,
      },
      { signingDate: now() },
    );
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(signed.headers)) if (k !== 'host' && k !== 'content-type') out[k] = v;
    return out;
  };
}
