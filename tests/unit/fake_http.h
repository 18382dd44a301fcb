/* A one-thread HTTP/1.1 server on 127.0.0.1 for client tests: records each
 * request's target and body and answers with a canned status and body. */
#ifndef VT_TEST_FAKE_HTTP_H
#define VT_TEST_FAKE_HTTP_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define FAKE_MAX 8

struct fake_http {
	int fd, port, status;
	const char *answer;
	size_t expect;                  /* requests to serve, then the thread ends */
	char *target[FAKE_MAX], *body[FAKE_MAX];
	size_t n;
	pthread_t thread;
};

static char *fake_read_request(int c, char **body)
{
	size_t cap = 1 << 16, n = 0;
	char *buf = calloc(1, cap + 1), *end = NULL;
	ssize_t k;
	while (!(end = strstr(buf, "\r\n\r\n")) && n < cap && (k = read(c, buf + n, cap - n)) > 0)
		n += (size_t)k;
	const char *cl = strstr(buf, "Content-Length: ");
	size_t want = cl ? strtoul(cl + 16, NULL, 10) : 0, have = end ? n - (size_t)(end + 4 - buf) : 0;
	*body = calloc(1, want + 1);
	memcpy(*body, end ? end + 4 : "", have);
	while (have < want && (k = read(c, *body + have, want - have)) > 0)
		have += (size_t)k;
	char *target = calloc(1, 65536);
	sscanf(buf, "%*s %65535s", target);
	free(buf);
	return target;
}

static void *fake_serve(void *arg)
{
	struct fake_http *f = arg;
	char head[256];
	for (; f->n < f->expect; f->n++) {
		int c = accept(f->fd, NULL, NULL);
		if (c < 0)
			break;
		f->target[f->n] = fake_read_request(c, &f->body[f->n]);
		snprintf(head, sizeof head, "HTTP/1.1 %d X\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n", f->status,
			 strlen(f->answer));
		if (write(c, head, strlen(head)) < 0 || write(c, f->answer, strlen(f->answer)) < 0)
			perror("fake_http write");
		close(c);
	}
	return NULL;
}

static void fake_start(struct fake_http *f, int status, const char *answer, size_t expect)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof a;
	memset(f, 0, sizeof *f);
	f->status = status;
	f->answer = answer;
	f->expect = expect < FAKE_MAX ? expect : FAKE_MAX;
	f->fd = socket(AF_INET, SOCK_STREAM, 0);
	bind(f->fd, (struct sockaddr *)&a, sizeof a);
	listen(f->fd, 8);
	getsockname(f->fd, (struct sockaddr *)&a, &len);
	f->port = ntohs(a.sin_port);
	pthread_create(&f->thread, NULL, fake_serve, f);
}

static void fake_stop(struct fake_http *f)
{
	pthread_join(f->thread, NULL);
	close(f->fd);
}

static void fake_free(struct fake_http *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->target[i]);
		free(f->body[i]);
	}
}

#endif
