// Decision latency of the router's brain on one core: classifyTask alone, and a whole decision
// (classify + predict every candidate + rank), on 8,000-character prompts of different kinds.
//
//   npx tsx bench/router-classifier.ts [--router data/routers/routellm.json] [--iterations 20000]
//
// Prints p50 / p99 / max in microseconds per prompt kind as one JSON object.
import { readFileSync } from 'node:fs';
import { loadCatalogEntries } from '../src/catalog/index.js';
import {
  classifyTask,
  defaultQualityModel,
  loadQualityModel,
  type RoutingInput,
  rankByTradeoff,
} from '../src/routing/model/index.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const root = new URL('..', import.meta.url);
const iterations = Number(opt('--iterations', '20000'));
const routerPath = opt('--router', new URL('data/routers/routellm.json', root).pathname);

const SIZE = 8000;
const fill = (s: string) => s.repeat(Math.ceil(SIZE / s.length)).slice(0, SIZE);
const prompts: Record<string, string> = {
  prose: fill(
    'The committee met on Tuesday to review the annual report. Members discussed the budget, the new ' +
      'hiring plan and the schedule for the spring conference, and asked the secretary to summarize the ' +
      'main decisions for the newsletter. ',
  ),
  code: fill(readFileSync(new URL('src/routing/model/text-scan.ts', root), 'utf8')),
  math: fill(
    'Solve for x: 3x^2 + 2x - 5 = 0. Then compute the integral of x^3 from 0 to 2, and prove that the ' +
      'sum of the first n odd numbers is n^2. If a train travels 120 km in 1.5 hours, how fast is it? ',
  ),
  chinese: fill(
    '请把下面这段话翻译成英文，并总结主要内容：今天我们讨论了预算、招聘计划以及春季会议的日程安排。',
  ),
  multiple_choice: fill(
    'Which of the following best describes the function of the mitochondria?\nA. protein synthesis\n' +
      'B. energy production\nC. lipid storage\nD. cell division\nAnswer:\n',
  ),
};

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

interface Timing {
  p50_us: number;
  p99_us: number;
  max_us: number;
}

/**
 * Wall-clock time per call, and CPU time per call (process.cpuUsage: the time the process really
 * ran, so a machine shared with other work does not count its waits for a core against us).
 */
function measure(fn: () => void): { wall: Timing; cpu: Timing } {
  for (let i = 0; i < 2000; i++) fn(); // warm-up: JIT
  const wall = new Float64Array(iterations);
  const cpu = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const c0 = process.cpuUsage();
    const start = process.hrtime.bigint();
    fn();
    wall[i] = Number(process.hrtime.bigint() - start) / 1000;
    const c = process.cpuUsage(c0);
    cpu[i] = c.user + c.system;
  }
  return { wall: summary(wall), cpu: summary(cpu) };
}

function summary(t: Float64Array): Timing {
  t.sort();
  const r = (x: number) => Math.round(x * 10) / 10;
  return { p50_us: r(percentile(t, 0.5)), p99_us: r(percentile(t, 0.99)), max_us: r(t[t.length - 1]!) };
}

const catalog = loadCatalogEntries();
const priors = defaultQualityModel(catalog);
const chatModels = catalog.filter((m) => m.mode === 'chat' && m.prices.inputPerMtok !== null);
// a default candidate set as large as the request-time router may give: 100 catalog chat models
const candidates = chatModels
  .filter((_, i) => i % Math.max(1, Math.floor(chatModels.length / 100)) === 0)
  .slice(0, 100);
let trained: ReturnType<typeof loadQualityModel> | undefined;
try {
  trained = loadQualityModel(JSON.parse(readFileSync(routerPath, 'utf8')));
} catch {
  trained = undefined;
}

const results: Record<string, unknown> = {};
for (const [kind, text] of Object.entries(prompts)) {
  // 64 distinct flat strings (as JSON.parse makes them), a new input object per call: nothing is
  // served from the per-request caches
  const pool = Array.from(
    { length: 64 },
    (_, i) => JSON.parse(JSON.stringify(`${i} ${text}`.slice(0, SIZE))) as string,
  );
  let next = 0;
  const make = (): RoutingInput => ({
    prompt: pool[next++ % pool.length]!,
    historyChars: 0,
    hasTools: false,
    structuredOutput: false,
    hasImages: false,
    promptTokens: 2000,
  });
  const classify = measure(() => {
    classifyTask(make());
  });
  const decide = measure(() => {
    const input = make();
    const profile = classifyTask(input);
    const cands = candidates.map((m) => {
      const q = trained?.predict(input, profile, m.id) ?? priors.predict(input, profile, m.id) ?? 0.5;
      const cost =
        ((m.prices.inputPerMtok ?? 0) * input.promptTokens +
          (m.prices.outputPerMtok ?? 0) * profile.expectedOutputTokens) /
        1e6;
      return { model: m.id, quality: q, cost };
    });
    rankByTradeoff(cands, 0.5);
  });
  results[kind] = { classify, decide_100_candidates: decide };
}
const load = (await import('node:os')).loadavg()[0];
process.stdout.write(
  `${JSON.stringify({ chars: SIZE, iterations, node: process.version, loadAverage1m: load, trainedRouter: trained ? routerPath : null, results }, null, 2)}\n`,
);
