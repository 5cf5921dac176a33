import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';

/**
 * Checks environment variables against a class of class-validator rules and answers every problem as a
 * sentence naming the variable; the caller adds its own cross-variable rules and throws once with all of them.
 */
export function environmentProblems<T extends object>(rules: ClassConstructor<T>, raw: Record<string, unknown>): string[] {
  const env = plainToInstance(rules, raw, { enableImplicitConversion: false });
  return validateSync(env, { skipMissingProperties: true, whitelist: false }).flatMap((e) => Object.values(e.constraints ?? {}));
}

/** Stops the boot with every problem listed under one heading. */
export function assertNoProblems(heading: string, problems: string[]): void {
  if (problems.length > 0) throw new Error(`Invalid ${heading} configuration:\n  - ${problems.join('\n  - ')}`);
}
