import { FINDING_CATEGORIES, FINDING_SEVERITIES, type FindingCategory } from '../../../libs/contracts/src/index.js';
import type { Finding } from './finding.js';

/** Findings an evaluation lists in all, and of one rule: enough to act on, small enough to store and send. */
export const MAX_LISTED_FINDINGS = 100;
export const MAX_LISTED_PER_RULE = 10;
/** Longest excerpt and reason a finding carries; a longer one is cut and ends with an ellipsis. */
export const MAX_EXCERPT_CHARS = 200;
export const MAX_REASON_CHARS = 500;

export interface ListedFindings {
  /** The findings listed, in the order the detectors reported them. */
  findings: Finding[];
  /** Findings found but not listed. */
  findingsOmitted: number;
  /** Every finding by category, listed or not. */
  findingTotals: Record<FindingCategory, number>;
}

/** Cuts a finding's excerpt and reason to their bounds; the offsets still cover the whole match. */
export function boundFindingText(finding: Finding): Finding {
  if (finding.excerpt.length <= MAX_EXCERPT_CHARS && finding.reason.length <= MAX_REASON_CHARS) return finding;
  return { ...finding, excerpt: cut(finding.excerpt, MAX_EXCERPT_CHARS), reason: cut(finding.reason, MAX_REASON_CHARS) };
}

/**
 * Chooses the findings an evaluation lists: the most severe first, at most MAX_LISTED_PER_RULE of one rule
 * and MAX_LISTED_FINDINGS in all, so a text with thousands of matches still gives a small answer. The
 * grade is derived from every finding before this; what is left out is counted.
 */
export function listFindings(findings: Finding[]): ListedFindings {
  const findingTotals = Object.fromEntries(FINDING_CATEGORIES.map((c) => [c, 0])) as Record<FindingCategory, number>;
  for (const f of findings) findingTotals[f.category]++;
  const bySeverity = findings.map((_, i) => i).sort((a, b) => severityRank(findings[b]) - severityRank(findings[a]) || a - b);
  const perRule = new Map<string, number>();
  const chosen: number[] = [];
  for (const i of bySeverity) {
    if (chosen.length === MAX_LISTED_FINDINGS) break;
    const taken = perRule.get(findings[i].rule) ?? 0;
    if (taken === MAX_LISTED_PER_RULE) continue;
    perRule.set(findings[i].rule, taken + 1);
    chosen.push(i);
  }
  return { findings: chosen.sort((a, b) => a - b).map((i) => findings[i]), findingsOmitted: findings.length - chosen.length, findingTotals };
}

function severityRank(finding: Finding): number {
  return FINDING_SEVERITIES.indexOf(finding.severity);
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
