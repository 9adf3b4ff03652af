// Themis ESW: every table, register and counter size in one place.
#ifndef THEMIS_SIZE_P4
#define THEMIS_SIZE_P4

// Inter-DC flows the ESW tracks (qp_field entries and flow slots), as in the paper.
#ifndef MAX_FLOWS
#define MAX_FLOWS 1024
#endif

#define CNP_STORE_SIZE      MAX_FLOWS
#define CNP_CACHE_SIZE      1024
#define VERIFIED_PAIRS_SIZE 4096
#define ROUTING_V4_SIZE     1024
#define PORT_ROLES_SIZE     512
#define NUM_EVENTS          64
#define CPU_METER_SIZE      2

#endif  // THEMIS_SIZE_P4
