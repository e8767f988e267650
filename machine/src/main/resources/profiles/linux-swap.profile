# linux-swap: not a machine: the Linux machine with limited memory that the swap baselines share
# (the cores, the fault path, reclaim, the data TLB). linux-ssd-swap, linux-ramdisk-swap and
# infiniswap include it and choose the swap device.
# Each default cites its source (a section of docs/reference.md) or says it is an assumption.
include local
machine.layout = swap            # docs/design.md, Profiles: a monolithic machine, limited local memory, swap to a device
linux.memory = 256MiB            # docs/reference.md, LegoOS headline experiment: 128/256/512 MB of local memory; the middle row

# The page-fault path, step by step (docs/reference.md, Linux swap path)
linux.fault_trap = 200ns         # assumption: exception entry and return, ~500 cycles at 2.4 GHz (docs/reference.md, Linux swap path)
linux.fault_handler = 500ns      # assumption: finding the area, walking and filling the page table, the reverse map; ~1,200 cycles
linux.zero_page = 150ns          # assumption: clearing 4 KiB at ~27 GB/s, as excache.zero_fill_time
linux.swap_cache_lookup = 300ns  # assumption: a radix-tree lookup under the swap cache's lock, with its cache misses
linux.swap_cache_add = 300ns     # docs/reference.md, Linux swap path: each page read in is allocated, inserted into the swap cache and put on an LRU list; assumption: as long as the lookup
linux.block_layer = 3us          # docs/reference.md, Linux swap path: the block layer and driver take a few µs per request
linux.io_wake = 3us              # docs/reference.md, Linux swap path: the completion interrupt, waking the thread and switching back to it
linux.scan_page = 200ns          # docs/reference.md, Linux swap path: every page reclaim looks at has its accessed bit tested through the reverse map; assumption: ~500 cycles for one mapping
linux.reclaim_page = 1us         # assumption: isolating and unmapping one page, its swap slot and swap-cache entry, under the LRU lock (the scan and the shootdown are their own steps)
linux.tlb_shootdown = 4us        # docs/reference.md, TLB shootdowns: microseconds per shootdown; assumption: 4 us for IPIs to 3 cores of a 2-socket machine and their acks
linux.shootdown_ipi = 1us        # docs/reference.md, TLB shootdowns: each receiving core takes an interrupt; assumption: ~2,400 cycles for entry, flush, ack and return
linux.reclaim_batch = 32         # docs/reference.md, Linux swap path: reclaim works in batches of SWAP_CLUSTER_MAX = 32 pages
swap.cluster = 8                 # docs/reference.md, Linux swap path: page-cluster = 3, so readahead of 8 pages
swap.size = 64GiB                # assumption: larger than any working set here; sparse, so only pages swapped out cost host memory

# Translation on the CPU side (docs/reference.md, Address translation)
tlb.entries = 1024               # docs/reference.md, Address translation: the testbed's second-level TLB holds 1,024 entries
tlb.ways = 8                     # docs/reference.md, Address translation: 8-way
tlb.walk_level = 10ns            # assumption: a page-table level mostly hits the caches (~24 cycles; docs/reference.md, Local memory), 3 levels of Sv39
