import type TestAgent from 'supertest/lib/agent.js';

export const PG = '/api/v1/prompt-governance';

export const SAFE_TEXT = 'Summarise {{document}} for {{client_name}} in three short bullet points.';

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

/** Creates a template whose version 1 is approved by a reviewer other than its author. */
export async function approvedTemplate(http: TestAgent, name: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await http.post(`${PG}/templates`).set('X-Actor', 'author-a').send(templateBody(name, overrides)).expect(201);
  const id = created.body.template.id as string;
  await http.post(`${PG}/templates/${id}/1/submit`).set('X-Actor', 'author-a').send({}).expect(200);
  await http.post(`${PG}/templates/${id}/1/approve`).set('X-Actor', 'reviewer-b').send({ comment: 'ok' }).expect(200);
  return id;
}
