// A fake rerank API in each family's own shape: Cohere v2 (POST /v2/rerank, search units in
// meta.billed_units, no documents echoed), Jina (POST /v1/rerank, usage.total_tokens, documents
// echoed when asked) and Voyage (POST /v1/rerank, top_k, answers in `data`). Scores are the share
// of the query's words a document contains. `failNext(status)` answers the next request so.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RerankFamily = 'cohere' | 'jina' | 'voyage';

export interface FakeRerank {
  family: RerankFamily;
  url: string;
  /** what the provider's base_url is set to (…/v2 for Cohere, …/v1 otherwise) */
  baseUrl: string;
  apiKey: string;
  requests: { path: string; body: Record<string, any> }[];
  failNext(status: number): void;
  close(): Promise<void>;
}

const words = (s: string) => new Set(s.toLowerCase().match(/[a-z0-9]+/g) ?? []);
const tokens = (s: string) => Math.max(1, Math.ceil(s.length / 4));

export async function startFakeRerank(family: RerankFamily, apiKey = 'test-rerank-key'): Promise<FakeRerank> {
  const requests: FakeRerank['requests'] = [];
  const failures: number[] = [];
  const path = family === 'cohere' ? '/v2/rerank' : '/v1/rerank';

  function answer(
    p: string,
    auth: string | undefined,
    b: Record<string, any>,
  ): { status: number; json: unknown } {
    if (auth !== `Bearer ${apiKey}`) return { status: 401, json: { message: 'invalid api token' } };
    const f = failures.shift();
    if (f) return { status: f, json: { message: `failed on purpose (${f})` } };
    if (p !== path) return { status: 404, json: { message: `no route ${p}` } };
    if (typeof b.query !== 'string' || !Array.isArray(b.documents))
      return { status: 400, json: { message: 'query and documents are required' } };
    if (family === 'cohere' && b.documents.some((d: unknown) => typeof d !== 'string'))
      return { status: 400, json: { message: 'documents must be strings in v2' } };
    if (family === 'voyage' && b.top_n !== undefined)
      return { status: 400, json: { detail: 'unknown field top_n' } };
    const q = words(b.query);
    const scored = b.documents.map((d: string, index: number) => {
      const w = words(d);
      let hit = 0;
      for (const x of q) if (w.has(x)) hit++;
      return { index, relevance_score: q.size ? hit / q.size : 0, text: d };
    });
    scored.sort((x: any, y: any) => y.relevance_score - x.relevance_score);
    const top = scored.slice(0, b.top_n ?? b.top_k ?? scored.length);
    const total = b.documents.reduce((n: number, d: string) => n + tokens(d) + tokens(b.query), 0);
    switch (family) {
      case 'cohere':
        return {
          status: 200,
          json: {
            id: 'c0b7f3f2-fake-rerank',
            results: top.map((r: any) => ({ index: r.index, relevance_score: r.relevance_score })),
            meta: {
              api_version: { version: '2' },
              billed_units: { search_units: Math.ceil(b.documents.length / 100) },
            },
          },
        };
      case 'jina':
        return {
          status: 200,
          json: {
            model: b.model,
            usage: { total_tokens: total },
            results: top.map((r: any) => ({
              index: r.index,
              relevance_score: r.relevance_score,
              ...(b.return_documents ? { document: { text: r.text } } : {}),
            })),
          },
        };
      case 'voyage':
        return {
          status: 200,
          json: {
            object: 'list',
            data: top.map((r: any) => ({ index: r.index, relevance_score: r.relevance_score })),
            model: b.model,
            usage: { total_tokens: total },
          },
        };
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Record<string, any> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        // answered as a 400 below
      }
      const p = (req.url ?? '/').split('?')[0]!;
      requests.push({ path: p, body });
      const a = answer(p, req.headers.authorization, body);
      res.writeHead(a.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(a.json));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    family,
    url,
    baseUrl: `${url}${family === 'cohere' ? '/v2' : '/v1'}`,
    apiKey,
    requests,
    failNext: (status) => failures.push(status),
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}
