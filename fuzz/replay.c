/*
 * replay.c: a main() for the fuzz targets when they are built without
 * libFuzzer (gcc, the normal and sanitizer builds). It runs every file
 * named on the command line, and every file of every directory named
 * there (in name order, so a run is repeatable), through the target's
 * LLVMFuzzerTestOneInput(). `meson test` runs each target over its seed
 * corpus fuzz/corpus/<target>/, so the corpora, including every input
 * that once crashed, are regression tests on every run.
 *
 * Each input is read into a buffer of exactly its size, so ASan reports a
 * read one byte past the end just as it would under libFuzzer.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* Inputs bigger than this are not seeds but mistakes. */
#define REPLAY_FILE_MAX (8 * 1024 * 1024)

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long size;

	if (!f) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || size > REPLAY_FILE_MAX ||
	    fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "replay: %s: unreadable or larger than %d bytes\n", path,
			REPLAY_FILE_MAX);
		fclose(f);
		return -1;
	}
	/* malloc(0) may return NULL; the target still gets a valid pointer. */
	buf = malloc(size ? (size_t)size : 1);
	if (!buf || (size && fread(buf, 1, (size_t)size, f) != (size_t)size)) {
		fprintf(stderr, "replay: %s: cannot read\n", path);
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	/* Named first, so the input at fault is the last name in the log. */
	printf("%s\n", path);
	fflush(stdout);
	LLVMFuzzerTestOneInput(buf, (size_t)size);
	free(buf);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs the regular files of dir in name order; returns how many ran or -1. */
static int run_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, alloc = 0;
	int ran = 0;

	if (!d) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			names = realloc(names, alloc * sizeof(*names));
			if (!names)
				abort();
		}
		names[n] = malloc(strlen(dir) + strlen(e->d_name) + 2);
		if (!names[n])
			abort();
		snprintf(names[n], strlen(dir) + strlen(e->d_name) + 2, "%s/%s", dir, e->d_name);
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
			if (run_file(names[i]))
				ran = -1;
			else if (ran >= 0)
				ran++;
		}
		free(names[i]);
	}
	free(names);
	return ran;
}

int main(int argc, char **argv)
{
	int total = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		struct stat st;
		int n;

		if (stat(argv[i], &st)) {
			fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
			return 1;
		}
		n = S_ISDIR(st.st_mode) ? run_dir(argv[i]) : (run_file(argv[i]) ? -1 : 1);
		if (n < 0)
			return 1;
		total += n;
	}
	if (total == 0) {
		/* An empty corpus would make the test pass without testing. */
		fprintf(stderr, "replay: no input found\n");
		return 1;
	}
	printf("replayed %d inputs\n", total);
	return 0;
}
