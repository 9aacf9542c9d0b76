// Anomaly ids: every malformed or unsupported input is a named, counted event (Zeek "weirds",
// Suricata decoder events). Format: `export const ANOM_X: u16 = N; // name`. The names, in id
// order, live in src/wasm/anomalies.ts; test/unit/wasm/anomalies.test.ts checks the two agree.
// Ids are append-only: never renumber or reuse one.
//
// "Stopping" anomalies end decoding of the packet (the packet is counted as invalid); the others
// (checksum, unknown option, ...) are counted and decoding goes on.

export const ANOM_NONE: u16 = 0; // none
export const ANOM_FRAME_TRUNCATED_RECORD: u16 = 1; // frame.truncated_record
export const ANOM_FRAME_UNSUPPORTED_LINKTYPE: u16 = 2; // frame.unsupported_linktype
export const ANOM_FRAME_CAPLEN_GT_ORIGLEN: u16 = 3; // frame.caplen_gt_origlen
export const ANOM_ETH_TRUNC_HDR: u16 = 4; // eth.trunc_hdr
export const ANOM_VLAN_TRUNC_HDR: u16 = 5; // vlan.trunc_hdr
export const ANOM_VLAN_TOO_MANY_TAGS: u16 = 6; // vlan.too_many_tags
export const ANOM_MPLS_TRUNC_HDR: u16 = 7; // mpls.trunc_hdr
export const ANOM_MPLS_TOO_MANY_LABELS: u16 = 8; // mpls.too_many_labels
export const ANOM_MPLS_UNKNOWN_PAYLOAD: u16 = 9; // mpls.unknown_payload
export const ANOM_PPPOE_TRUNC_HDR: u16 = 10; // pppoe.trunc_hdr
export const ANOM_PPP_TRUNC_HDR: u16 = 11; // ppp.trunc_hdr
export const ANOM_ARP_TRUNC_HDR: u16 = 12; // arp.trunc_hdr
export const ANOM_IPV4_TRUNC_HDR: u16 = 13; // ipv4.trunc_hdr
export const ANOM_IPV4_BAD_VERSION: u16 = 14; // ipv4.bad_version
export const ANOM_IPV4_BAD_HLEN: u16 = 15; // ipv4.bad_hlen
export const ANOM_IPV4_BAD_TOTAL_LEN: u16 = 16; // ipv4.bad_total_len
export const ANOM_IPV4_BAD_CHECKSUM: u16 = 17; // ipv4.bad_checksum
export const ANOM_IPV4_BAD_OPTION: u16 = 18; // ipv4.bad_option
export const ANOM_IPV4_TRUNC_PKT: u16 = 19; // ipv4.trunc_pkt
export const ANOM_IPV6_TRUNC_HDR: u16 = 20; // ipv6.trunc_hdr
export const ANOM_IPV6_BAD_VERSION: u16 = 21; // ipv6.bad_version
export const ANOM_IPV6_TRUNC_EXTHDR: u16 = 22; // ipv6.trunc_exthdr
export const ANOM_IPV6_TOO_MANY_EXTHDRS: u16 = 23; // ipv6.too_many_exthdrs
export const ANOM_IPV6_TRUNC_PKT: u16 = 24; // ipv6.trunc_pkt
export const ANOM_TCP_TRUNC_HDR: u16 = 25; // tcp.trunc_hdr
export const ANOM_TCP_BAD_HLEN: u16 = 26; // tcp.bad_hlen
export const ANOM_TCP_BAD_OPTION: u16 = 27; // tcp.bad_option
export const ANOM_UDP_TRUNC_HDR: u16 = 28; // udp.trunc_hdr
export const ANOM_UDP_BAD_LEN: u16 = 29; // udp.bad_len
export const ANOM_ICMP_TRUNC_HDR: u16 = 30; // icmp.trunc_hdr
export const ANOM_ICMPV6_TRUNC_HDR: u16 = 31; // icmpv6.trunc_hdr
export const ANOM_SCTP_TRUNC_HDR: u16 = 32; // sctp.trunc_hdr
export const ANOM_GRE_TRUNC_HDR: u16 = 33; // gre.trunc_hdr
export const ANOM_GRE_BAD_VERSION: u16 = 34; // gre.bad_version
export const ANOM_VXLAN_TRUNC_HDR: u16 = 35; // vxlan.trunc_hdr
export const ANOM_GENEVE_TRUNC_HDR: u16 = 36; // geneve.trunc_hdr
export const ANOM_SLL_TRUNC_HDR: u16 = 37; // sll.trunc_hdr
export const ANOM_SLL2_TRUNC_HDR: u16 = 38; // sll2.trunc_hdr
export const ANOM_NULL_TRUNC_HDR: u16 = 39; // null.trunc_hdr
export const ANOM_NULL_UNKNOWN_FAMILY: u16 = 40; // null.unknown_family
export const ANOM_RAW_BAD_VERSION: u16 = 41; // raw.bad_version
export const ANOM_DECODE_TOO_DEEP: u16 = 42; // decode.too_many_layers
export const ANOM_IPV6_BAD_PAYLOAD_LEN: u16 = 43; // ipv6.bad_payload_len
export const ANOM_AH_TRUNC_HDR: u16 = 44; // ah.trunc_hdr
export const ANOM_ERSPAN_TRUNC_HDR: u16 = 45; // erspan.trunc_hdr
export const ANOM_IPV4_FRAG_TRUNC: u16 = 46; // ipv4.frag_offset_overflow
export const ANOM_IPV6_FRAG_OVERFLOW: u16 = 47; // ipv6.frag_offset_overflow
export const ANOM_PCAPNG_UNKNOWN_BLOCK: u16 = 48; // pcapng.unknown_block
export const ANOM_PCAPNG_BAD_INTERFACE: u16 = 49; // pcapng.bad_interface
export const ANOM_PCAPNG_BAD_BLOCK: u16 = 50; // pcapng.bad_block
export const ANOM_IGMP_TRUNC_HDR: u16 = 51; // igmp.trunc_hdr
export const ANOM_ESP_TRUNC_HDR: u16 = 52; // esp.trunc_hdr
export const ANOM_PPPOE_BAD_VERSION: u16 = 53; // pppoe.bad_version
export const ANOM_GRE_BAD_FLAGS: u16 = 54; // gre.bad_flags
export const ANOM_GENEVE_BAD_VERSION: u16 = 55; // geneve.bad_version
export const ANOM_GENEVE_BAD_OPT_LEN: u16 = 56; // geneve.bad_opt_len
export const ANOM_VXLAN_BAD_FLAGS: u16 = 57; // vxlan.bad_flags
export const ANOM_ERSPAN_BAD_VERSION: u16 = 58; // erspan.bad_version
export const ANOM_ARP_BAD_LEN: u16 = 59; // arp.bad_len
export const ANOM_TUNNEL_TOO_DEEP: u16 = 60; // decode.tunnel_too_deep
export const ANOM_AVSP_TRUNC_HDR: u16 = 61; // avsp.trunc_hdr
export const ANOM_AVSP_UNKNOWN_FORMAT: u16 = 62; // avsp.unknown_format
export const ANOM_CMD_TRUNC_HDR: u16 = 63; // cmd.trunc_hdr
export const ANOM_TCP_REASSEMBLY_GAP: u16 = 64; // tcp.reassembly_gap
export const ANOM_TCP_REASSEMBLY_OVERLAP_DIFF: u16 = 65; // tcp.reassembly_overlap_diff
export const ANOM_COUNT: u16 = 66;
