# local: a monolithic machine with all memory local, the 1.0x reference of every comparison.
# Each default cites its source: a row of REFERENCE.md or a stated assumption.
machine.layout = monolithic   # DESIGN.md §4: the all-local reference machine
cpu.frequency = 2.4GHz        # REFERENCE.md, LegoOS headline hardware: 2x Xeon E5-2620 at 2.4 GHz
cpu.cores = 1                 # assumption: single-threaded programs by default; the LegoOS 4-thread experiment sets 4 (REFERENCE.md, headline)
sched.quantum = 1ms           # assumption: of the order of Linux CFS's minimum granularity (0.75 ms, scaled with CPUs)
sched.context_switch = 2us    # assumption: a Linux thread switch, with its cache refill, costs ~1-3 us
sim.slice_instructions = 10000 # assumption: cores drift apart by one turn, a few us at most, small beside a 6 us miss
include core-timing
sim.seed = 1                  # assumption: any fixed seed; runs are reproducible for a given seed
