/*
 * metamix: a metadata mix on small files through libnfs 4.0, for bench/nfs/run.sh.
 *
 *   metamix SERVER EXPORT NFS-PORT MOUNT-PORT DIR [FILES, default 2000]
 *
 * In one process and one mount, under EXPORT/DIR (created here, removed at the end):
 *   create   FILES files, each created, 4096 bytes of its own written, closed
 *   getattr  a stat of each
 *   readdir  the directory listed READDIR_PASSES times, each listing exactly the names created
 *   rename   each file to a new name in the same directory
 *   remove   each renamed file
 * and prints one line per phase, "phase NAME ops N ns T", then "phase mix ops N ns T" for all of them.
 * A readdir op is one entry listed, so each listing counts FILES ops.
 *
 * Why one process: nfs-cp per file mostly measures process start, mount and connection. Here those happen
 * once, untimed, and every timed op is a few RPCs on one TCP connection, one at a time, as an application
 * doing these calls would send them. libnfs resolves every path from the export root by LOOKUPs, so each op
 * costs one LOOKUP per path component in addition to its own RPC; both servers get the same sequence:
 *   create   LOOKUP dir, CREATE (guarded), LOOKUP file, WRITE (unstable), COMMIT on close
 *   getattr  LOOKUP dir, LOOKUP file, GETATTR
 *   readdir  LOOKUP dir, then READDIRPLUS until EOF (8 KiB replies)
 *   rename   LOOKUP dir twice (source and target directory), RENAME
 *   remove   LOOKUP dir, REMOVE
 *
 * Every call's result is checked, sizes, names and a sample of the bytes too: any failure prints the call,
 * the file and libnfs's error and exits 1, so a broken server cannot look fast.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <nfsc/libnfs.h>

#define FILE_BYTES 4096
/* ganesha lists 2,000 entries in a few milliseconds: a single listing would be a blip in the noise */
#define READDIR_PASSES 10
/* as run.sh's own check of the nfs-cp files: every 97th and the last, each with different bytes */
#define VERIFY_EVERY 97

static struct nfs_context *nfs;
static const char *dir;
static long files;
static unsigned char *content; /* files * FILE_BYTES: what file i holds, for the read-back */

static void fail(const char *call, const char *path, int err)
{
	fprintf(stderr, "metamix: %s %s failed (%d): %s\n", call, path, err, nfs_get_error(nfs));
	exit(1);
}

