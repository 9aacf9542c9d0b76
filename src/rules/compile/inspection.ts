/**
 * Which inspections a TCP rule's payload keywords get, as Suricata 7 decides it when it loads the
 * rule (detect-parse.c SigValidate, "TCP: corner cases"): a rule that says nothing (neither
 * tcp-pkt / flow:no_stream nor tcp-stream / flow:only_stream, and no packet keyword such as dsize
 * or flags) inspects the reassembled stream (SIG_FLAG_REQUIRE_STREAM), and the packet too
 * (SIG_FLAG_REQUIRE_PACKET) when one of its payload contents is anchored by depth or offset
 * (startswith sets depth) or it uses stream_size.
 *
 * Such a rule alerts once per inspection that matches (detect-engine.c
 * DetectEngineInspectRulePayloadMatches tries the stream, then the packet payload): on the packet
 * carrying the data, and again when the raw stream holding that data is inspected, which in IDS
 * mode is a later packet (data the peer acknowledged, an app-layer trigger) or the flow-end pseudo
 * packet (stream-tcp-reassemble.c StreamReassembleRawHasDataReady,
 * StreamTcpReassembleRawCheckLimit; flow-timeout.c FlowForceReassemblyNeedReassembly).
 * netsift inspects the stream as the data arrives, so both matches fall on the carrying packet and
 * count as two alerts there.
 *
 * A rule with stream_size is left out: Suricata's later stream inspection compares the stream sizes
 * as they are by then (more data, a FIN), which netsift, matching on arrival, does not know; its
 * stream match would only repeat the packet's check. Such a rule stays a plain rule here: one
 * alert, the packet's.
 */
import type { Rule } from '../types.js';
import { PAYLOAD_BUFFER } from '../types.js';
import { isAppLayerBuffer, PACKET_HEADER_BUFFERS } from '../buffers.js';

/**
 * Keywords that make a rule a packet rule (each sets SIG_FLAG_REQUIRE_PACKET in its Suricata
 * setup: detect-dsize.c, detect-ttl.c, detect-flags.c, detect-sameip.c, ...), so the corner case
 * never applies to it.
 */
const PACKET_KEYWORDS: ReadonlySet<string> = new Set([
  'dsize',
  'ttl',
  'tos',
  'id',
  'ip_proto',
  'itype',
  'icode',
  'icmp_id',
  'icmp_seq',
  'seq',
  'ack',
  'window',
  'flags',
  'sameip',
]);

/** Protocols whose rules Suricata's corner case applies to (the signature's protocols include TCP). */
const TCP_PROTOCOLS: ReadonlySet<string> = new Set(['tcp', 'ip', 'ipv4', 'ipv6']);

/** Does the rule name a packet keyword or a packet-header buffer (tcp.hdr, ...: detect-ipv4hdr.c, ...)? */
function namesPacketKeyword(rule: Rule): boolean {
  return (
    rule.conditions.some((c) => PACKET_KEYWORDS.has(c.kind)) ||
    rule.buffers.some((b) => PACKET_HEADER_BUFFERS.has(b))
  );
}

/** Does the rule inspect the reassembled stream only (tcp-stream, flow:only_stream)? */
export function inspectsStreamOnly(rule: Rule): boolean {
  return rule.streamMode === 'stream' || rule.flow?.onlyStream === true;
}

/**
 * Does the rule inspect packet payloads only (SIG_FLAG_REQUIRE_PACKET without _STREAM): tcp-pkt,
 * flow:no_stream, or a packet keyword in a rule matched on packets (one with app-layer buffers is
 * matched per transaction, its packet keywords against the packet that completes it).
 */
export function inspectsPacketOnly(rule: Rule): boolean {
  if (rule.streamMode === 'pkt' || rule.flow?.noStream) return true;
  return namesPacketKeyword(rule) && !rule.buffers.some(isAppLayerBuffer);
}

/** Does the rule inspect both the packet payload and the stream (REQUIRE_PACKET | REQUIRE_STREAM)? */
export function inspectsPacketAndStream(rule: Rule): boolean {
  if (!TCP_PROTOCOLS.has(rule.protocol)) return false;
  if (rule.streamMode !== undefined || rule.flow?.onlyStream || rule.flow?.noStream) return false;
  if (namesPacketKeyword(rule) || rule.conditions.some((c) => c.kind === 'stream_size')) return false;
  // a rule with app-layer buffers is matched per transaction, its payload keywords included
  if (rule.buffers.some(isAppLayerBuffer)) return false;
  const payload = rule.matches.filter((m) => m.buffer === PAYLOAD_BUFFER);
  return payload.some(
    (m) => m.kind === 'content' && (m.depth !== undefined || m.offset !== undefined || m.startswith),
  );
}
