/* fleet: query parameters bound as safe literals, JSONEachRow answers,
 * the shipped queries, signature answers as clusters, loading over HTTP
 * (against a fake loopback server), and the client's errors. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fake_http.h"
#include "vmtriage/fleet.h"
#include "vmtriage/table.h"

#define QUERIES VT_SOURCE_DIR "/share/clickhouse/queries"

static char *bind1(const char *sql, const char *name, const char *value, int *rc)
{
	struct vt_fleet_param p = { name, value };
	struct vt_error err;
	char *out = NULL;
	*rc = vt_fleet_bind(sql, &p, 1, &out, &err);
	return out;
}

Test(fleet_bind, strings_are_quoted_and_escaped)
{
	int rc;
	char *s = bind1("WHERE s = {sig:String}", "sig", "a'b\\c", &rc);
	cr_assert_eq(rc, VT_OK);
	cr_expect_str_eq(s, "WHERE s = 'a\\'b\\\\c'");
	free(s);
}

Test(fleet_bind, dates_are_checked_and_become_typed_literals)
{
	int rc;
	char *s = bind1("x >= {since:Date}", "since", "2026-11-21", &rc);
	cr_assert_eq(rc, VT_OK);
	cr_expect_str_eq(s, "x >= toDate('2026-11-21')");
	free(s);
	s = bind1("x >= {t:DateTime}", "t", "2026-11-21T10:00:00+02:00", &rc);
	cr_assert_eq(rc, VT_OK);
	cr_expect_str_eq(s, "x >= toDateTime('2026-11-21 08:00:00', 'UTC')");
	free(s);
	cr_expect_null(bind1("x >= {since:Date}", "since", "2026-11-21'; DROP TABLE t", &rc));
	cr_expect_eq(rc, VT_ERR_INPUT);
}

Test(fleet_bind, unsigned_integers_take_digits_only)
{
	int rc;
	char *s = bind1("LIMIT {n:UInt32}", "n", "25", &rc);
	cr_expect_str_eq(s, "LIMIT 25");
	free(s);
	cr_expect_null(bind1("LIMIT {n:UInt32}", "n", "1 OR 1", &rc));
	cr_expect_eq(rc, VT_ERR_INPUT);
}

Test(fleet_bind, a_missing_parameter_or_unknown_type_is_an_input_error)
{
	struct vt_error err;
	char *out;
	cr_expect_eq(vt_fleet_bind("x = {since:Date}", NULL, 0, &out, &err), VT_ERR_INPUT);
	cr_expect(strstr(err.msg, "--param since=VALUE"), "%s", err.msg);
	int rc;
	cr_expect_null(bind1("x = {a:Float64}", "a", "1.5", &rc));
	cr_expect_eq(rc, VT_ERR_INPUT);
}

Test(fleet_bind, braces_in_literals_and_comments_are_left_alone)
{
	int rc;
	char *s = bind1("-- {since:Date}\nSELECT '{since:Date}', {since:Date}", "since", "2026-01-02", &rc);
	cr_assert_eq(rc, VT_OK);
	cr_expect_str_eq(s, "-- {since:Date}\nSELECT '{since:Date}', toDate('2026-01-02')");
	free(s);
}

Test(fleet_rows, jsoneachrow_keeps_column_order_quoted_integers_and_nulls)
{
	struct vt_fleet_rows r;
	struct vt_error err;
	cr_assert_eq(vt_fleet_rows_parse("{\"b\":\"3\",\"a\":null,\"c\":2.5}\n\n{\"b\":\"4\",\"a\":\"x\",\"c\":7}\n", &r, &err),
		     VT_OK, "%s", err.msg);
	cr_assert_eq(r.ncols, 3);
	cr_expect_str_eq(r.cols[0], "b");
	cr_assert_eq(r.nrows, 2);
	cr_expect_null(vt_fleet_rows_get(&r, 0, "a"));
	cr_expect_str_eq(vt_fleet_rows_get(&r, 0, "c"), "2.5");
	cr_expect_str_eq(vt_fleet_rows_get(&r, 1, "c"), "7");
	cr_expect_str_eq(vt_fleet_rows_get(&r, 1, "b"), "4");
	vt_fleet_rows_release(&r);
}

Test(fleet_rows, a_line_that_is_not_an_object_is_reported_with_its_number)
{
	struct vt_fleet_rows r;
	struct vt_error err;
	cr_expect_eq(vt_fleet_rows_parse("{\"a\":1}\nCode: 60. DB::Exception\n", &r, &err), VT_ERR_INPUT);
	cr_expect(strstr(err.msg, "line 2"), "%s", err.msg);
}

Test(fleet_rows, signature_answers_become_summary_table_clusters)
{
	struct vt_fleet_rows r;
	struct vt_error err;
	struct vt_cluster *c;
	size_t n;
	cr_assert_eq(vt_fleet_rows_parse("{\"signature\":\"Paging/paging\",\"signature_id\":\"40793681c540\",\"count\":\"4\","
					 "\"zones\":\"2\",\"first_seen\":\"2023-03-10T10:59:59Z\",\"last_seen\":null}\n",
					 &r, &err),
		     VT_OK);
	cr_expect(vt_fleet_rows_are_signatures(&r));
	cr_assert_eq(vt_fleet_rows_clusters(&r, &c, &n, &err), VT_OK);
	cr_assert_eq(n, 1);
	cr_expect_eq(c[0].count, 4);
	cr_expect_eq(c[0].nzones, 2);
	cr_expect_str_eq(c[0].id, "40793681c540");
	cr_expect_neq(c[0].first, VT_TIME_UNKNOWN);
	cr_expect_eq(c[0].last, VT_TIME_UNKNOWN);
	vt_cluster_free(c, n);
	vt_fleet_rows_release(&r);
}

Test(fleet_query, every_shipped_query_reads_and_binds_completely)
{
	static const char *const names[] = { "top-signatures", "new-signatures", "crashes-per-sled", "class-over-time",
					     "zones-for-signature" };
	const struct vt_fleet_param p[] = { { "since", "2026-11-21" }, { "signature", "ca8f277c563e" } };
	struct vt_error err;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char *sql, *bound;
		cr_assert_eq(vt_fleet_query_read(QUERIES, names[i], &sql, &err), VT_OK, "%s", err.msg);
		cr_expect(strstr(sql, "FROM vmtriage.crashes"), "%s", names[i]);
		cr_expect_neq(sql[strlen(sql) - 1], ';', "FORMAT is appended after the statement");
		cr_expect_null(strstr(sql, "%M"), "%s: %%M is minutes in 18.16, the month name in current ClickHouse", names[i]);
		cr_expect_null(strstr(sql, "toStartOfWeek"), "%s: 18.16 has no toStartOfWeek", names[i]);
		cr_assert_eq(vt_fleet_bind(sql, p, 2, &bound, &err), VT_OK, "%s", err.msg);
		cr_expect_null(strstr(bound, ":Date}"), "%s", names[i]);
		cr_expect_null(strstr(bound, ":String}"), "%s", names[i]);
		free(sql);
		free(bound);
	}
}

Test(fleet_query, query_names_cannot_leave_the_directory)
{
	struct vt_error err;
	char *sql;
	cr_expect_eq(vt_fleet_query_read(QUERIES, "../schema", &sql, &err), VT_ERR_INPUT);
	cr_expect_eq(vt_fleet_query_read(QUERIES, "no-such-query", &sql, &err), VT_ERR_INPUT);
	cr_expect(strstr(err.msg, "no-such-query.sql"), "%s", err.msg);
}

/* The shipped queries are built in: from a build tree or any prefix,
 * without share/ installed, each reads as the file in share/ does. */
