/*
 * The node's durability scheme and nothing else, as the floor under its C-STORE throughput: for each file,
 * write its bytes to a new file in DIR/incoming, fsync it, rename it into DIR/objects, fsync DIR/objects.
 * LOOPS loops run in parallel (one per association of the node's cell), each over a contiguous share of the
 * files, one file after the other. The files are read into memory before the clock starts.
 *
 *   durability_floor DIR LOOPS FILE...     prints the elapsed seconds; leaves DIR/objects empty
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct blob { char *data; size_t len; };

struct loop {
    int id, from, to;
    int failed;
};

static const char *dir;
static struct blob *blobs;
static char incoming[4096], objects[4096];

static void die(const char *what, const char *path) {
    fprintf(stderr, "durability_floor: %s %s: %s\n", what, path, strerror(errno));
    exit(1);
}

static void read_file(const char *path, struct blob *b) {
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) die("cannot read", path);
    b->len = (size_t) st.st_size;
    b->data = malloc(b->len ? b->len : 1);
    size_t got = 0;
    while (got < b->len) {
        ssize_t n = read(fd, b->data + got, b->len - got);
        if (n <= 0) die("cannot read", path);
        got += (size_t) n;
    }
    close(fd);
}

static int store(int loop, int i) {
    char part[4200], target[4200];
    snprintf(part, sizeof part, "%s/%d-%d.part", incoming, loop, i);
    snprintf(target, sizeof target, "%s/%d-%d.dcm", objects, loop, i);
    int fd = open(part, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return -1;
    size_t done = 0;
    while (done < blobs[i].len) {
        ssize_t n = write(fd, blobs[i].data + done, blobs[i].len - done);
        if (n <= 0) { close(fd); return -1; }
        done += (size_t) n;
    }
    if (fsync(fd) != 0 || close(fd) != 0) return -1;
    if (rename(part, target) != 0) return -1;
    int dfd = open(objects, O_RDONLY | O_DIRECTORY);
    if (dfd < 0) return -1;
    int rc = fsync(dfd);
    close(dfd);
    return rc;
}

static void *run(void *arg) {
    struct loop *l = arg;
    for (int i = l->from; i < l->to; i++) {
        if (store(l->id, i) != 0) {
            l->failed = errno ? errno : EIO;
            return NULL;
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: durability_floor DIR LOOPS FILE...\n");
        return 2;
    }
    dir = argv[1];
    int loops = atoi(argv[2]);
    int count = argc - 3;
    if (loops < 1 || loops > count) {
        fprintf(stderr, "durability_floor: LOOPS must be 1..%d\n", count);
        return 2;
    }
    snprintf(incoming, sizeof incoming, "%s/incoming", dir);
    snprintf(objects, sizeof objects, "%s/objects", dir);
    mkdir(dir, 0755);
    if ((mkdir(incoming, 0755) != 0 && errno != EEXIST) || (mkdir(objects, 0755) != 0 && errno != EEXIST))
        die("cannot create", dir);

    blobs = calloc((size_t) count, sizeof *blobs);
    for (int i = 0; i < count; i++) read_file(argv[3 + i], &blobs[i]);

    pthread_t *threads = calloc((size_t) loops, sizeof *threads);
    struct loop *ls = calloc((size_t) loops, sizeof *ls);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int l = 0; l < loops; l++) {
        ls[l] = (struct loop) {l, l * count / loops, (l + 1) * count / loops, 0};
        if (pthread_create(&threads[l], NULL, run, &ls[l]) != 0) die("cannot start a loop", "");
    }
    int failed = 0;
    for (int l = 0; l < loops; l++) {
        pthread_join(threads[l], NULL);
        if (ls[l].failed) {
            errno = ls[l].failed;
            perror("durability_floor: store");
            failed = 1;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    for (int l = 0; l < loops; l++) {
        for (int i = ls[l].from; i < ls[l].to; i++) {
            char target[4200];
            snprintf(target, sizeof target, "%s/%d-%d.dcm", objects, l, i);
            unlink(target);
        }
    }
    if (failed) return 1;
    printf("%.4f\n", (double) (t1.tv_sec - t0.tv_sec) + (double) (t1.tv_nsec - t0.tv_nsec) / 1e9);
    return 0;
}
