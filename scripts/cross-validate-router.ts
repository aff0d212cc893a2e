// K-fold cross-validation of router training inside the training split (the held-out file is never
// read): each fold's router is trained on the other folds, every row is predicted by the router that
// did not see it, and the pooled out-of-fold predictions are evaluated like `router eval`, on the
// whole file and per benchmark. This is how the training settings in docs/routing.md were chosen.
//
//   npx tsx scripts/prepare-routing-data.ts          # once: .data/routing/{train,heldout}.jsonl
//   npx tsx scripts/cross-validate-router.ts [--data .data/routing/train.jsonl] [--folds 5]
//       [--rule doublings|dollars] [--train '{"epochs": 6}']
//
// Folds are fixed by SHA-256 of `validation:` + prompt, so runs are comparable. Prints one line per
// subset: cost at 95% and 100% of the best model's quality, AIQ, and the router told the task type.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadCatalogEntries } from '../src/catalog/index.js';
import {
  evaluateRouter,
  loadQualityModel,
  type QualityModel,
  type RoutingInput,
  type TaskProfile,
  type TrainingRow,
  trainQualityModel,
} from '../src/routing/model/index.js';
import { loadTokenizer } from '../src/tokenizer/index.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '.data/routing/train.jsonl' },
    folds: { type: 'string', default: '5' },
    rule: { type: 'string', default: 'doublings' },
    train: { type: 'string', default: '{}' },
  },
});
const folds = Number(values.folds);
if (!Number.isInteger(folds) || folds < 2) throw new Error('--folds must be an integer ≥ 2');
if (values.rule !== 'doublings' && values.rule !== 'dollars')
  throw new Error('--rule must be doublings or dollars');
const rule = values.rule;

type Row = TrainingRow & { source?: string };
const rows: Row[] = readFileSync(values.data, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Row);
const foldOf = (prompt: string) =>
  createHash('sha256').update(`validation:${prompt}`).digest().readUInt32BE(0) % folds;

const countTokens = await loadTokenizer();
const catalog = loadCatalogEntries();
const started = Date.now();
type Routed = QualityModel & {
  costOf?(model: string, tokens: number, input?: RoutingInput, profile?: TaskProfile): number | undefined;
};
const routers: Routed[] = [];
let firstFile: ReturnType<typeof trainQualityModel> | undefined;
for (let k = 0; k < folds; k++) {
  const file = trainQualityModel(
    rows.filter((r) => foldOf(r.prompt) !== k),
    { countTokens, catalog, ...(JSON.parse(values.train) as object) },
  );
  firstFile ??= file;
  routers.push(loadQualityModel(file) as Routed);
}
// every row predicted by the router that did not train on it
const pooled: Routed = {
  kind: 'trained',
  models: routers[0]!.models,
  predict: (input, profile, model) => routers[foldOf(input.prompt)]!.predict(input, profile, model),
  costOf: (model, tokens, input, profile) =>
    routers[input ? foldOf(input.prompt) : 0]!.costOf?.(model, tokens, input, profile),
};

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? 'never' : `${(x * 100).toFixed(1)}%`;
const subsets: [string, Row[]][] = [
  ['all', rows],
  ['mmlu', rows.filter((r) => r.source?.startsWith('mmlu'))],
  ['gsm8k', rows.filter((r) => r.source === 'gsm8k')],
  ['mt_bench', rows.filter((r) => r.source?.startsWith('mt_bench'))],
];
console.log(
  `${folds}-fold cross-validation of ${values.data} (${rows.length} rows), rule ${rule}, ` +
    `training ${values.train}: ${((Date.now() - started) / 1000).toFixed(0)} s to train`,
);
for (const [name, subset] of subsets) {
  if (subset.length === 0) continue;
  const report = evaluateRouter(subset, pooled, firstFile, { countTokens, rule });
  const told = report.task_told;
  console.log(
    `${name.padEnd(9)} rows ${String(subset.length).padStart(6)}  cost at 95% ${pct(report.cost_at_95)}  ` +
      `at 100% ${pct(report.cost_at_100)}  AIQ ${report.aiq.toFixed(4)}` +
      (told ? `  | told the task type: ${pct(told.cost_at_95)}, AIQ ${told.aiq.toFixed(4)}` : ''),
  );
}
