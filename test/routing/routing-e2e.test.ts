// The router as clients meet it: `auto`, `auto:<policy>` and default policies through the
// official OpenAI and Anthropic SDKs, against the fake upstreams; the decision in headers, read
// back by id, and dry-run; feedback; cache affinity; bad input.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { type Harness, LIMITED_KEY, MASTER_KEY, startHarness } from '../e2e/harness.js';

const MODELS = [
  'openai/gpt-4.1-nano',
  'openai/gpt-4o-mini',
  'openai/o3',
  'anthropic/claude-haiku-4-5',
  'anthropic/claude-sonnet-4-5',
  'anthropic/claude-opus-4-1',
];
const CHEAP = new Set(['openai/gpt-4.1-nano', 'openai/gpt-4o-mini']);
const STRONG = new Set(['openai/o3', 'anthropic/claude-sonnet-4-5', 'anthropic/claude-opus-4-1']);
const HARD =
  'Prove that for every integer n ≥ 1 the sum 1^3 + 2^3 + … + n^3 equals (n(n+1)/2)^2, then find all integer ' +
  'solutions of x^2 − 7y^2 = 1 with 0 < x < 10^4 and explain the continued-fraction method step by step.';

let h: Harness;

type Decision = {
  chosen: string;
  order: string[];
  reason: string;
  rule: string | null;
  task: { type: string };
  candidates: { model: string; quality: number; cost_nanos: number }[];
  dropped: { model: string; reason: string }[];
  affinity: { provider: string; kept: boolean } | null;
  served?: string | null;
};

