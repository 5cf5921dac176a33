const MAX_CODE_POINT = 0x10ffff;
const SURROGATES = [0xd800, 0xdfff] as const;
/** Classes whose members depend on the engine: `\p{…}` is ECMAScript-only, `\s` differs from one engine to another. */
const ENGINE_DEPENDENT = /\\[pP]\{|\\[sS]/;

const translations = new Map<string, string>();
const classes = new Map<string, string>();

/**
 * The same pattern in a form every regex engine reads alike (ECMAScript, Python's `re`, Rust's `regex`): each
 * character class that holds a Unicode property or `\s`, and each `.`, becomes the explicit list of code
 * points this engine matches with it, so the document states exactly the set the validator accepts. A class
 * is written as its members or, when shorter, as the negation of the others; BMP code points as `\uXXXX`,
 * others as themselves.
 */
export function portablePattern(pattern: RegExp | string, flags = typeof pattern === 'string' ? 'u' : pattern.flags): string {
  const source = typeof pattern === 'string' ? pattern : pattern.source;
  const key = `${flags}/${source}`;
  let translated = translations.get(key);
  if (translated === undefined) {
    translated = translate(source, flags);
    translations.set(key, translated);
  }
  return translated;
}

function translate(source: string, flags: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const char = source[i];
    if (char === '[') {
      const end = classEnd(source, i);
      const text = source.slice(i, end);
      out += ENGINE_DEPENDENT.test(text) ? explicitClass(text, flags) : text;
      i = end;
    } else if (char === '\\') {
      const escape = escapeAt(source, i);
      out += ENGINE_DEPENDENT.test(escape) ? explicitClass(escape, flags) : escape;
      i += escape.length;
    } else if (char === '.') {
      out += explicitClass('.', flags);
      i += 1;
    } else {
      out += char;
      i += 1;
    }
  }
  return out;
}

/** The index just past the `]` closing the class that opens at `start`. */
function classEnd(source: string, start: number): number {
  let i = start + 1;
  if (source[i] === '^') i += 1;
  if (source[i] === ']') i += 1;
  while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? escapeAt(source, i).length : 1;
  return i + 1;
}

function escapeAt(source: string, start: number): string {
  const brace = /^\\[pPu]\{[^}]*\}/.exec(source.slice(start));
  if (brace) return brace[0];
  const unicode = /^\\(?:u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2})/.exec(source.slice(start));
  return unicode ? unicode[0] : source.slice(start, start + 2);
}

function explicitClass(text: string, flags: string): string {
  const key = `${flags}/${text}`;
  let explicit = classes.get(key);
  if (explicit === undefined) {
    explicit = listMembers(text, flags);
    classes.set(key, explicit);
  }
  return explicit;
}

/**
 * Lists the class as its members or, when fewer, as the negation of the others. Surrogate code points are in
 * neither list: JSON text is UTF-8, which cannot carry them, and some engines (Rust's) refuse them in a pattern.
 */
function listMembers(text: string, flags: string): string {
  const matcher = new RegExp(`^${text}$`, flags.replace(/[gy]/g, ''));
  const members: [number, number][] = [];
  const others: [number, number][] = [];
  let memberCount = 0;
  let otherCount = 0;
  let run: { member: boolean; start: number } | null = null;
  const close = (end: number) => {
    if (!run) return;
    (run.member ? members : others).push([run.start, end]);
    if (run.member) memberCount += end - run.start + 1;
    else otherCount += end - run.start + 1;
    run = null;
  };
  for (let code = 0; code <= MAX_CODE_POINT; code++) {
    if (code >= SURROGATES[0] && code <= SURROGATES[1]) {
      close(code - 1);
      code = SURROGATES[1];
      continue;
    }
    const member = matcher.test(String.fromCodePoint(code));
    if (run && run.member !== member) close(code - 1);
    run ??= { member, start: code };
  }
  close(MAX_CODE_POINT);
  return memberCount <= otherCount ? `[${ranges(members)}]` : `[^${ranges(others)}]`;
}

function ranges(list: [number, number][]): string {
  return list.map(([low, high]) => (low === high ? literal(low) : high === low + 1 ? literal(low) + literal(high) : `${literal(low)}-${literal(high)}`)).join('');
}

function literal(code: number): string {
  return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : String.fromCodePoint(code);
}
