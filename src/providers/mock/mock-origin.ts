// Where the in-process mock upstream lives. `.invalid` is reserved and never resolves (RFC 6761
// §6.4), so a provider whose baseURL is on this origin can only ever mean "answer in-process":
// the gateway hands its calls to mockFetch instead of the network. That lets a provider of a
// real type (`claude`, `gemini`, ...) run that type's real encoder and decoder with no upstream.
export const MOCK_BASE_URL = 'http://mock.invalid';

const MOCK_ORIGIN = new URL(MOCK_BASE_URL).origin;

/** Whether a configured baseURL points at the in-process mock (any path below the origin). */
export function isMockBaseUrl(baseURL: string | undefined): baseURL is string {
  if (baseURL === undefined) return false;
  try {
    return new URL(baseURL).origin === MOCK_ORIGIN;
  } catch {
    return false;
  }
}
