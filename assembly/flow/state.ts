// TCP connection state per flow, tracked from the flags of each packet (Suricata's session
// states, simplified: no window or sequence validation here; reassembly checks sequences).
//
//   NONE ─SYN→ SYN_SENT ─SYN/ACK(server)→ SYN_RECV ─ACK(either side)→ ESTABLISHED
//   first packet SYN/ACK → SYN_RECV; first packet without SYN (mid-stream pickup) → ESTABLISHED
//   ESTABLISHED ─FIN(either)→ FIN_WAIT1 ─ACK(peer)→ FIN_WAIT2;  FIN_WAIT1/2 ─FIN(peer)→ TIME_WAIT
//   TIME_WAIT ─ACK→ CLOSED;  any RST → CLOSED
// The flow's EVE state follows: new (NONE, SYN_SENT, SYN_RECV), established (ESTABLISHED …
// FIN_WAIT2), closed (TIME_WAIT, CLOSED); the timeout class is chosen from it (flow/expire.ts).

import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from '../decode/tcp';
import { SLOT_F_MIDSTREAM } from './table';

export const TCP_NONE: u8 = 0;
export const TCP_SYN_SENT: u8 = 1;
export const TCP_SYN_RECV: u8 = 2;
export const TCP_ESTABLISHED: u8 = 3;
export const TCP_FIN_WAIT1: u8 = 4;
export const TCP_FIN_WAIT2: u8 = 5;
export const TCP_TIME_WAIT: u8 = 6;
export const TCP_CLOSE_WAIT: u8 = 7; // reserved (names mirror Suricata's)
export const TCP_LAST_ACK: u8 = 8; // reserved
export const TCP_CLOSING: u8 = 9; // reserved
export const TCP_CLOSED: u8 = 10;

export const FLOW_STATE_NEW: u8 = 0;
export const FLOW_STATE_ESTABLISHED: u8 = 1;
export const FLOW_STATE_CLOSED: u8 = 2;

/** Who sent the first FIN: 1 = toserver side, 2 = toclient side (kept in the slot flags' high bits). */
export const FIN_BY_TS: u8 = 0x10;
export const FIN_BY_TC: u8 = 0x20;

/** Next TCP state after a packet with `flags` in direction `toServer`; `slotFlags` tracks the first closer. */
export function nextTcpState(state: u8, flags: u32, toServer: bool, slotFlagsPtr: usize): u8 {
  if ((flags & TCP_RST) != 0) return TCP_CLOSED;
  const syn = (flags & TCP_SYN) != 0;
  const ack = (flags & TCP_ACK) != 0;
  const fin = (flags & TCP_FIN) != 0;
  const sf = load<u8>(slotFlagsPtr);
  const mine: u8 = toServer ? FIN_BY_TS : FIN_BY_TC;
  switch (state) {
    case TCP_NONE:
      // a first packet other than a SYN is a mid-stream pickup (a SYN/ACK too, as Suricata's
      // stream.midstream counts it)
      if (!syn || ack) store<u8>(slotFlagsPtr, sf | SLOT_F_MIDSTREAM);
      if (syn) return ack ? TCP_SYN_RECV : TCP_SYN_SENT;
      if (fin) {
        store<u8>(slotFlagsPtr, sf | SLOT_F_MIDSTREAM | mine);
        return TCP_FIN_WAIT1;
      }
      return TCP_ESTABLISHED;
    case TCP_SYN_SENT:
      if (syn && ack && !toServer) return TCP_SYN_RECV;
      if (!syn && ack && !toServer) return TCP_ESTABLISHED; // handshake reply lost from the capture
      return state;
    case TCP_SYN_RECV:
      // the client's ACK completes the handshake; so does the server's first ACK/data when the
      // capture started at the SYN/ACK (mid-stream pickup, one-sided captures: Suricata agrees)
      if (!syn && ack) {
        if (fin) {
          store<u8>(slotFlagsPtr, sf | mine);
          return TCP_FIN_WAIT1;
        }
        return TCP_ESTABLISHED;
      }
      return state;
    case TCP_ESTABLISHED:
      if (fin) {
        store<u8>(slotFlagsPtr, sf | mine);
        return TCP_FIN_WAIT1;
      }
      return state;
    case TCP_FIN_WAIT1:
    case TCP_FIN_WAIT2:
      if ((sf & mine) == 0) {
        // the peer of the first closer
        if (fin) {
          store<u8>(slotFlagsPtr, sf | mine);
          return TCP_TIME_WAIT;
        }
        if (ack) return TCP_FIN_WAIT2;
      }
      return state;
    case TCP_TIME_WAIT:
      if (ack && !fin) return TCP_CLOSED;
      return state;
    default:
      return state;
  }
}

export function flowStateOfTcp(state: u8): u8 {
  if (state <= TCP_SYN_RECV) return FLOW_STATE_NEW;
  if (state == TCP_TIME_WAIT || state == TCP_CLOSED) return FLOW_STATE_CLOSED;
  return FLOW_STATE_ESTABLISHED;
}
