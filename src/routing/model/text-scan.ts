// One pass over a prompt: word hashes (lower-cased FNV-1a, no substring allocated), the hash of
// each adjacent word pair, and character statistics (scripts, code and math symbols, lines).
// The classifier and the feature hasher both read this; the buffers are reused between calls and
// the last result is kept, so classifying and then predicting on the same text scans it once.

/** counts collected in the pass (reset on every scan) */
export interface TextStats {
  chars: number;
  words: number;
  lines: number;
  digits: number;
  numbers: number;
  upper: number;
  latin: number;
  han: number;
  kana: number;
  hangul: number;
  cyrillic: number;
  arabic: number;
  devanagari: number;
  greek: number;
  hebrew: number;
  thai: number;
  braces: number;
  semicolons: number;
  parens: number;
  equals: number;
  operators: number;
  angle: number;
  fences: number;
  dollars: number;
  backslashes: number;
  underscores: number;
  questions: number;
  indentedLines: number;
  /** lines that open like a multiple-choice option: `A.`, `b)`, `(C)` */
  optionLines: number;
  /** words longer than 9 letters */
  longWords: number;
}

export interface ScanResult {
  stats: TextStats;
  /** word hashes, `count` of them valid (the array is reused: copy what you keep) */
  hashes: Int32Array;
  count: number;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a of a lower-cased word, the same hash the scanner computes in place */
export function hashWord(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ lowerCode(word.charCodeAt(i)), FNV_PRIME);
  return h | 0;
}

