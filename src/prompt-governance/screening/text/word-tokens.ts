import { plainLower } from './folded-text.js';

/** A word of the original text with its canonical spellings (more than one when a character is ambiguous). */
export interface WordToken {
  start: number;
  end: number;
  variants: string[];
}

const SUBSTITUTIONS: Record<string, string> = {
  '@': 'a', '4': 'a', '3': 'e', '€': 'e', '0': 'o', '$': 's', '5': 's', '7': 't', '+': 't', '8': 'b', '9': 'g', '6': 'g',
  // Cyrillic and Greek letters that look like Latin ones.
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', к: 'k', м: 'm', т: 't', н: 'h', ο: 'o', α: 'a', ν: 'v',
};
/** Stand for either i or l ("k1ll", "sh!t"): both readings are tried. */
const AMBIGUOUS = new Set(['1', '!', '|']);
const SYMBOLS = new Set([...'@$!|*+€\'’']);
const TRIMMED = new Set([...'!|+\'’']);
const SPACED_GAP = /^[\s.\-_·,/]{1,2}$/;
const MIN_SPACED_LETTERS = 3;

const SEPARATORS = new Set([...' \t\n\r.-_·,/']);

function isWordChar(char: string): boolean {
  const code = char.charCodeAt(0);
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)) return true;
  if (code < 128) return SYMBOLS.has(char);
  return SYMBOLS.has(char) || /[\p{L}\p{N}]/u.test(char);
}

/**
 * Splits a text into words and spells each one canonically: lower case, no diacritics, look-alike
 * digits, symbols and foreign letters replaced ("5h!t" reads "shit"), apostrophes dropped, `*` kept as
 * a masked letter. Runs of single letters separated by spaces or dots ("f u c k", "f.u.c.k") are joined.
 */
export function wordTokens(text: string): WordToken[] {
  const raw: { start: number; end: number }[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isWordChar(text[i])) {
      i++;
      continue;
    }
    let end = i;
    while (end < text.length && isWordChar(text[end])) end++;
    let s = i;
    let e = end;
    while (s < e && TRIMMED.has(text[s])) s++;
    while (e > s && TRIMMED.has(text[e - 1])) e--;
    if (e > s && !/^\p{N}+$/u.test(text.slice(s, e))) raw.push({ start: s, end: e });
    i = end;
  }
  return joinSpacedLetters(text, raw).map(({ start, end }) => ({ start, end, variants: spellings(text.slice(start, end)) }));
}

function joinSpacedLetters(text: string, raw: { start: number; end: number }[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let k = 0;
  while (k < raw.length) {
    let last = k;
    if (raw[k].end - raw[k].start === 1) {
      while (last + 1 < raw.length && raw[last + 1].end - raw[last + 1].start === 1 && SPACED_GAP.test(text.slice(raw[last].end, raw[last + 1].start))) last++;
    }
    if (last - k + 1 >= MIN_SPACED_LETTERS) {
      out.push({ start: raw[k].start, end: raw[last].end });
    } else {
      for (let j = k; j <= last; j++) out.push(raw[j]);
    }
    k = last + 1;
  }
  return out;
}

function spellings(word: string): string[] {
  // Most words are plain lower-case ASCII and need no work.
  if (/^[a-z]+$/.test(word)) return [word];
  let asI = '';
  let asL = '';
  let ambiguous = false;
  for (const char of word) {
    if (char === "'" || char === '’' || SEPARATORS.has(char) || /\s/.test(char)) continue;
    if (AMBIGUOUS.has(char)) {
      ambiguous = true;
      asI += 'i';
      asL += 'l';
      continue;
    }
    const plain = plainLower(char);
    const mapped = SUBSTITUTIONS[plain] ?? plain;
    asI += mapped;
    asL += mapped;
  }
  return ambiguous ? [asI, asL] : [asI];
}

/** The word with runs of one letter reduced to one ("fuuuck" → "fuck"): the key words are looked up by. */
export function skeleton(word: string): string {
  let out = '';
  for (const char of word) if (out.at(-1) !== char) out += char;
  return out;
}
