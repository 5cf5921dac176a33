import { InconsistentInputError, InvalidInputError, type FieldError } from '../../common/errors/domain.errors.js';
import type { PolicyRef } from './finding.js';

/**
 * Each policy with only the parameters it takes (a rule of PromptPolicyDto's schema, 400), then each at
 * most once (a rule between list items no schema can state, 422); returns them as plain objects.
 */
export function checkPolicies(policies: PolicyRef[]): PolicyRef[] {
  const errors: FieldError[] = [];
  policies.forEach((policy, i) => {
    if (policy.maxChars !== undefined && policy.id !== 'max-length') errors.push({ field: `policies.${i}.maxChars`, message: `maxChars applies only to max-length, not ${policy.id}` });
    if (policy.disclaimer !== undefined && policy.id !== 'financial-advice-disclaimer') {
      errors.push({ field: `policies.${i}.disclaimer`, message: `disclaimer applies only to financial-advice-disclaimer, not ${policy.id}` });
    }
  });
  if (errors.length > 0) throw new InvalidInputError(`The policies are invalid: ${errors.map((e) => e.message).join('; ')}`, errors);
  const seen = new Set<string>();
  policies.forEach((policy, i) => {
    if (seen.has(policy.id)) errors.push({ field: `policies.${i}.id`, message: `policy ${policy.id} is listed more than once` });
    seen.add(policy.id);
  });
  if (errors.length > 0) throw new InconsistentInputError(`The policies are inconsistent: ${errors.map((e) => e.message).join('; ')}`, errors);
  return policies.map(({ id, maxChars, disclaimer }) => ({ id, ...(maxChars !== undefined && { maxChars }), ...(disclaimer !== undefined && { disclaimer }) }));
}
