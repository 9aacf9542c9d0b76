// Flow-end feature records: when a flow ends, its accumulator (features/accumulate.ts) is
// finalised into FEAT_COUNT f64 columns written at the SAME index as the flow's record in the
// flow record region (emit/flows.ts), so JS pairs them without keys; then the loaded model, if
// any, scores them (ml/score.ts) and the accumulator goes back to the pool. Called from
// flow/expire.ts endFlow right before emitFlowRecord (which advances flowRecordCount).

import { flowRecordCount } from '../emit/flows';
import { scoreFeatureRecord } from '../ml/score';
import {
  A_ACT_N,
  A_BWD,
  A_DST_PORT,
  A_FIRST_TS,
  A_FLAGS,
  A_FWD,
  A_IAT_M2,
  A_IAT_MAX,
  A_IAT_MEAN,
  A_IAT_MIN,
  A_IDLE_N,
  A_LAST_TS,
  A_ACTIVE_START,
  A_LEN_M2,
  A_LEN_MAX,
  A_LEN_MEAN,
  A_LEN_MIN,
  A_N,
  A_PROTO,
  accOf,
  accTs,
  accWord,
  countMissing,
  D_ACT_DATA,
  D_HDR,
  D_HDR_MIN,
  D_IAT_M2,
  D_IAT_MAX,
  D_IAT_MEAN,
  D_IAT_MIN,
  D_IAT_SUM,
  D_INIT_WIN,
  D_LEN_M2,
  D_LEN_MAX,
  D_LEN_MEAN,
  D_LEN_MIN,
  D_N,
  D_PAYLOAD,
  D_PSH,
  D_URG,
  D_WIRE,
  featuresOn,
  releaseAcc,
} from './accumulate';
import * as C from './columns';

export let featureRecordsPtr: usize = 0;

export function initFeatureRecords(ptr: usize): void {
  featureRecordsPtr = ptr;
}

function sampleStd(n: f64, m2: f64): f64 {
  return n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
}

function put(r: usize, col: u32, v: f64): void {
  store<f64>(r + ((<usize>(C.FEAT_META_WORDS + col)) << 3), v);
}

function meta(r: usize, i: u32, v: f64): void {
  store<f64>(r + ((<usize>i) << 3), v);
}

/** length max/min/mean/std of direction base `d` at columns col.. */
function putLen(r: usize, a: usize, d: u32, col: u32): void {
  put(r, col, accWord(a, d + D_LEN_MAX));
  put(r, col + 1, accWord(a, d + D_LEN_MIN));
  put(r, col + 2, accWord(a, d + D_LEN_MEAN));
  put(r, col + 3, sampleStd(accWord(a, d + D_N), accWord(a, d + D_LEN_M2)));
}

/** iat total/mean/std/max/min of direction base `d` at columns col.. */
function putDirIat(r: usize, a: usize, d: u32, col: u32): void {
  const n = accWord(a, d + D_N) - 1;
  put(r, col, accWord(a, d + D_IAT_SUM));
  put(r, col + 1, n > 0 ? accWord(a, d + D_IAT_MEAN) : 0);
  put(r, col + 2, n > 0 ? sampleStd(n, accWord(a, d + D_IAT_M2)) : 0);
  put(r, col + 3, n > 0 ? accWord(a, d + D_IAT_MAX) : 0);
  put(r, col + 4, n > 0 ? accWord(a, d + D_IAT_MIN) : 0);
}

/** mean/std/max/min of a period block (n at nW) at columns col.. */
function putPeriod(r: usize, a: usize, nW: u32, col: u32): void {
  const n = accWord(a, nW);
  put(r, col, n > 0 ? accWord(a, nW + 1) : 0);
  put(r, col + 1, sampleStd(n, accWord(a, nW + 2)));
  put(r, col + 2, n > 0 ? accWord(a, nW + 4) : 0);
  put(r, col + 3, n > 0 ? accWord(a, nW + 3) : 0);
}

