# Piped, with no COLUMNS: no 80-column default, the table keeps FIRST/LAST;
# COLUMNS, when set, still decides.
unset COLUMNS
cd "$VT_SOURCE_DIR" && $VMTRIAGE bundles -q samples/pool/int | sed -n '1,4p'
COLUMNS=70 $VMTRIAGE bundles -q samples/pool/int | sed -n '3,4p'
