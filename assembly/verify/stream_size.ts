// stream_size (src/rules/keywords/stream_size.ts): the size of the server's (toclient) or the
// client's (toserver) stream of the candidate's TCP flow, as reassemble/stream.ts counts it after
// this packet; NaN (never matches) for a packet that is not TCP or has no flow, as Suricata's
// DetectStreamSizeMatch needs a TCP session.

import { ipProto } from '../decode/packet';
import { CAND_F_STREAM } from '../emit/alerts';
import { streamSize } from '../reassemble/stream';
import { candFlags, verifySlot } from './context';

export function streamSizeValue(client: bool): f64 {
  if (verifySlot == 0 || (ipProto != 6 && (candFlags & CAND_F_STREAM) == 0)) return NaN;
  return <f64>streamSize(verifySlot, client);
}
