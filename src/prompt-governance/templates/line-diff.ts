export interface LineChange {
  op: 'equal' | 'add' | 'remove';
  text: string;
  /** 1-based line number in the old text (null for an added line). */
  fromLine: number | null;
  /** 1-based line number in the new text (null for a removed line). */
  toLine: number | null;
}

/** Myers' O((N+M)·D) shortest edit script between two lists of lines; removals come before additions. */
export function diffLines(a: string[], b: string[]): LineChange[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) break outer;
    }
  }
  const changes: LineChange[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      changes.push({ op: 'equal', text: a[x - 1], fromLine: x, toLine: y });
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) changes.push({ op: 'add', text: b[y - 1], fromLine: null, toLine: y });
      else changes.push({ op: 'remove', text: a[x - 1], fromLine: x, toLine: null });
    }
    x = prevX;
    y = prevY;
  }
  return changes.reverse();
}
