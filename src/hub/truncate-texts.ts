// `options.maxInstructionsChars`: keep the first `max` characters of a run of instruction
// texts (in order), emptying what lies beyond. Applied only when configured — never by default.
export interface Truncated {
  texts: string[];
  /** Total characters before truncation, when something was cut. */
  cutFrom?: number;
}

export function truncateTexts(texts: readonly string[], max: number): Truncated {
  const total = texts.reduce((n, t) => n + t.length, 0);
  if (total <= max) return { texts: [...texts] };
  let budget = max;
  const out = texts.map((text) => {
    const kept = text.slice(0, Math.max(0, budget));
    budget -= kept.length;
    return kept;
  });
  return { texts: out, cutFrom: total };
}
