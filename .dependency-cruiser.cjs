/**
 * The direction of dependencies, checked by the test command (scripts/test.sh): the domains sit on the
 * platform modules (identity, audit), all of them on common; retraining orchestrates evaluation, which
 * uses lifecycle; prompt governance stands apart. A folder under src/ uses another only through that
 * folder's public surface, its index.ts, never through its files. The composition roots (src/*.ts and
 * src/admin) wire everything and are free.
 */
const DOMAINS_ABOVE = {
  lifecycle: ['evaluation', 'retraining', 'prompt-governance', 'admin'],
  evaluation: ['retraining', 'prompt-governance', 'admin'],
  'prompt-governance': ['lifecycle', 'evaluation', 'retraining', 'admin'],
  identity: ['lifecycle', 'evaluation', 'retraining', 'prompt-governance', 'admin'],
  audit: ['identity', 'lifecycle', 'evaluation', 'retraining', 'prompt-governance', 'admin'],
  common: ['audit', 'identity', 'lifecycle', 'evaluation', 'retraining', 'prompt-governance', 'admin'],
};

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'A cycle ties modules so neither can change alone.', from: { path: '^(src|libs)/' }, to: { circular: true } },
    ...Object.entries(DOMAINS_ABOVE).map(([below, above]) => ({
      name: `${below}-knows-nothing-above-it`,
      severity: 'error',
      comment: `${below} must not depend on ${above.join(', ')}: dependencies run one way.`,
      from: { path: `^src/${below}/` },
      to: { path: `^src/(${above.join('|')})/` },
    })),
    {
      name: 'only-through-public-surface',
      severity: 'error',
      comment: 'Use another module through what its index.ts exports (its module, services and ports), never its files.',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/[^/]+/', pathNot: ['^src/$1/', '^src/common/', '^src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'no-own-index',
      severity: 'error',
      comment: "A module's own files import each other directly; its index.ts is for the others.",
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/$1/index\\.ts$' },
    },
    {
      name: 'libs-stand-alone',
      severity: 'error',
      comment: 'libs/ are published to other services and cannot reach into the server.',
      from: { path: '^libs/' },
      to: { path: '^src/' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.spec\\.ts$|^dist/)' },
  },
};
