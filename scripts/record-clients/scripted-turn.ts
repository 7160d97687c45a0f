// What the scripted model says next, the same for every protocol: with tools offered and no
// tool result yet, a call that writes the task's file; after a result (or without tools, as
// in a title request), a short final text.
import { writeAction, type ToolDeclaration, type WriteAction } from './write-action.ts';

export type ScriptedTurn = { kind: 'call'; callId: string; action: WriteAction } | { kind: 'text'; text: string };

export interface TaskFile {
  path: string;
  content: string;
}

/** What a fake reads from a request before deciding. */
export interface RequestFacts {
  tools: ToolDeclaration[];
  hasToolResult: boolean;
}

export function scriptedTurn(facts: RequestFacts, task: TaskFile): ScriptedTurn {
  if (facts.tools.length === 0) return { kind: 'text', text: 'Create hello file' };
  if (facts.hasToolResult) return { kind: 'text', text: 'Done: hello.txt contains hi.' };
  const action = writeAction(facts.tools, task.path, task.content);
  if (!action) return { kind: 'text', text: 'No write or shell tool was offered.' };
  return { kind: 'call', callId: 'call_rec_1', action };
}

/** A fake's answer, streamed or not. */
export interface FakeReply {
  status: number;
  contentType: string;
  body: string;
}

export function sse(events: Array<{ event?: string; data: unknown }>, done = false): FakeReply {
  const frames = events.map((e) => `${e.event ? `event: ${e.event}\n` : ''}data: ${JSON.stringify(e.data)}\n\n`);
  if (done) frames.push('data: [DONE]\n\n');
  return { status: 200, contentType: 'text/event-stream', body: frames.join('') };
}

export function json(data: unknown, status = 200): FakeReply {
  return { status, contentType: 'application/json', body: JSON.stringify(data) };
}

export type Json = Record<string, unknown>;

export function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter((v): v is Json => typeof v === 'object' && v !== null) : [];
}
