# A file without a firmware volume is malformed input (exit 2).
printf 'not a firmware image\n' > notfw.bin
$VMTRIAGE firmware notfw.bin