Test(fleet_query, the_shipped_queries_are_built_in_and_match_the_files)
{
	struct vt_error err;
	size_t n = 0;
	for (; vt_fleet_query_name(n); n++) {
		char *builtin, *file;
		cr_assert_eq(vt_fleet_query_read(NULL, vt_fleet_query_name(n), &builtin, &err), VT_OK, "%s", err.msg);
		cr_assert_eq(vt_fleet_query_read(QUERIES, vt_fleet_query_name(n), &file, &err), VT_OK, "%s", err.msg);
		cr_expect_str_eq(builtin, file);
		free(builtin);
		free(file);
	}
	cr_expect_geq(n, 5);
	cr_expect(strstr(vt_fleet_schema_sql(), "CREATE TABLE IF NOT EXISTS vmtriage.crashes"));
}

Test(fleet_query, an_unknown_builtin_name_lists_the_shipped_ones)
{
	struct vt_error err;
	char *sql;
	cr_expect_eq(vt_fleet_query_read(NULL, "top-signature", &sql, &err), VT_ERR_INPUT);
	cr_expect(strstr(err.msg, "no query \"top-signature\""), "%s", err.msg);
	cr_expect(strstr(err.msg, "top-signatures"), "%s", err.msg);
}

/* A fake ClickHouse on loopback and a client pointed at it. */
struct served {
	struct fake_http f;
	struct vt_clickhouse ch;
	char url[64];
};

