import type { Finding, PolicyRef, TextPart } from '../finding.js';
import { DEFAULT_DISCLAIMERS } from '../rules/policy.rules.js';
import { foldedPart, foldText } from '../text/folded-text.js';

/** The template's own policies: required disclaimer, no personal data, maximum length. */
export class PolicyDetector {
  detect(policies: PolicyRef[], parts: TextPart[], piiFindings: Finding[]): Finding[] {
    return policies.flatMap((policy) => {
      switch (policy.id) {
        case 'financial-advice-disclaimer':
          return this.disclaimer(policy, parts);
        case 'no-pii':
          return piiFindings.map((pii) => ({
            ...pii,
            rule: 'policy.no-pii',
            category: 'policy' as const,
            severity: 'critical' as const,
            reason: `policy no-pii forbids personal data and secrets in the prompt: ${pii.reason}`,
          }));
        case 'max-length':
          return this.maxLength(policy, parts);
      }
    });
  }

  private disclaimer(policy: PolicyRef, parts: TextPart[]): Finding[] {
    const accepted = policy.disclaimer ? [policy.disclaimer] : DEFAULT_DISCLAIMERS;
    const texts = parts.map((p) => foldedPart(p).folded);
    const present = accepted.some((d) => {
      const wanted = foldText(d).folded.trim();
      return texts.some((t) => t.includes(wanted));
    });
    if (present || parts.length === 0) return [];
    const last = parts.at(-1)!;
    return [
      {
        rule: 'policy.financial-advice-disclaimer',
        category: 'policy',
        severity: 'high',
        part: last.name,
        start: last.text.length,
        end: last.text.length,
        excerpt: '',
        reason: policy.disclaimer
          ? `policy financial-advice-disclaimer requires the disclaimer "${policy.disclaimer}", which is missing`
          : `policy financial-advice-disclaimer requires a disclaimer such as "${DEFAULT_DISCLAIMERS[0]}", and none is present`,
      },
    ];
  }

  private maxLength(policy: PolicyRef, parts: TextPart[]): Finding[] {
    const limit = policy.maxChars ?? Number.POSITIVE_INFINITY;
    let used = 0;
    for (const part of parts) {
      if (used + part.text.length > limit) {
        const start = Math.max(0, limit - used);
        const total = parts.reduce((n, p) => n + p.text.length, 0);
        return [
          {
            rule: 'policy.max-length',
            category: 'policy',
            severity: 'high',
            part: part.name,
            start,
            end: part.text.length,
            excerpt: part.text.slice(start, start + 40),
            reason: `policy max-length allows ${limit} characters; the prompt has ${total}`,
          },
        ];
      }
      used += part.text.length;
    }
    return [];
  }
}
