// How the gateway authenticates to Amazon Bedrock: AWS Signature Version 4 (service `bedrock`)
// computed per attempt over the exact method, URL, headers and body sent, with
// @smithy/signature-v4 (the AWS SDK's own signer); or a Bedrock API key sent as
// `Authorization: Bearer`. Credentials never leave this closure and are never logged.
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { OutgoingRequest } from './provider-runtime.js';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export const BEDROCK_SIGNING_SERVICE = 'bedrock';

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
    sha256: Sha256,
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
