/** One logged measurement: the value of a metric at a training step and a moment. */
export interface MetricPoint {
  key: string;
  value: number;
  step: number;
  timestamp: Date;
}

export type MetricPosition = Pick<MetricPoint, 'step' | 'timestamp'>;
