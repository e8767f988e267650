# local: a monolithic machine with all memory local, the 1.0x reference of every comparison.
# Each default cites its source (a section of docs/reference.md) or says it is an assumption.
machine.layout = monolithic   # docs/design.md, Profiles: the all-local reference machine
cpu.frequency = 2.4GHz        # docs/reference.md, LegoOS testbed: 2x Xeon E5-2620 at 2.4 GHz
cpu.cores = 1                 # assumption: single-threaded programs by default; the LegoOS 4-thread experiment sets 4 (docs/reference.md, LegoOS headline experiment)
sched.quantum = 1ms           # assumption: of the order of Linux CFS's minimum granularity (0.75 ms, scaled with CPUs; docs/reference.md, Linux scheduler)
sched.context_switch = 2us    # assumption: a Linux thread switch, with its cache refill, costs ~1-3 us
sim.slice_instructions = 10000 # assumption: cores drift apart by one turn, a few us at most, small beside a 6 us miss
include core-timing
sim.seed = 1                  # assumption: any fixed seed; runs are reproducible for a given seed
sim.epoch = 2026-01-01T00:00:00Z # assumption: a fixed, recent date (not 1970) so that certificate and date checks behave; runs are reproducible

# Resource limits: what one guest may take of the host
host.memory_budget = 4GiB     # assumption: room for the guest pages of any program meant to run, within a host's heap; cut to half the JVM heap when that is less
sched.max_threads = 4096      # assumption: far beyond the programs here, small beside Linux's RLIMIT_NPROC, which bounds the scheduler's scans (docs/reference.md, Linux resource limits)
files.max_size = 4GiB         # assumption: Linux has no RLIMIT_FSIZE by default (docs/reference.md, Linux resource limits); this bounds what a guest leaves in the host folder
console.max_output = 1GiB     # assumption: far more output than anyone reads; bounds the host file or pipe the run writes to
