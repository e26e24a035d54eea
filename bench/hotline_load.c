/*
 * hotline_load.c: a load generator for `redline serve`: N client threads,
 * each on its own keep-alive connection to 127.0.0.1:PORT, send the same
 * request (a POST /api/v1/messages with a fresh Idempotency-Key each time,
 * or a GET) for a fixed count, and the latencies are reported (requests
 * per second, p50, p99, max). Bounded in count and in time (MAX_SECONDS,
 * default 120: clients stop starting requests then, and a reply that
 * takes longer than 30 s counts as an error); loopback only.
 *
 * usage: hotline_load PORT TOKEN CLIENTS REQUESTS_PER_CLIENT send|GET-PATH [MAX_SECONDS]
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static int g_port, g_per;
static const char *g_token, *g_what;
static int64_t *g_lat;          /* clients * per latencies, microseconds */
static int g_errors;
static int64_t g_deadline_us;   /* no request starts after this */
static int *g_done;             /* requests each client completed */
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;

static int64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int connect_lo(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)g_port) };
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;

	struct timeval tv = { .tv_sec = 30 };

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&a, sizeof(a))) {
		close(fd);
		return -1;
	}
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	/* A server that stops answering ends the run, not hangs it. */
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	return fd;
}

/* Reads one response; returns its status, or -1. */
static int read_response(int fd, char *buf, size_t size)
{
	size_t have = 0;
	long body = -1;
	char *end = NULL;

	for (;;) {
		ssize_t n = read(fd, buf + have, size - have - 1);
		if (n <= 0)
			return -1;
		have += (size_t)n;
		buf[have] = '\0';
		if (!end && (end = strstr(buf, "\r\n\r\n"))) {
			char *cl = strcasestr(buf, "content-length:");
			body = cl && cl < end ? strtol(cl + 15, NULL, 10) : 0;
		}
		if (end && (long)(have - (size_t)(end + 4 - buf)) >= body)
			return (int)strtol(buf + 9, NULL, 10);
		if (have + 1 >= size)
			return -1;
	}
}

static void *client(void *arg)
{
	int id = (int)(intptr_t)arg, fd = connect_lo();
	static char buf_unused;
	char req[2048], body[512], *resp = malloc(1 << 20);

	(void)buf_unused;
	if (fd < 0) {
		pthread_mutex_lock(&g_lock);
		g_errors += g_per;
		pthread_mutex_unlock(&g_lock);
		free(resp);
		return NULL;
	}
	for (int i = 0; i < g_per && now_us() < g_deadline_us; i++) {
		int len, st;
		int64_t t0;

		if (!strcmp(g_what, "send")) {
			int blen = snprintf(body, sizeof(body),
					    "{\"to\":[\"LA-XI-V0101\"],\"kind\":\"information\",\"priority\":\"routine\","
					    "\"subject\":\"bench %d/%d\",\"body\":\"Kiểm tra tải hệ thống đường dây nóng\"}",
					    id, i);
			len = snprintf(req, sizeof(req),
				       "POST /api/v1/messages HTTP/1.1\r\nHost: b\r\nAuthorization: Bearer %s\r\n"
				       "Content-Type: application/json\r\nIdempotency-Key: b-%d-%d-%lld\r\n"
				       "Content-Length: %d\r\n\r\n%s", g_token, id, i, (long long)now_us(), blen, body);
		} else {
			len = snprintf(req, sizeof(req), "GET %s HTTP/1.1\r\nHost: b\r\nAuthorization: Bearer %s\r\n\r\n",
				       g_what, g_token);
		}
		t0 = now_us();
		if (write(fd, req, (size_t)len) != len) {
			st = -1;
		} else {
			st = read_response(fd, resp, 1 << 20);
		}
		g_lat[id * g_per + i] = now_us() - t0;
		g_done[id] = i + 1;
		if (st != 200 && st != 201) {
			pthread_mutex_lock(&g_lock);
			if (g_errors++ < 3)
				fprintf(stderr, "status %d: %.200s\n", st, resp);
			pthread_mutex_unlock(&g_lock);
			if (st < 0)
				break;
		}
	}
	close(fd);
	free(resp);
	return NULL;
}

static int cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	pthread_t th[256];
	int clients, max_s = 120;
	int64_t t0, dt, n, k = 0;

	if (argc != 6 && argc != 7) {
		fprintf(stderr, "usage: hotline_load PORT TOKEN CLIENTS PER_CLIENT send|/path [MAX_SECONDS]\n");
		return 2;
	}
	g_port = atoi(argv[1]);
	g_token = argv[2];
	clients = atoi(argv[3]);
	g_per = atoi(argv[4]);
	g_what = argv[5];
	if (argc == 7)
		max_s = atoi(argv[6]);
	if (clients < 1 || clients > 256 || g_per < 1 || g_per > 1000000 || max_s < 1 || max_s > 3600)
		return 2;
	n = (int64_t)clients * g_per;
	g_lat = calloc((size_t)n, sizeof(*g_lat));
	g_done = calloc((size_t)clients, sizeof(*g_done));
	if (!g_lat || !g_done)
		return 2;
	t0 = now_us();
	g_deadline_us = t0 + (int64_t)max_s * 1000000;
	for (int i = 0; i < clients; i++)
		pthread_create(&th[i], NULL, client, (void *)(intptr_t)i);
	for (int i = 0; i < clients; i++)
		pthread_join(th[i], NULL);
	dt = now_us() - t0;
	/* Only the requests that were made count (the time bound may have
	 * stopped some clients early). */
	for (int i = 0; i < clients; i++)
		for (int j = 0; j < g_done[i]; j++)
			g_lat[k++] = g_lat[(int64_t)i * g_per + j];
	if (!k) {
		fprintf(stderr, "no request completed\n");
		return 1;
	}
	qsort(g_lat, (size_t)k, sizeof(*g_lat), cmp64);
	printf("%-24s %d clients  %lld requests  %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  %d errors%s\n",
	       g_what, clients, (long long)k, (double)k * 1e6 / (double)dt, g_lat[k / 2] / 1000.0,
	       g_lat[k * 99 / 100] / 1000.0, g_lat[k - 1] / 1000.0, g_errors,
	       k < n ? "  (stopped by the time bound)" : "");
	free(g_lat);
	free(g_done);
	return g_errors ? 1 : 0;
}
