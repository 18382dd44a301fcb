/* Boot stub for the QEMU TCG oracle (tests/oracle/qemu/qemu_oracle.py).
 * QEMU's multiboot loader enters here in 32-bit protected mode, paging off.
 * The harness has placed, in guest-physical memory: the case descriptor at
 * DESC, the instruction under test followed by HLT at CODE, and the case's
 * page tables, which identity-map the first 2 MiB (this stub, its stack,
 * DESC, CODE). The stub loads the case's paging state and registers and
 * jumps to CODE; the harness then reads the outcome over QMP: RIP one past
 * the HLT after the instruction (it completed) or in a fault handler's slot
 * (vector = slot), error code on the stack, CR2, registers, memory. */
	.set DESC, 0x1C0000
	.set CODE, 0x1C1000
	.set STACK, 0x1B0000
	/* descriptor layout (little-endian u64s) */
	.set D_MODE, 0      /* 0 = long64, 1 = prot32 */
	.set D_CR0, 8
	.set D_CR3, 16
	.set D_CR4, 24
	.set D_EFER, 32
	.set D_RSI, 40
	.set D_RDI, 48
	.set D_RCX, 56
	.set D_RDX, 64
	.set D_RFLAGS, 72

	.section .text
	.code32
	.align 4
mb_header:
	.long 0x1BADB002
	.long 0
	.long -0x1BADB002

	.globl _start
_start:
	cli
	lgdt gdt_ptr
	ljmp $0x08, $1f
1:	mov $0x10, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	mov %ax, %fs
	mov %ax, %gs
	mov $STACK, %esp

	/* IDTs: vector v -> handler slot base + 16 * v, as interrupt gates */
	.macro idt table, base, selector, gate_size
	mov $\table, %edi
	mov $\base, %eax
	mov $32, %ecx
1:	mov %ax, (%edi)
	movw $\selector, 2(%edi)
	movw $0x8E00, 4(%edi)
	mov %eax, %edx
	shr $16, %edx
	mov %dx, 6(%edi)
	add $\gate_size, %edi
	add $16, %eax
	loop 1b
	.endm
	idt idt32, h32, 0x08, 8
	idt idt64, h64, 0x18, 16  /* the 64-bit gates' upper halves stay zero */

	mov DESC + D_CR4, %eax
	mov %eax, %cr4
	mov DESC + D_CR3, %eax
	mov %eax, %cr3
	lidt idt64_ptr
	cmpl $0, DESC + D_MODE
	je 5f
	lidt idt32_ptr
	/* EFER (LME for long mode, NXE as given), then paging */
5:	mov $0xC0000080, %ecx
	mov DESC + D_EFER, %eax
	xor %edx, %edx
	wrmsr
	mov DESC + D_CR0, %eax
	mov %eax, %cr0
	cmpl $0, DESC + D_MODE
	jne 4f
	ljmp $0x18, $long64	/* long mode: a 64-bit CS */

4:	mov DESC + D_RSI, %esi
	mov DESC + D_RDI, %edi
	mov DESC + D_RCX, %ecx
	mov DESC + D_RDX, %edx
	pushl DESC + D_RFLAGS
	popfl
	mov $CODE, %eax
	jmp *%eax

	.code64
long64:
	mov $0x10, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	mov $STACK, %rsp
	mov DESC + D_RSI, %rsi
	mov DESC + D_RDI, %rdi
	mov DESC + D_RCX, %rcx
	mov DESC + D_RDX, %rdx
	pushq DESC + D_RFLAGS
	popfq
	mov $CODE, %rax
	jmp *%rax

	/* fault handler slots: HLT, so RIP - 1 - base = 16 * vector */
	.align 16
	.globl h32
h32:
	.rept 32
	hlt
	jmp . - 1
	.align 16
	.endr
	.align 16
	.globl h64
h64:
	.rept 32
	hlt
	jmp . - 1
	.align 16
	.endr

	.section .data
	.align 16
gdt:
	.quad 0
	.quad 0x00CF9A000000FFFF /* 0x08: 32-bit code */
	.quad 0x00CF92000000FFFF /* 0x10: data */
	.quad 0x00AF9A000000FFFF /* 0x18: 64-bit code */
gdt_end:
gdt_ptr:
	.word gdt_end - gdt - 1
	.long gdt
	.align 16
idt32_ptr:
	.word 32 * 8 - 1
	.long idt32
	.align 16
idt64_ptr:
	.word 32 * 16 - 1
	.long idt64
	.long 0
	.align 16
idt32:
	.fill 32 * 8, 1, 0
	.align 16
idt64:
	.fill 32 * 16, 1, 0
