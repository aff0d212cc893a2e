// A fake Vertex AI endpoint on 127.0.0.1: Gemini (and other publishers' MaaS) models at
// /v1/projects/{project}/locations/{location}/publishers/{google|meta|…}/models/{model}:generateContent
// (and :streamGenerateContent?alt=sse), Claude at …/publishers/anthropic/models/{model}:rawPredict
// (and :streamRawPredict). It requires an access token issued by the fake OAuth endpoint and the
// expected project and location, checks Claude bodies for Vertex's differences (anthropic_version
// vertex-2023-10-16, no model), then lets the faithful Gemini / Anthropic fakes answer.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';
import type { FakeUpstream } from '../fake-upstream-types.js';

export interface RecordedVertexRequest {
  path: string;
  query: string;
  publisher: string;
  model: string;
  method: string;
  headers: IncomingHttpHeaders;
  body: any;
}

export interface FakeVertex {
  readonly url: string;
  readonly requests: RecordedVertexRequest[];
  reset(): void;
  close(): Promise<void>;
}

export interface FakeVertexOptions {
  project: string;
  location: string;
  isValidToken(token: string): boolean;
  gemini: FakeUpstream;
  anthropic: FakeUpstream;
}

const PATH =
  /^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/([a-z0-9-]+)\/models\/([^/:]+):(\w+)$/;

function googleError(code: number, status: string, message: string) {
  return JSON.stringify({ error: { code, message, status } });
}

export async function startFakeVertex(opts: FakeVertexOptions): Promise<FakeVertex> {
  const requests: RecordedVertexRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const [path = '', query = ''] = (req.url ?? '').split('?');
    const m = PATH.exec(path);
    let body: any;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    requests.push({
      path,
      query,
      publisher: m?.[3] ?? '',
      model: m ? decodeURIComponent(m[4]!) : '',
      method: req.method ?? '',
      headers: req.headers,
      body,
    });
    const send = (status: number, text: string) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
      res.end(text);
    };
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !opts.isValidToken(auth.slice(7)))
      return send(
        401,
        googleError(
          401,
          'UNAUTHENTICATED',
          'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
        ),
      );
    if (!m || req.method !== 'POST')
      return send(
        404,
        googleError(404, 'NOT_FOUND', `The requested URL ${path} was not found on this server.`),
      );
    const [, project, location, publisher, , op] = m;
    if (project !== opts.project)
      return send(
        403,
        googleError(403, 'PERMISSION_DENIED', `Permission denied on resource project ${project}.`),
      );
    if (location !== opts.location)
      return send(400, googleError(400, 'INVALID_ARGUMENT', `Invalid location ${location}.`));
    const model = decodeURIComponent(m[4]!);
    let target: string;
    let headers: Record<string, string>;
    let forwardBody = raw;
    if (publisher !== 'anthropic') {
      // Google's own models and other publishers' Model-as-a-Service models take generateContent
      if (op !== 'generateContent' && op !== 'streamGenerateContent')
        return send(400, googleError(400, 'INVALID_ARGUMENT', `Unknown method ${op}`));
      target = `${opts.gemini.url}/v1/models/${encodeURIComponent(model)}:${op}${query ? `?${query}` : ''}`;
      headers = { 'x-goog-api-key': opts.gemini.apiKey };
    } else {
      if (op !== 'rawPredict' && op !== 'streamRawPredict')
        return send(400, googleError(400, 'INVALID_ARGUMENT', `Unknown method ${op}`));
      if (body?.anthropic_version !== 'vertex-2023-10-16')
        return send(
          400,
          JSON.stringify({
            type: 'error',
            error: {
              type: 'invalid_request_error',
              message: "anthropic_version: Input should be 'vertex-2023-10-16'",
            },
          }),
        );
      if ('model' in body)
        return send(
          400,
          JSON.stringify({
            type: 'error',
            error: { type: 'invalid_request_error', message: 'model: Extra inputs are not permitted' },
          }),
        );
      const { anthropic_version: _v, ...rest } = body;
      forwardBody = JSON.stringify({ ...rest, model: model.replace(/@.*$/, '') });
      target = `${opts.anthropic.url}/v1/messages`;
      headers = { 'x-api-key': opts.anthropic.apiKey, 'anthropic-version': '2023-06-01' };
    }
    const r = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: forwardBody,
    });
    res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
    if (r.body) Readable.fromWeb(r.body as never).pipe(res);
    else res.end();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    reset() {
      requests.length = 0;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
