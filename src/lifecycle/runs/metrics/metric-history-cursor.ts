import { invalidCursor, timeAt } from '../../../common/pagination/cursor.js';

/** `<step>_<timestamp>_<id>`: the position of a point in a metric's history (step, then time in milliseconds, then id). */
export const METRIC_HISTORY_CURSOR_PATTERN = /^(\d{1,16})_(\d{1,16})_([0-9a-f]{24})$/;

export interface HistoryPosition {
  step: number;
  timestamp: Date;
  id: string;
}

export function encodeHistoryCursor({ step, timestamp, id }: HistoryPosition): string {
  return `${step}_${timestamp.getTime()}_${id}`;
}

export function decodeHistoryCursor(cursor: string): HistoryPosition {
  const match = METRIC_HISTORY_CURSOR_PATTERN.exec(cursor);
  if (!match) throw invalidCursor();
  return { step: Number(match[1]), timestamp: timeAt(Number(match[2])), id: match[3] };
}
