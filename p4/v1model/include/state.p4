// Themis ESW (v1model): state shared by several controls. Top-level instances so that the
// data-plane features and the control-packet handler reach the same arrays; their names are the
// controller's API (P4Runtime RegisterEntry on targets that allow it, control packets on BMv2).
#ifndef THEMIS_V1MODEL_STATE_P4
#define THEMIS_V1MODEL_STATE_P4

// PNP: time of the last CNP generated per slot (µs; 0 = none yet).
register<timestamp_t>(MAX_FLOWS) last_cnp;

// TRP, Algorithm 1 per slot. Zero is the reset state of every array (alpha 0 reads as alpha0).
register<bit<8>>(MAX_FLOWS)      flow_state;   // FLOW_STATE_*
register<bit<32>>(MAX_FLOWS)     cnp_num;
register<bit<16>>(MAX_FLOWS)     alpha;
register<bit<8>>(MAX_FLOWS)      loop_num;
register<timestamp_t>(MAX_FLOWS) cnp_time;
register<bit<32>>(MAX_FLOWS)     last_psn;     // LAST_PSN_VALID | PSN of the last packet forwarded
register<bit<16>>(MAX_FLOWS)     in_loop;      // packets of the flow now in the loop

// TRP: data-plane-written map (local IP, local QPN) -> slot, until cnp_store has the entry.
// Value: tag (16, CRC-16 of the key) | valid (1) | slot (15); 0 = empty.
register<bit<32>>(CNP_CACHE_SIZE) cnp_cache;

// Handshake monitor: local IP ++ remote IP of verified host pairs, by CRC-32 of the pair.
register<bit<64>>(VERIFIED_PAIRS_SIZE) verified_pairs;

// One counter per decision; indices EV_* in define.p4.
counter(NUM_EVENTS, CounterType.packets) themis_events;

// Packets sent to the controller: index CPU_METER_DAEMON and CPU_METER_CNP_COPY.
meter(CPU_METER_SIZE, MeterType.packets) cpu_meter;

#endif  // THEMIS_V1MODEL_STATE_P4
