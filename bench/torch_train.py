#!/usr/bin/python3
"""torch_train.py - PyTorch's side of bench/train_bench.c: the same network,
loss, optimizer, minibatch and thread count; samples per second, median of 5.
usage: torch_train.py THREADS BATCH [UPDATES]"""
import os
import sys
import time

# PyTorch's matrix products go to OpenBLAS (Debian's build), whose own
# thread pool ignores torch.set_num_threads: without this, "1 thread" ran
# OpenBLAS on 2 (it must be set before OpenBLAS loads)
os.environ["OPENBLAS_NUM_THREADS"] = sys.argv[1]
os.environ["OMP_NUM_THREADS"] = sys.argv[1]

import torch  # noqa: E402

threads, batch = int(sys.argv[1]), int(sys.argv[2])
updates = int(sys.argv[3]) if len(sys.argv) > 3 else (300 if batch <= 16 else 60)
torch.set_num_threads(threads)
torch.manual_seed(1)
net = torch.nn.Sequential(torch.nn.Linear(784, 1000), torch.nn.Tanh(), torch.nn.Linear(1000, 1000),
                          torch.nn.Tanh(), torch.nn.Linear(1000, 1000), torch.nn.Tanh(),
                          torch.nn.Linear(1000, 10))
opt = torch.optim.SGD(net.parameters(), lr=0.01)
pool = 2048
x = torch.rand(pool, 784)
y = torch.randint(0, 10, (pool,))
lossf = torch.nn.CrossEntropyLoss()
rates = []
for rep in range(-1, 5):
    t0 = time.perf_counter()
    for u in range(updates):
        off = (u * batch) % (pool - batch)
        opt.zero_grad()
        loss = lossf(net(x[off:off + batch]), y[off:off + batch])
        loss.backward()
        opt.step()
    if rep >= 0:
        rates.append(updates * batch / (time.perf_counter() - t0))
rates.sort()
print(f"torch,{threads},{batch},{rates[2]:.0f}")
