/* A host syscall that a signal cannot slip in front of (after qemu-user's
 * idea; our code).  A blocking host call made for the guest must return
 * EINTR when a signal for the guest arrives, also when the signal lands
 * after the thread last looked but before the kernel is entered.  So the
 * flag is tested right before the syscall instruction, and a host signal
 * handler that interrupts the thread between the test and the instruction
 * moves it to safe_syscall_interrupted (safe_syscall_rewind() in thread.c).
 *
 * long safe_syscall(const volatile int *interrupted, long nr,
 *                   long a1, long a2, long a3, long a4, long a5, long a6);
 * returns what the kernel returned: a value or -errno.  x86-64 host. */
	.text
	.globl	safe_syscall, safe_syscall_start, safe_syscall_end, safe_syscall_interrupted
	.type	safe_syscall, @function
safe_syscall:
	.cfi_startproc
	mov	%rdi, %r11		/* the flag; syscall clobbers r11 only later */
	mov	%rsi, %rax
	mov	%rdx, %rdi
	mov	%rcx, %rsi
	mov	%r8, %rdx
	mov	%r9, %r10
	mov	8(%rsp), %r8
	mov	16(%rsp), %r9
safe_syscall_start:
	cmpl	$0, (%r11)
	jnz	safe_syscall_interrupted
	syscall
safe_syscall_end:
	ret
safe_syscall_interrupted:
	mov	$-4, %rax		/* -EINTR */
	ret
	.cfi_endproc
	.size	safe_syscall, .-safe_syscall

	.section .note.GNU-stack, "", @progbits
