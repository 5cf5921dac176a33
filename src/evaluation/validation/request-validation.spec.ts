import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

import { flattenValidationErrors } from '../../common/validation/validation.pipe.js';
import { CreateExplainabilityArtifactRequestDto } from '../explainability/dto/create-explainability-artifact.request.dto.js';
import { CreateRunRequestDto } from '../runs/dto/create-run.request.dto.js';
import { CreateScenarioRequestDto } from '../scenarios/dto/create-scenario.request.dto.js';
import { UpdateScenarioRequestDto } from '../scenarios/dto/update-scenario.request.dto.js';

const SCENARIO_ID = '665f1c2b9d1e8a0012345678';
const RETURNS = [{ date: '2024-01-02', value: 0.01 }];
/** The fields the DTO's own validators refuse in a body (as the global pipe runs them), or [] when it accepts it. */
async function refused(metatype: new () => object, body: object): Promise<string[]> {
  const errors = await validate(plainToInstance(metatype, body), { whitelist: true, forbidNonWhitelisted: true });
  return [...new Set(flattenValidationErrors(errors).map((e) => e.field))];
}

describe('evaluation request bodies on their own', () => {
  it('refuses a run without its candidate, or with one that is not an object', async () => {
    expect(await refused(CreateRunRequestDto, { scenarioId: SCENARIO_ID })).toEqual(['candidate']);
    for (const candidate of [null, [], 'model v1', 7, [{ modelName: 'm', version: 1 }]] as unknown[]) {
      expect(await refused(CreateRunRequestDto, { scenarioId: SCENARIO_ID, candidate })).toContain('candidate');
    }
  });

  it('refuses null in every candidate field that may only be left out', async () => {
    for (const field of ['modelName', 'version', 'lifecycleRunId', 'label', 'metrics', 'returns']) {
      expect(await refused(CreateRunRequestDto, { scenarioId: SCENARIO_ID, candidate: { metrics: { turnover: 1 }, [field]: null } })).toEqual([`candidate.${field}`]);
    }
  });

  it('refuses a scenario without its baseline, naming it', async () => {
    expect(await refused(CreateScenarioRequestDto, { name: 'x' })).toEqual(['baseline']);
    expect(await refused(CreateScenarioRequestDto, { name: 'x', baseline: null })).toEqual(['baseline']);
    expect(await refused(CreateScenarioRequestDto, { name: 'x', baseline: [] })).toEqual(['baseline']);
  });

  it('refuses null where leaving out means the default, and accepts it where null means none', async () => {
    for (const field of ['description', 'frequency', 'stressEvents', 'thresholds', 'compliance']) {
      expect(await refused(CreateScenarioRequestDto, { name: 'x', baseline: { returns: RETURNS }, [field]: null })).toEqual([field]);
    }
    for (const field of ['modelName', 'riskFreeRate', 'period', 'benchmark']) {
      expect(await refused(CreateScenarioRequestDto, { name: 'x', baseline: { returns: RETURNS }, [field]: null })).toEqual([]);
    }
  });

  it('refuses null and non-objects inside the nested parts, naming the nested field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ baseline: { returns: RETURNS, label: null } }, 'baseline.label'],
      [{ baseline: { metrics: null, returns: RETURNS } }, 'baseline.metrics'],
      [{ thresholds: [{ metric: 'sharpe', comparator: '>=', value: null, baseline: { offset: 0 } }] }, 'thresholds.0.value'],
      [{ thresholds: [{ metric: 'sharpe', comparator: '>=', baseline: { factor: null } }] }, 'thresholds.0.baseline.factor'],
      [{ thresholds: [null] }, 'thresholds'],
      [{ thresholds: [[]] }, 'thresholds'],
      [{ stressEvents: [{ name: 'crash', start: '2020-02-19', end: '2020-03-23', thresholds: null }] }, 'stressEvents.0.thresholds'],
      [{ compliance: { minHistory: null } }, 'compliance.minHistory'],
      [{ compliance: { explainability: { required: null } } }, 'compliance.explainability.required'],
      [{ compliance: [] }, 'compliance'],
    ];
    for (const [extra, field] of cases) {
      expect({ extra, refused: await refused(CreateScenarioRequestDto, { name: 'x', baseline: { returns: RETURNS }, ...extra }) }).toEqual({ extra, refused: expect.arrayContaining([field]) });
    }
  });

  it('lets a change clear the nullable fields, and still wants objects where the parts are objects', async () => {
    expect(await refused(UpdateScenarioRequestDto, { modelName: null, riskFreeRate: null, period: null, benchmark: null })).toEqual([]);
    expect(await refused(UpdateScenarioRequestDto, { baseline: [] })).toEqual(['baseline']);
    expect(await refused(UpdateScenarioRequestDto, { thresholds: [{ metric: 'sharpe', comparator: '>=', value: null }] })).toEqual(['thresholds.0.value']);
  });

  it('refuses null payloads of an explainability artifact, but takes an unknown SHAP base value as null', async () => {
    expect(await refused(CreateExplainabilityArtifactRequestDto, { type: 'SHAP_VALUES', shap: null })).toEqual(['shap']);
    expect(await refused(CreateExplainabilityArtifactRequestDto, { type: 'FEATURE_IMPORTANCE', featureImportance: [null] })).toContain('featureImportance');
    expect(await refused(CreateExplainabilityArtifactRequestDto, { type: 'SHAP_VALUES', shap: { features: ['a'], values: [[1]], baseValue: null } })).toEqual([]);
  });
});
