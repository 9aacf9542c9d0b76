// Which side of a TCP flow picked up mid-stream is the server, from its first data. Suricata's
// protocol detection tries, for a mid-stream session, the patterns and probing parsers of the
// other direction too; when only those match (an HTTP response, an SMB reply) it reverses the flow
// (app-layer-detect-proto.c reverse_flow, then FlowSwap in app-layer.c): the sender of that data
// is the server. netsift makes the same call when it creates the flow, from the first packet's
// payload, so the flow's direction is right from its first packet on.
//   HTTP  "HTTP/1." then a digit, a space and a 3-digit status: a response
//   SMB   a NetBIOS session message carrying an SMB1 reply (flags bit 0x80) or an SMB2/3 response
//         (flags bit 0x00000001, SMB2_FLAGS_SERVER_TO_REDIR)
// TLS is not among them: its record patterns are the same both ways, so Suricata never reverses
// on them.

import { u8at } from '../util/bytes';
import { startsWith } from './buffers';
import { smbMagic } from './detect-only';

function isDigit(c: u32): bool {
  return c >= 48 && c <= 57;
}

function httpResponse(p: usize, len: u32): bool {
  if (len < 13 || !startsWith(p, len, 'HTTP/1.')) return false;
  return (
    isDigit(u8at(p + 7)) &&
    u8at(p + 8) == 32 &&
    isDigit(u8at(p + 9)) &&
    isDigit(u8at(p + 10)) &&
    isDigit(u8at(p + 11))
  );
}

function smbReply(p: usize, len: u32): bool {
  const magic = smbMagic(p, len);
  if (magic == 0xff) return len >= 4 + 10 && (u8at(p + 4 + 9) & 0x80) != 0;
  if (magic == 0xfe) return len >= 4 + 20 && (u8at(p + 4 + 16) & 0x01) != 0;
  return false;
}

/** The first payload of a mid-stream TCP flow is a server's answer: its sender is the server. */
export function serverSpeaksFirst(p: usize, len: u32): bool {
  return httpResponse(p, len) || smbReply(p, len);
}
