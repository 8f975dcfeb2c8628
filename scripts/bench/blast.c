/*
 * blast: sends minimum-size Ethernet frames (60 bytes handed to the interface, 64 on the wire with the FCS)
 * out of one interface as fast as the kernel takes them, for the live capture benchmark
 * (scripts/bench-live-capture). AF_PACKET + sendmmsg in batches of 256. A frame the interface pushes back
 * (ENOBUFS/EAGAIN: the receiving queue is full) is sent again, so every frame counted was delivered once.
 *
 * The traffic is the mix of scripts/bench/trafgen_mix.py, frame for frame in kind: of every 100 frames,
 * 97 established-looking TCP segments (ACK|PSH) between the 50 units of the benchmark's watch file
 * (10.77.0.0/24 ... 10.77.49.0/24) and extranet servers (10.200.0.0/16), both directions, hosts, servers and
 * ports moving so the flows keep changing; then a port scan (10.77.7.66 to every port of 10.200.1.10), a host
 * sweep (ICMP echo from 10.77.12.99 to 10.200.2.1 ... 10.200.9.250) and a spoofed SYN flood (to
 * 10.200.1.10:80, each SYN from a new address outside every unit, 11.0.0.1 upwards). Padding is payload,
 * counted in the IPv4 length; IPv4 header checksums are right, TCP/ICMP checksums zero.
 *
 *   blast IFNAME FRAMES [RATE_PPS]   prints "sent N frames of 60 bytes in S s (R frames/s)"
 *
 * RATE_PPS 0 (default) is as fast as possible; otherwise paced per batch.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 256
#define FRAME 60
#define ROUND 100
#define UNITS 50

static const uint8_t OUTBOUND_MACS[12] = {2, 0, 0, 0, 0, 0xfe, 2, 0, 0, 0, 0, 1};
static const uint8_t INBOUND_MACS[12] = {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0xfe};

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint32_t address(uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
    return (a << 24) | (b << 16) | (c << 8) | d;
}

static void put16(uint8_t *p, uint16_t v) { p[0] = v >> 8; p[1] = v & 0xff; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v >> 16); put16(p + 2, v & 0xffff); }

/* Ethernet and IPv4 headers; returns the start of the transport header. */
static uint8_t *ipv4(uint8_t *f, const uint8_t *macs, uint8_t protocol, uint32_t source, uint32_t destination) {
    memcpy(f, macs, 12);
    put16(f + 12, 0x0800);
    uint8_t *ip = f + 14;
    ip[0] = 0x45;
    put16(ip + 2, FRAME - 14);
    put16(ip + 6, 0x4000); /* DF */
    ip[8] = 64;
    ip[9] = protocol;
    put32(ip + 12, source);
    put32(ip + 16, destination);
    uint32_t sum = 0;
    for (int i = 0; i < 20; i += 2) sum += (ip[i] << 8) | ip[i + 1];
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    put16(ip + 10, ~sum & 0xffff);
    return ip + 20;
}

static void tcp(uint8_t *t, uint16_t source, uint16_t destination, uint8_t flags) {
    put16(t, source);
    put16(t + 2, destination);
    t[12] = 5 << 4;
    t[13] = flags;
    put16(t + 14, 65535);
}

/* Frame number seq of the mix; `round` counts the rounds of 100, so each definition moves once a round. */
static void frame(uint8_t *f, long seq) {
    memset(f, 0, FRAME);
    long k = seq % ROUND, round = seq / ROUND;
    if (k < ROUND - 3) {
        uint32_t client = address(10, 77, (uint32_t)((round + k) % UNITS), 2 + (uint32_t)(round % 248));
        uint32_t server = address(10, 200, (uint32_t)(k % 7), 1 + (uint32_t)(round % 200));
        uint16_t service = (uint16_t[]){443, 80, 443, 8080}[k % 4];
        uint16_t port = 1024 + (uint16_t)(round % 60000);
        if (k % 2 == 0)
            tcp(ipv4(f, OUTBOUND_MACS, 6, client, server), port, service, 0x18);
        else
            tcp(ipv4(f, INBOUND_MACS, 6, server, client), service, port, 0x18);
    } else if (k == ROUND - 3) { /* port scan */
        tcp(ipv4(f, OUTBOUND_MACS, 6, address(10, 77, 7, 66), address(10, 200, 1, 10)), 41000,
            1 + (uint16_t)(round % 65535), 0x02);
    } else if (k == ROUND - 2) { /* host sweep: echo requests */
        uint32_t first = address(10, 200, 2, 1), span = address(10, 200, 9, 250) - first + 1;
        uint8_t *icmp = ipv4(f, OUTBOUND_MACS, 1, address(10, 77, 12, 99), first + (uint32_t)(round % span));
        icmp[0] = 8;
        put16(icmp + 4, 1);
        put16(icmp + 6, (uint16_t)round);
    } else { /* spoofed SYN flood: a new source each time */
        uint32_t first = address(11, 0, 0, 1), span = address(223, 255, 255, 254) - first + 1;
        tcp(ipv4(f, OUTBOUND_MACS, 6, first + (uint32_t)(round % span), address(10, 200, 1, 10)),
            1024 + (uint16_t)(round % 64512), 80, 0x02);
    }
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: blast IFNAME FRAMES [RATE_PPS]\n"); return 64; }
    long total = atol(argv[2]);
    double rate = argc > 3 ? atof(argv[3]) : 0;
    int fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
    if (fd < 0) { perror("socket"); return 1; }
    struct sockaddr_ll addr = {0};
    addr.sll_family = AF_PACKET;
    addr.sll_ifindex = if_nametoindex(argv[1]);
    if (addr.sll_ifindex == 0) { perror("if_nametoindex"); return 1; }
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) { perror("bind"); return 1; }

    static uint8_t frames[BATCH][FRAME];
    struct mmsghdr msgs[BATCH];
    struct iovec iov[BATCH];
    memset(msgs, 0, sizeof msgs);
    for (int i = 0; i < BATCH; i++) {
        iov[i].iov_base = frames[i];
        iov[i].iov_len = FRAME;
        msgs[i].msg_hdr.msg_iov = &iov[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
    }
    long sent = 0, pushed_back = 0;
    double start = now();
    while (sent < total) {
        int n = total - sent < BATCH ? (int)(total - sent) : BATCH;
        for (int i = 0; i < n; i++) frame(frames[i], sent + i);
        int done = 0;
        while (done < n) {
            int r = sendmmsg(fd, msgs + done, n - done, 0);
            if (r < 0 && (errno == ENOBUFS || errno == EAGAIN)) {
                pushed_back++;
                sched_yield();
                continue;
            }
            if (r < 0) { perror("sendmmsg"); return 1; }
            done += r;
        }
        sent += n;
        if (rate > 0) {
            double due = start + sent / rate;
            while (now() < due) { }
        }
    }
    double secs = now() - start;
    printf("sent %ld frames of %d bytes in %.3f s (%.0f frames/s); pushed back %ld times\n", sent, FRAME, secs,
           sent / secs, pushed_back);
    return 0;
}
