/* ioctl requests real programs make: descriptor flags (FIONBIO, FIOCLEX),
 * bytes waiting (FIONREAD), a pseudo-terminal's number, lock, attributes
 * and window size, and the errors for a request that does not apply. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	int p[2], on = 1, off = 0, n = -1;
	CHECK(pipe(p) == 0);
	CHECK(ioctl(p[0], FIONBIO, &on) == 0 && (fcntl(p[0], F_GETFL) & O_NONBLOCK));
	CHECK(ioctl(p[0], FIONBIO, &off) == 0 && !(fcntl(p[0], F_GETFL) & O_NONBLOCK));
	CHECK(ioctl(p[1], FIOCLEX) == 0 && fcntl(p[1], F_GETFD) == FD_CLOEXEC);
	CHECK(ioctl(p[1], FIONCLEX) == 0 && fcntl(p[1], F_GETFD) == 0);
	CHECK(write(p[1], "hello", 5) == 5 && ioctl(p[0], FIONREAD, &n) == 0 && n == 5);
	struct termios tio;
	errno = 0;
	CHECK(ioctl(p[0], TCGETS, &tio) == -1 && errno == ENOTTY);
	errno = 0;
	CHECK(ioctl(p[0], FIONREAD, (int *)8) == -1 && errno == EFAULT);

	int m = posix_openpt(O_RDWR | O_NOCTTY);
	CHECK(m >= 0);
	unsigned int ptn = ~0u;
	CHECK(ioctl(m, TIOCGPTN, &ptn) == 0 && ptn != ~0u);
	CHECK(unlockpt(m) == 0 && grantpt(m) == 0);
	char *name = ptsname(m);
	int s = name ? open(name, O_RDWR | O_NOCTTY) : -1;
	CHECK(s >= 0);
	CHECK(isatty(s) && tcgetattr(s, &tio) == 0);
	tio.c_lflag &= ~ECHO;
	CHECK(tcsetattr(s, TCSANOW, &tio) == 0);
	struct termios back;
	CHECK(tcgetattr(s, &back) == 0 && !(back.c_lflag & ECHO));
	struct winsize ws = { .ws_row = 24, .ws_col = 80 }, got = { 0 };
	CHECK(ioctl(m, TIOCSWINSZ, &ws) == 0 && ioctl(s, TIOCGWINSZ, &got) == 0 &&
	      got.ws_row == 24 && got.ws_col == 80);
	CHECK(write(m, "x\n", 2) == 2 && tcflush(s, TCIFLUSH) == 0);
	CHECK(tcdrain(s) == 0);
	n = -1;
	CHECK(ioctl(s, FIONREAD, &n) == 0 && n == 0);
	printf("%d failures\n", failures);
	return failures != 0;
}
