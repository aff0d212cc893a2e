// `switchyard router train | eval` as users run them: a child process on small files, no database.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../cli/run-cli.js';

const CODE = ['python', 'function', 'compile', 'array', 'loop', 'debug', 'recursion', 'class'];
const FOOD = ['recipe', 'bake', 'flour', 'oven', 'garlic', 'simmer', 'butter', 'sauce'];

function rows(n: number, offset: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const words = i % 2 === 0 ? CODE : FOOD;
    const prompt = `please help with ${words[(i + offset) % 8]} and ${words[(i * 3 + offset) % 8]} ${i}`;
    const good = i % 2 === 0;
    out.push(
      JSON.stringify({
        prompt,
        scores: { 'acme/big': 1, 'acme/small': good ? 1 : 0 },
        costs: { 'acme/big': 0.02, 'acme/small': 0.001 },
        task: 'chat',
      }),
    );
  }
  return `${out.join('\n')}\n`;
}

describe('switchyard router (CLI)', () => {
  let dir: string;
  let env: Record<string, string>;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'router-cli-'));
    writeFileSync(join(dir, 'train.jsonl'), rows(200, 0));
    writeFileSync(join(dir, 'heldout.jsonl'), rows(60, 3));
    // a data directory that must stay empty, and a database nobody listens on
    env = {
      SWITCHYARD_DATA_DIR: join(dir, 'data'),
      DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:1/none',
    };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('train writes a router file and reports per model', async () => {
    const r = await runCli(['--json', 'router', 'train', '--data', 'train.jsonl', '--out', 'router.json'], {
      env,
      cwd: dir,
    });
    assert.equal(r.code, 0, r.stderr);
    const out = r.json();
    assert.equal(out.rows, 200);
    assert.deepEqual(
      out.models.map((m: { model: string }) => m.model),
      ['acme/big', 'acme/small'],
    );
    const file = JSON.parse(readFileSync(join(dir, 'router.json'), 'utf8'));
    assert.equal(file.format, 'switchyard-router');
    assert.equal(file.version, 1);
    assert.equal(file.kind, 'trained');
  });

  it('eval --json prints one object with the figures, the baselines and the points; --plot draws them', async () => {
    const r = await runCli(
      [
        'router',
        'eval',
        '--router',
        'router.json',
        '--data',
        'heldout.jsonl',
        '--json',
        '--plot',
        'curve.svg',
      ],
      { env, cwd: dir },
    );
    assert.equal(r.code, 0, r.stderr);
    const out = r.json();
    assert.equal(out.rule, 'doublings');
    assert.equal(out.best_model, 'acme/big');
    assert.equal(out.rows, 60);
    const figures = (f: any) => {
      for (const k of ['cost_at_95', 'cost_at_100']) assert.ok(f[k] === null || typeof f[k] === 'number', k);
      assert.deepEqual(Object.keys(f.quality_at).sort(), ['10', '25', '50']);
      assert.equal(typeof f.aiq, 'number');
    };
    figures(out);
    for (const b of ['random', 'single_model_hull', 'oracle', 'task_told']) figures(out[b]);
    assert.ok(Array.isArray(out.points) && out.points.length > 10);
    for (const p of out.points)
      for (const k of ['knob', 'cost', 'quality']) assert.equal(typeof p[k], 'number');
    // small is right on every code prompt: the router learned it, the random router cannot
    assert.ok(out.cost_at_95 < 0.6, `router cost at 95%: ${out.cost_at_95}`);
    assert.ok(out.random.cost_at_95 > 0.85);
    assert.ok(out.aiq > out.single_model_hull.aiq);
    const svg = readFileSync(join(dir, 'curve.svg'), 'utf8');
    assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svg, /<path d="M/);
    // files only: no database was created or reached
    assert.ok(!existsSync(join(dir, 'data')) || readdirSync(join(dir, 'data')).length === 0);
  });

  it('eval prints a table without --json, and the default router works untrained', async () => {
    const text = await runCli(['router', 'eval', '--router', 'router.json', '--data', 'heldout.jsonl'], {
      env,
      cwd: dir,
    });
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /ROUTER\s+COST@95%/);
    assert.match(text.stdout, /single-model hull/);
    const defaultFile = new URL('../../data/routers/default.json', import.meta.url).pathname;
    const d = await runCli(['--json', 'router', 'eval', '--router', defaultFile, '--data', 'heldout.jsonl'], {
      env,
      cwd: dir,
    });
    assert.equal(d.code, 0, d.stderr);
    assert.equal(d.json().rows, 60);
  });

  it('eval --rule dollars sweeps μ in USD and says so; an unknown rule is refused', async () => {
    const r = await runCli(
      ['--json', 'router', 'eval', '--router', 'router.json', '--data', 'heldout.jsonl', '--rule', 'dollars'],
      { env, cwd: dir },
    );
    assert.equal(r.code, 0, r.stderr);
    const out = r.json();
    assert.equal(out.rule, 'dollars');
    assert.equal(out.task_told.points.length, out.points.length);
    assert.equal(out.points[0].mu, null); // μ = ∞ (JSON has no Infinity): the cheapest
    assert.equal(out.points.at(-1).mu, 0);
    for (const p of out.points.slice(1)) assert.equal(typeof p.mu, 'number');
    assert.ok(out.cost_at_95 < 0.6, `router cost at 95%: ${out.cost_at_95}`);
    const bad = await runCli(
      ['router', 'eval', '--router', 'router.json', '--data', 'heldout.jsonl', '--rule', 'euros'],
      {
        env,
        cwd: dir,
      },
    );
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--rule must be one of doublings, dollars, got "euros"/);
  });

  it('bad input: a clear message naming the line, exit 1', async () => {
    writeFileSync(
      join(dir, 'bad.jsonl'),
      '{"prompt":"x","scores":{"a":1}}\n{"prompt":"y","scores":{"a":7}}\n',
    );
    const r = await runCli(['router', 'train', '--data', 'bad.jsonl', '--out', 'x.json'], { env, cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bad\.jsonl: line 2: scores\["a"\] must be a number 0\.\.1/);
    const missing = await runCli(['router', 'eval', '--router', 'nope.json', '--data', 'heldout.jsonl'], {
      env,
      cwd: dir,
    });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot read router file nope\.json/);
    writeFileSync(join(dir, 'notrouter.json'), '{"format":"other"}');
    const wrong = await runCli(['router', 'eval', '--router', 'notrouter.json', '--data', 'heldout.jsonl'], {
      env,
      cwd: dir,
    });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /not a router file/);
  });
});
