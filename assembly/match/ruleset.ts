// The loaded ruleset: a versioned blob built by src/rules/compile/ruleset.ts, copied once into a
// region carved at the top of memory (after the configured regions: load it after applyConfig),
// with the matcher's own tables carved beside it: rule stamps (one alert candidate per rule per
// packet and buffer kind), the per-flow-direction stream states, the candidate records and data.
//
// Blob layout (u32 little-endian words; offsets from the blob start):
//   0 magic 'NSRS' · 1 version · 2 ruleCount · 3 groupCount · 4 streamTail (bytes kept per flow
//   direction for stream windows, multiple of 4) · 5 protoGroupsOff · 6 groupsOff · 7 rulesOff ·
//   8 totalBytes · 9 bufGroupsOff (version 2)
//   bufGroups: BUF_COUNT u32 (app/buffers.ts ids): group index + 1 of the rules whose fast pattern
//     lives in that app-layer buffer (id 0: app-layer rules with no buffer content), 0 = none
//   protoGroups: 4 entries (tcp, udp, icmp, other) of 3 u32 (version 4): catch-all group index + 1
//     (0 = no rules) · segCount · segsOff: the dedicated destination-port groups of the class
//     (src/rules/compile/port-groups.ts), segCount (lo, hi, group index + 1) u32 triples, disjoint;
//     a packet whose destination port lies in a segment uses that group, any other the catch-all.
//   group (GROUP_WORDS u32): acOff (0 = no automaton) · patRuleIndexOff (patternCount + 1 u32) ·
//     patRulesOff (rule indexes) · hdrOnlyOff · hdrOnlyCount · the IPv4 address index: segCount ·
//     segStartsOff · segIndexOff (segCount + 1 u32) · segEntriesOff · the IPv6 address index
//     (version 5): the same four words. An address index holds the header-only rules whose address
//     list on one side is narrow (IP reputation rules): disjoint segments of the key line (IPv4
//     addresses, u32 starts; IPv6: their first 64 bits, u64 starts), sorted; a segment's entries
//     (2 u32 each) are rule << 2 | side (1 src, 2 dst, 3 either) and the span of the rule's
//     destination ports, lo << 16 | hi (0xffff: all). segCount 0: no index.
//   rule (RULE_WORDS u32): proto (0 = any) · flags (RF_*) · srcPortsOff · srcPortsCount ·
//     dstPortsOff · dstPortsCount · srcAddrOff · srcAddrCount · dstAddrOff · dstAddrCount ·
//     addrFlags (AF_*) · tcpFlagsMode (0 none, 1 exact, 2 all-of, 3 any-of, 4 none-of) ·
//     tcpFlagsMask · tcpFlagsIgnore · flowDir (0 any, 1 to server, 2 to client) · appProto
//     (APP_PROTO_* the flow must have, 0 = any) · progOff (the rule's verify program, 0 = none;
//     version 3) · progFlags (bit 0: the program is the whole verification; assembly/verify/).
//   Ports: (lo, hi) u32 pairs; count 0 = any port. Addresses: IPv4 (lo, hi) u32 pairs, sorted and
//   disjoint; an IPv6 packet passes a list with AF_*_V6 (the worker checks IPv6 exactly).

import { CAND_CAPACITY, CAND_DATA_CAPACITY, CAND_RECORD_SIZE, initCandidates } from '../emit/alerts';
import { maxFlows } from '../flow/table';
import { acValid } from './ac';

export const RS_MAGIC: u32 = 0x5352534e;
export const RS_VERSION: u32 = 5;
export const GROUP_WORDS: u32 = 13;
export const RULE_WORDS: u32 = 18;
export const RF_BIDIR: u32 = 1;
export const RF_PKT_ONLY: u32 = 2;
export const RF_STREAM_ONLY: u32 = 4;
// packet match and stream match are separate inspections, each alerting (src/rules/compile/inspection.ts)
export const RF_PKT_AND_STREAM: u32 = 8;
export const AF_SRC_ANY: u32 = 1;
export const AF_DST_ANY: u32 = 2;
export const AF_SRC_V6: u32 = 4;
export const AF_DST_V6: u32 = 8;

export const RS_OK: u32 = 0;
export const RS_BAD_MAGIC: u32 = 1;
export const RS_BAD_VERSION: u32 = 2;
export const RS_BAD_LENGTH: u32 = 3;
export const RS_BAD_AUTOMATON: u32 = 4;

