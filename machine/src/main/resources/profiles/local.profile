# local: a monolithic machine with all memory local, the 1.0x reference of every comparison.
# Each default cites its source: a row of REFERENCE.md or a stated assumption.
machine.layout = monolithic   # DESIGN.md §4: the all-local reference machine
cpu.frequency = 2.4GHz        # REFERENCE.md, LegoOS headline hardware: 2x Xeon E5-2620 at 2.4 GHz
cpu.cores = 1                 # assumption: single-threaded programs; the 4-thread experiment sets 4
include core-timing
sim.seed = 1                  # assumption: any fixed seed; runs are reproducible for a given seed
