// switchyard router train | eval: learn per-model quality predictors from labelled prompts, and
// measure a router on held-out prompts. Files only: these commands never open the database.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadCatalogEntries } from '../../catalog/index.js';
import { TRADEOFF_RULES, type TradeoffRule } from '../../routing/model/evaluate.js';
import {
  type CatalogSource,
  catalogLookup,
  checkRow,
  DEFAULT_FEATURES,
  defaultQualityModel,
  type EvalReport,
  evaluateRouter,
  loadQualityModel,
  parseRouterFile,
  plotSvg,
  RouterFileError,
  type TrainedQualityModel,
  TrainingDataError,
  type TrainingRow,
  trainQualityModel,
} from '../../routing/model/index.js';
import { loadTokenizer } from '../../tokenizer/index.js';
import { CliUserError } from '../cli-errors.js';
import { action, type CommandContext } from '../command-context.js';
import { fields, table } from '../output.js';

function readRows(path: string): TrainingRow[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliUserError(`cannot read ${path}: ${(e as Error).message}`);
  }
  const rows: TrainingRow[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      throw new CliUserError(`${path}: line ${i + 1} is not valid JSON`);
    }
    try {
      rows.push(checkRow(v, i + 1));
    } catch (e) {
      if (e instanceof TrainingDataError) throw new CliUserError(`${path}: ${e.message}`);
      throw e;
    }
  }
  if (rows.length === 0) throw new CliUserError(`${path}: no rows`);
  return rows;
}

const num = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new CliUserError(`${name} must be a number, got "${v}"`);
  return n;
};

const pct = (v: number | null) => (v === null ? 'never' : `${(v * 100).toFixed(1)}%`);

function render(r: EvalReport): string {
  const line = (name: string, f: EvalReport | EvalReport['random']) => ({
    name,
    c95: pct(f.cost_at_95),
    c100: pct(f.cost_at_100),
    q10: pct(f.quality_at['10']),
    q25: pct(f.quality_at['25']),
    q50: pct(f.quality_at['50']),
    aiq: f.aiq.toFixed(4),
  });
  const rows = [
    line('router', r),
    line('random', r.random),
    line('single-model hull', r.single_model_hull),
    ...(r.task_told ? [line('told the task type', r.task_told)] : []),
    line('oracle', r.oracle),
  ];
  return [
    fields([
      ['rule', r.rule],
      ['rows', r.rows],
      ['models', r.models.join(', ')],
      ['best model', `${r.best_model} (quality ${r.best_total.quality}, cost $${r.best_total.cost})`],
      ['beats single-model hull everywhere', r.comparison.beats_single_model_hull_everywhere],
      ['beats task-told router everywhere', r.comparison.beats_task_told_everywhere ?? '-'],
      [
        'classifier agrees with the task labels',
        Object.entries(r.classifier)
          .map(([task, l]) => `${task} ${pct(l.agree)} of ${l.rows}`)
          .join(', ') || '-',
      ],
    ]),
    '',
    table(rows, [
      { header: 'router', value: (x) => x.name },
      { header: 'cost@95%', value: (x) => x.c95 },
      { header: 'cost@100%', value: (x) => x.c100 },
      { header: 'q@10%', value: (x) => x.q10 },
      { header: 'q@25%', value: (x) => x.q25 },
      { header: 'q@50%', value: (x) => x.q50 },
      { header: 'AIQ', value: (x) => x.aiq },
    ]),
  ].join('\n');
}

