import type { Finding, TextPart } from '../finding.js';
import { TOXICITY_CATEGORIES, TOXICITY_LEXICON, TOXICITY_WEIGHTS, type ToxicityCategory } from '../rules/toxicity.lexicon.js';
import { skeleton, wordTokens, type WordToken } from '../text/word-tokens.js';

interface Phrase {
  category: ToxicityCategory;
  entry: string;
  /** Each word and its anchored pattern: a letter may be repeated ("fuuuck") but never dropped ("as" is not "ass"). */
  words: { plain: string; pattern: RegExp }[];
}

/** Longest masked word ("f*ck") tried against the lists. */
const MAX_MASKED = 32;

export interface ToxicityReport {
  findings: Finding[];
  /** 1 - Π(1 - weight) over every match, in [0, 1]. */
  score: number;
  byCategory: Record<ToxicityCategory, number>;
}

/** Word and phrase lists by category, robust to case, spacing, repeated letters and look-alike characters. */
export class ToxicityDetector {
  private readonly byFirstWord = new Map<string, Phrase[]>();
  /** Prefix entries ("fuck*") by the first letter of their skeleton, each with that skeleton. */
  private readonly byPrefix = new Map<string, { skeleton: string; phrase: Phrase }[]>();

  constructor(lexicon: Record<ToxicityCategory, readonly string[]> = TOXICITY_LEXICON) {
    for (const category of TOXICITY_CATEGORIES) {
      for (const entry of lexicon[category]) this.add(category, entry);
    }
  }

  detect(parts: TextPart[]): ToxicityReport {
    const findings = parts.flatMap((part) => this.detectIn(part));
    const byCategory = Object.fromEntries(TOXICITY_CATEGORIES.map((c) => [c, 0])) as Record<ToxicityCategory, number>;
    let keep = 1;
    const keepBy = Object.fromEntries(TOXICITY_CATEGORIES.map((c) => [c, 1])) as Record<ToxicityCategory, number>;
    for (const finding of findings) {
      const category = finding.rule.slice('toxicity.'.length) as ToxicityCategory;
      keep *= 1 - TOXICITY_WEIGHTS[category].weight;
      keepBy[category] *= 1 - TOXICITY_WEIGHTS[category].weight;
    }
    for (const category of TOXICITY_CATEGORIES) byCategory[category] = round(1 - keepBy[category]);
    return { findings, score: round(1 - keep), byCategory };
  }

  private detectIn(part: TextPart): Finding[] {
    const tokens = wordTokens(part.text);
    const found: { phrase: Phrase; start: number; end: number }[] = [];
    for (let i = 0; i < tokens.length; i++) {
      for (const phrase of this.candidates(tokens[i])) {
        const last = i + phrase.words.length - 1;
        if (last >= tokens.length) continue;
        if (phrase.words.every((word, k) => matches(tokens[i + k], word))) found.push({ phrase, start: tokens[i].start, end: tokens[last].end });
      }
    }
    return mergeOverlapping(found).map(({ phrase, entries, start, end }) => {
      const excerpt = part.text.slice(start, end);
      const listed = entries.map((e) => `"${e.replace(/\*$/, '')}"`).join(' and ');
      return {
        rule: `toxicity.${phrase.category}`,
        category: 'toxicity',
        severity: TOXICITY_WEIGHTS[phrase.category].severity,
        part: part.name,
        start,
        end,
        excerpt,
        reason: `"${excerpt}" reads as ${listed} from the ${phrase.category} list`,
      } satisfies Finding;
    });
  }

