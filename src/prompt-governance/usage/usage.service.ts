import { Injectable } from '@nestjs/common';

import type { UsageFlag } from '../../../libs/contracts/src/index.js';
import { InconsistentInputError, InvalidInputError, NotFoundError } from '../../common/errors/domain.errors.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import { PiiDetector } from '../screening/detectors/pii.detector.js';
import { ToxicityDetector } from '../screening/detectors/toxicity.detector.js';
import { GRADE_THRESHOLDS } from '../screening/rules/rule-set.js';
import { canonicalJson, sha256Hex } from '../../common/hashing/canonical-json.js';
import { PromptVersionsService } from '../templates/prompt-versions.service.js';
import type { NewUsageEntry, UsageEntry, UsageEntryResult, UsageFilter, UsageReport } from './usage-entry.js';
import { UsageLogRepository } from './usage-log.repository.js';
import { validateUsageReport } from './usage-report.validator.js';

export const MAX_BATCH_ENTRIES = 1000;

export interface BatchOutcome {
  recorded: number;
  duplicates: number;
  invalid: number;
  results: UsageEntryResult[];
}

interface Target {
  templateId: string;
  version: number;
  approved: boolean;
  logRawVariables: boolean;
}

/**
 * The hottest path of the platform: every model call in production reports here. Reports are validated by
 * hand, checked (toxicity and PII on the output), and written in one unordered lean bulk insert; a bad
 * entry never sinks the good ones, and a retried entry is answered as already recorded.
 */
@Injectable()
export class UsageService {
  private readonly toxicity = new ToxicityDetector();
  private readonly pii = new PiiDetector();

  constructor(
    private readonly versions: PromptVersionsService,
    private readonly log: UsageLogRepository,
  ) {}

  /** One report: an invalid one is a 400 problem, a repeated one is answered as a duplicate. */
  async record(templateId: string, version: number, raw: unknown): Promise<UsageEntryResult> {
    const target = await this.target(templateId, version);
    const checked = validateUsageReport(raw);
    if (!checked.ok) {
      const message = `The usage entry is invalid: ${checked.errors.map((e) => e.message).join('; ')}`;
      throw checked.beyondSchema ? new InconsistentInputError(message, checked.errors) : new InvalidInputError(message, checked.errors);
    }
    const entry = this.toEntry(target, checked.value, new Date());
    const duplicates = await this.log.insertMany([entry]);
    return { index: 0, id: entry.entryId, status: duplicates.has(0) ? 'duplicate' : 'recorded', flags: entry.flags };
  }

  /** Up to 1,000 reports, answered one by one in the order given. */
  async recordBatch(templateId: string, version: number, body: unknown): Promise<BatchOutcome> {
    const rawEntries = batchEntries(body);
    const target = await this.target(templateId, version);
    const receivedAt = new Date();
    const now = receivedAt.getTime();
    const results: UsageEntryResult[] = new Array(rawEntries.length);
    const entries: NewUsageEntry[] = [];
    const positions: number[] = [];
    rawEntries.forEach((raw, index) => {
      const checked = validateUsageReport(raw, now);
      if (!checked.ok) {
        const id = (raw as { id?: unknown } | null)?.id;
        results[index] = { index, id: typeof id === 'string' ? id.slice(0, 128) : null, status: 'invalid', errors: checked.errors };
        return;
      }
      positions.push(index);
      entries.push(this.toEntry(target, checked.value, receivedAt));
    });
    const duplicates = await this.log.insertMany(entries);
    entries.forEach((entry, k) => {
      results[positions[k]] = { index: positions[k], id: entry.entryId, status: duplicates.has(k) ? 'duplicate' : 'recorded', flags: entry.flags };
    });
    const duplicateCount = duplicates.size;
    return { recorded: entries.length - duplicateCount, duplicates: duplicateCount, invalid: rawEntries.length - entries.length, results };
  }

  async list(templateId: string, version: number, filter: UsageFilter, page: PageRequest): Promise<Page<UsageEntry>> {
    await this.target(templateId, version);
    return this.log.list(templateId, version, filter, page);
  }

  private async target(templateId: string, version: number): Promise<Target> {
    const [template, found] = await Promise.all([this.versions.template(templateId), this.versions.findStatus(templateId, version)]);
    if (!found) throw new NotFoundError('Prompt template version', `${templateId}/${version}`);
    return { templateId, version, approved: found.status === 'APPROVED', logRawVariables: template.logRawVariables };
  }

  private toEntry(target: Target, report: UsageReport, receivedAt: Date): NewUsageEntry {
    const flags: UsageFlag[] = [];
    if (!target.approved) flags.push('unapproved-version');
    if (report.output) {
      const part = [{ name: 'output', text: report.output }];
      if (this.toxicity.detect(part).score >= GRADE_THRESHOLDS.toxicity.MEDIUM) flags.push('toxic-output');
      if (this.pii.detect(part).length > 0) flags.push('pii-in-output');
    }
    return {
      entryId: report.id,
      templateId: target.templateId,
      version: target.version,
      caller: report.caller,
      timestamp: report.timestamp,
      day: report.timestamp.toISOString().slice(0, 10),
      latencyMs: report.latencyMs,
      tokensIn: report.tokensIn,
      tokensOut: report.tokensOut,
      cost: report.cost,
      outcome: report.outcome,
      errorCode: report.errorCode,
      variablesHash: report.variables ? sha256Hex(canonicalJson(report.variables)) : report.variablesHash,
      variables: target.logRawVariables ? report.variables : null,
      output: report.output,
      flags,
      flagged: flags.length > 0,
      approved: target.approved,
      receivedAt,
    };
  }
}

function batchEntries(body: unknown): unknown[] {
  const entries = (body as { entries?: unknown } | null)?.entries;
  const extra = body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body).filter((k) => k !== 'entries') : [];
  if (!Array.isArray(entries) || entries.length === 0 || entries.length > MAX_BATCH_ENTRIES || extra.length > 0) {
    throw new InvalidInputError(`A batch is an object { entries: [...] } with 1 to ${MAX_BATCH_ENTRIES} entries and nothing else`, [
      ...(Array.isArray(entries) ? [] : [{ field: 'entries', message: 'entries must be an array' }]),
      ...(Array.isArray(entries) && (entries.length === 0 || entries.length > MAX_BATCH_ENTRIES) ? [{ field: 'entries', message: `entries must hold 1 to ${MAX_BATCH_ENTRIES} items` }] : []),
      ...extra.map((field) => ({ field, message: `property ${field} should not exist` })),
    ]);
  }
  return entries;
}
