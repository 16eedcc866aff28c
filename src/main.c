/* emu's command line: build a configuration and hand it to emu_run(). */
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include <unicorn/unicorn.h>

#include "arch/arch.h"
#include "binfmt.h"
#include "config.h"
#include "log/log.h"
#include "ownfd.h"
#include "start.h"
#include "trace/trace.h"
#include "hostcall/hostcall.h"
#include "vdso/vdso.h"

#ifndef AT_FLAGS_PRESERVE_ARGV0_BIT
#define AT_FLAGS_PRESERVE_ARGV0_BIT 0	/* include/uapi/linux/binfmts.h */
#endif

extern char **environ;

static void usage(FILE *out)
{
	fputs("usage: emu [options] PROGRAM [ARGS...]\n"
	      "Run a static or dynamic riscv64 or x86_64 Linux ELF program.\n"
	      "\n"
	      "PROGRAM without a '/' is looked up in PATH; a #! script runs its interpreter.\n"
	      "\n"
	      "  -0 NAME          pass NAME as argv[0] instead of PROGRAM\n"
	      "  -E VAR=VALUE,... set VARs in the guest's environment (also EMU_SET_ENV)\n"
	      "  -U VAR,...       remove VARs from the guest's environment (also EMU_UNSET_ENV)\n"
	      "  -L DIR           sysroot: the guest's absolute paths are looked up in DIR\n"
	      "                   first (also EMU_LD_PREFIX=DIR)\n"
	      "  --show-auxv      print the auxiliary vector the guest receives\n"
	      "  --show-stack     print an annotated map of the initial stack\n"
	      "  --no-aslr        fixed addresses for stack, mmap, PIE and brk\n"
	      "  --seed N         derive every random address and AT_RANDOM from N\n"
	      "  --vdso=on|off    map the synthesized vDSO (default on; also EMU_VDSO)\n"
	      "  -cpu NAME        the CPU model (also EMU_CPU); -cpu help lists them\n"
	      "  --host-lib=LIST  serve these libraries' functions by the host's own: libm,\n"
	      "                   libz, libc (its memory and string functions), all (also\n"
	      "                   EMU_HOST_LIBS; docs/hostcalls.md)\n"
	      "  --dump-vdso FILE write the vDSO image for --arch (default x86_64) and exit\n"
	      "  --arch ARCH      riscv64 or x86_64, for --dump-vdso and --binfmt\n"
	      "\n"
	      "Tracing, as strace (vDSO calls are shown too, marked <vdso>):\n"
	      "  --strace, -strace  one line per syscall, in strace's format (also EMU_STRACE=1,\n"
	      "                   and EMU_STRACE_FILE=FILE for -o)\n"
	      "  -c, --summary-only  count calls and time: one table for the run, at exit\n"
	      "  -C, --summary    the table and the trace; -S, --summary-sort-by=time|calls|\n"
	      "                   errors|name|nothing; -w, --summary-wall-clock (emu's times are)\n"
	      "  -e trace=[!]SET  only these (--trace=): names, %file %desc %memory %process\n"
	      "                   %signal %net %ipc %creds %stat %lstat %fstat %statfs\n"
	      "                   %fstatfs %pure %clock %time (and strace's two-percent\n"
	      "                   forms of stat and statfs), all, none, vdso\n"
	      "  -e signal=[!]SET the signals shown (--signal=); -e status=SET (--status=):\n"
	      "                   successful failed unfinished; -z / -Z: successful / failed only\n"
	      "  -P PATH          only calls on PATH (--trace-path=)\n"
	      "  -o FILE          write the trace (or table) to FILE (--output=)\n"
	      "  -s N             show strings up to N bytes (default 32; --string-limit=)\n"
	      "  -x, -xx          strings with non-ASCII bytes, or all, in hex\n"
	      "  -y, -yy          descriptors with their paths, sockets with their endpoints\n"
	      "  -v               execve's environment in full (--no-abbrev)\n"
	      "  -T               show the time spent in each call (--syscall-times)\n"
	      "  -t, -tt, -ttt    prefix each line with the time, with microseconds, as epoch\n"
	      "  -r               prefix each line with the time since the previous one\n"
	      "  -f               follow threads and children (--follow-forks); -ff with -o\n"
	      "                   FILE: one FILE.PID a task (--output-separately)\n"
	      "  -q, -qq          quiet: -qq without the +++ exited lines (--quiet)\n"
	      "\n"
	      "Watching it run, as qemu's -d (also EMU_LOG=ITEMS, EMU_LOG_FILE=FILE):\n"
	      "  -d ITEMS         log in_asm,exec,cpu,page,strace (-d help lists them)\n"
	      "  -D FILE          write the log to FILE (default stderr)\n"
	      "  -dfilter RANGES  log only blocks in START+SIZE, START-SIZE, START..END, ...\n"
	      "  --show-startup   a timeline from execve to main: what was mapped, ld.so's\n"
	      "                   steps, the vDSO lookup, ifunc resolvers, TLS, init functions\n"
	      "\n"
	      "Debugging:\n"
	      "  -g PORT          wait for gdb on TCP PORT (HOST:PORT, or unix:PATH) with\n"
	      "                   the guest stopped at its first instruction (also\n"
	      "                   EMU_GDB=PORT); port 0 picks a free one and says which\n"
	      "\n"
	      "The system:\n"
	      "  --binfmt register [--flags FPOC] [--arch riscv64|x86_64|all] [--mount DIR]\n"
	      "  --binfmt unregister [--arch A] [--mount DIR]\n"
	      "  --binfmt status [--mount DIR]\n"
	      "                   emu as binfmt_misc's interpreter for foreign programs\n"
	      "  --version        emu's version, Unicorn's, the arches\n"
	      "  -h, --help       this text (and man emu)\n", out);
}

