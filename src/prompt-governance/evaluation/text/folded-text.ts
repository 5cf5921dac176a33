/**
 * A lower-cased copy of a text for phrase matching, with runs of white space folded to one space and
 * compatibility forms (full-width letters, ligatures) reduced to plain letters. `origin[i]` is the index
 * in the original text of folded character `i`, so a match can be reported at its original offsets.
 */
export interface FoldedText {
  folded: string;
  origin: number[];
}

export function foldText(text: string): FoldedText {
  let folded = '';
  const origin: number[] = [];
  let lastWasSpace = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (/\s/.test(char)) {
      if (!lastWasSpace) {
        folded += ' ';
        origin.push(i);
      }
      lastWasSpace = true;
      continue;
    }
    lastWasSpace = false;
    const plain = plainLower(char);
    folded += plain;
    for (let k = 0; k < plain.length; k++) origin.push(i);
  }
  return { folded, origin };
}

/** Maps a match `[start, end)` in the folded text back to the original text. */
export function originalSpan(text: FoldedText, start: number, end: number): [number, number] {
  const from = text.origin[start] ?? 0;
  const to = end > start ? (text.origin[end - 1] ?? from) + 1 : from;
  return [from, to];
}

/** Lower case without diacritics, one character in, usually one out (never an empty string for a letter). */
export function plainLower(char: string): string {
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
