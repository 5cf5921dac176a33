/**
 * Keeps the k smallest values seen, in a max-heap of fixed size: one pass over the series and memory
 * proportional to k, instead of a sorted copy of the whole series.
 */
export class SmallestValues {
  private readonly heap: Float64Array;
  private size = 0;

  constructor(readonly capacity: number) {
    this.heap = new Float64Array(Math.max(1, capacity));
  }

  push(value: number): void {
    const heap = this.heap;
    if (this.size < this.capacity) {
      let i = this.size++;
      heap[i] = value;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (heap[parent] >= heap[i]) break;
        const swap = heap[parent];
        heap[parent] = heap[i];
        heap[i] = swap;
        i = parent;
      }
      return;
    }
    if (value >= heap[0]) return;
    heap[0] = value;
    this.siftDown();
  }

  /** The largest of the kept values: the k-th smallest of all values pushed. */
  largest(): number | null {
    return this.size > 0 ? this.heap[0] : null;
  }

  mean(): number | null {
    if (this.size === 0) return null;
    let sum = 0;
    for (let i = 0; i < this.size; i++) sum += this.heap[i];
    return sum / this.size;
  }

  private siftDown(): void {
    const heap = this.heap;
    const size = this.size;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let largest = i;
      if (left < size && heap[left] > heap[largest]) largest = left;
      if (right < size && heap[right] > heap[largest]) largest = right;
      if (largest === i) return;
      const swap = heap[largest];
      heap[largest] = heap[i];
      heap[i] = swap;
      i = largest;
    }
  }
}

/** Tail size used by historical VaR and CVaR at a confidence level: the ⌈(1 - c)·n⌉ worst periods, at least one. */
export function tailSize(observations: number, confidence: number): number {
  return Math.max(1, Math.ceil((1 - confidence) * observations - 1e-9));
}
