// Everything the gateway needs of one wire protocol, as one object each protocol folder exports
// from its index.ts: the descriptor (routing, validation, pass-through: protocol.ts), the hub
// codec (codec.ts), the stream codec (stream-codec.ts) and, where the protocol has a counting
// endpoint, the count codec (count-codec.ts). Adding a protocol means one folder and one line
// in protocols/index.ts.
import type { ProtocolCodec } from './codec.ts';
import type { CountCodec } from './count-codec.ts';
import type { Protocol } from './protocol.ts';
import type { StreamCodec } from './stream-codec.ts';

export interface ProtocolAdapter extends Protocol {
  codec: ProtocolCodec;
  stream: StreamCodec;
  /** Absent for a protocol with no token counting endpoint (OpenAI Chat: counts are estimated). */
  count?: CountCodec;
}
