/** The platform's one error shape (RFC 9457). */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
