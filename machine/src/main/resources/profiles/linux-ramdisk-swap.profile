# linux-ramdisk-swap: Linux with limited memory swapping to a ramdisk, a baseline of the LegoOS comparison.
# Each default cites its source (a section of docs/reference.md) or says it is an assumption.
include linux-swap
swap.device = block              # docs/design.md, Profiles: swap to a block device
swap.read_latency = 500ns        # docs/reference.md, Storage devices: a ramdisk copies a page in 1-2 µs; this is its fixed part
swap.write_latency = 500ns       # docs/reference.md, Storage devices: as the read
swap.bandwidth = 32Gbps          # docs/reference.md, Storage devices: with the fixed part, 1.5 µs per 4 KiB page
swap.parallel_requests = 64      # docs/reference.md, Linux swap path: the ramdisk has no device queue, each copy runs on its submitting CPU; 64 is more than any core count here
linux.block_layer = 1500ns       # docs/reference.md, Linux swap path: the ramdisk driver copies in the submitting thread; the generic block layer remains
linux.io_wake = 0ns              # docs/reference.md, Linux swap path: the ramdisk completes a request before submission returns, so the thread never sleeps
