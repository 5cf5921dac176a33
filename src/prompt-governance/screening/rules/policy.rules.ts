/** Disclaimers accepted by `financial-advice-disclaimer` when the policy names none of its own (matched case- and space-insensitively). */
export const DEFAULT_DISCLAIMERS: readonly string[] = [
  'not financial advice',
  'not investment advice',
  'does not constitute financial advice',
  'does not constitute investment advice',
  'for informational purposes only',
  'past performance does not guarantee future results',
  '투자 권유가 아닙니다',
  '투자 판단의 책임은',
];
