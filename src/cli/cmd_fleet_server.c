/* vmtriage fleet server DIR | --stop DIR: a private ClickHouse for fleet,
 * on loopback only, its data, configuration and logs in DIR, the schema
 * loaded. The URL goes to stdout (for `export VMTRIAGE_CLICKHOUSE=$(...)`),
 * everything else to stderr. */
/* realpath() is XSI in glibc headers (base POSIX.1-2008 elsewhere). */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cmd_fleet.h"
#include "commands.h"
#include "vmtriage/fleet.h"

#define SERVER_PORT_FIRST 8123
#define SERVER_PORT_TRIES 20
#define SERVER_START_SECONDS 60

enum { OPT_PORT = 1, OPT_STOP };

struct server_state {
	struct cli_common co; /* --help */
	unsigned port;        /* 0: the first free from SERVER_PORT_FIRST */
	bool stop;
};

static int on_option(void *vs, int id, const char *arg)
{
	struct server_state *st = vs;
	uint64_t port;
	int rc;
	switch (id) {
	case OPT_STOP: st->stop = true; return 0;
	case OPT_PORT:
		if ((rc = cli_count_option("fleet server", "--port", arg, 1, 65535, NULL, &port)) == 0)
			st->port = (unsigned)port;
		return rc;
	}
	return VT_EXIT_USAGE;
}

/* Write path atomically: a fresh temporary beside it, then rename. */
static int write_file(const char *path, const char *text)
{
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0)
		return -1;
	size_t n = strlen(text);
	bool ok = write(fd, text, n) == (ssize_t)n;
	ok = close(fd) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* The root element <yandex> is what 18.16 knows; current releases accept it too.
 * The token (a macro, which system.macros shows on every release) lets the
 * start-up probe tell our server from another that took the port first. */
static int write_config(const char *dir, unsigned port, const char *token)
{
	char path[4200], text[4096];
	snprintf(text, sizeof text,
		 "<?xml version=\"1.0\"?>\n<!-- written by vmtriage fleet server -->\n<yandex>\n"
		 "  <logger><level>warning</level><log>%s/log/server.log</log><errorlog>%s/log/err.log</errorlog></logger>\n"
		 "  <http_port>%u</http_port>\n  <listen_host>127.0.0.1</listen_host>\n"
		 "  <path>%s/data/</path>\n  <tmp_path>%s/tmp/</tmp_path>\n"
		 "  <user_files_path>%s/data/user_files/</user_files_path>\n"
		 "  <format_schema_path>%s/data/format_schemas/</format_schema_path>\n"
		 "  <users_config>%s/users.xml</users_config>\n"
		 "  <default_profile>default</default_profile>\n  <default_database>default</default_database>\n"
		 "  <timezone>UTC</timezone>\n"
		 "  <macros><vmtriage_server>%s</vmtriage_server></macros>\n"
		 "  <mark_cache_size>67108864</mark_cache_size>\n  <uncompressed_cache_size>67108864</uncompressed_cache_size>\n"
		 "</yandex>\n",
		 dir, dir, port, dir, dir, dir, dir, dir, token);
	snprintf(path, sizeof path, "%s/config.xml", dir);
	if (write_file(path, text) != 0)
		return -1;
	snprintf(path, sizeof path, "%s/users.xml", dir);
	return write_file(path,
			  "<?xml version=\"1.0\"?>\n<yandex>\n"
			  "  <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>\n"
			  "  <users><default><password></password><networks><ip>127.0.0.1</ip></networks>\n"
			  "    <profile>default</profile><quota>default</quota></default></users>\n"
			  "  <quotas><default></default></quotas>\n</yandex>\n");
}

/* Whether nothing listens on 127.0.0.1:port (bind succeeds). */
static bool port_available(unsigned port)
{
	struct sockaddr_in a = { 0 };
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	if (fd < 0)
		return false;
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	bool ok = bind(fd, (struct sockaddr *)&a, sizeof a) == 0;
	close(fd);
	return ok;
}

/* CLICKHOUSE_SERVER (a command, e.g. "clickhouse server"), else
 * clickhouse-server (Debian puts it in /usr/sbin), else `clickhouse server`. */
static void server_argv(const char *dir, char *buf, size_t size, char **argv)
{
	static const char *const sbin[] = { "/usr/sbin/clickhouse-server", "/usr/bin/clickhouse-server",
					    "/usr/local/bin/clickhouse-server" };
	const char *env = getenv("CLICKHOUSE_SERVER");
	size_t n = 0;
	snprintf(buf, size, "%s", env && env[0] ? env : "clickhouse-server");
	if (!env || !env[0]) {
		for (size_t i = 0; i < sizeof sbin / sizeof *sbin; i++)
			if (access(sbin[i], X_OK) == 0) {
				snprintf(buf, size, "%s", sbin[i]);
				break;
			}
	}
	for (char *p = strtok(buf, " "); p && n < 6; p = strtok(NULL, " "))
		argv[n++] = p;
	static char config[4200];
	snprintf(config, sizeof config, "--config-file=%s/config.xml", dir);
	argv[n++] = config;
	argv[n] = NULL;
}

