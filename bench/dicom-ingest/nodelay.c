/*
 * LD_PRELOAD shim: set TCP_NODELAY on every TCP socket a program connects or accepts.
 *
 * dcmtk's storescu writes a C-STORE as several small send() calls and never disables Nagle's
 * algorithm, so the last partial segment of each object waits for the receiver's (delayed) ACK.
 * Against a receiver that does not ACK at once, that costs up to ~40 ms per object on Linux.
 * Preloading this library shows what the same storescu does without that stall.
 * storescp has the same habit on its side (a C-STORE-RSP goes out as a 12-byte PDU header and a
 * separate body), so the benchmark also preloads it into storescp for a reference column.
 *
 * Build: gcc -shared -fPIC -O2 -o nodelay.so nodelay.c -ldl
 * Use:   LD_PRELOAD=/path/nodelay.so storescu ...
 * Set NODELAY_SHIM_VERBOSE=1 to get one line on stderr per socket it changes.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>

static void set_nodelay(int fd, const char *how)
{
    int type = 0;
    socklen_t tlen = sizeof type;
    int saved = errno;
    /* Only stream sockets: UDP (e.g. DNS lookups) has no such option. */
    if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &tlen) == 0 && type == SOCK_STREAM) {
        int one = 1;
        int rc = setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        const char *verbose = getenv("NODELAY_SHIM_VERBOSE");
        if (verbose && *verbose && *verbose != '0')
            fprintf(stderr, "nodelay shim: %s fd %d TCP_NODELAY %s\n", how, fd, rc == 0 ? "set" : "failed");
    }
    errno = saved;
}

static int is_inet(const struct sockaddr *addr)
{
    return addr && (addr->sa_family == AF_INET || addr->sa_family == AF_INET6);
}

static void *next_symbol(const char *name)
{
    void *f = dlsym(RTLD_NEXT, name);
    if (!f) {
        fprintf(stderr, "nodelay shim: %s not found\n", name);
        abort();
    }
    return f;
}

int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
    static int (*real)(int, const struct sockaddr *, socklen_t);
    if (!real)
        real = (int (*)(int, const struct sockaddr *, socklen_t))next_symbol("connect");
    /* Set before connecting: the option then holds from the first segment on. */
    if (is_inet(addr))
        set_nodelay(fd, "connect");
    return real(fd, addr, len);
}

int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
    static int (*real)(int, struct sockaddr *, socklen_t *);
    if (!real)
        real = (int (*)(int, struct sockaddr *, socklen_t *))next_symbol("accept");
    int s = real(fd, addr, len);
    if (s >= 0)
        set_nodelay(s, "accept");   /* harmless on a UNIX socket: setsockopt just fails */
    return s;
}

int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
    static int (*real)(int, struct sockaddr *, socklen_t *, int);
    if (!real)
        real = (int (*)(int, struct sockaddr *, socklen_t *, int))next_symbol("accept4");
    int s = real(fd, addr, len, flags);
    if (s >= 0)
        set_nodelay(s, "accept4");
    return s;
}