/** Finalise the features of the flow in slot `s` into the feature record paired with its flow record. */
export function emitFlowFeatures(s: usize): void {
  if (!featuresOn) {
    releaseAcc(s);
    return;
  }
  const r = featureRecordsPtr + <usize>flowRecordCount * <usize>C.FEAT_RECORD_SIZE;
  memory.fill(r, 0, C.FEAT_RECORD_SIZE);
  meta(r, C.META_SCORE, -1);
  meta(r, C.META_CLASS, -1);
  for (let i: u32 = 0; i < C.META_TOP_COUNT; i++) meta(r, C.META_TOP0 + i, -1);
  const a = accOf(s);
  if (a == 0) {
    countMissing();
    return;
  }
  meta(r, C.META_VALID, 1);
  const first = accTs(a, A_FIRST_TS);
  const last = accTs(a, A_LAST_TS);
  const dur = <f64>(last - first) / 1e9;
  const fwdN = accWord(a, A_FWD + D_N);
  const bwdN = accWord(a, A_BWD + D_N);
  const fwdBytes = accWord(a, A_FWD + D_PAYLOAD);
  const bwdBytes = accWord(a, A_BWD + D_PAYLOAD);
  const n = accWord(a, A_N);
  put(r, C.F_DST_PORT, accWord(a, A_DST_PORT));
  put(r, C.F_PROTOCOL, accWord(a, A_PROTO));
  put(r, C.F_DURATION, dur);
  put(r, C.F_FWD_PKTS, fwdN);
  put(r, C.F_BWD_PKTS, bwdN);
  put(r, C.F_FWD_BYTES, fwdBytes);
  put(r, C.F_BWD_BYTES, bwdBytes);
  if (fwdN > 0) putLen(r, a, A_FWD, C.F_FWD_LEN_MAX);
  if (bwdN > 0) putLen(r, a, A_BWD, C.F_BWD_LEN_MAX);
  put(r, C.F_BYTES_PER_S, dur > 0 ? (fwdBytes + bwdBytes) / dur : 0);
  put(r, C.F_PKTS_PER_S, dur > 0 ? n / dur : 0);
  if (n > 1) {
    put(r, C.F_FLOW_IAT_MEAN, accWord(a, A_IAT_MEAN));
    put(r, C.F_FLOW_IAT_MEAN + 1, sampleStd(n - 1, accWord(a, A_IAT_M2)));
    put(r, C.F_FLOW_IAT_MEAN + 2, accWord(a, A_IAT_MAX));
    put(r, C.F_FLOW_IAT_MEAN + 3, accWord(a, A_IAT_MIN));
  }
  putDirIat(r, a, A_FWD, C.F_FWD_IAT_TOTAL);
  putDirIat(r, a, A_BWD, C.F_BWD_IAT_TOTAL);
  put(r, C.F_FWD_PSH, accWord(a, A_FWD + D_PSH));
  put(r, C.F_BWD_PSH, accWord(a, A_BWD + D_PSH));
  put(r, C.F_FWD_URG, accWord(a, A_FWD + D_URG));
  put(r, C.F_BWD_URG, accWord(a, A_BWD + D_URG));
  put(r, C.F_FWD_HDR_BYTES, accWord(a, A_FWD + D_HDR));
  put(r, C.F_BWD_HDR_BYTES, accWord(a, A_BWD + D_HDR));
  put(r, C.F_FWD_PKTS_PER_S, dur > 0 ? fwdN / dur : 0);
  put(r, C.F_BWD_PKTS_PER_S, dur > 0 ? bwdN / dur : 0);
  put(r, C.F_PKT_LEN_MIN, accWord(a, A_LEN_MIN));
  put(r, C.F_PKT_LEN_MIN + 1, accWord(a, A_LEN_MAX));
  put(r, C.F_PKT_LEN_MIN + 2, accWord(a, A_LEN_MEAN));
  put(r, C.F_PKT_LEN_MIN + 3, sampleStd(n, accWord(a, A_LEN_M2)));
  for (let b: u32 = 0; b < 8; b++) put(r, C.F_FIN_COUNT + b, accWord(a, A_FLAGS + b));
  put(r, C.F_DOWN_UP, fwdN > 0 ? bwdN / fwdN : 0);
  put(r, C.F_AVG_PKT_SIZE, n > 0 ? (fwdBytes + bwdBytes) / n : 0);
  put(r, C.F_FWD_SEG_AVG, fwdN > 0 ? fwdBytes / fwdN : 0);
  put(r, C.F_BWD_SEG_AVG, bwdN > 0 ? bwdBytes / bwdN : 0);
  put(r, C.F_FWD_INIT_WIN, accWord(a, A_FWD + D_INIT_WIN));
  put(r, C.F_BWD_INIT_WIN, accWord(a, A_BWD + D_INIT_WIN));
  put(r, C.F_FWD_ACT_DATA, accWord(a, A_FWD + D_ACT_DATA));
  put(r, C.F_FWD_SEG_MIN, accWord(a, A_FWD + D_HDR_MIN));
  // the active period still open at flow end
  const start = accTs(a, A_ACTIVE_START);
  const openActive = last > start ? <f64>(last - start) / 1e9 : 0;
  if (openActive > 0) {
    // fold it in without touching the accumulator's stored block (it is released right after)
    const an = accWord(a, A_ACT_N) + 1;
    const mean0 = accWord(a, A_ACT_N + 1);
    const d0 = openActive - mean0;
    const mean = mean0 + d0 / an;
    const m2 = accWord(a, A_ACT_N + 2) + d0 * (openActive - mean);
    const mn = an == 1 || openActive < accWord(a, A_ACT_N + 3) ? openActive : accWord(a, A_ACT_N + 3);
    const mx = an == 1 || openActive > accWord(a, A_ACT_N + 4) ? openActive : accWord(a, A_ACT_N + 4);
    put(r, C.F_ACTIVE_MEAN, mean);
    put(r, C.F_ACTIVE_MEAN + 1, sampleStd(an, m2));
    put(r, C.F_ACTIVE_MEAN + 2, mx);
    put(r, C.F_ACTIVE_MEAN + 3, mn);
  } else {
    putPeriod(r, a, A_ACT_N, C.F_ACTIVE_MEAN);
  }
  putPeriod(r, a, A_IDLE_N, C.F_IDLE_MEAN);
  put(r, C.F_FWD_WIRE_BYTES, accWord(a, A_FWD + D_WIRE));
  put(r, C.F_BWD_WIRE_BYTES, accWord(a, A_BWD + D_WIRE));
  releaseAcc(s);
  scoreFeatureRecord(r);
}
