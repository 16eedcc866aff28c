/* A hand-written guest for -d in_asm: its instructions are compared with
 * objdump -d's for the same bytes.  Writes "ok\n", loops three times,
 * calls a function, exits 0.  Compressed instructions too. */
	.globl _start
_start:
	addi a0, zero, 1
	lla a1, msg
	addi a2, zero, 3
	addi a7, zero, 64
	ecall
	c.li t0, 3
again:
	addi sp, sp, -16
	sd t0, 8(sp)
	ld t1, 8(sp)
	addi sp, sp, 16
	addi t0, t0, -1
	bne t0, zero, again
	jal ra, leaf
	fld fa0, 0(sp)
	fadd.d fa0, fa0, fa0
	amoadd.w a3, a2, (sp)
	c.li a0, 0
	addi a7, zero, 93
	ecall
leaf:
	slli a4, a2, 3
	c.add a4, a2
	jalr zero, 0(ra)
	.section .rodata
msg:	.ascii "ok\n"
