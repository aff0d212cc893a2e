// The features a trained quality predictor reads: hashed words and word pairs of the prompt
// (the scanner's hashes folded into 2^bits slots, weighted 1/√words so long and short prompts
// weigh alike) and the classifier's profile (task scores, difficulty, size, language, needs) as
// named features hashed into the same slots. Buffers are reused: copy what you keep.
import type { RoutingInput, TaskProfile } from './contract.js';
import { TASK_TYPES } from './contract.js';
import { hashName, hashPair, scanText } from './text-scan.js';

export interface FeatureSpec {
  /** log2 of the number of weight slots */
  bits: number;
  /** include adjacent word pairs */
  pairs: boolean;
  /** include the scan's statistics (numbers, operators, options, LaTeX, code symbols, length bucket) */
  stats?: boolean;
  /** include bucketed counts (numbers, words, digits per number, long words, option lines) */
  buckets?: boolean;
}

export const DEFAULT_FEATURES: FeatureSpec = { bits: 16, pairs: true, stats: true, buckets: true };

export interface FeatureVector {
  idx: Int32Array;
  val: Float32Array;
  n: number;
}

const TASK_NAMES = TASK_TYPES.map((t) => hashName(`task:${t}`));
const DIFFICULTY = hashName('difficulty');
const LOG_TOKENS = hashName('log_tokens');
const TOOLS = hashName('needs:tools');
const IMAGES = hashName('needs:images');
const STRUCTURED = hashName('needs:structured');
const NUMBERS = hashName('stat:numbers');
const OPERATORS = hashName('stat:operators');
const OPTIONS = hashName('stat:options');
const LATEX = hashName('stat:latex');
const QUESTIONS = hashName('stat:questions');
const CODE = hashName('stat:code');
const LINES = hashName('stat:lines');
const LENGTH = Array.from({ length: 16 }, (_, i) => hashName(`stat:len:${i}`));
const BUCKETS = ['numbers', 'words', 'digits', 'long', 'upper', 'questions'].map((name) =>
  Array.from({ length: 12 }, (_, i) => hashName(`bucket:${name}:${i}`)),
);
const langHashes = new Map<string, number>();

/** the bucket of a count: 0, 1, 2, 3–4, 5–8, … (log2), at most 11 */
const bucketOf = (n: number) => (n <= 0 ? 0 : Math.min(11, 1 + Math.floor(Math.log2(n))));

const vec: FeatureVector = { idx: new Int32Array(4096), val: new Float32Array(4096), n: 0 };

function add(slot: number, value: number): void {
  if (vec.n >= vec.idx.length) {
    const idx = new Int32Array(vec.idx.length * 2);
    idx.set(vec.idx);
    const val = new Float32Array(vec.val.length * 2);
    val.set(vec.val);
    vec.idx = idx;
    vec.val = val;
  }
  vec.idx[vec.n] = slot;
  vec.val[vec.n] = value;
  vec.n++;
}

/** the slot of a hash in a table of 2^bits */
export function slotOf(hash: number, bits: number): number {
  return (Math.imul(hash, 0x9e3779b1) >>> (32 - bits)) >>> 0;
}

let lastInput: RoutingInput | undefined;
let lastProfile: TaskProfile | undefined;
let lastSpec: FeatureSpec | undefined;

/**
 * The feature vector of one request. The returned object is reused: the same request asked again
 * (one call per candidate model) costs nothing, another request overwrites it.
 */
export function featurize(input: RoutingInput, profile: TaskProfile, spec: FeatureSpec): FeatureVector {
  if (input === lastInput && profile === lastProfile && spec === lastSpec) return vec;
  const scan = scanText(input.prompt);
  vec.n = 0;
  const bits = spec.bits;
  const words = scan.count;
  const w = words > 0 ? 1 / Math.sqrt(words) : 0;
  let prev = 0;
  for (let i = 0; i < words; i++) {
    const h = scan.hashes[i]!;
    add(slotOf(h, bits), w);
    if (spec.pairs && i > 0) add(slotOf(hashPair(prev, h), bits), w * 0.5);
    prev = h;
  }
  for (let t = 0; t < TASK_NAMES.length; t++)
    add(slotOf(TASK_NAMES[t]!, bits), profile.taskScores[TASK_TYPES[t]!]);
  add(slotOf(DIFFICULTY, bits), profile.difficulty);
  if (spec.stats) {
    const st = scan.stats;
    const perWord = 1 / Math.max(1, st.words);
    add(slotOf(NUMBERS, bits), Math.min(1, st.numbers * perWord * 5));
    add(slotOf(OPERATORS, bits), Math.min(1, (st.operators + st.equals) / 10));
    add(slotOf(OPTIONS, bits), st.optionLines >= 2 ? 1 : 0);
    add(slotOf(LATEX, bits), Math.min(1, (st.backslashes + st.dollars) / 5));
    add(slotOf(QUESTIONS, bits), Math.min(1, st.questions / 3));
    add(slotOf(CODE, bits), Math.min(1, (st.braces + st.semicolons + st.fences * 4) / 10));
    add(slotOf(LINES, bits), Math.min(1, st.lines / 40));
    add(slotOf(LENGTH[Math.min(15, Math.floor(Math.log2(1 + input.promptTokens)))]!, bits), 1);
  }
  if (spec.buckets) {
    const st = scan.stats;
    const counts = [
      st.numbers,
      st.words,
      st.numbers > 0 ? Math.round((4 * st.digits) / st.numbers) : 0,
      st.longWords,
      st.upper,
      st.questions,
    ];
    for (let b = 0; b < counts.length; b++) add(slotOf(BUCKETS[b]![bucketOf(counts[b]!)]!, bits), 1);
  }
  add(slotOf(LOG_TOKENS, bits), Math.log10(1 + input.promptTokens) / 4);
  if (input.hasTools) add(slotOf(TOOLS, bits), 1);
  if (input.hasImages) add(slotOf(IMAGES, bits), 1);
  if (input.structuredOutput) add(slotOf(STRUCTURED, bits), 1);
  let lang = langHashes.get(profile.language);
  if (lang === undefined) {
    lang = hashName(`lang:${profile.language}`);
    langHashes.set(profile.language, lang);
  }
  add(slotOf(lang, bits), 1);
  lastInput = input;
  lastProfile = profile;
  lastSpec = spec;
  return vec;
}