/* The guest environment: the host's, then -E and -U in order. */
static int env_edit(char ***envp, size_t *n, const char *arg, int set)
{
	size_t klen = set ? strcspn(arg, "=") : strlen(arg);
	if (set && arg[klen] != '=') {
		fprintf(stderr, "emu: -E wants VAR=VALUE, not '%s'\n", arg);
		return -1;
	}
	for (size_t i = 0; i < *n; i++) {
		if (!strncmp((*envp)[i], arg, klen) && (*envp)[i][klen] == '=') {
			if (set) {
				(*envp)[i] = (char *)arg;
			} else {
				memmove(&(*envp)[i], &(*envp)[i + 1], (*n - i) * sizeof(char *));
				(*n)--;
			}
			return 0;
		}
	}
	if (set) {
		char **ne = realloc(*envp, (*n + 2) * sizeof(char *));
		if (!ne)
			return -1;
		*envp = ne;
		ne[(*n)++] = (char *)arg;
		ne[*n] = NULL;
	}
	return 0;
}

/* -E/-U and EMU_SET_ENV/EMU_UNSET_ENV take comma lists, as qemu's do.
 * env_edit keeps pointers into the copies: they live until emu exits. */
static char *env_copies[16];
static int env_ncopies;

static void env_free(void)
{
	while (env_ncopies)
		free(env_copies[--env_ncopies]);
}

static int env_list(char ***envp, size_t *n, const char *list, int set)
{
	char *copy = env_ncopies < 16 ? strdup(list) : NULL;
	int err = copy ? 0 : -1;
	if (copy && !env_ncopies)
		atexit(env_free);
	if (copy)
		env_copies[env_ncopies++] = copy;
	for (char *item = copy ? strtok(copy, ",") : NULL; item && !err; item = strtok(NULL, ","))
		err = env_edit(envp, n, item, set);
	return err;
}



/* qemu-user's single-dash spellings: those emu has become its own, the
 * others are refused by name.  Only emu's options are looked at, never
 * the program's arguments. */
