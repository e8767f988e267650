# linux-ssd-swap: Linux with limited memory swapping to an NVMe SSD, a baseline of the LegoOS comparison.
# Each default cites its source (a section of docs/reference.md) or says it is an assumption.
include linux-swap
swap.device = block              # docs/design.md, Profiles: swap to a block device
swap.read_latency = 80us         # docs/reference.md, Storage devices: NVMe SSD 4 KiB random read 80-100 µs
swap.write_latency = 20us        # assumption: SSD writes land in the drive's write cache, as storage.write_latency
swap.bandwidth = 16Gbps          # assumption: ~2 GB/s sequential for an NVMe SSD, as storage.bandwidth
swap.parallel_requests = 32      # docs/reference.md, Storage devices: ~450,000 random 4 KiB reads/s at high queue depth, at 80 µs each about 32-36 in flight
