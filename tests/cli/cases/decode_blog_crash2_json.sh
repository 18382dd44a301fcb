# The blog's second crash as pasted from Rust Debug output, as JSON.
$VMTRIAGE decode --json '[243, 110, 76, 137, 198, 195, 252, 72, 135, 202, 73, 135, 240, 243, 102]'
