/**
 * How the CLI's worker process is started on Linux (see evidence-packet.js), shared with the
 * benchmark so that it measures what users run.
 *
 * V8 starts a full garbage collection whenever the memory allocated outside its heap since
 * the last one (here: the image buffers libvips hands back, 6-8 MB each) fills the room left
 * under its heap limit, and with a heap of 12-30 MB that limit is low: a build of the
 * bench's 80 images ran about 50 full collections, `check` alone 15-20. Starting the heap
 * at 64 MB halves them: `check` of the bench corpus took 17 % less time, a whole build 5 %
 * less (six runs each, taking turns: 6.60 vs 6.95 s), for about 10 MiB more peak memory.
 * The heap's size is fixed when the process starts, so it can only be given on the command line.
 */
export const LAUNCH_V8_FLAGS = ['--initial-heap-size=64'];

/**
 * glibc's malloc arenas capped (see evidence-packet.js), and a mark that the worker was started
 * with a channel to the launcher: it stops when the launcher dies (src/cli/main.ts).
 */
export const LAUNCH_ENV = { MALLOC_ARENA_MAX: '2', EVIDENCE_PACKET_WORKER: '1' };