/** the hash of two adjacent words (order matters) */
export function hashPair(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** the hash of a named feature or a marker (`<num>`, `lang:fr`) — never collides with a word by construction of the prefix */
export function hashName(name: string): number {
  return hashPair(0x5f3759df, hashWord(name));
}

export const NUMBER_HASH = hashName('<num>');

function lowerCode(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if ((c >= 0xc0 && c <= 0xde && c !== 0xd7) || (c >= 0x391 && c <= 0x3a9)) return c + 32;
  if (c >= 0x410 && c <= 0x42f) return c + 32;
  return c;
}

enum Kind {
  Other = 0,
  Letter = 1,
  Digit = 2,
  Ideograph = 3,
}

function emptyStats(): TextStats {
  return {
    chars: 0,
    words: 0,
    lines: 0,
    digits: 0,
    numbers: 0,
    upper: 0,
    latin: 0,
    han: 0,
    kana: 0,
    hangul: 0,
    cyrillic: 0,
    arabic: 0,
    devanagari: 0,
    greek: 0,
    hebrew: 0,
    thai: 0,
    braces: 0,
    semicolons: 0,
    parens: 0,
    equals: 0,
    operators: 0,
    angle: 0,
    fences: 0,
    dollars: 0,
    backslashes: 0,
    underscores: 0,
    questions: 0,
    indentedLines: 0,
    optionLines: 0,
    longWords: 0,
  };
}

const stats = emptyStats();
let hashes = new Int32Array(4096);
let lastText: string | undefined;
const result: ScanResult = { stats, hashes, count: 0 };

function push(h: number, n: number): number {
  if (n >= hashes.length) {
    const bigger = new Int32Array(hashes.length * 2);
    bigger.set(hashes);
    hashes = bigger;
    result.hashes = bigger;
  }
  hashes[n] = h;
  return n + 1;
}

/**
 * Scans `text` once. Ideographic scripts (Han, kana, hangul, Thai) have no spaces: each character
 * becomes a word, and each adjacent pair of them a word too (so 翻译 and 要約 can be keywords).
 */
export function scanText(text: string): ScanResult {
  if (text === lastText) return result;
  const s = stats;
  for (const k in s) (s as unknown as Record<string, number>)[k] = 0;
  let n = 0;
  let h = FNV_OFFSET;
  let wordLen = 0;
  let inNumber = false;
  let prevIdeo = 0; // code of the previous ideograph, 0 when the previous char was not one
  let atLineStart = true;
  let lineIndent = 0;
  let lineFirst = -1; // position in the line of the first non-space char, -1 until seen
  let linePos = 0;
  let fenceRun = 0;
  s.chars = text.length;
  s.lines = text.length > 0 ? 1 : 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    let kind = Kind.Other;
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) {
      kind = Kind.Letter;
      s.latin++;
      if (c <= 90) s.upper++;
    } else if (c >= 48 && c <= 57) {
      kind = Kind.Digit;
      s.digits++;
    } else if (c === 95) {
      kind = Kind.Letter; // identifiers keep their underscores
      s.underscores++;
    } else if (c >= 0xc0) {
      if (c <= 0x24f) {
        if (c !== 0xd7 && c !== 0xf7) {
          kind = Kind.Letter;
          s.latin++;
        }
      } else if (c >= 0x370 && c <= 0x3ff) {
        kind = Kind.Letter;
        s.greek++;
      } else if (c >= 0x400 && c <= 0x4ff) {
        kind = Kind.Letter;
        s.cyrillic++;
      } else if (c >= 0x590 && c <= 0x5ff) {
        kind = Kind.Letter;
        s.hebrew++;
      } else if (c >= 0x600 && c <= 0x6ff) {
        kind = Kind.Letter;
        s.arabic++;
      } else if (c >= 0x900 && c <= 0x97f) {
        kind = Kind.Letter;
        s.devanagari++;
      } else if (c >= 0xe00 && c <= 0xe7f) {
        kind = Kind.Ideograph;
        s.thai++;
      } else if (c >= 0x3040 && c <= 0x30ff) {
        kind = Kind.Ideograph;
        s.kana++;
      } else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) {
        kind = Kind.Ideograph;
        s.han++;
      } else if (c >= 0xac00 && c <= 0xd7af) {
        kind = Kind.Ideograph;
        s.hangul++;
      }
    }
    // close a word or number that ends here
    if (kind !== Kind.Letter && wordLen > 0 && !inNumber) {
      n = push(h | 0, n);
      s.words++;
      if (wordLen > 9) s.longWords++;
      wordLen = 0;
      h = FNV_OFFSET;
    }
    if (kind !== Kind.Digit && inNumber) {
      n = push(NUMBER_HASH, n);
      s.numbers++;
      inNumber = false;
      wordLen = 0;
      h = FNV_OFFSET;
    }
    if (kind === Kind.Letter) {
      h = Math.imul(h ^ lowerCode(c), FNV_PRIME);
      wordLen++;
    } else if (kind === Kind.Digit) {
      if (wordLen > 0) {
        // digits inside a word (utf8, x86) belong to it
        h = Math.imul(h ^ c, FNV_PRIME);
        wordLen++;
      } else inNumber = true;
    }
    if (kind === Kind.Ideograph) {
      const single = Math.imul(FNV_OFFSET ^ c, FNV_PRIME) | 0;
      n = push(single, n);
      if (prevIdeo !== 0)
        n = push(Math.imul(Math.imul(FNV_OFFSET ^ prevIdeo, FNV_PRIME) ^ c, FNV_PRIME) | 0, n);
      s.words++;
      prevIdeo = c;
    } else prevIdeo = 0;
    // symbols and line shape
    if (c === 96) {
      fenceRun++;
      if (fenceRun === 3) s.fences++;
    } else fenceRun = 0;
    switch (c) {
      case 123:
      case 125:
        s.braces++;
        break;
      case 59:
        s.semicolons++;
        break;
      case 40:
      case 41:
        s.parens++;
        break;
      case 61:
        s.equals++;
        break;
      case 43:
      case 42:
      case 47:
      case 94:
      case 0x2212:
      case 0xd7:
      case 0xf7:
        s.operators++;
        break;
      case 60:
      case 62:
        s.angle++;
        break;
      case 36:
        s.dollars++;
        break;
      case 92:
        s.backslashes++;
        break;
      case 63:
      case 0xff1f:
        s.questions++;
        break;
      default:
        break;
    }
    if (c === 10) {
      if (i < text.length) s.lines++;
      atLineStart = true;
      lineIndent = 0;
      lineFirst = -1;
      linePos = 0;
      continue;
    }
    if (atLineStart) {
      if (c === 32 || c === 9) {
        lineIndent += c === 9 ? 4 : 1;
        linePos++;
        continue;
      }
      atLineStart = false;
      if (lineIndent >= 2) s.indentedLines++;
      lineFirst = linePos;
    }
    // option lines: "A." "B)" "(C)" at the start of a line
    if (lineFirst >= 0 && linePos - lineFirst === 1) {
      const first = text.charCodeAt(i - 1);
      const isLetterOpt = (first >= 65 && first <= 72) || (first >= 97 && first <= 104);
      if (isLetterOpt && (c === 46 || c === 41)) s.optionLines++;
      if (first === 40 && i + 2 < text.length && text.charCodeAt(i + 1) === 41) {
        const l = c;
        if ((l >= 65 && l <= 72) || (l >= 97 && l <= 104)) s.optionLines++;
      }
    }
    linePos++;
  }
  lastText = text;
  result.count = n;
  return result;
}