export let rsPtr: usize = 0;
export let ruleCount: u32 = 0;
export let matchOn: bool = false;
export let streamTail: u32 = 0;
/** Rules header-checked since load (diagnostics: how many rules the packets' groups offered). */
export let headerChecks: u64 = 0;
let groupsPtr: usize = 0;
let rulesPtr: usize = 0;
let protoGroupsPtr: usize = 0;
let bufGroupsPtr: usize = 0;
/** u32 per rule: last packet stamp (packet buffer) and, after it, the stream buffer stamps. */
export let stampsPtr: usize = 0;
/** Per flow direction: STREAM_ENTRY_HEAD bytes then streamTail bytes of earlier stream data. */
export let streamTablePtr: usize = 0;
export let streamEntries: u32 = 0;
export let streamEntrySize: u32 = 0;
export const STREAM_ENTRY_HEAD: u32 = 16;

let blobCap: usize = 0;
let blobPtr: usize = 0;
let top: usize = 0;
// Capacities of the regions carved for a ruleset: a reload (engine.reload) reuses them when the
// new ruleset fits and carves larger ones only when it does not, so memory stays bounded by the
// largest ruleset ever loaded, however many reloads.
let stampsCap: usize = 0;
let streamTableCap: usize = 0;
let candidatesCarved: bool = false;

function carveTop(bytes: usize): usize {
  if (top == 0) top = (<usize>memory.size()) << 16;
  const p = (top + 63) & ~(<usize>63);
  const end = p + bytes;
  const need = <i32>((end + 0xffff) >> 16);
  const have = memory.size();
  if (need > have && memory.grow(need - have) < 0) abort('cannot grow memory for the ruleset');
  top = end;
  return p;
}

/** Where JS writes a blob of `len` bytes before loadRuleset(len). */
export function rulesetBuffer(len: u32): usize {
  if (<usize>len > blobCap) {
    blobPtr = carveTop(<usize>len);
    blobCap = len;
  }
  return blobPtr;
}

export function loadRulesetBlob(len: u32): u32 {
  matchOn = false;
  headerChecks = 0;
  if (len == 0) return RS_OK;
  const p = blobPtr;
  if (len < 40) return RS_BAD_LENGTH;
  if (load<u32>(p) != RS_MAGIC) return RS_BAD_MAGIC;
  if (load<u32>(p + 4) != RS_VERSION) return RS_BAD_VERSION;
  if (load<u32>(p + 32) != len) return RS_BAD_LENGTH;
  rsPtr = p;
  ruleCount = load<u32>(p + 8);
  const groupCount = load<u32>(p + 12);
  streamTail = load<u32>(p + 16);
  protoGroupsPtr = p + <usize>load<u32>(p + 20);
  groupsPtr = p + <usize>load<u32>(p + 24);
  rulesPtr = p + <usize>load<u32>(p + 28);
  bufGroupsPtr = p + <usize>load<u32>(p + 36);
  for (let g: u32 = 0; g < groupCount; g++) {
    const ac = load<u32>(groupsPtr + <usize>(g * GROUP_WORDS * 4));
    if (ac != 0 && !acValid(p + <usize>ac)) return RS_BAD_AUTOMATON;
  }
  const stampBytes = <usize>ruleCount * 8;
  if (stampBytes > stampsCap) {
    stampsPtr = carveTop(stampBytes);
    stampsCap = stampBytes;
  }
  memory.fill(stampsPtr, 0, stampBytes);
  streamEntries = max<u32>(maxFlows, 1) * 2;
  streamEntrySize = STREAM_ENTRY_HEAD + streamTail;
  // a new automaton invalidates every stream's saved scan state: the table starts empty
  const tableBytes = <usize>streamEntries * <usize>streamEntrySize;
  if (tableBytes > streamTableCap) {
    streamTablePtr = carveTop(tableBytes);
    streamTableCap = tableBytes;
  }
  memory.fill(streamTablePtr, 0, tableBytes);
  if (!candidatesCarved) {
    const recs = carveTop(<usize>CAND_CAPACITY * <usize>CAND_RECORD_SIZE);
    const data = carveTop(<usize>CAND_DATA_CAPACITY);
    initCandidates(recs, data);
    candidatesCarved = true;
  }
  matchOn = true;
  return RS_OK;
}

/**
 * Group index + 1 for a packet of protocol class `cls` (0 tcp, 1 udp, 2 icmp, 3 other) sent to
 * destination port `dport` (the data's receiver); 0 = no rules.
 */
export function portGroup(cls: u32, dport: u32): u32 {
  const e = protoGroupsPtr + <usize>(cls * 12);
  const n = load<u32>(e + 4);
  if (n != 0) {
    const segs = rsPtr + <usize>load<u32>(e + 8);
    for (let i: u32 = 0; i < n; i++) {
      const p = segs + <usize>(i * 12);
      if (dport >= load<u32>(p) && dport <= load<u32>(p + 4)) return load<u32>(p + 8);
    }
  }
  return load<u32>(e);
}

