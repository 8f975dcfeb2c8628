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

/*
 * SNMPv3 USM setup. The protocol OIDs are mutable C globals, which Swift 6
 * rejects as not concurrency-safe, so the choice is made here by number.
 * auth: 0 none, 1 HMAC-SHA-96 (SHA), 2 HMAC-192-SHA-256 (SHA-256).
 * priv: 0 none, 1 AES-128 (CFB), 2 AES-256 (Blumenthal draft, as snmpd's "AES256").
 * Keys are derived (generate_Ku) into the session; snmp_sess_open copies the
 * session, so the strings need only live until then. Returns SNMPERR_SUCCESS
 * or the failing net-snmp error number.
 */
static inline int waiwang_session_set_usm(netsnmp_session *session, const char *user,
                                          int auth, const char *auth_pass,
                                          int priv, const char *priv_pass) {
    session->version = SNMP_VERSION_3;
    session->securityName = (char *)user;
    session->securityNameLen = strlen(user);
    session->securityLevel = SNMP_SEC_LEVEL_NOAUTH;
    if (auth == 0) {
        return SNMPERR_SUCCESS;
    }
    switch (auth) {
    case 1:
        session->securityAuthProto = usmHMACSHA1AuthProtocol;
        session->securityAuthProtoLen = OID_LENGTH(usmHMACSHA1AuthProtocol);
        break;
    case 2:
        session->securityAuthProto = usmHMAC192SHA256AuthProtocol;
        session->securityAuthProtoLen = OID_LENGTH(usmHMAC192SHA256AuthProtocol);
        break;
    default:
        return SNMPERR_BAD_SEC_LEVEL;
    }
    session->securityAuthKeyLen = USM_AUTH_KU_LEN;
    int rc = generate_Ku(session->securityAuthProto, (u_int)session->securityAuthProtoLen,
                         (const u_char *)auth_pass, strlen(auth_pass),
                         session->securityAuthKey, &session->securityAuthKeyLen);
    if (rc != SNMPERR_SUCCESS) {
        return rc;
    }
    session->securityLevel = SNMP_SEC_LEVEL_AUTHNOPRIV;
    if (priv == 0) {
        return SNMPERR_SUCCESS;
    }
    switch (priv) {
    case 1:
        session->securityPrivProto = usmAESPrivProtocol;
        session->securityPrivProtoLen = OID_LENGTH(usmAESPrivProtocol);
        break;
    case 2:
        session->securityPrivProto = usmAES256PrivProtocol;
        session->securityPrivProtoLen = OID_LENGTH(usmAES256PrivProtocol);
        break;
    default:
        return SNMPERR_BAD_SEC_LEVEL;
    }
    session->securityPrivKeyLen = USM_PRIV_KU_LEN;
    rc = generate_Ku(session->securityAuthProto, (u_int)session->securityAuthProtoLen,
                     (const u_char *)priv_pass, strlen(priv_pass),
                     session->securityPrivKey, &session->securityPrivKeyLen);
    if (rc != SNMPERR_SUCCESS) {
        return rc;
    }
    session->securityLevel = SNMP_SEC_LEVEL_AUTHPRIV;
    return SNMPERR_SUCCESS;
}

#endif /* WAIWANG_CNETSNMP_SHIM_H */
