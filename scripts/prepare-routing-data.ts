// Converts RouteLLM's labelled benchmark data (../shared/data/routing/routellm, Apache-2.0; see its
// SOURCE.md) into the router's training format, one JSON object per line:
//   {"prompt", "scores": {model: 0..1}, "costs": {model: USD}, "task", "source"}
// and splits it deterministically by a hash of the prompt into train / held-out.
//
//   npx tsx scripts/prepare-routing-data.ts [--src <routellm dir>] [--out <dir>] [--heldout-percent 20]
//
// GSM8K: score 1/0 (answer correct), cost = prompt tokens × input price + the model's recorded
//   response tokens × output price.
// MMLU: score 1/0, cost = prompt tokens × input price + 1 output token (the answer letter).
// MT-Bench: score = mean of the GPT-4 judge's two turn scores / 10; the prompt is the first turn
//   (what the router sees); cost = both turns as served (turn 1; turn 1 + answer 1 + turn 2 as input,
//   both answers as output), answers read from the judge's record.
// Prompts listed in *_contaminated_prompts.jsonl are dropped. Tokens: gpt-tokenizer o200k_base for
// both models (Mixtral's own tokenizer counts somewhat more; the ratio of prices dominates).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCatalogEntries } from '../src/catalog/index.js';
import type { TaskType } from '../src/routing/model/contract.js';
import { loadTokenizer } from '../src/tokenizer/index.js';

export const STRONG = 'gpt-4-1106-preview';
export const WEAK = 'mistralai/Mixtral-8x7B-Instruct-v0.1';
/** the catalog entries whose list prices cost the two labelled models (the labs' own APIs) */
export const PRICE_IDS: Record<string, string> = {
  [STRONG]: 'openai/gpt-4-1106-preview',
  [WEAK]: 'mistral/open-mixtral-8x7b',
};

export interface Row {
  prompt: string;
  scores: Record<string, number>;
  costs: Record<string, number>;
  task: TaskType;
  source: string;
}

export interface Prices {
  /** USD per token */
  [model: string]: { input: number; output: number };
}

type Count = (text: string) => number;

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function records(csv: string): Record<string, string>[] {
  const [header, ...rest] = parseCsv(csv);
  if (!header) return [];
  return rest
    .filter((r) => r.length === header.length)
    .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]!])));
}

const bool = (v: string | undefined): number => {
  if (v === 'True') return 1;
  if (v === 'False') return 0;
  throw new Error(`expected True or False, got ${JSON.stringify(v)}`);
};

/** the eval prompts of a *_contaminated_prompts.jsonl file */
export function contaminated(jsonl: string): Set<string> {
  const out = new Set<string>();
  for (const line of jsonl.split('\n')) {
    if (!line.trim()) continue;
    out.add((JSON.parse(line) as { eval_prompt: string }).eval_prompt);
  }
  return out;
}

const usd = (x: number) => Number(x.toPrecision(6));

export function convertGsm8k(csv: string, drop: Set<string>, prices: Prices, count: Count): Row[] {
  const out: Row[] = [];
  for (const r of records(csv)) {
    const prompt = r.prompt!;
    if (drop.has(prompt)) continue;
    const scores: Record<string, number> = {};
    const costs: Record<string, number> = {};
    const inTokens = count(prompt);
    for (const m of [STRONG, WEAK]) {
      scores[m] = bool(r[m]);
      costs[m] = usd(inTokens * prices[m]!.input + count(r[`${m}_response`] ?? '') * prices[m]!.output);
    }
    out.push({ prompt, scores, costs, task: 'math_reasoning', source: 'gsm8k' });
  }
  return out;
}

const MMLU_MATH = new Set([
  'abstract_algebra',
  'college_mathematics',
  'elementary_mathematics',
  'high_school_mathematics',
  'high_school_statistics',
  'college_physics',
  'high_school_physics',
  'college_chemistry',
  'high_school_chemistry',
  'econometrics',
  'formal_logic',
]);

/** the task an MMLU subject asks for: computing for the quantitative subjects, choosing an option for the rest */
export function mmluTask(subject: string): TaskType {
  return MMLU_MATH.has(subject) ? 'math_reasoning' : 'classification';
}

export function convertMmlu(
  csv: string,
  subject: string,
  drop: Set<string>,
  prices: Prices,
  count: Count,
): Row[] {
  const out: Row[] = [];
  for (const r of records(csv)) {
    const prompt = r.prompt!;
    if (drop.has(prompt)) continue;
    const scores: Record<string, number> = {};
    const costs: Record<string, number> = {};
    const inTokens = count(prompt);
    for (const m of [STRONG, WEAK]) {
      scores[m] = bool(r[m]);
      costs[m] = usd(inTokens * prices[m]!.input + prices[m]!.output);
    }
    out.push({ prompt, scores, costs, task: mmluTask(subject), source: `mmlu/${subject}` });
  }
  return out;
}

const MT_TASK: Record<string, TaskType> = {
  writing: 'chat',
  roleplay: 'chat',
  humanities: 'chat',
  stem: 'chat',
  reasoning: 'math_reasoning',
  math: 'math_reasoning',
  coding: 'code',
  extraction: 'long_document',
};

interface Judgement {
  question_id: number;
  model: string;
  score: number;
  turn: number;
  user_prompt: string;
}

