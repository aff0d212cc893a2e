// Decision latency of the router: classify + candidates + scores + ranking for one request,
// measured in-process (no HTTP) on the gateway's real catalog, price book and policies.
//
//   npx tsx bench/router-latency.ts [iterations]
//
// Prompts are 8,000 characters (chat, code, math and long-document mixes), each one different
// (a counter up front) so no per-prompt cache helps. Three candidate sets: a 10-model policy, a
// 3-model policy, and `auto` over every chat model of the enabled providers (OpenAI, Anthropic,
// Google and the simulator here: ~190 models). The token count is part of the decision when a
// context window could be too small (the default set holds a 16k-window model) — that case is
// reported separately. Wall time suffers from whatever else the machine runs; the process's CPU
// time per decision (user + system) does not. Run on one core: `taskset -c 0 npx tsx bench/router-latency.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway } from '../src/app.js';
import type { Principal } from '../src/auth/index.js';
import { clientCodecs } from '../src/gateway/protocol-registry.js';

const N = Number(process.argv[2] ?? 5000);
const TEN = [
  'openai/gpt-4.1-nano',
  'openai/gpt-4o-mini',
  'openai/gpt-4o',
  'openai/o3',
  'openai/gpt-5',
  'anthropic/claude-haiku-4-5',
  'anthropic/claude-sonnet-4-5',
  'anthropic/claude-opus-4-1',
  'google/gemini-2.5-flash',
  'google/gemini-2.5-pro',
];

const SEEDS = [
  'Tell me about the history of the lighthouse on the northern cape and the families who kept it. ',
  'Refactor this function to avoid the quadratic loop:\n```ts\nfor (const a of xs) for (const b of ys) if (a.id === b.id) out.push(b);\n```\n',
  'Prove that the sum of the first n odd numbers is n^2 and compute ∫_0^1 x^3 dx = 1/4 step by step. ',
  'Summarise the following report section by section, keeping every figure: revenue grew 12% to $4.1bn. ',
];
const prompt = (i: number) => `${i} ${SEEDS[i % SEEDS.length]!.repeat(200)}`.slice(0, 8000);

const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
const gw = await createGateway({
  env: {},
  config: {
    server: { host: '127.0.0.1', port: 0, log_level: 'silent', data_dir: dataDir },
    master_key: 'sk-bench-master-key-0123456789',
    providers: {
      openai: { api_key: 'sk-none', base_url: 'http://127.0.0.1:9' },
      anthropic: { api_key: 'sk-none', base_url: 'http://127.0.0.1:9' },
      google: { api_key: 'none', base_url: 'http://127.0.0.1:9' },
    },
    routing: {
      policies: {
        ten: { prefer: 'quality', models: TEN },
        three: { models: ['openai/gpt-4o-mini', 'anthropic/claude-sonnet-4-5', 'google/gemini-2.5-flash'] },
      },
    },
  },
});
const router = gw.routing.router;
const principal: Principal = { id: 'master', name: 'master', kind: 'master', canUseModel: () => true };

async function measure(label: string, model: string, n: number) {
  const times: number[] = [];
  const cpu: number[] = [];
  let counted = 0;
  let candidates = 0;
  for (let i = -200; i < n; i++) {
    const body = { model, messages: [{ role: 'user', content: prompt(i + 1000) }] };
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const found = router.policyFor(principal, body)!;
    const d = await router.decide({
      requestId: `req_${i}`,
      principal,
      headers: {},
      canonical: clientCodecs.openai.decodeRequest(body),
      bodyBytes: 8100,
      policy: found.policy,
      mode: found.mode,
      dryRun: true,
    });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const c = process.cpuUsage(c0);
    if (i < 0) continue; // warm-up
    times.push(ms);
    cpu.push((c.user + c.system) / 1000);
    if (d.prompt_tokens_counted) counted++;
    candidates = d.candidates.length + d.dropped.length;
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!.toFixed(3);
  console.log(
    `${label.padEnd(44)} candidates ${String(candidates).padStart(3)}  wall p50 ${q(times, 0.5)} p99 ${q(times, 0.99)} ms` +
      `  cpu p50 ${q(cpu, 0.5)} p99 ${q(cpu, 0.99)} ms  token-counted ${counted}/${n}`,
  );
}

try {
  console.log(
    `router decision latency, ${N} requests each, 8,000-character prompts (Node ${process.version})`,
  );
  await measure('policy of 10 models (auto:ten)', 'auto:ten', N);
  await measure('policy of 3 models (auto:three)', 'auto:three', N);
  await measure('auto over every chat model (built-in policy)', 'auto', N);
} finally {
  await gw.close();
  rmSync(dataDir, { recursive: true, force: true });
}
