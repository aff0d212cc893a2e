// A policy that states what quality is worth (`quality_value_usd`) ranks by dollars: through the
// official OpenAI SDK, against the fake upstreams, with config-file policies; the same prompt and
// candidates under the default (doublings) rule pick differently. The admin API refuses a value
// that is zero, negative or not a number, naming the field.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type OpenAI from 'openai';
import { type Harness, MASTER_KEY, startHarness } from '../e2e/harness.js';

const MODELS = [
  'openai/gpt-4.1-nano',
  'openai/gpt-4o-mini',
  'openai/o3',
  'anthropic/claude-haiku-4-5',
  'anthropic/claude-sonnet-4-5',
  'anthropic/claude-opus-4-1',
];
const CHEAP = new Set(['openai/gpt-4.1-nano', 'openai/gpt-4o-mini']);
const CODE = 'Write a Python function that merges two sorted lists and explain its complexity.';

type Candidate = { model: string; rank_quality: number; cost_usd: number };
type Decision = {
  chosen: string;
  reason: string;
  quality_value_usd: string | null;
  candidates: Candidate[];
};

let h: Harness;

async function call(method: string, path: string, body?: unknown) {
  const r = await fetch(`${h.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, json: (text ? JSON.parse(text) : {}) as Record<string, any> };
}

/** routes through the OpenAI SDK; the route headers and the stored decision */
async function routed(model: string, content: string) {
  const r = await h
    .openai()
    .chat.completions.create({
      model,
      messages: [{ role: 'user', content }],
    } as OpenAI.ChatCompletionCreateParamsNonStreaming)
    .withResponse();
  assert.ok(r.data.choices[0]!.message.content);
  const route = r.response.headers.get('x-switchyard-route')!;
  const reason = r.response.headers.get('x-switchyard-route-reason')!;
  const stored = await call('GET', `/v1/routing/decisions/${r.response.headers.get('x-request-id')}`);
  assert.equal(stored.status, 200);
  return { route, reason, decision: stored.json as Decision };
}

/** the candidate with the best quality − cost / value (the health-discounted quality ranking sees) */
function bestByValue(cands: Candidate[], valueUsd: number): string {
  const u = (c: Candidate) => c.rank_quality - c.cost_usd / valueUsd;
  return cands.reduce((a, b) => (u(b) > u(a) ? b : a)).model;
}

before(async () => {
  h = await startHarness({
    config: {
      routing: {
        policies: {
          plain: { models: MODELS },
          generous: { quality_value_usd: '1', models: MODELS },
          frugal: { quality_value_usd: 0.02, models: MODELS },
        },
      },
    },
  });
});
after(async () => {
  await h?.close();
});

describe('quality_value_usd in a config-file policy', () => {
  test('ranks by quality − cost / value: a different model than the doublings rule, in both directions', async () => {
    const plain = await routed('auto:plain', CODE);
    assert.match(plain.reason, /best balanced choice of 6 candidates/);
    assert.equal(plain.decision.quality_value_usd, null);

    // a point of quality worth $1: a few cents more buy the best predicted quality
    const generous = await routed('auto:generous', CODE);
    assert.notEqual(generous.route, plain.route);
    assert.equal(generous.route, bestByValue(generous.decision.candidates, 1));
    assert.equal(generous.decision.chosen, generous.route);
    const top = Math.max(...generous.decision.candidates.map((c) => c.rank_quality));
    assert.equal(generous.decision.candidates.find((c) => c.model === generous.route)!.rank_quality, top);
    assert.match(
      generous.reason,
      /^policy generous: code .*; by value: quality worth \$1\.00, best of 6 candidates;/,
    );
    assert.equal(generous.decision.reason, generous.reason);
    assert.equal(generous.decision.quality_value_usd, '1.00');

    // worth $0.02: a fraction of a cent is worth more than the better code
    const frugal = await routed('auto:frugal', CODE);
    assert.notEqual(frugal.route, plain.route);
    assert.ok(CHEAP.has(frugal.route), `frugal routed to ${frugal.route}`);
    assert.equal(frugal.route, bestByValue(frugal.decision.candidates, 0.02));
    assert.match(frugal.reason, /by value: quality worth \$0\.02, best of 6 candidates/);
    assert.equal(frugal.decision.quality_value_usd, '0.02');
  });
});

describe('quality_value_usd on the admin API', () => {
  test('zero, negative or non-numeric is a 400 naming the field; a valid value routes by value', async () => {
    const org = await call('POST', '/admin/v1/orgs', { name: 'Value Co' });
    assert.equal(org.status, 201, JSON.stringify(org.json));
    const base = `/admin/v1/orgs/${org.json.id}/routing-policies`;
    for (const bad of [0, '0', '0.000', -1, '-0.5', 'lots', '', '1e-3', '0.0000000001', true]) {
      const r = await call('POST', base, { name: 'bad', policy: { quality_value_usd: bad, models: MODELS } });
      assert.equal(r.status, 400, `${JSON.stringify(bad)} → ${r.status} ${JSON.stringify(r.json)}`);
      assert.equal(r.json.error.type, 'invalid_request_error');
      assert.match(r.json.error.param, /^(body\.policy\.)?quality_value_usd$/, JSON.stringify(r.json));
      assert.match(r.json.error.message, /quality_value_usd/, JSON.stringify(r.json));
    }
    const listed = await call('GET', base);
    assert.equal(listed.json.data.length, 0);

    const made = await call('POST', base, {
      name: 'worth',
      policy: { quality_value_usd: '1', models: MODELS },
    });
    assert.equal(made.status, 201, JSON.stringify(made.json));
    assert.equal(made.json.policy.quality_value_usd, '1');
    const patch = await call('PATCH', `${base}/${made.json.id}`, { policy: { quality_value_usd: -2 } });
    assert.equal(patch.status, 400);
    assert.match(patch.json.error.message, /quality_value_usd/);
    const zero = await call('PATCH', `${base}/${made.json.id}`, { policy: { quality_value_usd: '0' } });
    assert.equal(zero.status, 400);
    assert.equal(zero.json.error.param, 'quality_value_usd');
    assert.match(zero.json.error.message, /^quality_value_usd: The amount must not be zero/);

    // an org key routes by it
    await call('POST', `/admin/v1/orgs/${org.json.id}/credits/topups`, { usd: '5' });
    const project = await call('POST', `/admin/v1/orgs/${org.json.id}/projects`, { name: 'value' });
    const key = await call('POST', `/admin/v1/orgs/${org.json.id}/keys`, {
      name: 'value key',
      project_id: project.json.id,
    });
    assert.equal(key.status, 201, JSON.stringify(key.json));
    const r = await fetch(`${h.url}/v1/routing/dry-run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key.json.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'auto:worth', messages: [{ role: 'user', content: CODE }] }),
    });
    const d = (await r.json()) as Decision;
    assert.equal(r.status, 200, JSON.stringify(d));
    assert.equal(d.quality_value_usd, '1.00');
    assert.equal(d.chosen, bestByValue(d.candidates, 1));
    assert.match(d.reason, /^policy worth: .*by value: quality worth \$1\.00/);
  });
});
