import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

import { ApprovePromptRequestDto } from '../approvals/dto/approval.request.dto.js';
import { EvaluatePromptRequestDto } from '../screening/dto/evaluate.request.dto.js';
import { CreatePromptTemplateRequestDto } from '../templates/dto/create-template.request.dto.js';
import { EditPromptDraftRequestDto } from '../templates/dto/edit-draft.request.dto.js';
import { UpdatePromptTemplateRequestDto } from '../templates/dto/update-template.request.dto.js';

type Dto = new () => object;

/** The members class-validator refuses, as the global pipe would see them (with transformation, without whitelisting). */
async function refusedMembers(type: Dto, body: Record<string, unknown>): Promise<string[]> {
  const errors = await validate(plainToInstance(type, body));
  const paths = (list: typeof errors, parent = ''): string[] =>
    list.flatMap((e) => [...(e.constraints ? [`${parent}${e.property}`] : []), ...paths(e.children ?? [], `${parent}${e.property}.`)]);
  return paths(errors);
}

const version = { template: 'Hi {{name}}', variables: [{ name: 'name' }], modelSettings: { model: 'm' } };
const template = { name: 'n', owner: 'o', declaredRiskLevel: 'LOW', firstVersion: version };

describe('request members that may be left out but are never null', () => {
  it('accepts a change that leaves every member out', async () => {
    expect(await refusedMembers(UpdatePromptTemplateRequestDto, {})).toEqual([]);
    expect(await refusedMembers(EditPromptDraftRequestDto, {})).toEqual([]);
    expect(await refusedMembers(ApprovePromptRequestDto, {})).toEqual([]);
  });

  it('refuses null in every member of a template change, the declared risk level included', async () => {
    for (const member of ['description', 'owner', 'tags', 'declaredRiskLevel', 'policies', 'logRawVariables']) {
      expect(await refusedMembers(UpdatePromptTemplateRequestDto, { [member]: null })).toEqual([member]);
    }
  });

  it('refuses null in every member of a draft edit and of an approval', async () => {
    for (const member of ['template', 'messages', 'variables', 'modelSettings', 'commitMessage']) {
      expect(await refusedMembers(EditPromptDraftRequestDto, { [member]: null })).toEqual([member]);
    }
    for (const member of ['comment', 'acknowledgeHighRisk']) expect(await refusedMembers(ApprovePromptRequestDto, { [member]: null })).toEqual([member]);
    for (const member of ['text', 'context', 'variables', 'policies', 'declaredRiskLevel']) {
      expect(await refusedMembers(EvaluatePromptRequestDto, { text: 'x', [member]: null })).toContain(member);
    }
  });

  it('requires the nested objects of a new template, as objects', async () => {
    expect(await refusedMembers(CreatePromptTemplateRequestDto, template)).toEqual([]);
    expect(await refusedMembers(CreatePromptTemplateRequestDto, { ...template, firstVersion: undefined })).toEqual(['firstVersion']);
    expect(await refusedMembers(CreatePromptTemplateRequestDto, { ...template, firstVersion: [version] })).toEqual(['firstVersion']);
    expect(await refusedMembers(CreatePromptTemplateRequestDto, { ...template, firstVersion: { ...version, modelSettings: undefined } })).toEqual(['firstVersion.modelSettings']);
    expect(await refusedMembers(CreatePromptTemplateRequestDto, { ...template, firstVersion: { ...version, variables: [null] } })).toContain('firstVersion.variables');
  });

  it('keeps null for model settings that have none: no temperature, no token limit', async () => {
    expect(await refusedMembers(CreatePromptTemplateRequestDto, { ...template, firstVersion: { ...version, modelSettings: { model: 'm', temperature: null, maxTokens: null } } })).toEqual([]);
  });
});
