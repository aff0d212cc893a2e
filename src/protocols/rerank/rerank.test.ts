import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GatewayError } from '../../canonical/errors.js';
import {
  decodeRerankRequest,
  decodeRerankResponse,
  encodeRerankRequest,
  encodeRerankResponse,
  searchUnitsBound,
  searchUnitsOf,
} from './index.js';

const req = decodeRerankRequest({
  model: 'cohere/rerank-v3.5',
  query: 'capital',
  documents: ['Paris', { text: 'Berlin' }, 'Rome'],
  top_n: 2,
  return_documents: true,
});

test('the request: {text} documents read as strings; bad fields are 400 naming the field', () => {
  assert.deepEqual(req.documents, ['Paris', 'Berlin', 'Rome']);
  assert.equal(req.topN, 2);
  assert.equal(req.returnDocuments, true);
  for (const [body, param] of [
    [{ model: 'm', query: 'q', documents: [] }, 'documents'],
    [{ model: 'm', query: '', documents: ['a'] }, 'query'],
    [{ model: 'm', query: 'q', documents: [{ title: 'x' }] }, 'documents'],
    [{ model: 'm', query: 'q', documents: ['a'], top_n: 1.5 }, 'top_n'],
    [{ query: 'q', documents: ['a'] }, 'model'],
  ] as const) {
    assert.throws(
      () => decodeRerankRequest(body),
      (e: unknown) => e instanceof GatewayError && e.status === 400 && e.param === param,
    );
  }
});

test('each family gets its own request shape', () => {
  assert.deepEqual(encodeRerankRequest('cohere', req, 'rerank-v3.5'), {
    model: 'rerank-v3.5',
    query: 'capital',
    documents: ['Paris', 'Berlin', 'Rome'],
    top_n: 2,
  });
  assert.equal((encodeRerankRequest('voyage', req, 'rerank-2') as { top_k: number }).top_k, 2);
  assert.equal((encodeRerankRequest('jina', req, 'j') as { top_n: number }).top_n, 2);
});

test('answers of each family read back; ours is sorted, cut to top_n, documents echoed', () => {
  const cohere = decodeRerankResponse(
    'cohere',
    {
      id: 'abc',
      results: [
        { index: 1, relevance_score: 0.2 },
        { index: 0, relevance_score: 0.9 },
      ],
      meta: { billed_units: { search_units: 1 } },
    },
    3,
  );
  assert.equal(cohere.searchUnits, 1);
  const voyage = decodeRerankResponse(
    'voyage',
    { data: [{ index: 2, relevance_score: 0.5 }], usage: { total_tokens: 40 } },
    3,
  );
  assert.equal(voyage.totalTokens, 40);
  assert.throws(() => decodeRerankResponse('jina', { results: [{ index: 7, relevance_score: 1 }] }, 3));
  assert.throws(() => decodeRerankResponse('voyage', { results: [] }, 3));
  const out = encodeRerankResponse(
    {
      results: [...cohere.results, { index: 2, relevance_score: 0.5 } as never].map((r: any) => ({
        index: r.index,
        relevanceScore: r.relevanceScore ?? r.relevance_score,
      })),
    },
    req,
    'req_1',
    { searchUnits: 1 },
  ) as { id: string; results: { index: number; document: { text: string } }[]; meta: unknown };
  assert.equal(out.id, 'req_1');
  assert.deepEqual(
    out.results.map((r) => r.index),
    [0, 2],
  );
  assert.equal(out.results[0]!.document.text, 'Paris');
  assert.deepEqual(out.meta, { billed_units: { search_units: 1 } });
});

test('search units: one per 100 documents; the bound counts 500-byte chunks', () => {
  const many = { ...req, documents: Array.from({ length: 150 }, () => 'x') };
  assert.equal(searchUnitsOf(many), 2);
  assert.equal(searchUnitsBound(many), 2);
  const long = { ...req, documents: ['y'.repeat(2000)] };
  assert.equal(searchUnitsOf(long), 1);
  assert.equal(searchUnitsBound(long), 1);
  assert.equal(
    searchUnitsBound({ ...req, documents: Array.from({ length: 60 }, () => 'z'.repeat(1200)) }),
    2,
  );
});