static int qemu_spellings(int argc, char **argv)
{
	static const struct { const char *qemu, *emu; } same[] = {
		{ "-strace", "--strace" }, { "-version", "--version" }, { "-help", "--help" },
		{ "-cpu", "--cpu" }, { "-seed", "--seed" }, { "-dfilter", "--dfilter" },
	};
	/* -r is strace's (relative times) here, not qemu's uname release */
	static const char *const refused[] = { "-B", "-R", "-p",
		"-singlestep", "-one-insn-per-tb", "-plugin", "-trace", "-dbg", "-page-size" };
	/* emu's options that take the next word as their argument */
	static const char *const with_arg[] = { "-0", "-E", "-U", "-L", "-g", "-e", "-o", "-s",
		"--seed", "--dump-vdso", "--arch", "--trace-fd", "--cpu", "--binfmt", "--flags",
		"--mount", "--vdso", "--host-lib", "--execfn", "-d", "-D", "--dfilter", "--log-fd",
		"-S", "-P", "--trace-shared" };
	for (int i = 1; i < argc && argv[i][0] == '-' && strcmp(argv[i], "--"); i++) {
		for (size_t k = 0; k < sizeof(same) / sizeof(same[0]); k++)
			if (!strcmp(argv[i], same[k].qemu))
				argv[i] = (char *)same[k].emu;
		for (size_t k = 0; k < sizeof(refused) / sizeof(refused[0]); k++) {
			if (!strcmp(argv[i], refused[k])) {
				fprintf(stderr, "emu: qemu-user's %s is not supported (emu --help says what is)\n",
					argv[i]);
				return -1;
			}
		}
		for (size_t k = 0; k < sizeof(with_arg) / sizeof(with_arg[0]); k++)
			if (!strcmp(argv[i], with_arg[k]) && i + 1 < argc) {
				i++;
				break;
			}
	}
	return 0;
}

/* The environment's spelling of the options, for runs without a command
 * line (binfmt_misc): the command line, read after, wins. */
static void env_config(struct emu_config *cfg, const char **trace_file, const char **log_file,
		       char ***envp, size_t *n)
{
	const char *v;
	if ((v = getenv("EMU_STRACE")) && *v && strcmp(v, "0"))
		cfg->trace.on = true;
	if ((v = getenv("EMU_STRACE_FILE")) && *v)
		*trace_file = v;
	if ((v = getenv("EMU_CPU")) && *v)
		cfg->cpu = v;
	if ((v = getenv("EMU_VDSO")) && *v)
		cfg->vdso = strcmp(v, "off") != 0;
	int libs;
	if ((v = getenv("EMU_HOST_LIBS")) && *v && (libs = hostcall_parse_libs(v)) >= 0)
		cfg->host_libs = libs;
	if ((v = getenv("EMU_LOG")) && *v && log_parse_items(&cfg->log, v) < 0)
		fprintf(stderr, "emu: EMU_LOG=%s ignored\n", v);
	if ((v = getenv("EMU_LOG_FILE")) && *v)
		*log_file = v;
	if ((v = getenv("EMU_SET_ENV")) && *v)
		env_list(envp, n, v, 1);
	if ((v = getenv("EMU_UNSET_ENV")) && *v)
		env_list(envp, n, v, 0);
}

static void version(void)
{
	unsigned major, minor;
	uc_version(&major, &minor);
	printf("emu %s\n", EMU_VERSION);
	printf("Unicorn %u.%u.%u, with tools/unicorn.patch\n", major, minor, UC_VERSION_PATCH);
	printf("guest arches:");
	for (int i = 0; arch_all[i]; i++)
		printf(" %s", arch_all[i]->name);
	printf("\n");
}

static void cpu_help(void)
{
	for (int i = 0; arch_all[i]; i++) {
		const struct arch *a = arch_all[i];
		printf("%s CPU models (-cpu NAME):\n", a->name);
		for (unsigned k = 0; k < a->ncpu_models; k++)
			printf("  %-20s %s\n", a->cpu_models[k].name, a->cpu_models[k].what);
	}
}

