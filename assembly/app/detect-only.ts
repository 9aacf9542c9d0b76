// Protocols netsift detects by content but does not parse: their flows get an app_proto (flow and
// alert events; `alert smtp|ftp|smb|ssh` rules with payload keywords), no transactions. Patterns
// after Suricata's protocol detection registrations:
//   SMTP  a client command EHLO / HELO / QUIT (case-insensitive, at the start)
//   FTP   a client command USER / PASS / PORT / FEAT / AUTH TLS / AUTH SSL, or a "220 (" banner
//   SMB   a NetBIOS session message (type 0) carrying an SMB1, SMB2 or SMB3-transform header
//   SSH   an identification string "SSH-<version>-" (either side)

import { APP_PROTO_FTP, APP_PROTO_NONE, APP_PROTO_SMB, APP_PROTO_SMTP, APP_PROTO_SSH } from '../abi/layout';
import { u8at } from '../util/bytes';
import { startsNoCase } from './buffers';

// lowercase: compared in any case (startsNoCase)
const SMTP_COMMANDS: StaticArray<string> = ['ehlo', 'helo', 'quit'];
const FTP_COMMANDS: StaticArray<string> = [
  'user ',
  'pass ',
  'port ',
  'feat',
  'auth tls',
  'auth ssl',
  '220 (',
];

/** The SMB header magic byte (0xff SMB1, 0xfe SMB2, 0xfd SMB3 transform) after a NetBIOS session header, or 0. */
export function smbMagic(p: usize, len: u32): u32 {
  if (len < 8 || u8at(p) != 0) return 0;
  if (u8at(p + 5) != 0x53 || u8at(p + 6) != 0x4d || u8at(p + 7) != 0x42) return 0; // "SMB"
  const m = u8at(p + 4);
  return m == 0xff || m == 0xfe || m == 0xfd ? m : 0;
}

function sshIdent(p: usize, len: u32): bool {
  // "SSH-" protoversion "-": "SSH-2.0-", "SSH-1.99-", "SSH-1.5-"
  if (len < 8 || !startsNoCase(p, len, 'ssh-')) return false;
  for (let i: u32 = 4; i < min<u32>(len, 12); i++) {
    const c = u8at(p + <usize>i);
    if (c == 45) return i > 4; // '-'
    if (!((c >= 48 && c <= 57) || c == 46)) return false;
  }
  return false;
}

export function detectOnly(p: usize, len: u32): u32 {
  for (let i = 0; i < SMTP_COMMANDS.length; i++) {
    if (startsNoCase(p, len, unchecked(SMTP_COMMANDS[i]))) return APP_PROTO_SMTP;
  }
  for (let i = 0; i < FTP_COMMANDS.length; i++) {
    if (startsNoCase(p, len, unchecked(FTP_COMMANDS[i]))) return APP_PROTO_FTP;
  }
  if (smbMagic(p, len) != 0) return APP_PROTO_SMB;
  if (sshIdent(p, len)) return APP_PROTO_SSH;
  return APP_PROTO_NONE;
}

/** Does the app layer parse this protocol (keep a state for it)? */
export function parsed(proto: u32): bool {
  return proto != APP_PROTO_NONE && proto < APP_PROTO_SMTP;
}