/** the assistant's answers in a judge's record: one for turn 1 records, two for turn 2 */
export function answersOf(userPrompt: string): string[] {
  const single = /\[The Start of Assistant's Answer\]\n([\s\S]*?)\n\[The End of Assistant's Answer\]/.exec(
    userPrompt,
  );
  if (single) return [single[1]!];
  const conv =
    /<\|The Start of Assistant A's Conversation with User\|>([\s\S]*?)<\|The End of Assistant A's Conversation with User\|>/.exec(
      userPrompt,
    );
  if (!conv) return [];
  const parts = conv[1]!.split(/\n### (?:User|Assistant A):\n/);
  // parts: '', user1, answer1, user2, answer2
  return parts.filter((_, i) => i % 2 === 0 && i > 0).map((s) => s.trim());
}

export function convertMtBench(
  questionsJsonl: string,
  judgementsJsonl: string,
  drop: Set<string>,
  prices: Prices,
  count: Count,
): Row[] {
  const questions = questionsJsonl
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { question_id: number; category: string; turns: string[] });
  const byQ = new Map<number, Judgement[]>();
  for (const line of judgementsJsonl.split('\n')) {
    if (!line.trim()) continue;
    const j = JSON.parse(line) as Judgement;
    if (!byQ.has(j.question_id)) byQ.set(j.question_id, []);
    byQ.get(j.question_id)!.push(j);
  }
  const out: Row[] = [];
  for (const q of questions) {
    const [t1, t2] = q.turns;
    if (t1 === undefined || t2 === undefined || drop.has(t1) || drop.has(t2)) continue;
    const js = byQ.get(q.question_id) ?? [];
    const scores: Record<string, number> = {};
    const costs: Record<string, number> = {};
    let complete = true;
    for (const m of [STRONG, WEAK]) {
      const j1 = js.find((j) => j.model === m && j.turn === 1);
      const j2 = js.find((j) => j.model === m && j.turn === 2);
      if (!j1 || !j2 || j1.score < 1 || j2.score < 1) {
        complete = false;
        break;
      }
      scores[m] = (j1.score + j2.score) / 20;
      const [a1 = '', a2 = ''] = answersOf(j2.user_prompt);
      const input = count(t1) + count(t1) + count(a1) + count(t2);
      costs[m] = usd(input * prices[m]!.input + (count(a1) + count(a2)) * prices[m]!.output);
    }
    if (complete)
      out.push({
        prompt: t1,
        scores,
        costs,
        task: MT_TASK[q.category] ?? 'chat',
        source: `mt_bench/${q.category}`,
      });
  }
  return out;
}

/** held-out when the first 32 bits of sha256(prompt) fall in the lowest `percent` of the range */
export function isHeldOut(prompt: string, percent: number): boolean {
  const h = createHash('sha256').update(prompt).digest().readUInt32BE(0);
  return h < (percent / 100) * 2 ** 32;
}

export function catalogPrices(): Prices {
  const byId = new Map(loadCatalogEntries().map((m) => [m.id, m]));
  const prices: Prices = {};
  for (const [model, id] of Object.entries(PRICE_IDS)) {
    const m = byId.get(id);
    if (!m || m.prices.inputPerMtok === null || m.prices.outputPerMtok === null)
      throw new Error(`the catalog has no prices for ${id}`);
    prices[model] = { input: m.prices.inputPerMtok / 1e6, output: m.prices.outputPerMtok / 1e6 };
  }
  return prices;
}

const jsonl = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');

export async function prepare(
  src: string,
  out: string,
  heldOutPercent: number,
): Promise<Record<string, number>> {
  const count = await loadTokenizer();
  const prices = catalogPrices();
  const read = (f: string) => readFileSync(join(src, f), 'utf8');
  const rows: Row[] = [];
  rows.push(
    ...convertGsm8k(
      read('gsm8k_gsm8k_responses.csv'),
      contaminated(read('gsm8k_contaminated_prompts.jsonl')),
      prices,
      count,
    ),
  );
  const mmluDrop = contaminated(read('mmlu_contaminated_prompts.jsonl'));
  for (const f of readdirSync(join(src, 'mmlu')).sort()) {
    const subject = /^mmlu_(.+)\.csv$/.exec(f)?.[1];
    if (subject) rows.push(...convertMmlu(read(join('mmlu', f)), subject, mmluDrop, prices, count));
  }
  rows.push(
    ...convertMtBench(
      read('mt_bench_question.jsonl'),
      read('mt_bench_judgements.jsonl'),
      contaminated(read('mt_bench_contaminated_prompts.jsonl')),
      prices,
      count,
    ),
  );
  mkdirSync(out, { recursive: true });
  const train = rows.filter((r) => !isHeldOut(r.prompt, heldOutPercent));
  const held = rows.filter((r) => isHeldOut(r.prompt, heldOutPercent));
  const files: Record<string, Row[]> = { 'train.jsonl': train, 'heldout.jsonl': held };
  for (const set of ['gsm8k', 'mmlu', 'mt_bench']) {
    files[`heldout-${set}.jsonl`] = held.filter((r) => r.source.split('/')[0] === set);
    files[`train-${set}.jsonl`] = train.filter((r) => r.source.split('/')[0] === set);
  }
  const counts: Record<string, number> = {};
  for (const [name, list] of Object.entries(files)) {
    writeFileSync(join(out, name), jsonl(list));
    counts[name] = list.length;
  }
  writeFileSync(
    join(out, 'prices.json'),
    `${JSON.stringify({ catalogIds: PRICE_IDS, usdPerToken: prices, heldOutPercent }, null, 2)}\n`,
  );
  return counts;
}

function invokedDirectly(): boolean {
  try {
    return !!process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  const args = process.argv.slice(2);
  const opt = (name: string, dflt: string) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
  };
  const root = new URL('..', import.meta.url).pathname;
  const src = opt('--src', join(root, '../shared/data/routing/routellm'));
  const out = opt('--out', join(root, '.data/routing'));
  const percent = Number(opt('--heldout-percent', '20'));
  const counts = await prepare(src, out, percent);
  process.stdout.write(`${JSON.stringify({ out, heldOutPercent: percent, rows: counts }, null, 2)}\n`);
}
