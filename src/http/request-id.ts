// One id per request, shared by the client, the gateway and the upstream: a client's own
// `x-request-id` is kept when it is a plain token (so its logs and ours line up), else one is
// minted. It is returned on every answer, errors included, and sent upstream.
import { mintId } from '../hub/mint-id.ts';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Letters, digits and `._:-`, at most 128: anything else (spaces, control characters, a novel) is replaced. */
const PLAIN_TOKEN = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(offered: string | null): string {
  return offered !== null && PLAIN_TOKEN.test(offered) ? offered : mintId('req_');
}
