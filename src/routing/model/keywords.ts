// The words (and two-word phrases) that signal a task, in English, French, German, Spanish,
// Portuguese, Italian, Russian, Chinese and Japanese, compiled once into a map from the scanner's
// word hash to a weight per signal. Chinese and Japanese keywords are two characters (the scanner
// makes a word of every adjacent pair of ideographs).
import { hashPair, hashWord } from './text-scan.js';

/** the signals a word can carry: the eight task types in contract order, then difficulty markers */
export const SIGNALS = [
  'chat',
  'code',
  'math_reasoning',
  'long_document',
  'translation',
  'classification',
  'tool_agent',
  'vision',
  'hard',
  'trivial',
] as const;
export type Signal = (typeof SIGNALS)[number];
export const SIGNAL_COUNT = SIGNALS.length;
export const HARD = 8;
export const TRIVIAL = 9;

/** weight 1: a clear sign; 0.4: a hint */
const TABLE: Record<Signal, { strong: string; weak: string }> = {
  chat: {
    strong:
      'hi hello hey thanks story poem joke email essay blog letter advice recommend opinion chat ' +
      'bonjour salut merci hallo danke hola gracias olá obrigado ciao grazie привет спасибо 你好 谢谢 こん んに にち ちは',
    weak: 'tell write describe explain why what who feel think suggest ideas plan trip',
  },
  code: {
    strong:
      'code function functions bug debug compile compiler python javascript typescript java rust golang sql ' +
      'regex refactor traceback exception stacktrace algorithm def const async await json html css react npm ' +
      'git docker kubernetes bash shell program programming leetcode recursion unittest implement implementation ' +
      'snippet repository endpoint runtime segfault nullpointerexception println printf ' +
      'fonction programme programmer programmieren funktion código función função programa ' +
      'функцию функция программу код 代码 函数 编程 程序 コー ード 関数 プロ ログ グラ ラム',
    weak: 'error class method api script array loop variable integer string test library module install linux server database query',
  },
  math_reasoning: {
    strong:
      'solve calculate compute equation equations integral derivative prove proof theorem probability math ' +
      'mathematics algebra geometry triangle fraction sqrt matrix puzzle riddle deduce minimize maximize ' +
      'divisible remainder polynomial logarithm factorial ' +
      'how_many how_much step_by step_by_step ' +
      'berechne berechnen gleichung beweise wahrscheinlichkeit calculer calculez équation résoudre démontrer ' +
      'probabilité calcular calcula ecuación resolver resuelve probabilidad calcolare equazione ' +
      'вычислите решите уравнение сколько докажите 计算 方程 证明 概率 多少 計算 程式 証明 確率',
    weak:
      'sum product percent percentage total average ratio area volume circle prime factor logic reasoning ' +
      'cost price each per times minutes hours dollars numbers number',
  },
  long_document: {
    strong:
      'summarize summarise summary tldr extract extraction key_points bullet_points outline transcript ' +
      'zusammenfassen zusammenfassung fasse résumer résumez synthèse resumir resumen resuma resumo riassumi ' +
      'кратко резюме перескажи 总结 摘要 概括 要約 まと とめ',
    weak: 'document article report paper passage excerpt notes meeting minutes chapter text following',
  },
  translation: {
    strong:
      'translate translation translated translating into_english into_french into_german into_spanish ' +
      'into_chinese into_japanese to_english to_french to_german to_spanish übersetze übersetzen übersetzung ' +
      'traduire traduis traduisez traduction traduce traducir traducción traduza traduzir tradução traduci ' +
      'tradurre traduzione переведи перевести перевод 翻译 译成 翻訳 訳し',
    weak: 'english french german spanish chinese japanese italian portuguese russian korean arabic language',
  },
  classification: {
    strong:
      'classify classification categorize categorise categories sentiment spam intent ' +
      'which_of which_one true_or yes_or klassifiziere kategorisiere classer catégorie clasifica clasificar ' +
      'categoría classifica классифицируй категория 分类 类别 情感 分類 カテ テゴ',
    weak: 'category label labels positive negative neutral choose tag option options answer select correct',
  },
  tool_agent: {
    strong: 'search_the look_up browse fetch',
    weak: 'tool tools call weather book schedule lookup',
  },
  vision: {
    strong:
      'image picture photo screenshot diagram chart bild foto imagen immagine изображение фото 图片 图像 照片 画像 写真',
    weak: 'see shown look visual',
  },
  hard: {
    strong:
      'prove proof derive rigorous theorem optimize optimise complexity architecture tradeoffs ' +
      'concurrency distributed asymptotic lemma counterexample edge_cases step_by_step explain_why',
    weak: 'analyze analyse compare design evaluate critique why efficient multiple constraints',
  },
  trivial: {
    strong: 'hi hello hey thanks thank_you bonjour salut merci hallo danke hola gracias привет 你好 谢谢',
    weak: 'ok okay yes no good morning',
  },
};

const table = new Map<number, Float32Array>();

function keyOf(word: string): number {
  const parts = word.split('_');
  if (parts.length === 1) return hashWord(word);
  if (parts.length === 2) return hashPair(hashWord(parts[0]!), hashWord(parts[1]!));
  // three words: scanned as two pairs, keyed by the last pair
  return hashPair(hashWord(parts[1]!), hashWord(parts[2]!));
}

for (let s = 0; s < SIGNAL_COUNT; s++) {
  const entry = TABLE[SIGNALS[s]!];
  for (const [list, weight] of [
    [entry.strong, 1],
    [entry.weak, 0.4],
  ] as const) {
    for (const w of list.split(/\s+/)) {
      if (!w) continue;
      const k = keyOf(w);
      let v = table.get(k);
      if (!v) {
        v = new Float32Array(SIGNAL_COUNT);
        table.set(k, v);
      }
      v[s] = Math.max(v[s]!, weight);
    }
  }
}

/** the weights of a word or word-pair hash, or undefined */
export function keywordWeights(hash: number): Float32Array | undefined {
  return table.get(hash);
}
