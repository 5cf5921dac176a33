import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';

/**
 * Reads environment variables through a class of class-validator rules: the typed values, and every problem
 * as a sentence naming the variable. A caller with cross-variable rules adds its own problems, then calls
 * `assertNoProblems` once with all of them.
 */
export function readEnvironment<T extends object>(rules: ClassConstructor<T>, raw: Record<string, unknown>): { env: T; problems: string[] } {
  const env = plainToInstance(rules, raw, { enableImplicitConversion: false });
  const problems = validateSync(env, { skipMissingProperties: true, whitelist: false }).flatMap((e) => Object.values(e.constraints ?? {}));
  return { env, problems };
}

/** Stops the boot with every problem listed under one heading (none for the platform's own variables). */
export function assertNoProblems(heading: string | null, problems: string[]): void {
  if (problems.length > 0) throw new Error(`Invalid ${heading ? `${heading} ` : ''}configuration:\n  - ${problems.join('\n  - ')}`);
}

/** The typed variables of a namespace without cross-variable rules, or a boot failure naming every invalid one. */
export function validEnvironment<T extends object>(heading: string | null, rules: ClassConstructor<T>, raw: Record<string, unknown>): T {
  const { env, problems } = readEnvironment(rules, raw);
  assertNoProblems(heading, problems);
  return env;
}