export function registerRouterCommands(program: Command, ctx: CommandContext): void {
  const router = program
    .command('router')
    .description('train and evaluate the routing model (files only, no database)');
  router
    .command('train')
    .description('learn per-model quality predictors from a JSONL file of {"prompt","scores","costs"?}')
    .requiredOption('--data <file.jsonl>', 'labelled prompts, one JSON object a line')
    .requiredOption('--out <router.json>', 'where to write the router file')
    .option('--epochs <n>', 'passes over the data', num('--epochs'))
    .option('--bits <n>', 'log2 of the feature table size (8..24)', num('--bits'))
    .option('--l2 <x>', 'L2 penalty', num('--l2'))
    .option('--seed <n>', 'shuffling seed', num('--seed'))
    .option(
      '--alias <id=trained>',
      'a model id the gateway uses for a model of the data (repeatable), e.g. mistral/open-mixtral-8x7b=mistralai/Mixtral-8x7B-Instruct-v0.1',
      (v: string, all: string[] = []) => [...all, v],
    )
    .action(
      action<{
        data: string;
        out: string;
        epochs?: number;
        bits?: number;
        l2?: number;
        seed?: number;
        alias?: string[];
      }>(ctx, async (_args, opts, out) => {
        const rows = readRows(opts.data);
        if (opts.bits !== undefined && !(Number.isInteger(opts.bits) && opts.bits >= 8 && opts.bits <= 24))
          throw new CliUserError('--bits must be an integer 8..24');
        const count = await loadTokenizer();
        const started = Date.now();
        const file = trainQualityModel(rows, {
          countTokens: count,
          catalog: loadCatalogEntries(),
          epochs: opts.epochs,
          l2: opts.l2,
          seed: opts.seed,
          features: opts.bits !== undefined ? { ...DEFAULT_FEATURES, bits: opts.bits } : undefined,
          source: opts.data,
        });
        if (opts.alias?.length) {
          file.aliases = {};
          for (const a of opts.alias) {
            const eq = a.indexOf('=');
            const to = a.slice(eq + 1);
            if (eq <= 0 || !file.models![to])
              throw new CliUserError(`--alias ${a}: expected <id>=<a model of the data>`);
            file.aliases[a.slice(0, eq)] = to;
          }
        }
        writeFileSync(opts.out, `${JSON.stringify(file)}\n`);
        const models = Object.entries(file.models!).map(([id, m]) => ({
          model: id,
          rows: m.rows,
          mean_quality: m.meanQuality,
          weights: m.slots.length,
          cost_per_token: m.cost.perToken,
          cost_fixed: m.cost.fixed,
        }));
        out.result(
          { out: opts.out, rows: rows.length, seconds: (Date.now() - started) / 1000, models },
          (v) =>
            [
              `trained on ${v.rows} rows in ${v.seconds.toFixed(1)} s → ${v.out}`,
              table(v.models, [
                { header: 'model', value: (m) => m.model },
                { header: 'rows', value: (m) => m.rows },
                { header: 'mean quality', value: (m) => m.mean_quality },
                { header: 'weights', value: (m) => m.weights },
              ]),
            ].join('\n'),
        );
      }),
    );
  router
    .command('eval')
    .description(
      'route every prompt of a labelled JSONL file across the trade-off knob and measure cost vs quality',
    )
    .requiredOption('--router <router.json>', 'a router file (trained, or data/routers/default.json)')
    .requiredOption('--data <file.jsonl>', 'held-out labelled prompts')
    .option('--plot <out.svg>', 'also draw the curves as SVG')
    .option('--steps <n>', 'trade-off values swept (default 240)', num('--steps'))
    .option(
      '--rule <doublings|dollars>',
      'rank models by quality − λ·doublings of price over the cheapest (default, the rule the gateway uses) or by quality − μ·cost in USD',
    )
    .action(
      action<{ router: string; data: string; plot?: string; steps?: number; rule?: string }>(
        ctx,
        async (_args, opts, out) => {
          const rule = (opts.rule ?? 'doublings') as TradeoffRule;
          if (!TRADEOFF_RULES.includes(rule))
            throw new CliUserError(`--rule must be one of ${TRADEOFF_RULES.join(', ')}, got "${opts.rule}"`);
          if (opts.steps !== undefined && !(Number.isInteger(opts.steps) && opts.steps >= 2))
            throw new CliUserError('--steps must be an integer of at least 2');
          let json: unknown;
          try {
            json = JSON.parse(readFileSync(opts.router, 'utf8'));
          } catch (e) {
            throw new CliUserError(`cannot read router file ${opts.router}: ${(e as Error).message}`);
          }
          const catalog = loadCatalogEntries();
          let file: ReturnType<typeof parseRouterFile>;
          let model: TrainedQualityModel | ReturnType<typeof defaultQualityModel>;
          try {
            file = parseRouterFile(json);
            model = loadQualityModel(file, catalog) as typeof model;
          } catch (e) {
            if (e instanceof RouterFileError) throw new CliUserError(`${opts.router}: ${e.message}`);
            throw e;
          }
          const rows = readRows(opts.data);
          const count = await loadTokenizer();
          const priors = defaultQualityModel(catalog);
          const report = evaluateRouter(rows, model, file, {
            countTokens: count,
            fallback: priors,
            predictCost: catalogCost(catalog),
            steps: opts.steps,
            rule,
          });
          if (opts.plot)
            writeFileSync(opts.plot, plotSvg(report, `${opts.router} on ${opts.data} (rule: ${rule})`));
          out.result(report, render);
        },
      ),
    );
}

/** a model's list-price cost for a prompt: prompt tokens in, 300 tokens out */
function catalogCost(catalog: CatalogSource) {
  const find = catalogLookup(catalog);
  return (model: string, tokens: number): number | undefined => {
    const p = find(model)?.prices;
    if (!p || p.inputPerMtok === null || p.outputPerMtok === null) return undefined;
    return (tokens * p.inputPerMtok + 300 * p.outputPerMtok) / 1e6;
  };
}
