// Model lists come from the config: every `provider.model` id, in three shapes.
import type { AnyApiConfig } from '../config/config-types.ts';
import { resolveModel } from '../config/resolve-model.ts';

const EPOCH = '1970-01-01T00:00:00Z';

function modelIds(config: AnyApiConfig): Array<{ id: string; providerId: string }> {
  return Object.entries(config.providers).flatMap(([providerId, provider]) =>
    Object.keys(provider.models).map((name) => ({ id: `${providerId}.${name}`, providerId })));
}

/** OpenAI `GET /v1/models`. */
export function openaiModelList(config: AnyApiConfig): Response {
  return Response.json({
    object: 'list',
    data: modelIds(config).map(({ id, providerId }) => ({ id, object: 'model', created: 0, owned_by: providerId })),
  });
}

/**
 * `GET /claude/v1/models`: Anthropic's page shape (`data`, `has_more`, `first_id`, `last_id`)
 * whose entries also carry OpenAI's fields, so both SDKs' `models.list()` read it.
 */
export function claudeModelList(config: AnyApiConfig): Response {
  const data = modelIds(config).map(({ id, providerId }) => ({
    type: 'model', id, display_name: id, created_at: EPOCH, object: 'model', created: 0, owned_by: providerId,
  }));
  return Response.json({ object: 'list', data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
}

function geminiModel(id: string): Record<string, unknown> {
  return {
    name: `models/${id}`,
    baseModelId: id,
    version: '1',
    displayName: id,
    description: `any-api model ${id}`,
    supportedGenerationMethods: ['generateContent', 'streamGenerateContent', 'countTokens'],
  };
}

/** Gemini `GET /v1beta/models`. */
export function geminiModelList(config: AnyApiConfig): Response {
  return Response.json({ models: modelIds(config).map(({ id }) => geminiModel(id)) });
}

/** Gemini `GET /v1beta/models/{provider.model}`. */
export function geminiModelGet(config: AnyApiConfig, id: string): Response {
  return Response.json(geminiModel(resolveModel(config, id, 'the URL path').id));
}
