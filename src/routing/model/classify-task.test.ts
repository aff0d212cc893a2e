import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyTask } from './classify-task.js';
import type { RoutingInput, TaskType } from './contract.js';

const input = (prompt: string, extra: Partial<RoutingInput> = {}): RoutingInput => ({
  prompt,
  historyChars: 0,
  hasTools: false,
  structuredOutput: false,
  hasImages: false,
  promptTokens: Math.ceil(prompt.length / 4),
  ...extra,
});

const LABELLED: [TaskType, string, string][] = [
  ['chat', 'en', 'Hello! Could you tell me a fun story about a dragon who loves the sea?'],
  ['chat', 'fr', 'Écris un poème sur la mer et le vent pour mon ami'],
  ['code', 'en', 'Write a Python function that reverses a linked list and explain its complexity.'],
  ['code', 'und', '```js\nconst add = (a, b) => {\n  return a + b;\n};\n```'],
  ['code', 'ru', 'Напиши функцию на Python для сортировки списка'],
  ['code', 'zh', '请用 Python 写一个函数，实现快速排序的代码'],
  [
    'math_reasoning',
    'en',
    'Janet has 16 eggs. She eats 3 and bakes with 4. How much does she make selling the rest at $2 each?',
  ],
  ['math_reasoning', 'en', 'Solve the equation 3x^2 + 2x - 5 = 0 and prove your answer is correct.'],
  [
    'math_reasoning',
    'de',
    'Berechne die Wahrscheinlichkeit, dass bei zwei Würfen mit einem Würfel die Summe 7 ist.',
  ],
  ['translation', 'en', 'Translate into French: the cat is sleeping on the table.'],
  ['translation', 'de', 'Übersetze ins Englische: Ich habe heute keine Zeit, aber morgen gerne.'],
  ['translation', 'zh', '请把这段话翻译成英文：我今天很高兴。'],
  ['translation', 'es', 'Traduce al inglés: el perro está en la casa de mi abuela.'],
  [
    'classification',
    'en',
    'Classify the sentiment of this review as positive, negative or neutral: "the battery died in a day"',
  ],
  [
    'classification',
    'en',
    'Which of the following is a mammal?\nA. shark\nB. dolphin\nC. trout\nD. eel\nAnswer:',
  ],
  [
    'long_document',
    'en',
    'Summarize the following article in three bullet points: The city council met on Monday to discuss the budget.',
  ],
  [
    'long_document',
    'fr',
    'Résumez ce texte en deux phrases : le gouvernement a annoncé de nouvelles mesures pour le logement.',
  ],
  ['long_document', 'ja', 'この文章を要約してください。今日は会議があり、予算について話し合いました。'],
];

describe('classifyTask', () => {
  for (const [task, lang, prompt] of LABELLED) {
    it(`${task} (${lang}): ${prompt.slice(0, 40).replace(/\n/g, ' ')}`, () => {
      const p = classifyTask(input(prompt));
      assert.equal(p.taskType, task);
      assert.equal(p.language, lang);
      const best = Math.max(...Object.values(p.taskScores));
      assert.equal(p.taskScores[task], best);
      assert.ok(p.difficulty >= 0 && p.difficulty <= 1);
    });
  }

  it('tools make an agent step and images a vision task, whatever the words', () => {
    assert.equal(
      classifyTask(input('What is the weather in Paris?', { hasTools: true })).taskType,
      'tool_agent',
    );
    assert.equal(classifyTask(input('What is in this picture?', { hasImages: true })).taskType, 'vision');
    assert.notEqual(classifyTask(input('Describe the picture on my wall')).taskType, 'vision');
  });

  it('a long prompt is a long document; its needs count prompt and expected output', () => {
    const doc = 'The committee reviewed the annual report and the minutes of each meeting. '.repeat(200);
    const p = classifyTask(input(`${doc}\nWhat were the main decisions?`, { promptTokens: 3200 }));
    assert.equal(p.taskType, 'long_document');
    assert.equal(p.needs.contextTokens, 3200 + p.expectedOutputTokens);
  });

  it('a greeting is trivial, a proof request hard', () => {
    const hi = classifyTask(input('hi'));
    const proof = classifyTask(
      input('Prove rigorously, step by step, that there are infinitely many primes.'),
    );
    assert.equal(hi.taskType, 'chat');
    assert.ok(hi.difficulty < 0.15, `hi: ${hi.difficulty}`);
    assert.ok(proof.difficulty > 0.6, `proof: ${proof.difficulty}`);
  });

  it('the request output limit caps the expected output and sets the context need', () => {
    const p = classifyTask(input('Write a long essay about rivers', { maxOutputTokens: 50 }));
    assert.equal(p.expectedOutputTokens, 50);
    assert.equal(p.needs.contextTokens, p.needs.contextTokens);
    assert.equal(p.needs.contextTokens, Math.ceil('Write a long essay about rivers'.length / 4) + 50);
  });

  it('classifies the same prompt the same way twice (buffers are reused safely)', () => {
    const a = classifyTask(input('Translate into German: good morning'));
    classifyTask(input('Write a SQL query that joins two tables'));
    const b = classifyTask(input('Translate into German: good morning'));
    assert.deepEqual(a, b);
  });
});
