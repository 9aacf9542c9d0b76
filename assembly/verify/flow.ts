// flow (src/rules/keywords/flow.ts): the candidate needs a flow; established as the matcher decided
// it (before this packet updates the state), the data's direction, and stream / packet only.

import { CAND_F_ESTABLISHED, CAND_F_HAS_FLOW, CAND_F_STREAM, CAND_F_TO_SERVER } from '../emit/alerts';
import { candFlags } from './context';
import {
  PF_ESTABLISHED,
  PF_NO_STREAM,
  PF_NOT_ESTABLISHED,
  PF_ONLY_STREAM,
  PF_TO_CLIENT,
  PF_TO_SERVER,
} from './opcodes';

export function evalFlow(f: u32): bool {
  const c = candFlags;
  if ((c & CAND_F_HAS_FLOW) == 0) return false;
  const established = (c & CAND_F_ESTABLISHED) != 0;
  const toServer = (c & CAND_F_TO_SERVER) != 0;
  const stream = (c & CAND_F_STREAM) != 0;
  if ((f & PF_ESTABLISHED) != 0 && !established) return false;
  if ((f & PF_NOT_ESTABLISHED) != 0 && established) return false;
  if ((f & PF_TO_SERVER) != 0 && !toServer) return false;
  if ((f & PF_TO_CLIENT) != 0 && toServer) return false;
  if ((f & PF_ONLY_STREAM) != 0 && !stream) return false;
  if ((f & PF_NO_STREAM) != 0 && stream) return false;
  return true;
}
