/* File I/O through the descriptor and name syscalls, in a fresh directory. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	char dir[] = "fileio.XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	CHECK(chdir(dir) == 0);

	int fd = open("a.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
	CHECK(fd >= 0);
	CHECK(write(fd, "hello, world\n", 13) == 13);
	struct iovec iov[2] = { { "second ", 7 }, { "line\n", 5 } };
	CHECK(writev(fd, iov, 2) == 12);
	CHECK(lseek(fd, 0, SEEK_CUR) == 25);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	char buf[64] = { 0 };
	CHECK(read(fd, buf, sizeof(buf)) == 25);
	CHECK(memcmp(buf, "hello, world\nsecond line\n", 25) == 0);
	CHECK(pwrite(fd, "HELLO", 5, 0) == 5);
	memset(buf, 0, sizeof(buf));
	CHECK(pread(fd, buf, 5, 0) == 5 && !strcmp(buf, "HELLO"));
	char b1[7] = { 0 }, b2[6] = { 0 };
	struct iovec riov[2] = { { b1, 6 }, { b2, 5 } };
	CHECK(lseek(fd, 0, SEEK_SET) == 0 && readv(fd, riov, 2) == 11);
	CHECK(!strcmp(b1, "HELLO,") && !strcmp(b2, " worl"));

	struct stat st;
	CHECK(fstat(fd, &st) == 0 && st.st_size == 25 && S_ISREG(st.st_mode));
	CHECK((st.st_mode & 0777) == 0644);
	CHECK(ftruncate(fd, 5) == 0 && fstat(fd, &st) == 0 && st.st_size == 5);
	CHECK(fsync(fd) == 0);
	int fd2 = dup(fd);
	CHECK(fd2 > fd && lseek(fd2, 0, SEEK_END) == 5 && lseek(fd, 0, SEEK_CUR) == 5);
	CHECK(dup2(fd, 20) == 20 && close(20) == 0);
	CHECK(fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC);
	CHECK((fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR);
	CHECK(close(fd2) == 0 && close(fd) == 0);
	CHECK(close(fd) == -1 && errno == EBADF);

	CHECK(stat("a.txt", &st) == 0 && st.st_size == 5);
	CHECK(lstat("a.txt", &st) == 0);
	CHECK(access("a.txt", R_OK | W_OK) == 0);
	CHECK(access("missing", F_OK) == -1 && errno == ENOENT);
	CHECK(open("missing", O_RDONLY) == -1 && errno == ENOENT);
	CHECK(rename("a.txt", "b.txt") == 0 && stat("a.txt", &st) == -1 && errno == ENOENT);
	CHECK(symlink("b.txt", "link") == 0 || errno == ENOSYS);
	CHECK(mkdir("sub", 0755) == 0 && mkdir("sub", 0755) == -1 && errno == EEXIST);
	CHECK(stat("sub", &st) == 0 && S_ISDIR(st.st_mode));

	int p[2];
	CHECK(pipe(p) == 0 && write(p[1], "piped", 5) == 5);
	memset(buf, 0, sizeof(buf));
	CHECK(read(p[0], buf, sizeof(buf)) == 5 && !strcmp(buf, "piped"));
	CHECK(close(p[0]) == 0 && close(p[1]) == 0);

	FILE *f = fopen("b.txt", "a+");
	CHECK(f && fprintf(f, "appended %d\n", 7) == 11 && fclose(f) == 0);
	f = fopen("b.txt", "r");
	CHECK(f && fgets(buf, sizeof(buf), f) && !strcmp(buf, "HELLOappended 7\n") && fclose(f) == 0);

	char cwd[4096];
	CHECK(getcwd(cwd, sizeof(cwd)) && strstr(cwd, dir));
	unlink("link");
	CHECK(unlink("b.txt") == 0 && rmdir("sub") == 0);
	CHECK(chdir("..") == 0 && rmdir(dir) == 0);
	printf("%d failures\n", failures);
	return failures != 0;
}