static void serve(struct served *s, int status, const char *answer, size_t requests)
{
	fake_start(&s->f, status, answer, requests);
	snprintf(s->url, sizeof s->url, "http://127.0.0.1:%d/", s->f.port);
	vt_clickhouse_default(&s->ch, s->url);
}

Test(fleet_query, runs_over_http_with_format_jsoneachrow)
{
	struct served s;
	struct vt_fleet_rows r;
	struct vt_error err;
	serve(&s, 200, "{\"rack\":\"r1\",\"sled\":\"s1\",\"crashes\":\"8\"}\n", 1);
	cr_assert_eq(vt_fleet_query(&s.ch, QUERIES, "crashes-per-sled", NULL, 0, &r, &err), VT_OK, "%s", err.msg);
	fake_stop(&s.f);
	cr_expect(strstr(s.f.target[0], "FORMAT%20JSONEachRow"), "%s", s.f.target[0]);
	cr_expect_str_eq(vt_fleet_rows_get(&r, 0, "crashes"), "8");
	cr_expect_not(vt_fleet_rows_are_signatures(&r));
	vt_fleet_rows_release(&r);
	fake_free(&s.f);
}

Test(fleet_query, a_clickhouse_error_is_an_io_error_with_its_message)
{
	struct served s;
	struct vt_fleet_rows r;
	struct vt_error err;
	serve(&s, 404, "Code: 60, e.displayText() = DB::Exception: Table vmtriage.crashes doesn't exist.\nstack", 1);
	cr_expect_eq(vt_fleet_query(&s.ch, QUERIES, "top-signatures", NULL, 0, &r, &err), VT_ERR_IO);
	fake_stop(&s.f);
	cr_expect(strstr(err.msg, "HTTP 404") && strstr(err.msg, "doesn't exist.") && !strstr(err.msg, "stack"), "%s",
		  err.msg);
}

Test(fleet_client, only_http_urls_and_refused_connections_are_errors)
{
	struct vt_clickhouse ch;
	struct vt_error err;
	char *out;
	vt_clickhouse_default(&ch, "file:///etc/passwd");
	cr_expect_eq(vt_clickhouse_post(&ch, "SELECT 1", NULL, NULL, 0, &out, NULL, &err), VT_ERR_INPUT);
	/* A port just closed: nothing listens there. */
	struct served s;
	serve(&s, 200, "", 0);
	fake_stop(&s.f);
	s.ch.connect_timeout_ms = 2000;
	cr_expect_eq(vt_clickhouse_post(&s.ch, "SELECT 1", NULL, NULL, 0, &out, NULL, &err), VT_ERR_IO);
}

