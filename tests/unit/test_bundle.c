/* bundle: metadata.toml, member roles, identities from paths, cores, ext, times. */
#include <criterion/criterion.h>

#include <string.h>

#include "vmtriage/bundle.h"

static int parse(const char *text, struct vt_bundle_meta *m, struct vt_error *err)
{
	return vt_bundle_meta_parse(text, strlen(text), m, err);
}

Test(bundle, metadata_as_sled_agent_writes_it)
{
	struct vt_bundle_meta m;
	struct vt_error err;
	cr_assert_eq(parse("time_created = \"2023-08-18T18:51:13.782854745Z\"\nversion = 0\n"
			   "cause = \"explicit_request\"\n\n[id]\nzone_name = \"oxz_clickhouse_273d\"\n"
			   "bundle_id = \"d3f1479e-a1a0-468e-aa43-9956471e039\"\n", &m, &err), VT_OK, "%s", err.msg);
	cr_expect_str_eq(m.time_created, "2023-08-18T18:51:13.782854745Z");
	cr_expect_eq(m.version, 0);
	cr_expect_str_eq(m.cause, "explicit_request");
	cr_expect(vt_bundle_cause_known(m.cause), "historic explicit_request is a known cause");
	cr_expect_str_eq(m.zone, "oxz_clickhouse_273d");
	cr_expect_str_eq(m.bundle_id, "d3f1479e-a1a0-468e-aa43-9956471e039");
}

Test(bundle, unknown_cause_and_keys_are_kept_not_rejected)
{
	struct vt_bundle_meta m;
	struct vt_error err;
	cr_assert_eq(parse("# comment\r\ncause = 'from_the_future'\nnew_key = \"x\"\nflag = true\n"
			   "[id]\r\nzone_name = \"oxz_switch\"\nbundle_id = \"79f7\" # trailing\n", &m, &err), VT_OK,
		     "%s", err.msg);
	cr_expect_str_eq(m.cause, "from_the_future");
	cr_expect_not(vt_bundle_cause_known(m.cause));
	cr_expect_eq(m.version, -1);
	cr_expect_str_eq(m.zone, "oxz_switch");
}

Test(bundle, malformed_metadata_says_which_line)
{
	struct vt_bundle_meta m;
	struct vt_error err;
	cr_expect_eq(parse("version = 0\ncause \"x\"\n", &m, &err), VT_ERR_INPUT);
	cr_expect(strstr(err.msg, "metadata.toml:2"), "%s", err.msg);
	cr_expect_eq(parse("cause = \"unterminated\n[id]\n", &m, &err), VT_ERR_INPUT);
	cr_expect_eq(parse("[id]\nzone_name = \"oxz_switch\"\n", &m, &err), VT_ERR_INPUT);
	cr_expect(strstr(err.msg, "bundle_id"), "%s", err.msg);
	cr_expect_eq(parse("", &m, &err), VT_ERR_INPUT);
}

Test(bundle, member_roles_follow_zone_bundle_rs)
{
	cr_expect_eq(vt_bundle_member_role("metadata.toml"), VT_ROLE_METADATA);
	cr_expect_eq(vt_bundle_member_role("svcs"), VT_ROLE_COMMAND);
	cr_expect_eq(vt_bundle_member_role("pstack.21825"), VT_ROLE_COMMAND);
	cr_expect_eq(vt_bundle_member_role("pstack.x"), VT_ROLE_OTHER);
	cr_expect_eq(vt_bundle_member_role("system-illumos-propolis-server:default.log.1695846574"),
		     VT_ROLE_PROPOLIS_LOG);
	cr_expect_eq(vt_bundle_member_role("oxide-mgs:default.log.0"), VT_ROLE_SERVICE_LOG);
	cr_expect_eq(vt_bundle_member_role("logs/oxz_x/propolis-server/current/system-illumos-propolis-server:default.log"),
		     VT_ROLE_PROPOLIS_LOG);
	cr_expect_not(vt_member_role_scanned(VT_ROLE_COMMAND));
	cr_expect(vt_member_role_scanned(VT_ROLE_PROPOLIS_LOG));
}

