// The RouteLLM converter on a few hand-made rows: CSV quoting, contaminated prompts dropped,
// scores and costs computed as documented, MT-Bench turns and answers, the hash split.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  answersOf,
  contaminated,
  convertGsm8k,
  convertMmlu,
  convertMtBench,
  isHeldOut,
  parseCsv,
  STRONG,
  WEAK,
} from '../../scripts/prepare-routing-data.js';

// one "token" per space-separated word keeps the expected costs easy to compute by hand
const count = (t: string) => (t.trim() ? t.trim().split(/\s+/).length : 0);
const prices = { [STRONG]: { input: 10e-6, output: 30e-6 }, [WEAK]: { input: 0.7e-6, output: 0.7e-6 } };
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

describe('prepare-routing-data', () => {
  it('parses quoted CSV fields with commas, doubled quotes and newlines', () => {
    assert.deepEqual(parseCsv('a,b\n"x, ""y""\nz",2\r\nlast,3'), [
      ['a', 'b'],
      ['x, "y"\nz', '2'],
      ['last', '3'],
    ]);
  });

  it('GSM8K: True/False scores, costs from prompt and recorded responses; contaminated prompts dropped', () => {
    const csv =
      `prompt,${WEAK},${STRONG},${WEAK}_response,${STRONG}_response\n` +
      `"How many eggs, in all?",False,True,"one two three","one two three four five"\n` +
      `Leaked prompt,True,True,a,b\n`;
    const rows = convertGsm8k(
      csv,
      contaminated('{"eval_prompt":"Leaked prompt","train_prompt":"x"}\n'),
      prices,
      count,
    );
    assert.equal(rows.length, 1);
    const r = rows[0]!;
    assert.equal(r.prompt, 'How many eggs, in all?');
    assert.deepEqual(r.scores, { [STRONG]: 1, [WEAK]: 0 });
    close(r.costs[STRONG]!, 5 * 10e-6 + 5 * 30e-6);
    close(r.costs[WEAK]!, 5 * 0.7e-6 + 3 * 0.7e-6);
    assert.equal(r.task, 'math_reasoning');
    assert.equal(r.source, 'gsm8k');
  });

  it('MMLU: one output token; the subject decides the task', () => {
    const csv = `prompt,${WEAK},${STRONG}\n"Q?\nA. x\nB. y\nAnswer:",True,False\n`;
    const [alg] = convertMmlu(csv, 'abstract_algebra', new Set(), prices, count);
    const [law] = convertMmlu(csv, 'professional_law', new Set(), prices, count);
    assert.equal(alg!.task, 'math_reasoning');
    assert.equal(law!.task, 'classification');
    assert.equal(law!.source, 'mmlu/professional_law');
    close(alg!.costs[STRONG]!, 6 * 10e-6 + 30e-6);
    assert.deepEqual(alg!.scores, { [STRONG]: 0, [WEAK]: 1 });
  });

  it('MT-Bench: mean of the two turn scores / 10; both turns priced as served; contaminated dropped', () => {
    const questions =
      '{"question_id":1,"category":"coding","turns":["Write code now","Make it faster"]}\n' +
      '{"question_id":2,"category":"writing","turns":["Leaked","More"]}\n';
    const conv = (a1: string, a2: string) =>
      `<|The Start of Assistant A's Conversation with User|>\n\n### User:\nWrite code now\n\n### Assistant A:\n${a1}\n\n### User:\nMake it faster\n\n### Assistant A:\n${a2}\n\n<|The End of Assistant A's Conversation with User|>`;
    const judgements = [
      {
        question_id: 1,
        model: STRONG,
        score: 9,
        turn: 1,
        user_prompt: "[The Start of Assistant's Answer]\nx\n[The End of Assistant's Answer]",
      },
      { question_id: 1, model: STRONG, score: 7, turn: 2, user_prompt: conv('a b', 'c d e') },
      { question_id: 1, model: WEAK, score: 6, turn: 1, user_prompt: '' },
      { question_id: 1, model: WEAK, score: 4, turn: 2, user_prompt: conv('a', 'b') },
    ]
      .map((j) => JSON.stringify(j))
      .join('\n');
    const rows = convertMtBench(questions, judgements, new Set(['Leaked']), prices, count);
    assert.equal(rows.length, 1);
    const r = rows[0]!;
    assert.equal(r.prompt, 'Write code now');
    assert.deepEqual(r.scores, { [STRONG]: 0.8, [WEAK]: 0.5 });
    assert.equal(r.task, 'code');
    // input: turn 1 (3) + turn 1 + answer 1 + turn 2 (3 + 2 + 3); output: answers (2 + 3)
    close(r.costs[STRONG]!, (3 + 3 + 2 + 3) * 10e-6 + (2 + 3) * 30e-6);
    assert.deepEqual(answersOf(conv('a b', 'c d e')), ['a b', 'c d e']);
  });

  it('the split is a deterministic hash of the prompt, near the asked share', () => {
    const prompts = Array.from({ length: 2000 }, (_, i) => `prompt number ${i}`);
    const held = prompts.filter((p) => isHeldOut(p, 20)).length;
    assert.ok(held > 330 && held < 470, `${held} of 2000 held out`);
    assert.deepEqual(
      prompts.map((p) => isHeldOut(p, 20)),
      prompts.map((p) => isHeldOut(p, 20)),
    );
  });
});