  private candidates(token: WordToken): Phrase[] {
    const out: Phrase[] = [];
    for (const variant of token.variants) {
      if (variant.includes('*')) {
        // Too little left to read ("***") is not a word, and no listed word is longer than MAX_MASKED.
        if (variant.replace(/\*/g, '').length < 2 || variant.length > MAX_MASKED) continue;
        const masked = maskPattern(variant);
        for (const phrases of this.byFirstWord.values()) for (const p of phrases) if (masked.test(p.words[0].plain)) out.push(p);
        for (const prefixes of this.byPrefix.values()) for (const { phrase } of prefixes) if (masked.test(phrase.words[0].plain)) out.push(phrase);
        continue;
      }
      const key = skeleton(variant);
      const exact = this.byFirstWord.get(key);
      if (exact) out.push(...exact);
      for (const { skeleton: stem, phrase } of this.byPrefix.get(key[0]) ?? []) if (key.startsWith(stem)) out.push(phrase);
    }
    return token.variants.length > 1 ? [...new Set(out)] : out;
  }

  private add(category: ToxicityCategory, entry: string): void {
    const prefix = entry.endsWith('*');
    const words = entry.replace(/\*$/, '').split(' ').map((w) => w.replace(/['’]/g, '').toLowerCase());
    const phrase: Phrase = {
      category,
      entry,
      words: words.map((plain, k) => ({ plain, pattern: new RegExp(`^${runPattern(plain)}${prefix && k === words.length - 1 ? '' : '$'}`, 'u') })),
    };
    if (prefix && words.length === 1) {
      const stem = skeleton(words[0]);
      this.byPrefix.set(stem[0], [...(this.byPrefix.get(stem[0]) ?? []), { skeleton: stem, phrase }]);
      return;
    }
    const key = skeleton(words[0]);
    this.byFirstWord.set(key, [...(this.byFirstWord.get(key) ?? []), phrase]);
  }
}

/** Overlapping matches of one category ("I will kill" and "kill you") are one finding, counted once. */
function mergeOverlapping(found: { phrase: Phrase; start: number; end: number }[]): { phrase: Phrase; entries: string[]; start: number; end: number }[] {
  const merged: { phrase: Phrase; entries: string[]; start: number; end: number }[] = [];
  // Matches come in order of their start, so only the latest finding of a category can still be open.
  const latest = new Map<ToxicityCategory, (typeof merged)[number]>();
  for (const match of [...found].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const open = latest.get(match.phrase.category);
    if (open && match.start < open.end) {
      open.end = Math.max(open.end, match.end);
      if (!open.entries.includes(match.phrase.entry)) open.entries.push(match.phrase.entry);
    } else {
      const finding = { phrase: match.phrase, entries: [match.phrase.entry], start: match.start, end: match.end };
      merged.push(finding);
      latest.set(match.phrase.category, finding);
    }
  }
  return merged;
}

function matches(token: WordToken, word: { plain: string; pattern: RegExp }): boolean {
  return token.variants.some(
    (v) => word.pattern.test(v) || (v.includes('*') && v.length <= MAX_MASKED && v.replace(/\*/g, '').length >= 2 && maskPattern(v).test(word.plain)),
  );
}

/** Patterns of masked words met recently: a text repeats its words, and compiling one costs more than testing it. */
const maskPatterns = new Map<string, RegExp>();
const MAX_CACHED_MASKS = 1024;

/** A masked word ("f*ck", "sh**") stands for one to three hidden letters per run of masks. */
function maskPattern(variant: string): RegExp {
  let pattern = maskPatterns.get(variant);
  if (!pattern) {
    pattern = new RegExp(`^${variant.split(/\*+/).map(escapeRegex).join('.{1,3}')}$`, 'u');
    if (maskPatterns.size >= MAX_CACHED_MASKS) maskPatterns.clear();
    maskPatterns.set(variant, pattern);
  }
  return pattern;
}

/** "ass" → a{1,}s{2,}: each run of a letter may grow but not shrink. */
function runPattern(word: string): string {
  let out = '';
  let k = 0;
  while (k < word.length) {
    let n = 1;
    while (word[k + n] === word[k]) n++;
    out += `${escapeRegex(word[k])}{${n},}`;
    k += n;
  }
  return out;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
