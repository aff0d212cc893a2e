// The language of a prompt from the scan: the dominant script decides for non-Latin scripts;
// for Latin script, the language whose common words occur most (at least two of them), else 'und'.
import type { ScanResult } from './text-scan.js';
import { hashWord } from './text-scan.js';

const LATIN: Record<string, string> = {
  en: 'the and of to is in that it for you with are this was what how on be can do have not',
  fr: 'le la les et est des une un du de que qui pour dans pas sur vous je avec ce il sont au',
  de: 'der die das und ist nicht ein eine ich mit den zu von auf für sie es wie dem sich auch',
  es: 'el la de los las y es del una por que con para se no su al lo como más pero sus está',
  pt: 'o de e é do da em um uma que com para não se na no os as mais por são você',
  it: 'il lo gli e è di che non un una per con sono della nel alla mi si come anche',
  nl: 'de het een en is van dat niet op te zijn voor met er maar ook als bij je',
};
const LANGS = Object.keys(LATIN);
const stop = new Map<number, number>(); // word hash → bit mask of languages
LANGS.forEach((lang, i) => {
  for (const w of LATIN[lang]!.split(' ')) {
    const h = hashWord(w);
    stop.set(h, (stop.get(h) ?? 0) | (1 << i));
  }
});
const counts = new Int32Array(LANGS.length);

export function detectLanguage(scan: ScanResult): string {
  const s = scan.stats;
  const scripts: [number, string][] = [
    [s.kana, 'ja'],
    [s.hangul, 'ko'],
    [s.han, 'zh'],
    [s.cyrillic, 'ru'],
    [s.arabic, 'ar'],
    [s.devanagari, 'hi'],
    [s.greek, 'el'],
    [s.hebrew, 'he'],
    [s.thai, 'th'],
  ];
  const letters = s.latin + s.kana + s.hangul + s.han + s.cyrillic + s.arabic + s.devanagari + s.greek;
  if (letters === 0) return 'und';
  // Japanese mixes kana with Han: any real share of kana means Japanese
  if (s.kana > 0 && s.kana * 10 >= s.kana + s.han) return 'ja';
  let best = 'und';
  let bestCount = 0;
  for (const [count, lang] of scripts) {
    if (count > bestCount) {
      bestCount = count;
      best = lang;
    }
  }
  // ideographs carry a word per character: weigh them up against letters of alphabets
  const weighted = s.han + s.kana + s.hangul > 0 ? bestCount * 3 : bestCount;
  if (weighted > s.latin) return best;
  counts.fill(0);
  for (let i = 0; i < scan.count; i++) {
    const mask = stop.get(scan.hashes[i]!);
    if (mask === undefined) continue;
    for (let l = 0; l < LANGS.length; l++) if (mask & (1 << l)) counts[l]!++;
  }
  // the language with the most common words; a tie (or none) is undetermined
  let top = -1;
  let topCount = 0;
  let second = 0;
  for (let l = 0; l < LANGS.length; l++) {
    const c = counts[l]!;
    if (c > topCount) {
      second = topCount;
      topCount = c;
      top = l;
    } else if (c > second) second = c;
  }
  return top >= 0 && topCount > second ? LANGS[top]! : 'und';
}
