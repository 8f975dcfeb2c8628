/*
 * CNetSNMP shim: the net-snmp headers, plus Swift-importable stand-ins for
 * the macros Swift cannot import. Only WaiwangSNMP imports this module.
 */
#ifndef WAIWANG_CNETSNMP_SHIM_H
#define WAIWANG_CNETSNMP_SHIM_H

/*
 * net-snmp-config.h defines _GNU_SOURCE. <sys/types.h> must come first, or
 * any module that sees both net-snmp and Glibc/Foundation fails with
 * "'fds_bits' ... is not present in definition of 'fd_set'".
 */
#include <sys/types.h>
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

/*
 * PDU types (netsnmp_pdu.command is an int). The SNMP_MSG_* macros are ORs
 * of ASN_* values, which Swift does not import.
 */
static const int waiwang_SNMP_MSG_GET = SNMP_MSG_GET;           /* 0xA0 */
static const int waiwang_SNMP_MSG_GETNEXT = SNMP_MSG_GETNEXT;   /* 0xA1 */
static const int waiwang_SNMP_MSG_RESPONSE = SNMP_MSG_RESPONSE; /* 0xA2 */
static const int waiwang_SNMP_MSG_SET = SNMP_MSG_SET;           /* 0xA3 */
static const int waiwang_SNMP_MSG_TRAP = SNMP_MSG_TRAP;         /* 0xA4, SNMPv1 */
static const int waiwang_SNMP_MSG_GETBULK = SNMP_MSG_GETBULK;   /* 0xA5 */
static const int waiwang_SNMP_MSG_INFORM = SNMP_MSG_INFORM;     /* 0xA6 */
static const int waiwang_SNMP_MSG_TRAP2 = SNMP_MSG_TRAP2;       /* 0xA7 */
static const int waiwang_SNMP_MSG_REPORT = SNMP_MSG_REPORT;     /* 0xA8, SNMPv3 */

/*
 * SNMPv2 exception values in a varbind (netsnmp_variable_list.type is a
 * u_char, so these are u_char too: compare without conversions).
 */
static const u_char waiwang_SNMP_NOSUCHOBJECT = SNMP_NOSUCHOBJECT;     /* 0x80 */
static const u_char waiwang_SNMP_NOSUCHINSTANCE = SNMP_NOSUCHINSTANCE; /* 0x81 */
static const u_char waiwang_SNMP_ENDOFMIBVIEW = SNMP_ENDOFMIBVIEW;     /* 0x82 */

/*
 * GETBULK parameters. non_repeaters and max_repetitions are macro aliases of
 * errstat and errindex, which Swift does not see.
 */
static inline void waiwang_pdu_set_non_repeaters(netsnmp_pdu *pdu, long value) {
    pdu->non_repeaters = value;
}

static inline void waiwang_pdu_set_max_repetitions(netsnmp_pdu *pdu, long value) {
    pdu->max_repetitions = value;
}

#endif /* WAIWANG_CNETSNMP_SHIM_H */
