import type { Finding, TextPart } from '../finding.js';
import { INJECTION_RULES, type InjectionRule } from '../rules/injection.rules.js';
import { foldedPart, matchFolded } from '../text/folded-text.js';

/** Instruction overrides, role hijacking and attempts to reveal the system prompt. */
export class InjectionDetector {
  constructor(private readonly rules: readonly InjectionRule[] = INJECTION_RULES) {}

  detect(parts: TextPart[]): Finding[] {
    const findings: Finding[] = [];
    for (const part of parts) {
      const folded = foldedPart(part);
      for (const rule of this.rules) {
        for (const { start, end } of matchFolded(folded, rule.pattern)) {
          findings.push({ rule: rule.id, category: 'injection', severity: rule.severity, part: part.name, start, end, excerpt: part.text.slice(start, end), reason: rule.reason });
        }
      }
    }
    return findings.sort((a, b) => a.part.localeCompare(b.part) || a.start - b.start);
  }
}
