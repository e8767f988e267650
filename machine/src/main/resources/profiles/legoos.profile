# legoos: the split-kernel machine of LegoOS (OSDI 2018): a CPU component with an ExCache, one
# memory component hosting the virtual memory system, one storage component, joined by a fabric.
# Each default cites its source (a section of docs/reference.md) or says it is an assumption.
machine.layout = split                # docs/design.md, Profiles: pComponent + ExCache, 1 mComponent, 1 sComponent, fabric
topology.cpu = pcomp0                 # docs/reference.md, LegoOS testbed: one processor component
topology.memory = mcomp0              # docs/reference.md, LegoOS testbed: 1 memory component
topology.storage = scomp0             # docs/reference.md, LegoOS testbed: one storage component
cpu.frequency = 2.4GHz                # docs/reference.md, LegoOS testbed: 2x Xeon E5-2620 at 2.4 GHz
cpu.cores = 1                         # assumption: single-threaded programs by default; the LegoOS 4-thread experiment sets 4 (docs/reference.md, LegoOS headline experiment)
sched.quantum = 1ms                   # assumption: of the order of Linux CFS's minimum granularity (0.75 ms, scaled with CPUs; docs/reference.md, Linux scheduler)
sched.context_switch = 2us            # assumption: a Linux thread switch, with its cache refill, costs ~1-3 us
sim.slice_instructions = 10000        # assumption: cores drift apart by one turn at most (a turn also ends at the next event), small beside a 6 us miss
sched.yield_on_miss = true            # assumption: a thread waiting for a miss gives its core to a ready thread; with none ready the core waits, as in LegoOS (docs/reference.md, LegoOS ExCache)
include core-timing
sim.seed = 1                          # assumption: any fixed seed; runs are reproducible for a given seed
sim.epoch = 2026-01-01T00:00:00Z      # assumption: a fixed, recent date (not 1970) so that certificate and date checks behave; runs are reproducible

# ExCache (docs/reference.md, LegoOS ExCache)
excache.size = 256MiB                 # docs/reference.md, LegoOS headline experiment: 128/256/512 MB of ExCache; the middle row
excache.line_size = 4KiB              # docs/reference.md, LegoOS ExCache: 4 KiB lines
excache.ways = 64                     # docs/reference.md, LegoOS ExCache: 64-way in the paper's experiments
excache.policy = fifo                 # docs/reference.md, LegoOS headline experiment: in the policy ablation FIFO (with piggyback) beat LRU, 1.74 vs 2.01
excache.fetch = rpc                   # docs/reference.md, LegoOS transport: the memory monitor serves every miss by RPC
excache.translations = 65536          # assumption: 16 B each, 1 MiB of the CPU component's memory; covers 256 MiB of frames (the default ExCache)
excache.zero_fill = true              # docs/reference.md, LegoOS ExCache: anonymous first touch zero-filled locally
excache.piggyback = true              # docs/reference.md, LegoOS messages: a dirty victim rides on the miss (≈ 4,168 B)
excache.miss_trap = 60ns              # assumption: ~150 cycles at 2.4 GHz to enter and leave the monitor on the faulting thread
excache.fill_time = 20ns              # assumption: the reply is an RDMA write into the slot (docs/reference.md, LegoOS transport); only the tag is set
excache.zero_fill_time = 150ns        # assumption: zeroing 4 KiB at ~27 GB/s of store bandwidth