async function call(
  method: string,
  path: string,
  body?: unknown,
  key = MASTER_KEY,
  headers: Record<string, string> = {},
) {
  const r = await fetch(`${h.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, json: (text ? JSON.parse(text) : {}) as Record<string, any> };
}
const admin = async (method: string, path: string, body?: unknown) => {
  const r = await call(method, `/admin/v1${path}`, body);
  assert.ok(r.status < 300, `${method} ${path} → ${r.status} ${JSON.stringify(r.json)}`);
  return r.json;
};
const dryRun = async (body: unknown, key = MASTER_KEY, headers: Record<string, string> = {}) => {
  const r = await call('POST', '/v1/routing/dry-run', body, key, headers);
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return r.json as Decision;
};
const decisionOf = async (requestId: string, key = MASTER_KEY) => {
  const r = await call('GET', `/v1/routing/decisions/${requestId}`, undefined, key);
  return r;
};
const user = (content: string) => [{ role: 'user' as const, content }];

before(async () => {
  h = await startHarness({
    config: {
      routing: {
        policies: {
          quality: { prefer: 'quality', models: MODELS },
          capped: { prefer: 'quality', max_price_usd: '0.003', models: MODELS },
          strict: { prefer: 'price', min_quality: 0.85, models: MODELS },
          fast: { prefer: 'latency', latency_objective_ms: 800, models: MODELS },
          legacy: { models: ['openai/gpt-3.5-turbo', 'openai/gpt-4o-mini'] },
          rules: {
            models: ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5'],
            rules: [
              { name: 'code to sonnet', when: { task_type: ['code'] }, route: 'anthropic/claude-sonnet-4-5' },
              { name: 'vip', when: { headers: { 'X-Tier': 'vip' } }, route: ['openai/o3', 'openai/gpt-4o'] },
              { name: 'search team', when: { metadata: { team: 'search' } }, route: 'openai/gpt-4.1-nano' },
              { name: 'long', when: { min_prompt_tokens: 3000 }, route: 'openai/gpt-4.1-nano' },
            ],
          },
          feedback: { models: ['openai/gpt-4.1-nano', 'google/gemini-2.5-flash'] },
          'sim-only': { prefer: 'quality', models: ['sim/fast', 'sim/reasoner'] },
          long: { models: ['anthropic/claude-haiku-4-5', 'anthropic/claude-sonnet-4-5'] },
          sticky: {
            models: ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5'],
            rules: [
              {
                name: 'pin',
                when: { headers: { 'x-pin': 'anthropic' } },
                route: 'anthropic/claude-haiku-4-5',
              },
            ],
          },
        },
        key_policies: { limited: 'sim-only' },
      },
    },
  });
});
after(async () => {
  await h?.close();
});

describe('auto through the SDKs', () => {
  test('prefer quality: a trivial prompt goes to a cheap model, a hard one to a strong one; headers name both', async () => {
    const oa = h.openai();
    const easy = await oa.chat.completions
      .create({ model: 'auto:quality', messages: user('hi') })
      .withResponse();
    const easyModel = easy.response.headers.get('x-switchyard-route')!;
    assert.ok(CHEAP.has(easyModel), `trivial prompt routed to ${easyModel}`);
    assert.equal(easy.response.headers.get('x-switchyard-model'), easyModel);
    assert.match(easy.response.headers.get('x-switchyard-route-reason')!, /^policy quality: chat/);

    const an = h.anthropic();
    const hard = await an.messages
      .create({ model: 'auto:quality', max_tokens: 1024, messages: user(HARD) })
      .withResponse();
    const hardModel = hard.response.headers.get('x-switchyard-route')!;
    assert.ok(STRONG.has(hardModel), `hard prompt routed to ${hardModel}`);
    assert.match(hard.response.headers.get('x-switchyard-route-reason')!, /math_reasoning/);
    assert.ok(hard.data.content.length > 0);

    // the stored decision names candidates, scores and the winner; no prompt text
    const d = await decisionOf(hard.response.headers.get('x-request-id')!);
    assert.equal(d.status, 200);
    assert.equal(d.json.chosen, hardModel);
    assert.equal(d.json.served, hardModel);
    assert.equal(d.json.candidates.length, MODELS.length);
    assert.ok(!JSON.stringify(d.json).includes('continued-fraction'));
  });

  test('`auto` alone works out of the box (the built-in balanced policy over every chat model)', async () => {
    const r = await h
      .openai()
      .chat.completions.create({ model: 'auto', messages: user('hi there') })
      .withResponse();
    assert.match(r.response.headers.get('x-switchyard-route-reason')!, /^policy default: chat/);
    const d = (await decisionOf(r.response.headers.get('x-request-id')!)).json as Decision;
    assert.ok(d.candidates.length > 50, `${d.candidates.length} candidates`);
  });

  test("a config key's own default policy (`key_policies`) routes its requests without a model", async () => {
    // the first `auto` above paid for loading the tokenizer: its slow first token must not count here
    h.resetUpstreams();
    const r = await h
      .openai(LIMITED_KEY)
      .chat.completions.create({
        messages: user('hi there'),
      } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming)
      .withResponse();
    assert.equal(r.response.headers.get('x-switchyard-simulated'), 'true');
    assert.equal(r.response.headers.get('x-switchyard-route'), 'sim/fast');
    assert.match(r.response.headers.get('x-switchyard-route-reason')!, /^policy sim-only/);
  });

  test('a price cap is kept and the decision says who was dropped for it', async () => {
    const r = await h
      .anthropic()
      .messages.create({ model: 'auto:capped', max_tokens: 512, messages: user(HARD) })
      .withResponse();
    const d = (await decisionOf(r.response.headers.get('x-request-id')!)).json as Decision;
    const chosen = d.candidates.find((c) => c.model === d.chosen)!;
    assert.ok(chosen.cost_nanos <= 3_000_000, `chosen costs ${chosen.cost_nanos} nanos`);
    const capped = d.dropped.filter((x) => /above the cap \$0\.00300/.test(x.reason));
    assert.ok(capped.some((x) => x.model === 'anthropic/claude-opus-4-1'));
    assert.ok(!d.order.includes('anthropic/claude-opus-4-1'));
  });

  test('a minimum quality is kept, even under prefer price', async () => {
    const d = await dryRun({ model: 'auto:strict', messages: user(HARD) });
    for (const c of d.candidates) assert.ok(c.quality >= 0.85, `${c.model} ${c.quality}`);
    assert.ok(d.dropped.some((x) => /below the minimum 0\.85/.test(x.reason)));
    assert.ok(!CHEAP.has(d.chosen));
  });

  test('a model whose breaker is open is dropped, and the decision says why', async () => {
    const before = await dryRun({ model: 'auto:quality', messages: user(HARD) });
    const victim = before.chosen;
    const dep = h.gw.services.deployments.group(victim).members[0]!.deployment;
    dep.breaker.coolDown(60_000);
    try {
      const r = await h
        .openai()
        .chat.completions.create({ model: 'auto:quality', messages: user(HARD) })
        .withResponse();
      assert.notEqual(r.response.headers.get('x-switchyard-route'), victim);
      const d = (await decisionOf(r.response.headers.get('x-request-id')!)).json as Decision;
      assert.ok(
        d.dropped.some((x) => x.model === victim && /unhealthy: circuit breaker open/.test(x.reason)),
      );
    } finally {
      h.resetUpstreams();
    }
  });
});

describe('streams', () => {
  test('a routed stream carries the route headers too', async () => {
    const r = await h
      .openai()
      .chat.completions.create({ model: 'auto:quality', messages: user('hi'), stream: true })
      .withResponse();
    assert.ok(CHEAP.has(r.response.headers.get('x-switchyard-route')!));
    assert.match(r.response.headers.get('x-switchyard-route-reason')!, /^policy quality/);
    let text = '';
    for await (const chunk of r.data) text += chunk.choices[0]?.delta.content ?? '';
    assert.ok(text.length > 0);
    const s = await h
      .anthropic()
      .messages.create({ model: 'auto:quality', max_tokens: 256, messages: user(HARD), stream: true })
      .withResponse();
    assert.ok(STRONG.has(s.response.headers.get('x-switchyard-route')!));
    for await (const _ of s.data) {
      // drain
    }
  });
});

describe('live health', () => {
  test('a latency objective drops the models slower than it while faster ones remain', async () => {
    const slow = h.gw.services.deployments.group('openai/o3').members[0]!.deployment;
    for (let i = 0; i < 5; i++) slow.health.recordTtft(4000);
    try {
      const r = await h
        .openai()
        .chat.completions.create({ model: 'auto:fast', messages: user(HARD) })
        .withResponse();
      assert.notEqual(r.response.headers.get('x-switchyard-route'), 'openai/o3');
      const d = (await decisionOf(r.response.headers.get('x-request-id')!)).json as Decision;
      const why = d.dropped.find((x) => x.model === 'openai/o3');
      assert.match(why?.reason ?? '', /time to first token \d+ ms above the objective 800 ms/);
    } finally {
      h.resetUpstreams();
    }
  });
});

describe('what a model can do', () => {
  test('tools, images and context length drop the models that cannot', async () => {
    const tools = await dryRun({
      model: 'auto:legacy',
      messages: user('What is the weather in Paris?'),
      tools: [
        { type: 'function', function: { name: 'weather', parameters: { type: 'object', properties: {} } } },
      ],
    });
    assert.deepEqual(tools.dropped, [{ model: 'openai/gpt-3.5-turbo', reason: 'no tool calling' }]);
    assert.equal(tools.task.type, 'tool_agent');

    const image = await dryRun(
      {
        model: 'auto:legacy',
        max_tokens: 100,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is in this picture?' },
              { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } },
            ],
          },
        ],
      },
      MASTER_KEY,
      { 'anthropic-version': '2023-06-01' },
    );
    assert.deepEqual(image.dropped, [{ model: 'openai/gpt-3.5-turbo', reason: 'no image input' }]);

    const long = await dryRun({
      model: 'auto:legacy',
      messages: user('lorem ipsum dolor sit amet '.repeat(4000)),
    });
    assert.equal(long.dropped.length, 1);
    assert.match(long.dropped[0]!.reason, /needs \d+ tokens of context, its window holds 16385/);
    assert.equal(long.chosen, 'openai/gpt-4o-mini');
    // the real call goes where the decision says
    const r = await h
      .openai()
      .chat.completions.create({
        model: 'auto:legacy',
        messages: user('What is the weather in Paris?'),
        tools: [
          { type: 'function', function: { name: 'weather', parameters: { type: 'object', properties: {} } } },
        ],
      })
      .withResponse();
    assert.equal(r.response.headers.get('x-switchyard-route'), 'openai/gpt-4o-mini');
  });

  test("Anthropic's 1M-context beta keeps the model that offers it for a prompt over 200k tokens", async () => {
    // ≈ 265k tokens (o200k: "word123 " is 2 tokens)
    const longPrompt = Array.from({ length: 132_000 }, (_, i) => `word${i % 997}`).join(' ');
    const an = h.anthropic();
    const r = await an.beta.messages
      .create({
        model: 'auto:long',
        max_tokens: 256,
        betas: ['context-1m-2025-08-07'],
        messages: user(longPrompt),
      })
      .withResponse();
    assert.equal(r.response.headers.get('x-switchyard-route'), 'anthropic/claude-sonnet-4-5');
    const d = await decisionOf(r.response.headers.get('x-request-id')!);
    assert.ok(
      d.json.dropped.some(
        (x: { model: string; reason: string }) =>
          x.model === 'anthropic/claude-haiku-4-5' && /its window holds 200000/.test(x.reason),
      ),
      JSON.stringify(d.json.dropped),
    );
    // without the beta no candidate can hold it
    await assert.rejects(
      an.messages.create({ model: 'auto:long', max_tokens: 256, messages: user(longPrompt) }),
      (e: InstanceType<typeof Anthropic.APIError>) =>
        e.status === 400 && /window holds 200000/.test(e.message),
    );
  });
});

describe('scenario rules', () => {
  test('task type, header, metadata and prompt length send to their model or list', async () => {
    const code = await h
      .openai()
      .chat.completions.create({
        model: 'auto:rules',
        messages: user(
          'Write a Python function that merges two sorted lists.\n```python\ndef merge(a, b):\n    pass\n```',
        ),
      })
      .withResponse();
    assert.equal(code.response.headers.get('x-switchyard-route'), 'anthropic/claude-sonnet-4-5');
    assert.match(code.response.headers.get('x-switchyard-route-reason')!, /matched code to sonnet/);

    const vip = await h
      .anthropic()
      .messages.create(
        { model: 'auto:rules', max_tokens: 100, messages: user('hello') },
        { headers: { 'x-tier': 'vip' } },
      )
      .withResponse();
    assert.equal(vip.response.headers.get('x-switchyard-route'), 'openai/o3');
    const vipDecision = (await decisionOf(vip.response.headers.get('x-request-id')!)).json as Decision;
    assert.deepEqual(vipDecision.order, ['openai/o3', 'openai/gpt-4o']);
    assert.equal(vipDecision.rule, 'vip');

    const tagged = await dryRun({
      model: 'auto:rules',
      messages: user('hello'),
      metadata: { team: 'search' },
    });
    assert.equal(tagged.chosen, 'openai/gpt-4.1-nano');
    const long = await dryRun({ model: 'auto:rules', messages: user('the quick brown fox. '.repeat(1000)) });
    assert.equal(long.rule, 'long');
    const none = await dryRun({ model: 'auto:rules', messages: user('hello') });
    assert.equal(none.rule, null);
  });
});

describe('default policies of keys, teams and orgs', () => {
  test('a request without a model follows the most specific default; other keys cannot read its decision', async () => {
    const org = await admin('POST', '/orgs', { name: 'Routing Co' });
    await admin('POST', `/orgs/${org.id}/credits/topups`, { usd: '20' });
    const team = await admin('POST', `/orgs/${org.id}/teams`, { name: 'Research' });
    const project = await admin('POST', `/orgs/${org.id}/projects`, { name: 'lab', team_id: team.id });
    const teamKey = await admin('POST', `/orgs/${org.id}/keys`, { name: 'team key', project_id: project.id });
    const ownKey = await admin('POST', `/orgs/${org.id}/keys`, { name: 'own key', project_id: project.id });
    await admin('POST', `/orgs/${org.id}/routing-policies`, {
      name: 'team-cheap',
      policy: { prefer: 'price', models: ['openai/gpt-4.1-nano', 'openai/o3'] },
      default_for: [{ scope: 'team', id: team.id }],
    });
    const keyPolicy = await admin('POST', `/orgs/${org.id}/routing-policies`, {
      name: 'key-strong',
      policy: { models: ['openai/o3'] },
      default_for: [{ scope: 'key', id: ownKey.id }],
    });

    const a = await new OpenAI({
      baseURL: `${h.url}/v1`,
      apiKey: teamKey.key,
      maxRetries: 0,
    }).chat.completions
      .create({ messages: user('hi') } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming)
      .withResponse();
    assert.equal(a.response.headers.get('x-switchyard-route'), 'openai/gpt-4.1-nano');
    assert.match(a.response.headers.get('x-switchyard-route-reason')!, /^policy team-cheap/);

    const b = await new Anthropic({ baseURL: h.url, apiKey: ownKey.key, maxRetries: 0 }).messages
      .create({
        max_tokens: 50,
        messages: user('hi'),
      } as unknown as Anthropic.MessageCreateParamsNonStreaming)
      .withResponse();
    assert.equal(b.response.headers.get('x-switchyard-route'), 'openai/o3');
    // `auto:<name>` reaches the org's own policies too
    const named = await dryRun({ model: 'auto:key-strong', messages: user('hi') }, teamKey.key);
    assert.equal(named.chosen, 'openai/o3');

    const id = a.response.headers.get('x-request-id')!;
    assert.equal((await decisionOf(id, teamKey.key)).status, 200);
    const other = await decisionOf(id, ownKey.key);
    assert.equal(other.status, 404);
    assert.equal(other.json.error.code, 'routing_decision_not_found');
    // the org's admins read it on the admin API
    await h.gw.routing.decisions.flush(true);
    const viaAdmin = await admin('GET', `/orgs/${org.id}/routing-decisions/${id}`);
    assert.equal(viaAdmin.chosen, 'openai/gpt-4.1-nano');
    assert.equal(viaAdmin.policy, 'team-cheap');

    // a policy naming a model nothing serves is refused, naming the field
    const typo = await call('POST', `/admin/v1/orgs/${org.id}/routing-policies`, {
      name: 'typo',
      policy: { models: ['openai/gpt-4o-mini', 'openai/gpt-4o-minni'] },
    });
    assert.equal(typo.status, 400);
    assert.equal(typo.json.error.param, 'policy.models[1]');
    assert.match(typo.json.error.message, /gpt-4o-minni/);

    // removing the key's default: the team's applies again
    await admin('DELETE', `/orgs/${org.id}/routing-policies/${keyPolicy.id}`);
    const c = await dryRun({ messages: user('hi') }, ownKey.key);
    assert.equal(c.chosen, 'openai/gpt-4.1-nano');
  });

  test('config keys: `key_policies` of the config file; unknown policies are a 400 in the client protocol', async () => {
    const oa = h.openai();
    await assert.rejects(
      oa.chat.completions.create({ model: 'auto:nope', messages: user('hi') }),
      (e: InstanceType<typeof OpenAI.APIError>) =>
        e.status === 400 &&
        /Unknown routing policy `nope`/.test(e.message) &&
        e.code === 'unknown_routing_policy',
    );
    await assert.rejects(
      h.anthropic().messages.create({ model: 'auto:nope', max_tokens: 10, messages: user('hi') }),
      (e: InstanceType<typeof Anthropic.APIError>) =>
        e.status === 400 && (e.error as { error: { type: string } }).error.type === 'invalid_request_error',
    );
    // the master key has no default: no model is the usual 400
    await assert.rejects(
      oa.chat.completions.create({
        messages: user('hi'),
      } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming),
      (e: InstanceType<typeof OpenAI.APIError>) => e.status === 400 && /model/.test(e.message),
    );
  });
});

describe('dry run', () => {
  test('returns the decision and calls no upstream', async () => {
    h.resetUpstreams();
    const d = await dryRun({ model: 'auto:quality', messages: user(HARD) });
    assert.ok(STRONG.has(d.chosen));
    assert.equal(h.openaiUp.requests.length + h.anthropicUp.requests.length, 0);
    const named = await call('POST', '/v1/routing/dry-run', { model: 'openai/gpt-4o', messages: user('hi') });
    assert.equal(named.status, 400);
    assert.match(named.json.error.message, /names a model/);
  });
});

describe('feedback', () => {
  test('changes later estimates for that task type and model', async () => {
    const ids: string[] = [];
    let model = '';
    for (let i = 0; i < 4; i++) {
      const r = await h
        .openai()
        .chat.completions.create({ model: 'auto:feedback', messages: user(`hello number ${i}`) })
        .withResponse();
      ids.push(r.response.headers.get('x-request-id')!);
      model = r.response.headers.get('x-switchyard-route')!;
    }
    const before = (await dryRun({ model: 'auto:feedback', messages: user('hello again') })).candidates.find(
      (c) => c.model === model,
    )!.quality;
    for (const id of ids) {
      const f = await call('POST', '/v1/feedback', { request_id: id, thumbs: 'down', comment: 'wrong' });
      assert.equal(f.status, 201, JSON.stringify(f.json));
      assert.equal(f.json.model, model);
    }
    const after = (await dryRun({ model: 'auto:feedback', messages: user('hello again') })).candidates.find(
      (c) => c.model === model,
    )!.quality;
    assert.ok(after < before - 0.2, `quality ${before} → ${after}`);
    const score = await call('POST', '/v1/feedback', { request_id: ids[0], score: 1 });
    assert.equal(score.status, 409);
  });

  test('bad feedback is a 4xx in the client protocol, and nothing is stored', async () => {
    const db = h.gw.governance.store.db.withTables<{ routing_feedback: { id: string } }>();
    const count = async () => (await db.selectFrom('routing_feedback').select('id').execute()).length;
    const n = await count();
    const r = await h
      .openai()
      .chat.completions.create({ model: 'auto:sticky', messages: user('hey') })
      .withResponse();
    const id = r.response.headers.get('x-request-id')!;
    for (const body of [
      { request_id: id, score: 2 },
      { request_id: id, thumbs: 'sideways' },
      { request_id: id },
      { request_id: id, score: 0.5, thumbs: 'up' },
      { score: 0.5 },
      { request_id: id, score: 0.5, stars: 5 },
    ]) {
      const f = await call('POST', '/v1/feedback', body);
      assert.equal(f.status, 400, JSON.stringify(body));
      assert.equal(f.json.error.type, 'invalid_request_error');
    }
    const anth = await call('POST', '/v1/feedback', { request_id: id, score: -1 }, MASTER_KEY, {
      'anthropic-version': '2023-06-01',
    });
    assert.equal(anth.status, 400);
    assert.equal(anth.json.type, 'error');
    assert.equal(anth.json.error.type, 'invalid_request_error');
    const unknown = await call('POST', '/v1/feedback', { request_id: 'req_nope', score: 0.5 });
    assert.equal(unknown.status, 404);
    const notYours = await call('POST', '/v1/feedback', { request_id: id, score: 0.5 }, LIMITED_KEY);
    assert.equal(notYours.status, 404);
    assert.equal(await count(), n);
  });
});

describe('cache affinity', () => {
  test('a conversation stays on the provider that holds its prompt cache', async () => {
    const first = 'Tell me about the history of Rome in two paragraphs.';
    const turn1 = await h
      .openai()
      .chat.completions.create(
        { model: 'auto:sticky', messages: user(first) },
        { headers: { 'x-pin': 'anthropic' } },
      )
      .withResponse();
    assert.equal(turn1.response.headers.get('x-switchyard-route'), 'anthropic/claude-haiku-4-5');
    const conversation = (opening: string) => [
      { role: 'user' as const, content: opening },
      { role: 'assistant' as const, content: 'Rome grew from a small town on the Tiber into an empire.' },
      { role: 'user' as const, content: 'And Carthage?' },
    ];
    // a fresh conversation of the same shape goes to the other provider...
    const fresh = await dryRun({ model: 'auto:sticky', messages: conversation(`${first} Thanks!`) });
    assert.equal(fresh.chosen, 'openai/gpt-4o-mini');
    assert.equal(fresh.affinity, null);
    // ...this one stays where its cache is warm
    const turn2 = await h
      .openai()
      .chat.completions.create({ model: 'auto:sticky', messages: conversation(first) })
      .withResponse();
    assert.equal(turn2.response.headers.get('x-switchyard-route'), 'anthropic/claude-haiku-4-5');
    assert.match(turn2.response.headers.get('x-switchyard-route-reason')!, /kept on anthropic/);
    const d = (await decisionOf(turn2.response.headers.get('x-request-id')!)).json as Decision;
    assert.deepEqual(d.affinity, { provider: 'anthropic', kept: true });
  });
});
