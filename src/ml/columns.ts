/**
 * Flow feature column names, in the order of assembly/features/columns.ts (F_* indices).
 * Definitions and units: src/ml/FEATURES.md. Never reorder: models name their columns, and
 * model blobs store indices into this list.
 */
export const FEATURE_NAMES = [
  'dst_port',
  'protocol',
  'duration_s',
  'fwd_pkts',
  'bwd_pkts',
  'fwd_bytes',
  'bwd_bytes',
  'fwd_len_max',
  'fwd_len_min',
  'fwd_len_mean',
  'fwd_len_std',
  'bwd_len_max',
  'bwd_len_min',
  'bwd_len_mean',
  'bwd_len_std',
  'bytes_per_s',
  'pkts_per_s',
  'flow_iat_mean',
  'flow_iat_std',
  'flow_iat_max',
  'flow_iat_min',
  'fwd_iat_total',
  'fwd_iat_mean',
  'fwd_iat_std',
  'fwd_iat_max',
  'fwd_iat_min',
  'bwd_iat_total',
  'bwd_iat_mean',
  'bwd_iat_std',
  'bwd_iat_max',
  'bwd_iat_min',
  'fwd_psh_flags',
  'bwd_psh_flags',
  'fwd_urg_flags',
  'bwd_urg_flags',
  'fwd_header_bytes',
  'bwd_header_bytes',
  'fwd_pkts_per_s',
  'bwd_pkts_per_s',
  'pkt_len_min',
  'pkt_len_max',
  'pkt_len_mean',
  'pkt_len_std',
  'fin_count',
  'syn_count',
  'rst_count',
  'psh_count',
  'ack_count',
  'urg_count',
  'ece_count',
  'cwr_count',
  'down_up_ratio',
  'avg_pkt_size',
  'fwd_seg_size_avg',
  'bwd_seg_size_avg',
  'fwd_init_win',
  'bwd_init_win',
  'fwd_act_data_pkts',
  'fwd_seg_size_min',
  'active_mean',
  'active_std',
  'active_max',
  'active_min',
  'idle_mean',
  'idle_std',
  'idle_max',
  'idle_min',
  'fwd_wire_bytes',
  'bwd_wire_bytes',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Words before the feature columns in a feature record (assembly FEAT_META_WORDS). */
export const FEAT_META_WORDS = 8;
export const FEAT_COUNT = FEATURE_NAMES.length;
export const FEAT_RECORD_SIZE = (FEAT_META_WORDS + FEAT_COUNT) * 8;
export const META_VALID = 0;
export const META_SCORE = 1;
export const META_CLASS = 2;
export const META_PROB = 3;
export const META_TOP0 = 4;
export const META_TOP_COUNT = 3;

/** Identity columns written before the features in CSV / JSON lines. */
export const ID_COLUMNS = [
  'flow_id',
  'start_ns',
  'end_ns',
  'src_ip',
  'src_port',
  'dest_ip',
  'dest_port',
  'proto',
] as const;