int main(int argc, char **argv)
{
	enum { OPT_SHOW_AUXV = 256, OPT_SHOW_STACK, OPT_NO_ASLR, OPT_SEED, OPT_VDSO,
	       OPT_DUMP_VDSO, OPT_ARCH, OPT_STRACE, OPT_TRACE_FD, OPT_VERSION, OPT_CPU, OPT_BINFMT,
	       OPT_FLAGS, OPT_MOUNT, OPT_EXECFN, OPT_DFILTER, OPT_SHOW_STARTUP, OPT_LOG_FD,
	       OPT_TRACE_SHARED, OPT_TRACE_EXPR, OPT_SIGNAL_EXPR, OPT_STATUS_EXPR, OPT_FF,
	       OPT_ABS_TIME, OPT_HOST_LIB };
	static const struct option longopts[] = {
		{ "show-auxv", no_argument, NULL, OPT_SHOW_AUXV },
		{ "show-stack", no_argument, NULL, OPT_SHOW_STACK },
		{ "no-aslr", no_argument, NULL, OPT_NO_ASLR },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "vdso", required_argument, NULL, OPT_VDSO },
		{ "host-lib", required_argument, NULL, OPT_HOST_LIB },
		{ "dump-vdso", required_argument, NULL, OPT_DUMP_VDSO },
		{ "arch", required_argument, NULL, OPT_ARCH },
		{ "strace", no_argument, NULL, OPT_STRACE },
		{ "trace-fd", required_argument, NULL, OPT_TRACE_FD },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ "cpu", required_argument, NULL, OPT_CPU },
		{ "binfmt", required_argument, NULL, OPT_BINFMT },
		{ "flags", required_argument, NULL, OPT_FLAGS },
		{ "mount", required_argument, NULL, OPT_MOUNT },
		/* emu's own, from a guest's execve of a script: AT_EXECFN */
		{ "execfn", required_argument, NULL, OPT_EXECFN },
		{ "dfilter", required_argument, NULL, OPT_DFILTER },
		{ "show-startup", no_argument, NULL, OPT_SHOW_STARTUP },
		/* emu's own, from a guest's execve: the -D file, open */
		{ "log-fd", required_argument, NULL, OPT_LOG_FD },
		/* emu's own, from a guest's execve: the trace's shared state */
		{ "trace-shared", required_argument, NULL, OPT_TRACE_SHARED },
		/* strace's long spellings */
		{ "trace", required_argument, NULL, OPT_TRACE_EXPR },
		{ "signal", required_argument, NULL, OPT_SIGNAL_EXPR },
		{ "status", required_argument, NULL, OPT_STATUS_EXPR },
		{ "output", required_argument, NULL, 'o' },
		{ "follow-forks", no_argument, NULL, 'f' },
		{ "output-separately", no_argument, NULL, OPT_FF },
		{ "summary-only", no_argument, NULL, 'c' },
		{ "summary", no_argument, NULL, 'C' },
		{ "summary-sort-by", required_argument, NULL, 'S' },
		{ "summary-wall-clock", no_argument, NULL, 'w' },
		{ "string-limit", required_argument, NULL, 's' },
		{ "strings-in-hex", optional_argument, NULL, 'x' },
		{ "decode-fds", optional_argument, NULL, 'y' },
		{ "successful-only", no_argument, NULL, 'z' },
		{ "failed-only", no_argument, NULL, 'Z' },
		{ "quiet", optional_argument, NULL, 'q' },
		{ "absolute-timestamps", optional_argument, NULL, OPT_ABS_TIME },
		{ "relative-timestamps", optional_argument, NULL, 'r' },
		{ "syscall-times", optional_argument, NULL, 'T' },
		{ "no-abbrev", no_argument, NULL, 'v' },
		{ "trace-path", required_argument, NULL, 'P' },
		{ 0 },
	};
	struct emu_config cfg = { .aslr = true, .vdso = true, .sysroot = getenv("EMU_LD_PREFIX"),
				  .trace = { .out = stderr, .out_fd = 2, .strsize = 32, .signals = ~0ULL,
					     .status = TS_ALL },
				  .log = { .fd = -1 } };
	int shared_fd = -1;
	const char *trace_file = NULL, *log_file = NULL;
	const char *dump_vdso = NULL, *arch = "x86_64", *binfmt_cmd = NULL;
	struct binfmt_opts binfmt_opts = { 0 };
	size_t n = 0;
	while (environ[n])
		n++;
	char **envp = malloc((n + 1) * sizeof(char *));
	if (!envp)
		return 1;
	memcpy(envp, environ, (n + 1) * sizeof(char *));

	/* What an emu re-executed by the guest's execve inherits. */
	char **opts = calloc(2 * argc + 8, sizeof(char *));
	if (qemu_spellings(argc, argv))
		goto fail;
	env_config(&cfg, &trace_file, &log_file, &envp, &n);
	int nopts = 0;
