// What a request is for, read in one pass over its text: keyword evidence (keywords.ts), symbol
// evidence (code fences, braces, operators, LaTeX, multiple-choice options), the request's shape
// (tools, images, size) → a score per task type, a difficulty, the language and the needs.
import { type RoutingInput, TASK_TYPES, type TaskProfile, type TaskType } from './contract.js';
import { HARD, keywordWeights, SIGNAL_COUNT, TRIVIAL } from './keywords.js';
import { detectLanguage } from './language.js';
import { hashPair, type ScanResult, scanText, type TextStats } from './text-scan.js';

const CHAT = 0;
const CODE = 1;
const MATH = 2;
const LONG = 3;
const TRANSLATION = 4;
const CLASSIFICATION = 5;
const TOOL = 6;
const VISION = 7;

/** prompts above this many tokens read as long documents on size alone */
export const LONG_DOCUMENT_TOKENS = 2500;

/** expected answer length per task type, in tokens (before the request's own limit) */
const EXPECTED_OUTPUT: Record<TaskType, number> = {
  chat: 350,
  code: 700,
  math_reasoning: 450,
  long_document: 500,
  translation: 0, // the length of the text itself, see below
  classification: 20,
  tool_agent: 150,
  vision: 300,
};

const evidence = new Float64Array(SIGNAL_COUNT);

/** keyword evidence: sums each word's and each word pair's weights into `evidence` */
function keywordEvidence(scan: ScanResult): void {
  evidence.fill(0);
  const { hashes, count } = scan;
  let prev = 0;
  for (let i = 0; i < count; i++) {
    const h = hashes[i]!;
    const w = keywordWeights(h);
    if (w) for (let s = 0; s < SIGNAL_COUNT; s++) evidence[s]! += w[s]!;
    if (i > 0) {
      const p = keywordWeights(hashPair(prev, h));
      if (p) for (let s = 0; s < SIGNAL_COUNT; s++) evidence[s]! += p[s]!;
    }
    prev = h;
  }
}

/** 0..cap, rising fast for the first pieces of evidence and then saturating */
const saturate = (x: number, cap: number, scale: number) => cap * (1 - Math.exp(-x / scale));

function codeSymbols(s: TextStats): number {
  const perLine = s.lines > 0 ? 1 / s.lines : 0;
  return (
    Math.min(3, s.fences * 1.2) +
    saturate((s.braces + s.semicolons) * perLine, 1.5, 0.5) +
    saturate(s.indentedLines * perLine, 1, 0.3) +
    saturate(s.underscores, 0.5, 3) +
    saturate(s.angle * perLine, 0.4, 1)
  );
}

function mathSymbols(s: TextStats): number {
  const words = Math.max(1, s.words);
  return (
    saturate(s.operators + s.equals * 1.5 + s.backslashes * 0.7 + s.dollars * 0.3, 1.6, 4) +
    saturate((s.numbers * 10) / words, 1, 1)
  );
}

const raw = new Float64Array(TASK_TYPES.length);

export function classifyTask(input: RoutingInput): TaskProfile {
  const scan = scanText(input.prompt);
  const s = scan.stats;
  keywordEvidence(scan);
  const promptTokens = Math.max(input.promptTokens, Math.ceil(input.prompt.length / 4));

  raw[CHAT] = 1 + saturate(evidence[CHAT]!, 1.5, 1.5);
  raw[CODE] = saturate(evidence[CODE]!, 2.5, 1.5) + codeSymbols(s);
  raw[MATH] = saturate(evidence[MATH]!, 2.5, 1.5) + mathSymbols(s) - (s.fences > 0 ? 1 : 0);
  const long = promptTokens > LONG_DOCUMENT_TOKENS;
  raw[LONG] =
    saturate(evidence[LONG]!, long ? 3 : 1.6, 1) +
    (long ? 1.5 + Math.min(2, (promptTokens - LONG_DOCUMENT_TOKENS) / 3000) : 0);
  raw[TRANSLATION] = saturate(evidence[TRANSLATION]!, 3.5, 0.8);
  raw[CLASSIFICATION] =
    saturate(evidence[CLASSIFICATION]!, 2.5, 1.5) +
    (s.optionLines >= 2 ? 1.2 + Math.min(1, s.optionLines / 8) : 0);
  raw[TOOL] = saturate(evidence[TOOL]!, 1, 1.5) + (input.hasTools ? 4.5 : 0);
  raw[VISION] = saturate(evidence[VISION]!, 1, 1.5) + (input.hasImages ? 6 : 0);
  if (!input.hasImages) raw[VISION] = Math.min(raw[VISION]!, 0.5);

  // softmax over the raw scores
  let max = -Infinity;
  let best = 0;
  for (let t = 0; t < raw.length; t++) {
    if (raw[t]! > max) {
      max = raw[t]!;
      best = t;
    }
  }
  let sum = 0;
  for (let t = 0; t < raw.length; t++) sum += Math.exp(2 * (raw[t]! - max));
  const taskScores = {} as Record<TaskType, number>;
  for (let t = 0; t < raw.length; t++) taskScores[TASK_TYPES[t]!] = Math.exp(2 * (raw[t]! - max)) / sum;
  const taskType = TASK_TYPES[best]!;

  const difficulty = difficultyOf(s, taskType, promptTokens, input.system?.length ?? 0);
  let expected = EXPECTED_OUTPUT[taskType];
  if (taskType === 'translation') expected = Math.min(4000, Math.ceil(promptTokens * 1.1) + 20);
  if (taskType === 'long_document') expected = Math.min(1200, 250 + Math.ceil(promptTokens * 0.05));
  expected = Math.round(expected * (0.7 + 0.8 * difficulty));
  if (input.maxOutputTokens !== undefined && input.maxOutputTokens > 0)
    expected = Math.min(expected, input.maxOutputTokens);

  return {
    taskType,
    taskScores,
    difficulty,
    language: detectLanguage(scan),
    needs: {
      tools: input.hasTools,
      images: input.hasImages,
      structuredOutput: input.structuredOutput,
      contextTokens: input.promptTokens + (input.maxOutputTokens ?? expected),
    },
    expectedOutputTokens: expected,
  };
}

const TASK_DIFFICULTY: Record<TaskType, number> = {
  chat: 0,
  code: 0.15,
  math_reasoning: 0.15,
  long_document: 0.05,
  translation: 0,
  classification: -0.05,
  tool_agent: 0.05,
  vision: 0.05,
};

function difficultyOf(s: TextStats, task: TaskType, tokens: number, systemChars: number): number {
  let d = 0.3 + TASK_DIFFICULTY[task];
  d += 0.15 * Math.min(1, Math.max(0, Math.log10(tokens / 40) / 2));
  d += saturate(evidence[HARD]!, 0.3, 1.2);
  if (s.words > 0) d += 0.1 * Math.min(1, (s.longWords / s.words) * 6);
  if (s.questions >= 3) d += 0.05;
  if (systemChars > 2000) d += 0.03;
  // a greeting or a thank-you of a few words
  if (s.words <= 12 && evidence[TRIVIAL]! > 0) d -= 0.3;
  else if (s.words <= 6 && task === 'chat') d -= 0.15;
  return Math.min(1, Math.max(0, d));
}
