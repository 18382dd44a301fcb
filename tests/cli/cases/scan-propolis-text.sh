# Every propolis format, text blocks; file names are relative for stable output.
cd "$VT_SOURCE_DIR/samples/logs" && "$VMTRIAGE" scan --color never propolis-333-old-panic.log propolis-300-len0.log \
	propolis-340-paging.log propolis-795-bunyan.log propolis-redacted-blog.log propolis-blog-crash2.log \
	propolis-pretty-795.log propolis-standalone-1168.log propolis-legacy-2022.log propolis-other-kinds.log \
	truncated-panic.log