#define INHERIT(...) do { const char *o_[] = { __VA_ARGS__ }; \
	for (size_t i_ = 0; i_ < sizeof(o_) / sizeof(o_[0]); i_++) opts[nopts++] = (char *)o_[i_]; } while (0)
	/* binfmt_misc's P flag: the kernel passes PROGRAM, then its own
	 * argv[0], and tells us so (AT_FLAGS_PRESERVE_ARGV0, Linux 5.12); O:
	 * it opened PROGRAM for us (AT_EXECFD).  No emu options then. */
	bool preserve = (getauxval(AT_FLAGS) & (1 << AT_FLAGS_PRESERVE_ARGV0_BIT)) && argc >= 3;
	errno = 0;
	unsigned long execfd = getauxval(AT_EXECFD);
	cfg.execfd = errno ? -1 : (int)execfd;
	int c;
	while (!preserve && (c = getopt_long(argc, argv, "+0:E:U:L:g:hcCS:we:o:s:Tt::rfxyzZqvP:d:D:", longopts, NULL)) != -1) {
		switch (c) {
		case '0':
			cfg.argv0 = optarg;
			break;
		case 'g':	/* not inherited: an exec'd program runs undebugged */
			cfg.gdb = optarg;
			break;
		case 'E':
		case 'U':
			if (env_list(&envp, &n, optarg, c == 'E'))
				goto fail;
			break;
		case OPT_CPU:
			cfg.cpu = optarg;
			INHERIT("--cpu", optarg);
			break;
		case OPT_VERSION:
			version();
			free(opts);
			free(envp);
			return 0;
		case OPT_BINFMT:
			binfmt_cmd = optarg;
			break;
		case OPT_FLAGS:
			binfmt_opts.flags = optarg;
			break;
		case OPT_MOUNT:
			binfmt_opts.mount = optarg;
			break;
		case OPT_EXECFN:
			cfg.execfn = optarg;
			break;
		case 'L':
			cfg.sysroot = optarg;
			INHERIT("-L", optarg);
			break;
		case OPT_SHOW_AUXV:
			cfg.show_auxv = true;
			break;
		case OPT_SHOW_STACK:
			cfg.show_stack = true;
			break;
		case OPT_NO_ASLR:
			cfg.aslr = false;
			INHERIT("--no-aslr");
			break;
		case OPT_SEED: {
			char *end;
			cfg.seed = strtoull(optarg, &end, 0);
			if (*end || !*optarg) {
				fprintf(stderr, "emu: --seed wants a number, not '%s'\n", optarg);
				goto fail;
			}
			cfg.have_seed = true;
			break;
		}
		case OPT_VDSO:
			if (strcmp(optarg, "on") && strcmp(optarg, "off")) {
				fprintf(stderr, "emu: --vdso wants on or off, not '%s'\n", optarg);
				goto fail;
			}
			cfg.vdso = !strcmp(optarg, "on");
			INHERIT(cfg.vdso ? "--vdso=on" : "--vdso=off");
			break;
		case OPT_HOST_LIB: {
			int libs = hostcall_parse_libs(optarg);
			if (libs < 0)
				goto fail;
			cfg.host_libs = libs;
			INHERIT("--host-lib", optarg);
			break;
		}
		case OPT_DUMP_VDSO:
			dump_vdso = optarg;
			break;
		case OPT_ARCH:
			arch = binfmt_opts.arch = optarg;
			break;
		case 'c':
			cfg.trace.summary = true;
			INHERIT("-c");
			break;
		case 'C':
			cfg.trace.summary = cfg.trace.summary_too = true;
			INHERIT("-C");
			break;
		case 'S':
			if (strcmp(optarg, "time") && strcmp(optarg, "calls") && strcmp(optarg, "errors") &&
			    strcmp(optarg, "name") && strcmp(optarg, "nothing")) {
				fprintf(stderr, "emu: invalid sortby: '%s'\n", optarg);
				goto fail;
			}
			cfg.trace.sortby = optarg;
			INHERIT("-S", optarg);
			break;
		case 'w':	/* emu's -c times are wall-clock ones already */
			break;
		case OPT_STRACE:
			cfg.trace.on = true;
			INHERIT("--strace");
			break;
		case OPT_TRACE_FD:
			cfg.trace.out_fd = own_fd_adopt(atoi(optarg));
			if (!(cfg.trace.out = fdopen(cfg.trace.out_fd, "a"))) {
				perror("--trace-fd");
				goto fail;
			}
			INHERIT("--trace-fd", optarg);
			break;
		case OPT_TRACE_SHARED:
			shared_fd = atoi(optarg);
			cfg.trace.inherited = true;
			break;
		case OPT_TRACE_EXPR:
		case OPT_SIGNAL_EXPR:
		case OPT_STATUS_EXPR:
		case 'e': {
			static const char *const pre[] = { "trace=", "signal=", "status=" };
			static const char *const spelling[] = { "--trace", "--signal", "--status" };
			char expr[4096];
			snprintf(expr, sizeof(expr), "%s%s", c == 'e' ? "" : pre[c - OPT_TRACE_EXPR], optarg);
			if (trace_parse_expr(&cfg.trace, expr))
				goto fail;
			INHERIT(c == 'e' ? "-e" : spelling[c - OPT_TRACE_EXPR], optarg);
			break;
		}
		case 'z':
		case 'Z':
			cfg.trace.status = c == 'z' ? TS_SUCCESSFUL : TS_FAILED;
			INHERIT(c == 'z' ? "-z" : "-Z");
			break;
		case 'P':
			trace_add_path(&cfg.trace, optarg);
			INHERIT("-P", optarg);
			break;
		case 'o':
			trace_file = optarg;
			break;
		case 's': {
			char *end;
			cfg.trace.strsize = strtol(optarg, &end, 10);
			if (*end || cfg.trace.strsize < 0) {
				fprintf(stderr, "emu: -s wants a number, not '%s'\n", optarg);
				goto fail;
			}
			INHERIT("-s", optarg);
			break;
		}
		case 'T':
			cfg.trace.timing = true;
			INHERIT("-T");
			break;
		case 't':
			if (optarg && strcmp(optarg, "t") && strcmp(optarg, "tt")) {
				fprintf(stderr, "emu: -t, -tt or -ttt, not -t%s\n", optarg);
				goto fail;
			}
			cfg.trace.stamps = optarg ? (int)strlen(optarg) + 1 : 1;
			INHERIT(cfg.trace.stamps == 1 ? "-t" : cfg.trace.stamps == 2 ? "-tt" : "-ttt");
			break;
		case OPT_ABS_TIME:
			cfg.trace.stamps = optarg && strstr(optarg, "unix") ? 3 : optarg && strstr(optarg, "us") ? 2 : 1;
			INHERIT(cfg.trace.stamps == 1 ? "-t" : cfg.trace.stamps == 2 ? "-tt" : "-ttt");
			break;
		case 'r':
			cfg.trace.relative = true;
			INHERIT("-r");
			break;
		case 'f':
			cfg.trace.follow++;
			INHERIT("-f");
			break;
		case OPT_FF:
			cfg.trace.follow = 2;
			INHERIT("-f", "-f");
			break;
		case 'x':
			cfg.trace.xflag = optarg ? 2 : cfg.trace.xflag + 1;
			INHERIT("-x");
			break;
		case 'y':
			cfg.trace.yflag = optarg ? 2 : cfg.trace.yflag + 1;
			INHERIT("-y");
			break;
		case 'q':
			cfg.trace.quiet = optarg ? 2 : cfg.trace.quiet + 1;
			INHERIT("-q");
			break;
		case 'v':
			cfg.trace.verbose = true;
			INHERIT("-v");
			break;
		case 'd': {
			int r = log_parse_items(&cfg.log, optarg);
			if (r < 0)
				goto fail;
			if (r > 0) {
				free(opts);
				free(envp);
				return 0;
			}
			INHERIT("-d", optarg);
			break;
		}
		case 'D':
			log_file = optarg;
			break;
		case OPT_LOG_FD:
			cfg.log.fd = own_fd_adopt(atoi(optarg));
			INHERIT("--log-fd", optarg);
			break;
		case OPT_DFILTER:
			if (log_parse_ranges(&cfg.log, optarg))
				goto fail;
			INHERIT("--dfilter", optarg);
			break;
		case OPT_SHOW_STARTUP:
			cfg.log.startup = true;
			INHERIT("--show-startup");
			break;
		case 'h':
			usage(stdout);
			free(opts);
			free(envp);
			return 0;
		default:
			fprintf(stderr, "Try 'emu --help' for more information.\n");
			goto fail;
		}
	}
	if (cfg.cpu && !strcmp(cfg.cpu, "help")) {
		cpu_help();
		free(opts);
		free(envp);
		return 0;
	}
	if (binfmt_cmd) {
		free(opts);
		free(envp);
		return binfmt_run(binfmt_cmd, &binfmt_opts);
	}
	if (dump_vdso) {
		trace_opts_free(&cfg.trace);
		free(opts);
		free(envp);
		return vdso_dump(arch, dump_vdso);
	}
	if (optind >= argc) {
		fprintf(stderr, "emu: no program given\nTry 'emu --help' for more information.\n");
		goto fail;
	}
	if (trace_file && cfg.trace.follow < 2 && cfg.trace.out == stderr) {
		/* Keep emu's own descriptor out of the guest's way: the guest's
		 * first open() must get the number it would get natively. */
		int high = own_fd(open(trace_file, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0666));
		if (high < 0 || !(cfg.trace.out = fdopen(high, "a"))) {
			perror(trace_file);
			goto fail;
		}
		cfg.trace.out_fd = high;
		/* a guest's execve hands the open trace to the next emu */
		static char fdnum[16];
		snprintf(fdnum, sizeof(fdnum), "%d", high);
		if (fcntl(high, F_SETFD, 0) == 0)
			INHERIT("--trace-fd", fdnum);
	}
	if (trace_file) {
		cfg.trace.out_name = trace_file;
		INHERIT("-o", trace_file);
	}
	if (cfg.trace.on || cfg.trace.summary || cfg.trace.filter || cfg.trace.timing ||
	    cfg.trace.stamps || cfg.log.items) {
		/* one stream and one table for the run, across its forks and execs */
		static char fdnum[16];
		int fd = trace_share(&cfg.trace, shared_fd);
		if (fd < 0) {
			perror("emu: the trace's shared state");
			goto fail;
		}
		snprintf(fdnum, sizeof(fdnum), "%d", fd);
		INHERIT("--trace-shared", fdnum);
	}
	if (log_file) {
		/* as the trace's: out of the guest's way, and handed on at exec */
		int high = own_fd(open(log_file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666));
		if (high < 0 || fcntl(high, F_SETFD, 0) < 0) {
			perror(log_file);
			goto fail;
		}
		cfg.log.fd = high;
		static char fdnum[16];
		snprintf(fdnum, sizeof(fdnum), "%d", high);
		INHERIT("--log-fd", fdnum);
	}
	if (cfg.log.items & LOG_STRACE)
		cfg.trace.on = true;
	/* EMU_GDB is for this emu only: the guest's children run undebugged */
	if (!cfg.gdb && getenv("EMU_GDB") && *getenv("EMU_GDB"))
		cfg.gdb = getenv("EMU_GDB");
	env_edit(&envp, &n, "EMU_GDB", 0);
	opts[nopts] = NULL;
	cfg.exec_opts = opts;
	static char self[4096];
	ssize_t selflen = readlink("/proc/self/exe", self, sizeof(self) - 1);
	self[selflen > 0 ? selflen : 0] = 0;
	cfg.self = self;
	/* emu's own file, held open: a guest's execve re-runs emu through it,
	 * so it works in a chroot, a mount namespace, or after the path has
	 * gone (kept out of the guest's way, as the trace's descriptor) */
	cfg.self_fd = own_fd(open("/proc/self/exe", O_PATH | O_CLOEXEC));
	/* -e, -s, -T, -tt mean tracing unless the table alone was asked for */
	if (!cfg.trace.summary && (cfg.trace.filter || cfg.trace.timing || cfg.trace.stamps ||
				   cfg.trace.relative || cfg.trace.yflag || cfg.trace.xflag))
		cfg.trace.on = true;
	if (cfg.trace.summary_too)
		cfg.trace.on = true;
	cfg.path = argv[optind];
	cfg.argv0 = cfg.argv0 ? cfg.argv0 : cfg.path;
	cfg.argv = argv + optind + 1;
	cfg.argc = argc - optind - 1;
	if (preserve) {
		cfg.argv0 = argv[2];
		cfg.argv = argv + 3;
		cfg.argc = argc - 3;
	}
	cfg.envp = envp;
	int status = emu_run(&cfg);
	trace_opts_free(&cfg.trace);
	log_opts_free(&cfg.log);
	free(opts);
	free(envp);
	return status;
fail:
	trace_opts_free(&cfg.trace);
	log_opts_free(&cfg.log);
	free(opts);
	free(envp);
	return 1;
}
