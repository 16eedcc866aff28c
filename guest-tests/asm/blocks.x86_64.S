/* A hand-written guest for -d in_asm: its instructions are compared with
 * objdump -d's for the same bytes.  Writes "ok\n", loops three times,
 * calls a function, exits 0. */
	.intel_syntax noprefix
	.globl _start
_start:
	mov eax, 1
	mov edi, 1
	lea rsi, [rip + msg]
	mov edx, 3
	syscall
	mov ecx, 3
again:
	push rcx
	mov rbx, qword ptr [rsp]
	add rbx, 0x10
	pop rcx
	dec ecx
	cmp ecx, 0
	jne again
	call leaf
	movsd xmm0, qword ptr [rsp]
	xor edi, edi
	mov eax, 60
	syscall
leaf:
	lea rax, [rax + rax*2 + 8]
	shl rax, 2
	ret
	.section .rodata
msg:	.ascii "ok\n"
