// A fake Amazon Bedrock Runtime on 127.0.0.1: POST /model/{modelId}/converse and
// /model/{modelId}/converse-stream. It VERIFIES each request's AWS SigV4 signature (recomputed
// from the known test credentials; a mismatch is a 403 in AWS's shape) or a Bedrock API key
// (Authorization: Bearer), validates the Converse body as Bedrock does, and streams real
// `application/vnd.amazon.eventstream` messages encoded with Smithy's EventStreamCodec.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { decideAnswer } from '../decide-answer.js';
import { converseBody, converseStreamEvents, planBedrockAnswer } from './build-bedrock-reply.js';
import {
  BedrockValidationError,
  summarizeBedrockConverseRequest,
} from './summarize-bedrock-converse-request.js';
import { type SigV4Expectation, verifySigV4 } from './verify-sigv4.js';

export const FAKE_AWS_CREDENTIALS = {
  accessKeyId: 'AKIAFAKEBEDROCK00001',
  secretAccessKey: 'fakeSecretKey/For+Switchyard/Tests0000000',
};

export interface FakeBedrockOptions {
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  /** a Bedrock API key accepted as `Authorization: Bearer` */
  apiKey?: string;
  /** prompt tokens reported as read from the cache */
  cachedTokens?: number;
}

export interface RecordedBedrockRequest {
  method: string;
  /** the path as it arrived (model id still percent-encoded) */
  rawPath: string;
  /** the decoded model id */
  modelId: string;
  operation: 'converse' | 'converse-stream' | string;
  headers: IncomingHttpHeaders;
  body: any;
  /** the signature check's result ('bearer' for an API key) */
  auth: 'sigv4' | 'bearer' | 'rejected';
}

export type BedrockFault =
  | { status: number; type?: string; message?: string }
  /** stream `afterEvents` events, then an exception message (e.g. throttlingException) */
  | { kind: 'exception'; afterEvents: number; type: string; message?: string };

export interface FakeBedrock {
  readonly url: string;
  readonly region: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  readonly requests: RecordedBedrockRequest[];
  script(...faults: BedrockFault[]): void;
  reset(): void;
  close(): Promise<void>;
}

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const str = (value: string) => ({ type: 'string' as const, value });

function eventMessage(type: string, payload: Record<string, unknown>): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': str(type),
      ':content-type': str('application/json'),
      ':message-type': str('event'),
    },
    // real ConverseStream payloads carry a padding field `p`
    body: fromUtf8(
      JSON.stringify({
        ...payload,
        p: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ'.slice(0, 5 + (type.length % 20)),
      }),
    ),
  });
}

function exceptionMessage(type: string, message: string): Uint8Array {
  return codec.encode({
    headers: {
      ':exception-type': str(type),
      ':content-type': str('application/json'),
      ':message-type': str('exception'),
    },
    body: fromUtf8(JSON.stringify({ message })),
  });
}

function sendError(res: ServerResponse, status: number, type: string, message: string) {
  res.writeHead(status, {
    'content-type': 'application/json',
    'x-amzn-requestid': randomUUID(),
    'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
  });
  res.end(JSON.stringify({ message }));
}

export async function startFakeBedrock(opts: FakeBedrockOptions = {}): Promise<FakeBedrock> {
  const region = opts.region ?? 'us-east-1';
  const credentials = {
    accessKeyId: opts.accessKeyId ?? FAKE_AWS_CREDENTIALS.accessKeyId,
    secretAccessKey: opts.secretAccessKey ?? FAKE_AWS_CREDENTIALS.secretAccessKey,
    ...(opts.sessionToken ? { sessionToken: opts.sessionToken } : {}),
  };
  const expect: SigV4Expectation = { region, service: 'bedrock', ...credentials };
  const requests: RecordedBedrockRequest[] = [];
  const faults: BedrockFault[] = [];
  const sockets = new Set<Socket>();
  let toolIds = 0;

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const rawPath = req.url ?? '/';
    const m = /^\/model\/([^/?]+)\/([a-z-]+)(\?.*)?$/.exec(rawPath);
    let body: any;
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      body = raw.toString('utf8');
    }
    const rec: RecordedBedrockRequest = {
      method: req.method ?? '',
      rawPath,
      modelId: m ? decodeURIComponent(m[1]!) : '',
      operation: m?.[2] ?? '',
      headers: req.headers,
      body,
      auth: 'rejected',
    };
    requests.push(rec);
    const bearer = req.headers.authorization?.startsWith('Bearer ')
      ? req.headers.authorization.slice(7)
      : undefined;
    if (bearer !== undefined) {
      if (bearer !== opts.apiKey)
        return sendError(
          res,
          403,
          'UnrecognizedClientException',
          'The security token included in the request is invalid.',
        );
      rec.auth = 'bearer';
    } else {
      const verdict = await verifySigV4(
        { method: rec.method, rawPath, headers: req.headers, body: raw },
        expect,
      );
      if (!verdict.ok) return sendError(res, 403, verdict.type, verdict.message);
      rec.auth = 'sigv4';
    }
    if (!m || req.method !== 'POST' || (m[2] !== 'converse' && m[2] !== 'converse-stream'))
      return sendError(res, 404, 'UnknownOperationException', 'UnknownOperationException');
    const fault = faults.shift();
    if (fault && 'status' in fault)
      return sendError(
        res,
        fault.status,
        fault.type ?? 'ValidationException',
        fault.message ?? `scripted HTTP ${fault.status}`,
      );
    let summary: ReturnType<typeof summarizeBedrockConverseRequest>;
    try {
      summary = summarizeBedrockConverseRequest(body);
    } catch (e) {
      if (e instanceof BedrockValidationError) return sendError(res, 400, 'ValidationException', e.message);
      throw e;
    }
    const thinks =
      /(^|\.)anthropic\./.test(rec.modelId) &&
      body.additionalModelRequestFields?.thinking?.type === 'enabled';
    const plan = planBedrockAnswer(
      summary,
      decideAnswer(summary),
      thinks,
      `tooluse_fake${++toolIds}`,
      opts.cachedTokens ?? 0,
    );
    if (m[2] === 'converse') {
      res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID() });
      return res.end(JSON.stringify(converseBody(plan)));
    }
    res.writeHead(200, {
      'content-type': 'application/vnd.amazon.eventstream',
      'x-amzn-requestid': randomUUID(),
    });
    const events = converseStreamEvents(plan);
    for (const [i, [type, payload]] of events.entries()) {
      if (fault && 'kind' in fault && i === fault.afterEvents) {
        res.end(exceptionMessage(fault.type, fault.message ?? 'scripted exception'));
        return;
      }
      if (res.destroyed) return;
      res.write(eventMessage(type, payload));
      await sleep(0);
    }
    res.end();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    region,
    credentials,
    requests,
    script: (...f) => void faults.push(...f),
    reset() {
      requests.length = 0;
      faults.length = 0;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
