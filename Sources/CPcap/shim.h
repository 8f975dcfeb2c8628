/*
 * CPcap shim: libpcap's header. Only WaiwangCapture imports this module.
 */
#ifndef WAIWANG_CPCAP_SHIM_H
#define WAIWANG_CPCAP_SHIM_H

#include <sys/types.h>
#include <pcap/pcap.h>

#endif /* WAIWANG_CPCAP_SHIM_H */