/** Group index + 1 of the rules whose fast pattern lives in app-layer buffer `id`; 0 = none. */
export function bufGroup(id: u32): u32 {
  return load<u32>(bufGroupsPtr + ((<usize>id) << 2));
}

/** APP_PROTO_* rule `r` needs (0 = any). */
export function ruleAppProto(r: u32): u32 {
  return load<u32>(rulePtr(r) + 60);
}

export function groupPtr(g: u32): usize {
  return groupsPtr + <usize>(g * GROUP_WORDS * 4);
}

export function rulePtr(r: u32): usize {
  return rulesPtr + <usize>(r * RULE_WORDS * 4);
}

export function ruleFlags(r: u32): u32 {
  return load<u32>(rulePtr(r) + 4);
}

function portIn(listOff: u32, count: u32, port: u32): bool {
  if (count == 0) return true;
  const l = rsPtr + <usize>listOff;
  for (let i: u32 = 0; i < count; i++) {
    const e = l + <usize>(i * 8);
    if (port >= load<u32>(e) && port <= load<u32>(e + 4)) return true;
  }
  return false;
}

/**
 * The header prefilter: protocol, ports and direction (addresses and every option are verified
 * by the worker). `stream` excludes tcp-pkt rules, a packet buffer excludes tcp-stream rules.
 */
function addrIn(listOff: u32, count: u32, anyFlag: bool, v6Flag: bool, ipVer: u32, addr: usize): bool {
  if (anyFlag) return true;
  if (ipVer != 4) return v6Flag;
  if (count == 0) return false;
  const a = bswap<u32>(load<u32>(addr + 12));
  // binary search over sorted, disjoint (lo, hi) pairs
  const l = rsPtr + <usize>listOff;
  let lo: i32 = 0;
  let hi: i32 = <i32>count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const e = l + <usize>(mid * 8);
    if (a < load<u32>(e)) hi = mid - 1;
    else if (a > load<u32>(e + 4)) lo = mid + 1;
    else return true;
  }
  return false;
}

function sideOk(rp: usize, sport: u32, dport: u32, ipVer: u32, src: usize, dst: usize): bool {
  const af = load<u32>(rp + 40);
  return (
    portIn(load<u32>(rp + 8), load<u32>(rp + 12), sport) &&
    portIn(load<u32>(rp + 16), load<u32>(rp + 20), dport) &&
    addrIn(
      load<u32>(rp + 24),
      load<u32>(rp + 28),
      (af & AF_SRC_ANY) != 0,
      (af & AF_SRC_V6) != 0,
      ipVer,
      src,
    ) &&
    addrIn(load<u32>(rp + 32), load<u32>(rp + 36), (af & AF_DST_ANY) != 0, (af & AF_DST_V6) != 0, ipVer, dst)
  );
}

/**
 * The header prefilter: protocol, ports, IPv4 addresses, direction, TCP flags and flow direction
 * (IPv6 address lists and every option are verified by the worker). `stream` excludes tcp-pkt
 * rules, a packet buffer excludes tcp-stream rules. `src`/`dst` and the ports are those of the
 * data's sender and receiver; `toServer` its flow direction (`hasFlow` false: no flow).
 */
export function headerOk(
  r: u32,
  proto: u32,
  sport: u32,
  dport: u32,
  stream: bool,
  ipVer: u32,
  src: usize,
  dst: usize,
  tcpFlagBits: u32,
  hasFlow: bool,
  toServer: bool,
): bool {
  headerChecks++;
  const rp = rulePtr(r);
  const want = load<u32>(rp);
  if (want != 0 && want != proto && !(want == 1 && proto == 58)) return false;
  const flags = load<u32>(rp + 4);
  if (stream ? (flags & RF_PKT_ONLY) != 0 : (flags & RF_STREAM_ONLY) != 0) return false;
  const fm = load<u32>(rp + 44);
  if (fm != 0) {
    if (proto != 6) return false;
    const pf = tcpFlagBits & ~load<u32>(rp + 52) & 0xff;
    const m = load<u32>(rp + 48);
    if (fm == 1 && pf != m) return false;
    if (fm == 2 && (pf & m) != m) return false;
    if (fm == 3 && (pf & m) == 0) return false;
    if (fm == 4 && (pf & m) != 0) return false;
  }
  const fd = load<u32>(rp + 56);
  if (fd != 0 && (!hasFlow || (fd == 1) != toServer)) return false;
  if (sideOk(rp, sport, dport, ipVer, src, dst)) return true;
  if ((flags & RF_BIDIR) != 0) return sideOk(rp, dport, sport, ipVer, dst, src);
  return false;
}
