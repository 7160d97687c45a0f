// Gemini generateContent as a scripted fake: `data:` chunks of GenerateContentResponse, the
// last one with finishReason (https://ai.google.dev/api/generate-content).
import { propertyNames } from './write-action.ts';
import { json, list, scriptedTurn, sse, type FakeReply, type Json, type TaskFile } from './scripted-turn.ts';

export function fakeGemini(body: Json, stream: boolean, model: string, task: TaskFile): FakeReply {
  const tools = list(body.tools).flatMap((t) => list(t.functionDeclarations)).map((d) => ({
    name: String(d.name),
    properties: propertyNames(d.parametersJsonSchema ?? d.parameters),
  }));
  const hasToolResult = list(body.contents).some((c) => list(c.parts).some((p) => p.functionResponse !== undefined));
  const turn = scriptedTurn({ tools, hasToolResult }, task);
  const part = turn.kind === 'call' ? { functionCall: { name: turn.action.tool, args: turn.action.args } } : { text: turn.text };
  const usageMetadata = { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 };
  const response = {
    candidates: [{ content: { role: 'model', parts: [part] }, finishReason: 'STOP', index: 0 }],
    usageMetadata,
    modelVersion: model,
    responseId: 'rec-response-1',
  };
  return stream ? sse([{ data: response }]) : json(response);
}
