// Flow feature columns (CICFlowMeter-style, bidirectional): the index of each f64 column in a
// feature record, after the FEAT_META_WORDS header words. The names, units and definitions live
// in src/ml/FEATURES.md and src/ml/columns.ts (FEATURE_NAMES, same order); a test checks the two
// lists have the same length. Never reorder: models store column indices.
//
// Feature record (FEAT_RECORD_SIZE bytes, f64 little-endian words), one per flow record, at the
// same index as its flow record (record i of the feature region describes flow record i):
//   0 valid (1 = features computed, 0 = no accumulator: features were off or the pool was full)
//   1 score (model output: 1 − P(benign) for classifiers, anomaly score for baselines; −1 = none)
//   2 predicted class index (−1 = none) · 3 probability of that class
//   4..6 top contributing feature columns (−1 = none) · 7 reserved
//   8.. FEAT_COUNT feature columns (below)

export const FEAT_META_WORDS: u32 = 8;
export const META_VALID: u32 = 0;
export const META_SCORE: u32 = 1;
export const META_CLASS: u32 = 2;
export const META_PROB: u32 = 3;
export const META_TOP0: u32 = 4;
export const META_TOP_COUNT: u32 = 3;

export const F_DST_PORT: u32 = 0;
export const F_PROTOCOL: u32 = 1;
export const F_DURATION: u32 = 2;
export const F_FWD_PKTS: u32 = 3;
export const F_BWD_PKTS: u32 = 4;
export const F_FWD_BYTES: u32 = 5;
export const F_BWD_BYTES: u32 = 6;
export const F_FWD_LEN_MAX: u32 = 7; // + 1 min, + 2 mean, + 3 std
export const F_BWD_LEN_MAX: u32 = 11;
export const F_BYTES_PER_S: u32 = 15;
export const F_PKTS_PER_S: u32 = 16;
export const F_FLOW_IAT_MEAN: u32 = 17; // + 1 std, + 2 max, + 3 min
export const F_FWD_IAT_TOTAL: u32 = 21; // + 1 mean, + 2 std, + 3 max, + 4 min
export const F_BWD_IAT_TOTAL: u32 = 26;
export const F_FWD_PSH: u32 = 31;
export const F_BWD_PSH: u32 = 32;
export const F_FWD_URG: u32 = 33;
export const F_BWD_URG: u32 = 34;
export const F_FWD_HDR_BYTES: u32 = 35;
export const F_BWD_HDR_BYTES: u32 = 36;
export const F_FWD_PKTS_PER_S: u32 = 37;
export const F_BWD_PKTS_PER_S: u32 = 38;
export const F_PKT_LEN_MIN: u32 = 39; // + 1 max, + 2 mean, + 3 std
export const F_FIN_COUNT: u32 = 43; // FIN SYN RST PSH ACK URG ECE CWR: 43..50 (TCP flag bit order)
export const F_DOWN_UP: u32 = 51;
export const F_AVG_PKT_SIZE: u32 = 52;
export const F_FWD_SEG_AVG: u32 = 53;
export const F_BWD_SEG_AVG: u32 = 54;
export const F_FWD_INIT_WIN: u32 = 55;
export const F_BWD_INIT_WIN: u32 = 56;
export const F_FWD_ACT_DATA: u32 = 57;
export const F_FWD_SEG_MIN: u32 = 58;
export const F_ACTIVE_MEAN: u32 = 59; // + 1 std, + 2 max, + 3 min
export const F_IDLE_MEAN: u32 = 63; // + 1 std, + 2 max, + 3 min
export const F_FWD_WIRE_BYTES: u32 = 67;
export const F_BWD_WIRE_BYTES: u32 = 68;
export const FEAT_COUNT: u32 = 69;

export const FEAT_RECORD_WORDS: u32 = FEAT_META_WORDS + FEAT_COUNT;
export const FEAT_RECORD_SIZE: u32 = FEAT_RECORD_WORDS * 8;
