# infiniswap: Linux with limited memory swapping to remote memory over RDMA (InfiniSwap), a baseline
# of the LegoOS comparison. The pages live in slabs of a remote machine's memory, read and written
# with one-sided RDMA READ and WRITE over the same fabric timing as the legoos profile.
# Each default cites its source (a section of docs/reference.md) or says it is an assumption.
include linux-swap
swap.device = infiniswap         # docs/reference.md, InfiniSwap: a block device over remote memory
infiniswap.driver = 2us          # docs/reference.md, InfiniSwap: the driver's request queue, slab lookup and work request; assumption: about one block-layer pass
linux.io_wake = 3us              # docs/reference.md, InfiniSwap: the faulting thread sleeps until the READ completes, as for a disk

# Fabric (docs/reference.md, One-sided verbs; the same hops as the legoos profile)
fabric.post_overhead = 100ns          # assumption: a work-request write and an MMIO doorbell
fabric.nic_processing = 180ns         # fitted to docs/reference.md, One-sided verbs: WRITE 4 B 1.17 µs is four NIC passes, two wire trips and the two software ends
fabric.completion_poll = 100ns        # assumption: one poll of a completion queue that hits
fabric.rpc_overhead = 525ns           # fitted to docs/reference.md, LegoOS RPC latency (unused by raw verbs)
fabric.ring_dma_bandwidth = 64Gbps    # assumption: ConnectX-3 on PCIe 3.0 x8 (docs/reference.md, PCI Express)
fabric.region_dma_bandwidth = 20Gbps  # fitted to docs/reference.md, One-sided verbs: ~1 ns/B slope of READ and WRITE from 256 B to 4 KiB
fabric.pcie_read = 520ns              # fitted to docs/reference.md, One-sided verbs: the step from 4 B (inlined) to 256 B
fabric.responder_read = 1100ns        # fitted to docs/reference.md, One-sided verbs: READ exceeds WRITE by ~1.1 µs at 4 B
fabric.inline_bytes = 64B             # assumption: ConnectX-3 inlines small payloads (docs/reference.md, InfiniBand transport)
fabric.rnr_delay = 10us               # assumption: the shortest RNR timer InfiniBand encodes (docs/reference.md, InfiniBand transport)
fabric.rnr_retry = 6                  # assumption: the largest finite RNR retry count (docs/reference.md, InfiniBand transport)
fabric.mtu = 4KiB                     # assumption: InfiniBand's largest path MTU (docs/reference.md, InfiniBand transport)
fabric.link_bandwidth = 40Gbps        # docs/reference.md, LegoOS testbed: 40 Gb/s ConnectX-3
fabric.propagation = 10ns             # assumption: 2 m of cable at ~5 ns/m (docs/reference.md, Cables and switches)
fabric.switch_hop = 100ns             # assumption: a cut-through InfiniBand switch (docs/reference.md, Cables and switches)
