import type { ExplainabilityType } from '../../../libs/contracts/src/index.js';
import { InconsistentInputError, InvalidInputError, type FieldError } from '../../common/errors/domain.errors.js';
import type { FeatureImportance, PartialDependenceCurve, ShapValues } from './explainability-artifact.js';
import { MAX_SHAP_CELLS } from '../validation/evaluation-validators.js';
import { importanceFromShap } from './explainability-summary.js';

export interface ExplainabilityInput {
  type: ExplainabilityType;
  name?: string;
  description?: string;
  featureImportance?: FeatureImportance[];
  shap?: { features: string[]; values: number[][]; baseValue?: number | null };
  partialDependence?: PartialDependenceCurve[];
}

const PAYLOAD_FIELD: Record<ExplainabilityType, 'featureImportance' | 'shap' | 'partialDependence'> = {
  FEATURE_IMPORTANCE: 'featureImportance',
  SHAP_VALUES: 'shap',
  PARTIAL_DEPENDENCE: 'partialDependence',
};

export interface ValidatedArtifact {
  featureImportance: FeatureImportance[] | null;
  shap: ShapValues | null;
  partialDependence: PartialDependenceCurve[] | null;
  importance: FeatureImportance[] | null;
}

/**
 * The rules the field validators cannot see: exactly the payload of the declared type (a rule of the
 * schema, 400), then the ones no schema can state (422): unique feature names, SHAP rows as wide as the
 * feature list, grids as long as their values. Returns the stored payload and the per-feature importance
 * it implies.
 */
export function validateArtifact(input: ExplainabilityInput): ValidatedArtifact {
  const payloadErrors: FieldError[] = [];
  const expected = PAYLOAD_FIELD[input.type];
  for (const field of Object.values(PAYLOAD_FIELD)) {
    if (field === expected && input[field] === undefined) payloadErrors.push({ field, message: `${field} is required for a ${input.type} artifact` });
    if (field !== expected && input[field] !== undefined) payloadErrors.push({ field, message: `${field} does not belong in a ${input.type} artifact` });
  }
  if (payloadErrors.length > 0) throw new InvalidInputError(`The explainability artifact is invalid: ${payloadErrors.map((e) => e.message).join('; ')}`, payloadErrors);

  const errors: FieldError[] = [];
  if (input.featureImportance) unique(input.featureImportance.map((f) => f.feature), 'featureImportance', errors);
  if (input.shap) {
    const width = input.shap.features.length;
    const uneven = input.shap.values.findIndex((row) => row.length !== width);
    if (uneven >= 0) {
      errors.push({ field: 'shap.values', message: `shap.values[${uneven}] must be an array of ${width} numbers: one value per feature (${width})` });
    } else if (width * input.shap.values.length > MAX_SHAP_CELLS) {
      errors.push({ field: 'shap.values', message: `shap.values must have at most ${MAX_SHAP_CELLS} cells (rows × features)` });
    }
  }
  if (input.partialDependence) {
    unique(input.partialDependence.map((c) => c.feature), 'partialDependence', errors);
    input.partialDependence.forEach((curve, i) => {
      if (curve.grid.length !== curve.values.length) {
        errors.push({ field: `partialDependence[${i}]`, message: `partialDependence[${i}] has ${curve.grid.length} grid points but ${curve.values.length} values` });
      }
    });
  }
  if (errors.length > 0) throw new InconsistentInputError(`The explainability artifact is inconsistent: ${errors.map((e) => e.message).join('; ')}`, errors);

  const shap = input.shap ? { features: input.shap.features, values: input.shap.values, baseValue: input.shap.baseValue ?? null } : null;
  const featureImportance = input.featureImportance?.map((f) => ({ feature: f.feature, importance: f.importance })) ?? null;
  return {
    featureImportance,
    shap,
    partialDependence: input.partialDependence?.map((c) => ({ feature: c.feature, grid: c.grid, values: c.values })) ?? null,
    importance: featureImportance ?? (shap ? importanceFromShap(shap) : null),
  };
}

function unique(names: string[], field: string, errors: FieldError[]): void {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const name of names) (seen.has(name) ? repeated : seen).add(name);
  if (repeated.size > 0) errors.push({ field, message: `${field} names the feature(s) ${[...repeated].slice(0, 5).join(', ')} more than once` });
}