static void mismatch(const char *what, const char *path)
{
	fprintf(stderr, "metamix: WRONG %s: %s\n", what, path);
	exit(1);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* created names and renamed names differ in more than a suffix, so a rename the server did not do, or did
 * twice, shows in the listing or the next lookup */
static void name(char *buf, size_t size, const char *prefix, long i)
{
	snprintf(buf, size, "/%s/%s%05ld", dir, prefix, i);
}

static void create_files(void)
{
	char path[4096];

	for (long i = 0; i < files; i++) {
		struct nfsfh *fh;
		int rc;

		name(path, sizeof(path), "f", i);
		/* O_EXCL: a GUARDED CREATE, so a name the server already had is an error, not an overwrite */
		rc = nfs_create(nfs, path, O_CREAT | O_EXCL | O_WRONLY, 0644, &fh);
		if (rc < 0)
			fail("nfs_create", path, rc);
		rc = nfs_write(nfs, fh, FILE_BYTES, content + i * FILE_BYTES);
		if (rc != FILE_BYTES)
			fail("nfs_write", path, rc);
		/* sends the COMMIT: the file is on the server's disk when this returns, as with nfs-cp */
		rc = nfs_close(nfs, fh);
		if (rc < 0)
			fail("nfs_close", path, rc);
	}
}

static void getattr_files(void)
{
	char path[4096];

	for (long i = 0; i < files; i++) {
		struct nfs_stat_64 st;
		int rc;

		name(path, sizeof(path), "f", i);
		rc = nfs_stat64(nfs, path, &st);
		if (rc < 0)
			fail("nfs_stat64", path, rc);
		if (!S_ISREG(st.nfs_mode) || st.nfs_size != FILE_BYTES)
			mismatch("attributes (not a regular file of 4096 bytes)", path);
	}
}

static void list_files(void)
{
	char path[4096];
	char *seen = malloc(files);

	if (seen == NULL) {
		perror("metamix: malloc");
		exit(1);
	}
	snprintf(path, sizeof(path), "/%s", dir);
	for (int pass = 0; pass < READDIR_PASSES; pass++) {
		struct nfsdir *nfsdir;
		struct nfsdirent *entry;
		long listed = 0;
		int rc;

		memset(seen, 0, files);
		rc = nfs_opendir(nfs, path, &nfsdir);
		if (rc < 0)
			fail("nfs_opendir", path, rc);
		while ((entry = nfs_readdir(nfs, nfsdir)) != NULL) {
			char *end;
			long i;

			if (strcmp(entry->name, ".") == 0 || strcmp(entry->name, "..") == 0)
				continue;
			/* exactly the names created: f00000 .. f<files - 1>, each once */
			if (entry->name[0] != 'f')
				mismatch("listing (a name not created)", entry->name);
			errno = 0;
			i = strtol(entry->name + 1, &end, 10);
			if (errno != 0 || *end != '\0' || end - entry->name != 6 || i < 0 || i >= files)
				mismatch("listing (a name not created)", entry->name);
			if (seen[i]++)
				mismatch("listing (a name twice)", entry->name);
			listed++;
		}
		nfs_closedir(nfs, nfsdir);
		if (listed != files) {
			fprintf(stderr, "metamix: WRONG listing of %s: %ld names, created %ld\n", path, listed, files);
			exit(1);
		}
	}
	free(seen);
}

static void verify_one(long i)
{
	char path[4096];
	unsigned char buf[FILE_BYTES + 1];
	struct nfsfh *fh;
	long got = 0;
	int rc;

	name(path, sizeof(path), "f", i);
	rc = nfs_open(nfs, path, O_RDONLY, &fh);
	if (rc < 0)
		fail("nfs_open", path, rc);
	/* one byte more than written: a longer file shows */
	while (got < (long)sizeof(buf)) {
		rc = nfs_read(nfs, fh, sizeof(buf) - got, buf + got);
		if (rc < 0)
			fail("nfs_read", path, rc);
		if (rc == 0)
			break;
		got += rc;
	}
	rc = nfs_close(nfs, fh);
	if (rc < 0)
		fail("nfs_close", path, rc);
	if (got != FILE_BYTES || memcmp(buf, content + i * FILE_BYTES, FILE_BYTES) != 0)
		mismatch("data read back", path);
}

/* untimed: the bytes of a sample, so fast creates are also correct ones */
static void verify_sample(void)
{
	for (long i = 0; i < files; i += VERIFY_EVERY)
		verify_one(i);
	if ((files - 1) % VERIFY_EVERY != 0)
		verify_one(files - 1);
}

static void rename_files(void)
{
	char from[4096], to[4096];

	for (long i = 0; i < files; i++) {
		int rc;

		name(from, sizeof(from), "f", i);
		name(to, sizeof(to), "renamed-", i);
		rc = nfs_rename(nfs, from, to);
		if (rc < 0)
			fail("nfs_rename", from, rc);
	}
}

static void remove_files(void)
{
	char path[4096];

	for (long i = 0; i < files; i++) {
		int rc;

		name(path, sizeof(path), "renamed-", i);
		rc = nfs_unlink(nfs, path);
		if (rc < 0)
			fail("nfs_unlink", path, rc);
	}
}

static uint64_t timed(const char *phase, void (*run)(void), long ops, long *total_ops)
{
	uint64_t t0 = now_ns(), ns;

	run();
	ns = now_ns() - t0;
	printf("phase %s ops %ld ns %llu\n", phase, ops, (unsigned long long)ns);
	fflush(stdout);
	*total_ops += ops;
	return ns;
}

int main(int argc, char **argv)
{
	char url[4096], path[4096];
	struct nfs_url *parsed;
	FILE *random;
	uint64_t ns = 0;
	long ops = 0;
	int rc;

	if (argc < 6 || argc > 7) {
		fprintf(stderr, "usage: %s SERVER EXPORT NFS-PORT MOUNT-PORT DIR [FILES]\n", argv[0]);
		return 2;
	}
	dir = argv[5];
	files = argc == 7 ? strtol(argv[6], NULL, 10) : 2000;
	if (files < 1 || files > 99999 || strchr(dir, '/') != NULL) {
		fprintf(stderr, "metamix: FILES must be 1..99999 and DIR a single name\n");
		return 2;
	}

	/* fresh random bytes for every run: Cistern deduplicates, so repeated content would store nothing */
	content = malloc((size_t)files * FILE_BYTES);
	random = fopen("/dev/urandom", "rb");
	if (content == NULL || random == NULL ||
	    fread(content, FILE_BYTES, (size_t)files, random) != (size_t)files) {
		perror("metamix: random content");
		return 1;
	}
	fclose(random);

	nfs = nfs_init_context();
	if (nfs == NULL) {
		fprintf(stderr, "metamix: nfs_init_context failed\n");
		return 1;
	}
	/* libnfs 4.0 has no setter for the ports: its URL parser sets them on the context */
	snprintf(url, sizeof(url), "nfs://%s%s?nfsport=%s&mountport=%s", argv[1], argv[2], argv[3], argv[4]);
	parsed = nfs_parse_url_dir(nfs, url);
	if (parsed == NULL)
		fail("nfs_parse_url_dir", url, -EINVAL);
	/* every listing must reach the server: the directory cache would answer repeats from memory */
	nfs_set_dircache(nfs, 0);
	/* a server that stops answering is an error, not a hang (the default reconnects forever) */
	nfs_set_autoreconnect(nfs, 0);
	nfs_set_timeout(nfs, 60000);
	rc = nfs_mount(nfs, parsed->server, parsed->path);
	if (rc < 0)
		fail("nfs_mount", url, rc);

	snprintf(path, sizeof(path), "/%s", dir);
	rc = nfs_mkdir(nfs, path);
	if (rc < 0)
		fail("nfs_mkdir", path, rc);

	ns += timed("create", create_files, files, &ops);
	ns += timed("getattr", getattr_files, files, &ops);
	ns += timed("readdir", list_files, files * READDIR_PASSES, &ops);
	verify_sample();
	ns += timed("rename", rename_files, files, &ops);
	ns += timed("remove", remove_files, files, &ops);
	printf("phase mix ops %ld ns %llu\n", ops, (unsigned long long)ns);

	/* the directory must be empty now, or the server kept a name it said it removed */
	rc = nfs_rmdir(nfs, path);
	if (rc < 0)
		fail("nfs_rmdir", path, rc);
	rc = nfs_umount(nfs);
	if (rc < 0)
		fail("nfs_umount", url, rc);
	nfs_destroy_url(parsed);
	nfs_destroy_context(nfs);
	free(content);
	return 0;
}