static char *write_tmp(const char *text)
{
	char *path = strdup("/tmp/vt-fleet-XXXXXX");
	int fd = mkstemp(path);
	cr_assert(fd >= 0);
	cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

#define ROW(zone, bundle, line, sled) \
	"{\"sled\":" sled ",\"zone\":\"" zone "\",\"bundle_id\":\"" bundle "\",\"path\":\"p\",\"member\":\"m\",\"line\":" \
	#line ",\"time_created\":null,\"cause\":\"other\",\"signature\":\"Paging/paging\"}\n"

Test(fleet_load, crash_rows_are_batched_labelled_and_bundles_derived)
{
	struct served s;
	struct vt_fleet_load_opts o;
	struct vt_fleet_load_stats st = { 0 };
	struct vt_error err;
	char *path = write_tmp(ROW("z1", "b1", 1, "null") ROW("z1", "b1", 2, "\"own\"") "\n" ROW("z2", "b2", 3, "\"\""));
	serve(&s, 200, "", 3); /* two crash batches, one of bundles */
	vt_fleet_load_opts_default(&o);
	o.sled = "sled-a";
	o.batch_rows = 2;
	cr_assert_eq(vt_fleet_load_file(&s.ch, path, &o, &st, &err), VT_OK, "%s", err.msg);
	fake_stop(&s.f);
	cr_expect_eq(st.crashes, 3);
	cr_expect_eq(st.bundles, 2);
	cr_expect(strstr(s.f.target[0], "INSERT%20INTO%20vmtriage.crashes") &&
		  strstr(s.f.target[0], "input_format_skip_unknown_fields=1"), "%s", s.f.target[0]);
	cr_expect(strstr(s.f.body[0], "\"sled\":\"sled-a\"") && strstr(s.f.body[0], "\"sled\":\"own\""),
		  "a label fills rows without one and leaves the others: %s", s.f.body[0]);
	cr_expect(strstr(s.f.body[1], "\"line\":3") && strstr(s.f.body[1], "\"sled\":\"sled-a\""), "%s", s.f.body[1]);
	cr_expect(strstr(s.f.target[2], "vmtriage.bundles"), "%s", s.f.target[2]);
	cr_expect(strstr(s.f.body[2], "\"zone\":\"z1\",\"bundle_id\":\"b1\"") && strstr(s.f.body[2], "\"crashes\":2"), "%s",
		  s.f.body[2]);
	unlink(path);
	free(path);
	fake_free(&s.f);
}

Test(fleet_load, a_malformed_line_is_an_input_error_with_file_and_line)
{
	struct vt_clickhouse ch;
	struct vt_fleet_load_opts o;
	struct vt_fleet_load_stats st = { 0 };
	struct vt_error err;
	char *path = write_tmp(ROW("z1", "b1", 1, "null") "{\"not\":\"a crash\"}\n");
	vt_clickhouse_default(&ch, "http://127.0.0.1:9/"); /* never reached: the batch is not full */
	vt_fleet_load_opts_default(&o);
	cr_expect_eq(vt_fleet_load_file(&ch, path, &o, &st, &err), VT_ERR_INPUT);
	cr_expect(strstr(err.msg, path) && strstr(err.msg, ":2: no \"line\""), "%s", err.msg);
	unlink(path);
	free(path);
}

Test(table, numbers_align_right_and_text_left)
{
	const char *heads[] = { "name", "n" };
	const char *cells[] = { "a", "10", "bbb", "7" };
	char buf[256] = "";
	FILE *fp = fmemopen(buf, sizeof buf, "w");
	struct vt_style st = { false, 80 };
	vt_table_print(fp, &st, heads, 2, cells, 2);
	fclose(fp);
	cr_expect_str_eq(buf, "NAME  N\na    10\nbbb   7\n");
}

Test(fleet_load, a_json_report_loads_its_crashes_and_all_its_bundles)
{
	struct served s;
	struct vt_fleet_load_opts o;
	struct vt_fleet_load_stats st = { 0 };
	struct vt_error err;
	char *path = write_tmp("{\n\"crashes\": [" "{\"zone\":\"z1\",\"bundle_id\":\"b1\",\"path\":\"p\",\"member\":\"m\",\"line\":4,"
			       "\"signature\":\"Paging/paging\"}],\n\"bundles\": [{\"zone\":\"z1\",\"bundle_id\":\"b1\",\"crashes\":1,"
			       "\"cores\":[]}, {\"zone\":\"z9\",\"bundle_id\":\"b9\",\"crashes\":0}]\n}\n");
	serve(&s, 200, "", 2);
	vt_fleet_load_opts_default(&o);
	o.rack = "rack-9";
	cr_assert_eq(vt_fleet_load_file(&s.ch, path, &o, &st, &err), VT_OK, "%s", err.msg);
	fake_stop(&s.f);
	cr_expect_eq(st.crashes, 1);
	cr_expect_eq(st.bundles, 2, "a bundle with no crash is loaded too");
	cr_expect(strstr(s.f.body[0], "\"rack\":\"rack-9\""), "%s", s.f.body[0]);
	cr_expect(strstr(s.f.body[1], "\"zone\":\"z9\"") && !strstr(s.f.body[1], "cores"), "only the table's columns: %s",
		  s.f.body[1]);
	unlink(path);
	free(path);
	fake_free(&s.f);
}

/* ---- issue 19: hostile answers, credentials, long lines; issue 15: rows without labels */

Test(fleet_client, credentials_never_reach_an_error_message)
{
	struct served s;
	struct vt_error err;
	char url[160], *out;
	serve(&s, 200, "", 0);
	fake_stop(&s.f); /* nothing listens: a connection error, which names the URL */
	snprintf(url, sizeof url, "http://admin:s3cret@127.0.0.1:%d/?database=x&password=hunter2&user=bob", s.f.port);
	s.ch.url = url;
	s.ch.connect_timeout_ms = 2000;
	cr_assert_eq(vt_clickhouse_post(&s.ch, "SELECT 1", NULL, NULL, 0, &out, NULL, &err), VT_ERR_IO);
	cr_expect(strstr(err.msg, "127.0.0.1"), "the message still says where: %s", err.msg);
	cr_expect(!strstr(err.msg, "s3cret") && !strstr(err.msg, "hunter2") && !strstr(err.msg, "admin") &&
		  !strstr(err.msg, "bob"), "%s", err.msg);
	char msg[64] = "x admin:s3cret y s3cret hunter2";
	vt_clickhouse_redact("https://admin:s3cret@h:8443/?password=hunter2", msg, sizeof msg);
	cr_expect_str_eq(msg, "x *** y *** ***");
	char tiny[4] = "a:b";
	vt_clickhouse_redact("http://a:b@h/", tiny, sizeof tiny);
	cr_expect_str_eq(tiny, "***");
}

Test(fleet_client, an_answer_too_large_does_not_print_the_password)
{
	struct served s;
	struct vt_error err;
	char url[160], *out;
	serve(&s, 200, "0123456789012345678901234567890123456789", 1);
	snprintf(url, sizeof url, "http://u:pw-secret@127.0.0.1:%d/", s.f.port);
	s.ch.url = url;
	s.ch.max_response = 8;
	cr_assert_eq(vt_clickhouse_post(&s.ch, "SELECT 1", NULL, NULL, 0, &out, NULL, &err), VT_ERR_LIMIT);
	fake_stop(&s.f);
	cr_expect(strstr(err.msg, "larger than 8 bytes") && !strstr(err.msg, "pw-secret"), "%s", err.msg);
	fake_free(&s.f);
}

Test(fleet_rows, a_count_out_of_range_is_an_error_not_a_cast)
{
	struct vt_fleet_rows r;
	struct vt_cluster *c;
	size_t n;
	struct vt_error err;
	cr_assert_eq(vt_fleet_rows_parse("{\"signature\":\"Paging/paging\",\"count\":1e300,\"zones\":1}\n", &r, &err), VT_OK);
	cr_expect_str_eq(vt_fleet_rows_get(&r, 0, "count"), "1.0000000000000001e+300");
	cr_expect_eq(vt_fleet_rows_clusters(&r, &c, &n, &err), VT_ERR_INPUT);
	cr_expect(strstr(err.msg, "\"count\"") && strstr(err.msg, "not a count"), "%s", err.msg);
	vt_fleet_rows_release(&r);
	cr_assert_eq(vt_fleet_rows_parse("{\"signature\":\"Paging/paging\",\"count\":3,\"zones\":-1}\n", &r, &err), VT_OK);
	cr_expect(r.numeric[1], "a JSON number stays a number");
	cr_expect_eq(vt_fleet_rows_clusters(&r, &c, &n, &err), VT_ERR_INPUT);
	vt_fleet_rows_release(&r);
}

Test(fleet_rows, an_answer_wider_than_64_columns_keeps_every_cell_on_its_row)
{
	char text[4096] = "", *p = text;
	for (int row = 0; row < 2; row++) {
		*p++ = '{';
		for (int c = 0; c < 70; c++)
			p += sprintf(p, "%s\"c%d\":\"r%dc%d\"", c ? "," : "", c, row, c);
		p += sprintf(p, "}\n");
	}
	struct vt_fleet_rows r;
	struct vt_error err;
	cr_assert_eq(vt_fleet_rows_parse(text, &r, &err), VT_OK, "%s", err.msg);
	char out[16384] = "";
	FILE *fp = fmemopen(out, sizeof out, "w");
	struct vt_style st = { false, 80 };
	cr_assert_eq(vt_fleet_rows_text(fp, &st, &r, &err), VT_OK);
	fclose(fp);
	char *second = strchr(strchr(out, '\n') + 1, '\n') + 1;
	cr_expect(!strncmp(strchr(out, '\n') + 1, "r0c0 ", 5), "%s", out);
	cr_expect(!strncmp(second, "r1c0 ", 5) && strstr(second, "r1c69"), "row 2: %s", second);
	cr_expect(!strstr(strchr(out, '\n') + 1, "r1c0") || strstr(strchr(out, '\n') + 1, "r1c0") == second,
		  "no cell of row 2 on row 1: %s", out);
	vt_fleet_rows_release(&r);
}

static void load_one(const char *text, const struct vt_fleet_load_opts *o, struct served *s, struct vt_fleet_load_stats *st,
		     size_t requests)
{
	struct vt_error err;
	char *path = write_tmp(text);
	serve(s, 200, "", requests);
	cr_assert_eq(vt_fleet_load_file(&s->ch, path, o, st, &err), VT_OK, "%s", err.msg);
	fake_stop(&s->f);
	unlink(path);
	free(path);
}

Test(fleet_load, rows_without_labels_load_with_empty_labels_never_null)
{
	struct served s;
	struct vt_fleet_load_opts o;
	struct vt_fleet_load_stats st = { 0 };
	vt_fleet_load_opts_default(&o);
	load_one(ROW("z1", "b1", 1, "null"), &o, &s, &st, 2);
	cr_expect(strstr(s.f.body[0], "\"sled\":\"\",\"rack\":\"\""), "String columns get \"\": %s", s.f.body[0]);
	cr_expect(strstr(s.f.body[1], "\"sled\":\"\",\"rack\":\"\""), "bundle rows too: %s", s.f.body[1]);
	fake_free(&s.f);
}

Test(fleet_load, a_time_without_a_year_is_stored_as_unknown_with_its_text)
{
	struct served s;
	struct vt_fleet_load_opts o;
	struct vt_fleet_load_stats st = { 0 };
	vt_fleet_load_opts_default(&o);
	load_one("{\"path\":\"p\",\"member\":\"m\",\"line\":3,\"time\":\"Jul 08 09:14:03.020\",\"exit_kind\":\"Paging\","
		 "\"signature\":\"Paging/paging\",\"class\":\"paging\"}\n"
		 "{\"schema\":\"vmtriage.crash.v2\",\"path\":\"p\",\"member\":\"m\",\"line\":4,\"time\":\"2026-07-08T09:14:03.02Z\","
		 "\"time_text\":\"Jul 08 09:14:03.020\",\"exit_kind\":\"InstEmul\",\"bytes\":\"f36e\",\"len\":2,"
		 "\"instruction\":{\"text\":\"rep outsb dx, byte ptr [rsi]\"},\"registers\":{\"rip\":\"0x10\"},"
		 "\"signature\":\"InstEmul/string-io/rep outsb dx,[rsi]\",\"class\":\"string-io\"}\n", &o, &s, &st, 1);
	cr_expect(strstr(s.f.body[0], "\"line\":3,\"time\":null,\"time_text\":\"Jul 08 09:14:03.020\""), "%s", s.f.body[0]);
	cr_expect(strstr(s.f.body[0], "\"time\":\"2026-07-08T09:14:03.02Z\",\"time_text\":\"Jul 08 09:14:03.020\""), "%s",
		  s.f.body[0]);
	cr_expect(strstr(s.f.body[0], "\"bytes\":\"f36e\"") && strstr(s.f.body[0], "\"instruction\":\"rep outsb"),
		  "a v2 row's instruction record becomes the text column: %s", s.f.body[0]);
	cr_expect(!strstr(s.f.body[0], "registers"), "only the table's columns: %s", s.f.body[0]);
	fake_free(&s.f);
}

Test(fleet_load, a_line_longer_than_max_line_is_skipped_with_a_warning)
{
	struct served s;
	struct vt_fleet_load_opts o;
	struct vt_fleet_load_stats st = { 0 };
	char *text = malloc(300000);
	memset(text, ' ', 300000);
	memcpy(text, "{\"x\":\"", 6);
	strcpy(text + 299000, "\"}\n" ROW("z1", "b1", 1, "null"));
	vt_fleet_load_opts_default(&o);
	o.max_line = 4096;
	load_one(text, &o, &s, &st, 2);
	cr_expect_eq(st.crashes, 1);
	cr_expect_eq(st.skipped, 1);
	cr_assert_eq(st.warnings.n, 1);
	cr_expect(strstr(st.warnings.v[0].what, "line 1: longer than 4096 bytes: skipped"), "%s", st.warnings.v[0].what);
	vt_warnings_release(&st.warnings);
	free(text);
	fake_free(&s.f);
}

/* A query file is read whole up to VT_FLEET_QUERY_MAX bytes (the one
 * bounded reader); a byte more is a limit error, not a cut query. */
Test(fleet_query, a_query_file_is_read_up_to_its_cap_and_no_further)
{
	char dir[] = "/tmp/vt-queries-XXXXXX", path[64];
	cr_assert_not_null(mkdtemp(dir));
	size_t sizes[] = { VT_FLEET_QUERY_MAX, VT_FLEET_QUERY_MAX + 1 };
	const char *names[] = { "at-cap", "past-cap" };
	char *text = malloc(VT_FLEET_QUERY_MAX + 1);
	cr_assert_not_null(text);
	memset(text, ' ', VT_FLEET_QUERY_MAX + 1);
	memcpy(text, "SELECT 1", 8);
	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof path, "%s/%s.sql", dir, names[i]);
		FILE *fp = fopen(path, "w");
		cr_assert_not_null(fp);
		cr_assert_eq(fwrite(text, 1, sizes[i], fp), sizes[i]);
		fclose(fp);
	}
	struct vt_error err;
	char *sql = NULL;
	cr_assert_eq(vt_fleet_query_read(dir, "at-cap", &sql, &err), VT_OK, "%s", err.msg);
	cr_expect_str_eq(sql, "SELECT 1", "trailing blanks trimmed");
	free(sql);
	cr_expect_eq(vt_fleet_query_read(dir, "past-cap", &sql, &err), VT_ERR_LIMIT);
	cr_expect(strstr(err.msg, "past-cap.sql: larger than 65536 bytes"), "%s", err.msg);
	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof path, "%s/%s.sql", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
	free(text);
}

/* Rows of several columns grow both the cells and their numeric flags. */
Test(fleet_rows, many_rows_of_several_columns)
{
	struct vt_fleet_rows r;
	struct vt_error err;
	size_t size = 1000 * 48, at = 0;
	char *text = malloc(size);
	cr_assert_not_null(text);
	for (int i = 0; i < 1000; i++)
		at += (size_t)snprintf(text + at, size - at, "{\"a\":\"x%d\",\"b\":%d,\"c\":null}\n", i, i);
	cr_assert_eq(vt_fleet_rows_parse(text, &r, &err), VT_OK, "%s", err.msg);
	cr_expect_eq(r.nrows, 1000);
	cr_expect_eq(r.ncols, 3);
	cr_expect_str_eq(vt_fleet_rows_get(&r, 999, "a"), "x999");
	cr_expect_str_eq(vt_fleet_rows_get(&r, 500, "b"), "500");
	cr_expect_null(vt_fleet_rows_get(&r, 7, "c"));
	cr_expect(r.numeric[999 * 3 + 1] && !r.numeric[999 * 3]);
	vt_fleet_rows_release(&r);
	free(text);
}
