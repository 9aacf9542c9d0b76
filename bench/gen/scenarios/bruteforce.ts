/**
 * Password brute force against one service: one host opens login session after login session
 * to an FTP server (port 21): banner, USER, 331, PASS, 530 after the server's failed-login
 * delay, QUIT, close. Each session is a flow, labelled `bruteforce`.
 */
import { PROTO_TCP } from '../frame.js';
import { TcpConv } from '../tcp-session.js';
import { addFlow, count, timed, type ScenarioFn, type ScenarioOutput } from './common.js';

const enc = (s: string): Uint8Array => Buffer.from(s, 'latin1');

export const bruteforce: ScenarioFn = (ctx, startUs, spanUs, scale) => {
  const rng = ctx.rng;
  const o: ScenarioOutput = { packets: [], labels: [] };
  const attacker = ctx.client();
  const victim = ctx.server();
  const n = count(120, scale);
  let t = startUs + rng.int(Math.max(1, spanUs / 3));
  const users = ['root', 'admin', 'ftp', 'test', 'user', 'oracle', 'backup'];
  for (let i = 0; i < n; i++) {
    const flow = ctx.flow(attacker, victim, PROTO_TCP, 21, { v6: false, vlan: 0 });
    const pw = `${rng.pick(['pass', 'admin', 'qwerty', 'letmein', 'dragon'])}${rng.int(10000)}`;
    const c = new TcpConv(flow, rng)
      .handshake()
      .send(1, enc('220 ProFTPD Server ready.\r\n'))
      .send(0, enc(`USER ${rng.pick(users)}\r\n`))
      .send(1, enc('331 Password required\r\n'))
      .send(0, enc(`PASS ${pw}\r\n`))
      .send(1, enc('530 Login incorrect.\r\n'))
      .send(0, enc('QUIT\r\n'))
      .send(1, enc('221 Goodbye.\r\n'))
      .close(1);
    const specs = timed(c.specs, t, () => rng.range(150, 1500));
    addFlow(o, 'bruteforce', flow, specs);
    t = specs[specs.length - 1]!.tsUs + rng.range(20_000, 200_000);
  }
  return o;
};
