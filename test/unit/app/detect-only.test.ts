// Protocols detected by content but not parsed (assembly/app/detect-only.ts): SMTP, FTP, SMB and
// SSH flows get their app_proto whatever the port, and `alert smtp|ftp|smb|ssh` rules with payload
// keywords match flows of that protocol only.
import { describe, expect, it } from 'vitest';
import type { FlowRecord } from '../../../src/flows/record.js';
import { appProtoName } from '../../../src/app/protocols.js';
import type { PcapRecord } from '../../helpers/capture-builder.js';
import { alertsPerSid, collect, tcpConversation, type Message } from './conversation.js';

const SMB2_NEGOTIATE = Uint8Array.from([
  0,
  0,
  0,
  68,
  0xfe,
  0x53,
  0x4d,
  0x42,
  64,
  0,
  ...new Array<number>(62).fill(0),
]);

const CONVERSATIONS: Record<string, readonly Message[]> = {
  smtp: [
    { toServer: false, data: '220 mail.example.org ESMTP ready\r\n' },
    { toServer: true, data: 'ehlo client.example.net\r\n' },
    { toServer: false, data: '250 mail.example.org\r\n' },
    { toServer: true, data: 'MAIL FROM:<a@example.net>\r\n' },
  ],
  ftp: [
    { toServer: false, data: '220 FTP server ready\r\n' },
    { toServer: true, data: 'USER anonymous\r\n' },
    { toServer: false, data: '331 Please specify the password.\r\n' },
  ],
  smb: [{ toServer: true, data: SMB2_NEGOTIATE }],
  ssh: [
    { toServer: false, data: 'SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n' },
    { toServer: true, data: 'SSH-2.0-PuTTY_Release_0.78\r\n' },
  ],
  failed: [
    { toServer: true, data: 'hello there\r\n' },
    { toServer: false, data: 'general kenobi\r\n' },
  ],
};

async function appProtoOf(records: PcapRecord[]): Promise<string> {
  const flows = await collect(records, { app: true }, (e) => e.flows$);
  expect(flows).toHaveLength(1);
  return appProtoName((flows[0] as FlowRecord).appProto);
}

describe('protocols detected, not parsed', () => {
  it('SMTP, FTP, SMB and SSH by content, on an unrelated port', async () => {
    for (const [name, messages] of Object.entries(CONVERSATIONS)) {
      expect([name, await appProtoOf(tcpConversation(messages, 5555))]).toEqual([name, name]);
    }
  });

  it('`alert smtp` / `alert ssh` rules match flows of their protocol only', async () => {
    const rules = `
      alert smtp any any -> any any (msg:"smtp mail from"; flow:to_server; content:"MAIL FROM"; sid:1;)
      alert tcp any any -> any any (msg:"any mail from"; flow:to_server; content:"MAIL FROM"; sid:2;)
      alert ssh any any -> any any (msg:"putty"; content:"PuTTY"; sid:3;)
      alert smtp any any -> any any (msg:"any smtp client packet"; flow:to_server; dsize:>0; sid:4;)`;
    // sid 4 (no content): a packet rule on SMTP flows, from when the server acknowledged the bytes
    // that showed SMTP (Suricata's IDS-mode app layer): the MAIL FROM packet, not the EHLO
    expect(await alertsPerSid(rules, tcpConversation(CONVERSATIONS.smtp as Message[], 2525))).toEqual({
      1: 1,
      2: 1,
      3: 0,
      4: 1,
    });
    // the same command on a flow that is not SMTP (no client greeting first)
    const notSmtp = tcpConversation([{ toServer: true, data: 'xMAIL FROM:<a@example.net>\r\n' }], 2525);
    expect(await alertsPerSid(rules, notSmtp)).toEqual({ 1: 0, 2: 1, 3: 0, 4: 0 });
    expect(await alertsPerSid(rules, tcpConversation(CONVERSATIONS.ssh as Message[], 22))).toEqual({
      1: 0,
      2: 0,
      3: 1,
      4: 0,
    });
  });
});