# Fabric (docs/reference.md, LegoOS RPC latency: 4.63–6.52 µs for 128 B–4 KiB over 40 Gb/s InfiniBand;
# docs/reference.md, One-sided verbs: READ/WRITE round trips; each hop is modeled and queued)
fabric.post_overhead = 100ns          # assumption: a work-request write and an MMIO doorbell
fabric.nic_processing = 180ns         # fitted to docs/reference.md, One-sided verbs: WRITE 4 B 1.17 µs is four NIC passes, two wire trips and the two software ends
fabric.completion_poll = 100ns        # assumption: one poll of a completion queue or reply word that hits
fabric.rpc_overhead = 525ns           # fitted to docs/reference.md, LegoOS RPC latency: the RPC layer's software at each of the four ends of a request and its reply
fabric.ring_dma_bandwidth = 64Gbps    # assumption: ConnectX-3 on PCIe 3.0 x8, ~8 GB/s to pre-registered rings (docs/reference.md, PCI Express)
fabric.region_dma_bandwidth = 20Gbps  # fitted to docs/reference.md, One-sided verbs: ~1 ns/B slope of READ and WRITE from 256 B to 4 KiB
fabric.pcie_read = 520ns              # fitted to docs/reference.md, One-sided verbs: the step from 4 B (inlined) to 256 B (gathered by a PCIe read)
fabric.responder_read = 1100ns        # fitted to docs/reference.md, One-sided verbs: READ exceeds WRITE by ~1.1 µs at 4 B (2.25 vs 1.17 µs); about two PCIe reads at the responder (the key's translation entry, then the data)
fabric.inline_bytes = 64B             # assumption: ConnectX-3 inlines small payloads in the work request (docs/reference.md, InfiniBand transport)
fabric.rnr_delay = 10us               # assumption: the shortest receiver-not-ready timer InfiniBand encodes (0.01 ms; docs/reference.md, InfiniBand transport)
fabric.rnr_retry = 6                  # assumption: the largest finite count of InfiniBand's 3-bit RNR retry field (7 there means for ever; docs/reference.md, InfiniBand transport)
fabric.mtu = 4KiB                     # assumption: InfiniBand's largest path MTU, 4096 B, as ConnectX-3 runs it (docs/reference.md, InfiniBand transport)
fabric.link_bandwidth = 40Gbps        # docs/reference.md, LegoOS testbed: 40 Gb/s ConnectX-3
fabric.propagation = 10ns             # assumption: 2 m of cable at ~5 ns/m (docs/reference.md, Cables and switches)
fabric.switch_hop = 100ns             # assumption: a cut-through InfiniBand switch (docs/reference.md, Cables and switches)
fabric.rpc = legoos                   # docs/reference.md, LegoOS transport: WRITE_WITH_IMM into a ring, reply by RDMA WRITE
fabric.server_pollers = 1             # docs/reference.md, LegoOS transport: one polling thread per node
fabric.receive_depth = 64             # assumption: receives per connection, more than the cores that can have a request in flight
fabric.srq_depth = 4096               # assumption: a shared receive queue sized for every client of a server (docs/reference.md, RDMA RPC systems)
fabric.rpc_timeout = 1ms              # assumption: a datagram RPC's retransmission timeout, far above any round trip here
fabric.nic_qp_cache = 256             # assumption: on-chip room for a few hundred connections' state, so connected transports degrade past that (docs/reference.md, NIC connection state)
fabric.nic_mr_cache = 256             # assumption: as many region translations as contexts (docs/reference.md, NIC connection state)
fabric.nic_cache_fetch = 520ns        # assumption: one NIC read of host memory over PCIe, as fabric.pcie_read (docs/reference.md, NIC connection state)

# Memory component (docs/reference.md, LegoOS memory components)
memory.size = 64GiB                   # assumption: a server's DRAM; sparse, so only touched frames cost host memory
memory.placement = round-robin        # assumption: LegoOS's global memory manager spreads vRegions (docs/reference.md, LegoOS memory components); round-robin is the simplest
memory.tlb_entries = 1024             # assumption: a server MMU's second-level TLB size
memory.monitor_workers = 1            # docs/reference.md, LegoOS transport: one polling thread per node serves requests
memory.monitor_dispatch = 600ns       # fitted to docs/reference.md, LegoOS RPC latency: the polling thread's share of the fixed part
memory.tlb_lookup = 2ns               # assumption: a few cycles of the memory controller
memory.walk_level = 40ns              # assumption: upper levels mostly hit a page-walk cache; half a DRAM access per level
memory.read_latency = 81ns            # docs/reference.md, Persistent memory: DRAM read 81 ns sequential
memory.write_latency = 81ns           # assumption: DRAM write taken as the read latency
memory.kind = dram                    # docs/reference.md, LegoOS testbed: memory components hold DRAM
memory.pmem_read_latency = 169ns      # docs/reference.md, Persistent memory: Optane read 169 ns sequential
memory.pmem_write_latency = 90ns      # docs/reference.md, Persistent memory: a write reaches the persistence domain in 62-90 ns (upper end)
memory.pmem_persist_page = 1774ns     # docs/reference.md, Persistent memory: persisting 4 KiB (store, clwb, fence) 1,774 ns
memory.pmem_persist_line = 116ns      # docs/reference.md, Persistent memory: persisting 64 B (store, clwb, fence) 116 ns

# Storage component (docs/reference.md, Storage devices)
storage.monitor_dispatch = 600ns      # assumption: the same polling-thread cost as the memory monitor
storage.read_latency = 80us           # docs/reference.md, Storage devices: NVMe SSD 4 KiB random read 80–100 µs
storage.write_latency = 20us          # assumption: SSD writes land in the drive's write cache
storage.bandwidth = 16Gbps            # assumption: ~2 GB/s sequential for an NVMe SSD

# Resource limits: what one guest may take of the host
host.memory_budget = 4GiB             # assumption: room for the guest pages of any program meant to run, within a host's heap; cut to half the JVM heap when that is less
sched.max_threads = 4096              # assumption: far beyond the programs here, small beside Linux's RLIMIT_NPROC, which bounds the scheduler's scans (docs/reference.md, Linux resource limits)
files.max_size = 4GiB                 # assumption: Linux has no RLIMIT_FSIZE by default (docs/reference.md, Linux resource limits); this bounds what a guest leaves in the host folder
console.max_output = 1GiB             # assumption: far more output than anyone reads; bounds the host file or pipe the run writes to
