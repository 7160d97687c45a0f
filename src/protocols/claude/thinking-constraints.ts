// With extended thinking on, Anthropic refuses sampling changes and forced tool use: a
// temperature other than 1, top_k, a top_p below 0.95, and tool_choice `any`/`tool`
// ("Thinking isn't compatible with temperature or top_k modifications as well as forced tool
// use", https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking). A converted
// request (Gemini CLI sends topK 64 with a thinking level) would get a 400; instead these are
// dropped — or tool use made optional — with a warning.
import type { Warnings } from '../../hub/warnings.ts';
import type { Schemas } from '../../../generated/claude/index.ts';

export function applyThinkingConstraints(body: Schemas['MessagesRequest'], warnings: Warnings): void {
  const thinking = body.thinking as { type?: unknown } | undefined;
  if (!thinking || thinking.type === 'disabled') return;
  const why = 'Claude refuses it while thinking is on; dropped';
  if (body.temperature !== undefined && body.temperature !== 1) {
    warnings.drop('temperature', why);
    delete body.temperature;
  }
  if (body.top_k !== undefined) {
    warnings.drop('top_k', why);
    delete body.top_k;
  }
  if (body.top_p !== undefined && body.top_p < 0.95) {
    warnings.drop('top_p', `${why} (below 0.95)`);
    delete body.top_p;
  }
  const choice = body.tool_choice as { type?: unknown; disable_parallel_tool_use?: boolean } | undefined;
  if (choice && (choice.type === 'any' || choice.type === 'tool')) {
    warnings.note(`tool_choice ${String(choice.type)}: Claude cannot force tool use while thinking; sent as auto`);
    body.tool_choice = { type: 'auto', ...(choice.disable_parallel_tool_use ? { disable_parallel_tool_use: true } : {}) };
  }
}
