/* Directory listing through getdents64: create, list sorted, remove. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	char dir[] = "dirlist.XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char path[64];
	for (int i = 0; i < 300; i++) {
		snprintf(path, sizeof(path), "%s/file-%03d%s", dir, i, i % 7 ? "" : ".seven");
		int fd = open(path, O_CREAT | O_WRONLY, 0600);
		if (fd < 0 || write(fd, path, i % 50) != i % 50)
			return 2;
		close(fd);
	}
	snprintf(path, sizeof(path), "%s/subdir", dir);
	mkdir(path, 0700);

	DIR *d = opendir(dir);
	char *names[400];
	int n = 0, dirs = 0;
	long total = 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < 400) {
		names[n++] = strdup(e->d_name);
		dirs += e->d_type == DT_DIR;
		struct stat st;
		if (fstatat(dirfd(d), e->d_name, &st, 0) == 0 && S_ISREG(st.st_mode))
			total += st.st_size;
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), cmp);
	printf("%d entries, %d directories (., .., subdir), %ld bytes in files\n", n, dirs, total);
	for (int i = 0; i < n; i += 37)
		printf("  %s\n", names[i]);
	for (int i = 0; i < n; i++) {
		if (strcmp(names[i], ".") && strcmp(names[i], "..")) {
			snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
			if (unlinkat(AT_FDCWD, path, !strcmp(names[i], "subdir") ? AT_REMOVEDIR : 0))
				return 3;
		}
		free(names[i]);
	}
	return rmdir(dir) ? 4 : 0;
}