Test(bundle, identities_come_from_the_layout)
{
	char zone[128], id[64];
	cr_assert(vt_bundle_id_of_path("/pool/int/a/debug/bundle/zone/oxz_switch/79f7.tar.gz", zone, sizeof zone, id,
				       sizeof id));
	cr_expect_str_eq(zone, "oxz_switch");
	cr_expect_str_eq(id, "79f7");
	cr_expect_not(vt_bundle_id_of_path("79f7.tar.gz", zone, sizeof zone, id, sizeof id));
	cr_expect(vt_bundle_in_bundle_dir("/pool/int/a/debug/bundle/zone/oxz_switch/notes.txt"));
	cr_expect_not(vt_bundle_in_bundle_dir("/pool/int/a/debug/bundle/zone/oxz_switch/sub/notes.txt"));
	cr_assert(vt_bundle_zone_of_path("/pool/ext/u/crypt/debug/oxz_propolis-server_9ba5/x.log", zone, sizeof zone));
	cr_expect_str_eq(zone, "oxz_propolis-server_9ba5");
	cr_assert(vt_bundle_zone_of_path("rack/r/sled/s/logs/global/sled-agent/current/a.log", zone, sizeof zone));
	cr_expect_str_eq(zone, "global");
	cr_expect_not(vt_bundle_zone_of_path("samples/logs/a.log", zone, sizeof zone));
}

Test(bundle, core_names_give_zone_and_time)
{
	char zone[128];
	int64_t t;
	cr_assert(vt_bundle_core_of_name("core.oxz_propolis-server_e2b2.propolis-server.4242.1695846574", zone,
					 sizeof zone, &t));
	cr_expect_str_eq(zone, "oxz_propolis-server_e2b2");
	cr_expect_eq(t, 1695846574);
	cr_assert(vt_bundle_core_of_name("core.global.sled-agent.12.x", zone, sizeof zone, &t));
	cr_expect_eq(t, -1);
	cr_expect_not(vt_bundle_core_of_name("corefile", zone, sizeof zone, &t));
	cr_expect_not(vt_bundle_core_of_name("core..x", zone, sizeof zone, &t));
}

Test(bundle, ext_is_found_beside_int)
{
	char out[256];
	cr_assert(vt_bundle_ext_beside("/pool/int", out, sizeof out));
	cr_expect_str_eq(out, "/pool/ext");
	cr_assert(vt_bundle_ext_beside("samples/pool/int/a462/debug", out, sizeof out));
	cr_expect_str_eq(out, "samples/pool/ext");
	cr_expect_not(vt_bundle_ext_beside("/srv/interior/x", out, sizeof out));
}

Test(bundle, rfc3339_times_round_trip)
{
	int64_t t;
	char buf[32];
	cr_assert(vt_bundle_time_parse("2023-08-18T18:51:13.782854745Z", &t));
	cr_expect_eq(t, 1692384673);
	vt_bundle_time_format(t, buf, sizeof buf);
	cr_expect_str_eq(buf, "2023-08-18T18:51:13Z");
	cr_assert(vt_bundle_time_parse("2023-08-18T20:51:13+02:00", &t));
	cr_expect_eq(t, 1692384673);
	cr_assert(vt_bundle_time_parse("2024-02-29", &t));
	vt_bundle_time_format(t, buf, sizeof buf);
	cr_expect_str_eq(buf, "2024-02-29T00:00:00Z");
	cr_expect_not(vt_bundle_time_parse("Nov 25 22:14:01", &t));
	cr_expect_not(vt_bundle_time_parse("2023-13-01", &t));
	cr_expect_not(vt_bundle_time_parse("2023-08-18T18:51", &t));
	cr_expect_not(vt_bundle_time_parse("2023-08-18Tjunk", &t));
}

Test(bundle, metadata_parser_survives_garbage)
{
	struct vt_bundle_meta m;
	struct vt_error err;
	char buf[512];
	uint32_t x = 12345;
	/* Deterministic noise, biased towards TOML punctuation. */
	static const char alphabet[] = "=[]\"'#\n\r \\abcdz_019";
	for (int round = 0; round < 2000; round++) {
		size_t n = (size_t)(round % (int)sizeof buf);
		for (size_t i = 0; i < n; i++) {
			x = x * 1103515245u + 12345u;
			buf[i] = (x >> 16) % 5 ? alphabet[(x >> 8) % (sizeof alphabet - 1)] : (char)(x >> 20);
		}
		int rc = vt_bundle_meta_parse(buf, n, &m, &err);
		cr_assert(rc == VT_OK || rc == VT_ERR_INPUT);
		cr_assert_lt(strlen(m.zone), sizeof m.zone);
		cr_assert_lt(strlen(m.cause), sizeof m.cause);
	}
}
