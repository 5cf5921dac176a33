import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = process.cwd();
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(ROOT, 'node_modules/.bin/depcruise');

/** Runs the project's dependency rules over `folders` of `dir` and answers the violated rules' names. */
function violations(dir: string, folders = ['src']): string[] {
  const result = spawnSync(DEPCRUISE, ['--config', CONFIG, '--output-type', 'json', ...folders], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const report = JSON.parse(result.stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return report.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

const trees: string[] = [];

/** A small tree in the project's layout, each file importing the ones named. */
function tree(files: Record<string, string[]>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dependency-rules-'));
  trees.push(dir);
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' } }));
  for (const [file, imports] of Object.entries(files)) {
    const lines = imports.map((target, i) => {
      let spec = path.posix.relative(path.posix.dirname(file), target).replace(/\.ts$/, '.js');
      if (!spec.startsWith('.')) spec = `./${spec}`;
      return `import { x${i} } from '${spec}';\nexport const y${i} = x${i};`;
    });
    fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), `${lines.join('\n')}\nexport const x0 = 0, x1 = 1, x2 = 2;\n`);
  }
  return dir;
}

describe('dependency rules (.dependency-cruiser.cjs)', () => {
  afterAll(() => trees.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('finds no violation in the code base', () => {
    expect(violations(ROOT, ['src', 'libs'])).toEqual([]);
  });

  it('refuses a domain reaching into another one’s files instead of its index', () => {
    const dir = tree({
      'src/lifecycle/index.ts': ['src/lifecycle/runs/runs.service.ts'],
      'src/lifecycle/runs/runs.service.ts': [],
      'src/evaluation/runs/evaluation-runs.service.ts': ['src/lifecycle/runs/runs.service.ts', 'src/lifecycle/index.ts'],
    });
    expect(violations(dir)).toEqual(['only-through-public-surface: src/evaluation/runs/evaluation-runs.service.ts -> src/lifecycle/runs/runs.service.ts']);
  });

  it('refuses a dependency against the direction: lower modules know nothing above them', () => {
    const dir = tree({
      'src/common/pagination/page.ts': ['src/audit/index.ts'],
      'src/audit/index.ts': ['src/identity/index.ts'],
      'src/identity/index.ts': [],
      'src/lifecycle/index.ts': ['src/evaluation/index.ts'],
      'src/evaluation/index.ts': ['src/retraining/index.ts'],
      'src/retraining/index.ts': [],
      'src/prompt-governance/index.ts': ['src/lifecycle/index.ts'],
    });
    expect(violations(dir)).toEqual([
      'audit-knows-nothing-above-it: src/audit/index.ts -> src/identity/index.ts',
      'common-knows-nothing-above-it: src/common/pagination/page.ts -> src/audit/index.ts',
      'evaluation-knows-nothing-above-it: src/evaluation/index.ts -> src/retraining/index.ts',
      'lifecycle-knows-nothing-above-it: src/lifecycle/index.ts -> src/evaluation/index.ts',
      'prompt-governance-knows-nothing-above-it: src/prompt-governance/index.ts -> src/lifecycle/index.ts',
    ]);
  });

  it('refuses a cycle and a module importing its own index', () => {
    const dir = tree({
      'src/lifecycle/index.ts': ['src/lifecycle/runs/a.ts'],
      'src/lifecycle/runs/a.ts': ['src/lifecycle/runs/b.ts'],
      'src/lifecycle/runs/b.ts': ['src/lifecycle/runs/a.ts', 'src/lifecycle/index.ts'],
    });
    expect(violations(dir)).toEqual(
      expect.arrayContaining([
        'no-circular: src/lifecycle/runs/a.ts -> src/lifecycle/runs/b.ts',
        'no-own-index: src/lifecycle/runs/b.ts -> src/lifecycle/index.ts',
      ]),
    );
  });
});
