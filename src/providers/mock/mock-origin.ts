// Where the in-process mock upstream lives. `.invalid` is reserved and never resolves (RFC 6761
// §6.4), so a provider whose baseURL is on this origin can only ever mean "answer in-process":
// the gateway hands its calls to mockFetch instead of the network. That lets a provider of a
// real type (`claude`, `gemini`, ...) run that type's real encoder and decoder with no upstream.
export const MOCK_BASE_URL = 'http://mock.invalid';

const MOCK_ORIGIN = new URL(MOCK_BASE_URL).origin;

/**
 * Answers by configured baseURL. It is asked on every request, and parsing a URL each time was
 * ~1.4 µs of a pass-through's CPU; the keys are the config's own baseURLs, a small fixed set.
 */
const answers = new Map<string, boolean>();
const MAX_ANSWERS = 256;

/** Whether a configured baseURL points at the in-process mock (any path below the origin). */
export function isMockBaseUrl(baseURL: string | undefined): baseURL is string {
  if (baseURL === undefined) return false;
  let answer = answers.get(baseURL);
  if (answer === undefined) {
    // Configs reloaded many times over must not grow it without bound.
    if (answers.size >= MAX_ANSWERS) answers.clear();
    answers.set(baseURL, (answer = originOf(baseURL) === MOCK_ORIGIN));
  }
  return answer;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