/* Start the server detached (its own session, output to DIR/log/stdout). */
static pid_t spawn(const char *dir)
{
	char cmd[512], log[4200], *argv[8];
	server_argv(dir, cmd, sizeof cmd, argv);
	snprintf(log, sizeof log, "%s/log/stdout", dir);
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	setsid();
	int in = open("/dev/null", O_RDONLY), out = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0644);
	if (in < 0 || out < 0)
		_exit(127);
	dup2(in, STDIN_FILENO);
	dup2(out, STDOUT_FILENO);
	dup2(out, STDERR_FILENO);
	execvp(argv[0], argv);
	if (strcmp(argv[0], "clickhouse-server") == 0) { /* a release without the symlink */
		argv[0] = "server";
		char *alt[9] = { "clickhouse", NULL };
		for (int i = 0; argv[i] && i < 7; i++)
			alt[i + 1] = argv[i];
		execvp("clickhouse", alt);
	}
	dprintf(STDERR_FILENO, "vmtriage: cannot run %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

/* Whether the server on ch's port is the one started with token. */
static bool answers_as(const struct vt_clickhouse *ch, const char *token, struct vt_error *err)
{
	char *answer = NULL;
	if (vt_clickhouse_post(ch, "SELECT substitution FROM system.macros WHERE macro = 'vmtriage_server'", NULL,
			       NULL, 0, &answer, NULL, err) != VT_OK)
		return false;
	bool ours = strncmp(answer, token, strlen(token)) == 0 && answer[strlen(token)] == '\n';
	free(answer);
	return ours;
}

/* Wait until our server answers (VT_OK), exits, or the time is up. */
static int wait_ready(pid_t pid, const struct vt_clickhouse *ch, const char *token, struct vt_error *err)
{
	for (int i = 0; i < SERVER_START_SECONDS * 4; i++) {
		int status;
		if (waitpid(pid, &status, WNOHANG) == pid)
			return vt_error_set(err, VT_ERR_IO, "the server exited during start-up");
		if (answers_as(ch, token, err))
			return VT_OK;
		struct timespec ts = { 0, 250 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	kill(pid, SIGTERM);
	return vt_error_set(err, VT_ERR_IO, "no answer after %d s", SERVER_START_SECONDS);
}

static int make_dirs(const char *dir)
{
	static const char *const sub[] = { "", "/data", "/tmp", "/log" };
	char path[4200];
	for (size_t i = 0; i < sizeof sub / sizeof *sub; i++) {
		snprintf(path, sizeof path, "%s%s", dir, sub[i]);
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			cli_errorf("fleet server: %s: %s", path, strerror(errno));
			return VT_EXIT_RUNTIME;
		}
	}
	return 0;
}

/* The pid DIR/server.pid names, when that process is alive; else 0. */
static pid_t running_pid(const char *dir)
{
	char path[4200], buf[32] = "";
	snprintf(path, sizeof path, "%s/server.pid", dir);
	FILE *fp = fopen(path, "r");
	if (!fp)
		return 0;
	long pid = fgets(buf, sizeof buf, fp) ? strtol(buf, NULL, 10) : 0;
	fclose(fp);
	return pid > 1 && kill((pid_t)pid, 0) == 0 ? (pid_t)pid : 0;
}

static int print_running(const char *dir, pid_t pid)
{
	char path[4200], url[128] = "";
	snprintf(path, sizeof path, "%s/url", dir);
	FILE *fp = fopen(path, "r");
	if (fp) {
		if (fgets(url, sizeof url, fp))
			url[strcspn(url, "\n")] = '\0';
		fclose(fp);
	}
	fprintf(stderr, "vmtriage: fleet server: already running in %s (pid %ld)\n", dir, (long)pid);
	printf("%s\n", url);
	return cli_finish_output(VT_EXIT_OK);
}

/* One port: start, wait, load the schema. VT_EXIT_OK, or an exit code. */
static int start_on(const char *dir, unsigned port, bool last_try)
{
	struct vt_clickhouse ch;
	struct vt_error err;
	char url[64], path[4200], pidtext[32], token[64];
	size_t statements;

	snprintf(token, sizeof token, "%lx-%lx-%u", (unsigned long)getpid(), (unsigned long)time(NULL), port);
	if (write_config(dir, port, token) != 0) {
		cli_errorf("fleet server: %s: cannot write config.xml: %s", dir, strerror(errno));
		return VT_EXIT_RUNTIME;
	}
	snprintf(url, sizeof url, "http://127.0.0.1:%u/", port);
	vt_clickhouse_default(&ch, url);
	ch.connect_timeout_ms = 1000;
	pid_t pid = spawn(dir);
	if (pid < 0) {
		cli_errorf("fleet server: fork: %s", strerror(errno));
		return VT_EXIT_RUNTIME;
	}
	if (wait_ready(pid, &ch, token, &err) != VT_OK) {
		if (last_try)
			cli_errorf("fleet server: ClickHouse on port %u: %s (see %s/log/)", port, err.msg, dir);
		return VT_EXIT_RUNTIME;
	}
	snprintf(pidtext, sizeof pidtext, "%ld\n", (long)pid);
	snprintf(path, sizeof path, "%s/server.pid", dir);
	write_file(path, pidtext);
	snprintf(path, sizeof path, "%s/url", dir);
	write_file(path, url);
	if (vt_fleet_schema_load(&ch, &statements, &err) != VT_OK) {
		cli_errorf("fleet server: %s", err.msg);
		return VT_EXIT_RUNTIME;
	}
	fprintf(stderr,
		"vmtriage: fleet server: ClickHouse on %s (pid %ld, data in %s), schema loaded (%zu statements)\n"
		"  use it:  export VMTRIAGE_CLICKHOUSE=%s\n"
		"  stop it: vmtriage fleet server --stop %s\n",
		url, (long)pid, dir, statements, url, dir);
	printf("%s\n", url);
	return cli_finish_output(VT_EXIT_OK);
}

static int server_start(const char *given, unsigned port)
{
	char dir[PATH_MAX];
	pid_t running = running_pid(given);
	if (running)
		return print_running(given, running);
	int rc = make_dirs(given);
	/* The configuration names its directories absolutely: the server's
	 * working directory is not the caller's. */
	if (rc == 0 && !realpath(given, dir)) {
		cli_errorf("fleet server: %s: %s", given, strerror(errno));
		return VT_EXIT_RUNTIME;
	}
	/* No --port: the first free one from 8123 up (a shared host may hold some). */
	for (unsigned i = 0; rc == 0 && i < (port ? 1u : SERVER_PORT_TRIES); i++) {
		unsigned p = port ? port : SERVER_PORT_FIRST + i;
		if (!port && !port_available(p))
			continue;
		if ((rc = start_on(dir, p, port || i + 1 == SERVER_PORT_TRIES)) == VT_EXIT_OK)
			return rc;
		rc = 0;
	}
	if (rc == 0)
		cli_errorf("fleet server: ClickHouse did not start (see %s/log/)", dir);
	return VT_EXIT_RUNTIME;
}

static int server_stop(const char *dir)
{
	char path[4200];
	pid_t pid = running_pid(dir);
	snprintf(path, sizeof path, "%s/server.pid", dir);
	if (!pid) {
		cli_errorf("fleet server: no server running in %s", dir);
		return VT_EXIT_RUNTIME;
	}
	kill(pid, SIGTERM);
	for (int i = 0; i < 300 && kill(pid, 0) == 0; i++) {
		struct timespec ts = { 0, 100 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	if (kill(pid, 0) == 0)
		kill(pid, SIGKILL);
	unlink(path);
	fprintf(stderr, "vmtriage: fleet server: stopped pid %ld (data kept in %s)\n", (long)pid, dir);
	return VT_EXIT_OK;
}

static const struct cli_option options[] = {
	{ "port", 0, CLI_ARG, OPT_PORT, "N", "HTTP port on 127.0.0.1 (default: the first free from 8123)" },
	{ "stop", 0, CLI_NO_ARG, OPT_STOP, NULL, "stop the server running in DIR" },
	CLI_ROW_HELP,
	CLI_ROW_END,
};

static const char *const synopsis[] = { "[--port N] DIR", "--stop DIR", NULL };

const struct cli_spec fleet_server_spec = {
	.name = "fleet server",
	.synopsis = synopsis,
	.description = "Start a private ClickHouse on 127.0.0.1 with its data, configuration and logs\n"
		       "in DIR and the schema loaded, and print its URL (for VMTRIAGE_CLICKHOUSE);\n"
		       "started again on the same DIR it keeps its data. --stop stops it.",
	.options = options,
	.handler = on_option,
	.group = &cli_fleet,
	.operands = "DIR",
	.min_operands = 1,
	.max_operands = 1,
};

int fleet_server(int argc, char **argv)
{
	struct server_state st = { 0 };
	int nops, rc;
	if ((rc = cli_parse(&fleet_server_spec, argc, argv, &st, &st.co, &nops)) != 0 || st.co.help)
		return rc;
	return st.stop ? server_stop(argv[0]) : server_start(argv[0], st.port);
}
