# In 16-bit code F3 6F is REP OUTSW (word elements, SI/CX).
$VMTRIAGE decode --mode 16 --rip f000 f3 6f
