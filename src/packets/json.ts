/** `-T json` form of a decoded packet: frame facts, the layer stack, and every known field. */
import { listFields } from './fields.js';
import type { DecodedPacket } from './packet.js';

export function packetToJson(p: DecodedPacket): Record<string, unknown> {
  const fields: Record<string, string> = {};
  for (const f of listFields()) {
    const v = f.get(p);
    if (v !== '') fields[f.name] = v;
  }
  return {
    number: p.number,
    layers: p.layers.map((l) => ({ proto: l.name, offset: l.offset, header_length: l.headerLength })),
    anomaly: p.anomaly ?? null,
    fields,
  };
}
