import { DEFAULT_PERSONAS } from '../harness/oidc.js';
import type { TestApp } from '../harness/test-app.js';

export const PG = '/api/v1/prompt-governance';

/** Who writes a prompt (an editor) and who reviews it (an approver who is neither its author nor its submitter). */
export const AUTHOR = 'author-a';
export const REVIEWER = 'reviewer-b';

export const SAFE_TEXT = 'Summarise {{document}} for {{client_name}} in three short bullet points.';

/** How a persona appears as the actor of a change: its stable id and display name. */
export function actor(persona: string): { id: string; name: string } {
  const found = DEFAULT_PERSONAS.find((p) => p.id === persona);
  if (!found) throw new Error(`unknown persona '${persona}'`);
  return { id: `user:${found.id}`, name: found.name };
}

export function templateBody(name: string, overrides: Record<string, unknown> = {}, version: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    description: 'Client-facing summary',
    owner: 'wealth-genai',
    tags: ['wealth'],
    declaredRiskLevel: 'LOW',
    ...overrides,
    firstVersion: {
      template: SAFE_TEXT,
      variables: [
        { name: 'document', required: true, description: 'Source document' },
        { name: 'client_name', required: true },
      ],
      modelSettings: { model: 'gpt-4o-mini', temperature: 0.2, maxTokens: 400 },
      commitMessage: 'first',
      ...version,
    },
  };
}

/** Creates a template whose version 1 is written and submitted by AUTHOR and approved by REVIEWER. */
export async function approvedTemplate(t: TestApp, name: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await t.http.post(`${PG}/templates`).set(t.as(AUTHOR)).send(templateBody(name, overrides)).expect(201);
  const id = created.body.template.id as string;
  await t.http.post(`${PG}/templates/${id}/1/submit`).set(t.as(AUTHOR)).send({}).expect(200);
  await t.http.post(`${PG}/templates/${id}/1/approve`).set(t.as(REVIEWER)).send({ comment: 'ok' }).expect(200);
  return id;
}
