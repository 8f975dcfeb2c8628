/*
 * blast: sends small Ethernet frames out of one interface as fast as the kernel takes them, for the live
 * capture benchmark (scripts/bench-live-capture). AF_PACKET + sendmmsg in batches of 256; the frames are
 * 64-byte TCP segments (ACK|PSH, established-looking) from the 50 units of the benchmark's watch file (10.77.0.0/24 … 10.77.49.0/24) to
 * extranet servers: the detectors attribute and account every frame (no first contacts, so no alerts).
 *
 *   blast IFNAME FRAMES [RATE_PPS]   prints "sent N frames in S s (R frames/s)"
 *
 * RATE_PPS 0 (default) is as fast as possible; otherwise paced per batch.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 256
#define FRAME 64

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
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
    long sent = 0, seq = 0;
    double start = now();
    while (sent < total) {
        int n = total - sent < BATCH ? (int)(total - sent) : BATCH;
        for (int i = 0; i < n; i++, seq++) {
            uint8_t *f = frames[i];
            memset(f, 0, FRAME);
            memcpy(f, "\x02\x00\x00\x00\x00\xfe\x02\x00\x00\x00\x00\x01\x08\x00", 14);
            uint8_t *ip = f + 14;
            ip[0] = 0x45; ip[2] = 0; ip[3] = 40; ip[6] = 0x40; ip[8] = 64; ip[9] = 6;
            uint32_t src = htonl((10u << 24) | (77u << 16) | ((uint32_t)(seq % 50) << 8) | (2 + (seq / 50) % 248));
            uint32_t dst = htonl((10u << 24) | (200u << 16) | ((uint32_t)(seq % 7) << 8) | (1 + seq % 200));
            memcpy(ip + 12, &src, 4);
            memcpy(ip + 16, &dst, 4);
            uint8_t *tcp = ip + 20;
            uint16_t sport = htons(1024 + seq % 60000), dport = htons(443);
            memcpy(tcp, &sport, 2);
            memcpy(tcp + 2, &dport, 2);
            tcp[12] = 5 << 4; tcp[13] = 0x18; tcp[14] = 0xff; tcp[15] = 0xff;
            iov[i].iov_base = f;
            iov[i].iov_len = FRAME;
            msgs[i].msg_hdr.msg_iov = &iov[i];
            msgs[i].msg_hdr.msg_iovlen = 1;
        }
        int done = 0;
        while (done < n) {
            int r = sendmmsg(fd, msgs + done, n - done, 0);
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
    printf("sent %ld frames in %.3f s (%.0f frames/s)\n", sent, secs, sent / secs);
    return 0;
}
