# A narrow terminal: the table drops the date columns, paragraphs wrap at 60.
cd "$VT_SOURCE_DIR" && COLUMNS=60 $VMTRIAGE bundles --ext none samples/pool/int | sed -n '1,20p'
