import type { TextPart } from '../finding.js';

/**
 * A lower-cased copy of a text for phrase matching, with runs of white space folded to one space and
 * compatibility forms (full-width letters, ligatures) reduced to plain letters. `origin[i]` is the index
 * in the original text of folded character `i`, so a match can be reported at its original offsets.
 */
export interface FoldedText {
  folded: string;
  origin: ArrayLike<number>;
}

export function foldText(text: string): FoldedText {
  const chunks: string[] = [];
  let origin = new Int32Array(text.length + 8);
  let length = 0;
  const map = (index: number, count: number, step: number): void => {
    if (length + count > origin.length) {
      const grown = new Int32Array(Math.max(origin.length * 2, length + count));
      grown.set(origin);
      origin = grown;
    }
    for (let k = 0; k < count; k++) origin[length++] = index + k * step;
  };
  let lastWasSpace = false;
  let i = 0;
  while (i < text.length) {
    // Runs of printable ASCII, most of any text, are lower-cased in one go: same length, same offsets.
    if (isAsciiPrintable(text.charCodeAt(i))) {
      let end = i + 1;
      while (end < text.length && isAsciiPrintable(text.charCodeAt(end))) end++;
      chunks.push(text.slice(i, end).toLowerCase());
      map(i, end - i, 1);
      lastWasSpace = false;
      i = end;
      continue;
    }
    const char = text[i];
    if (/\s/.test(char)) {
      if (!lastWasSpace) {
        chunks.push(' ');
        map(i, 1, 0);
      }
      lastWasSpace = true;
      i++;
      continue;
    }
    lastWasSpace = false;
    const plain = plainLower(char);
    chunks.push(plain);
    map(i, plain.length, 0);
    i++;
  }
  return { folded: chunks.join(''), origin: origin.subarray(0, length) };
}

/** The folded text of a part, folded once however many detectors read it during an evaluation. */
const foldedParts = new WeakMap<TextPart, FoldedText>();

export function foldedPart(part: TextPart): FoldedText {
  let folded = foldedParts.get(part);
  if (!folded) {
    folded = foldText(part.text);
    foldedParts.set(part, folded);
  }
  return folded;
}

/** ASCII that is neither white space nor a control character: lower-casing keeps its length. */
function isAsciiPrintable(code: number): boolean {
  return code > 32 && code < 127;
}

/** Maps a match `[start, end)` in the folded text back to the original text. */
export function originalSpan(text: FoldedText, start: number, end: number): [number, number] {
  const from = text.origin[start] ?? 0;
  const to = end > start ? (text.origin[end - 1] ?? from) + 1 : from;
  return [from, to];
}

/** plainLower of each UTF-16 code unit met so far: at most 65,536 entries, and texts repeat their characters. */
const plainOfUnit = new Map<string, string>();

/** Lower case without diacritics, one character in, usually one out (never an empty string for a letter). */
export function plainLower(char: string): string {
  if (char.length !== 1) return computePlainLower(char);
  let plain = plainOfUnit.get(char);
  if (plain === undefined) {
    plain = computePlainLower(char);
    plainOfUnit.set(char, plain);
  }
  return plain;
}

function computePlainLower(char: string): string {
  const lower = char.toLowerCase();
  if (lower.charCodeAt(0) < 128) return lower;
  const compatible = lower.normalize('NFKC').toLowerCase();
  // Only alphabetic scripts lose their marks: Hangul syllables would decompose into jamo.
  if (!/[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u.test(compatible)) return compatible || lower;
  const stripped = compatible.normalize('NFD').replace(/\p{M}/gu, '');
  return stripped.length > 0 ? stripped : compatible;
}

/** Runs a global regular expression over the folded text and yields matches at original offsets. */
export function* matchFolded(text: FoldedText, pattern: RegExp): Generator<{ start: number; end: number; groups: string[] }> {
  const global = pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
  global.lastIndex = 0;
  for (let m = global.exec(text.folded); m !== null; m = global.exec(text.folded)) {
    if (m[0].length === 0) {
      global.lastIndex++;
      continue;
    }
    const [start, end] = originalSpan(text, m.index, m.index + m[0].length);
    yield { start, end, groups: m.slice(1) };
  }
}
