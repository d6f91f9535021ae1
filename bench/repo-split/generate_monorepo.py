#!/usr/bin/env python3
"""Writes a git fast-import stream for a synthetic monorepo: N commits over S service directories plus shared code.

Shape, roughly like the seeds' monorepos: most commits touch one service (one to three files), some touch shared code,
some touch a service and shared code together; every ~40 commits a short feature branch (3-6 commits) is merged back
with a merge commit. Deterministic for a given seed.

usage: generate_monorepo.py COMMITS SERVICES SEED > stream    (then: git fast-import < stream)
       generate_monorepo.py --append COMMITS SERVICES SEED FROM_MARK_COUNT > stream  (new commits on top of main)
"""
import random
import sys


def main():
    args = sys.argv[1:]
    append = args and args[0] == "--append"
    if append:
        args = args[1:]
    commits, services, seed = int(args[0]), int(args[1]), int(args[2])
    rng = random.Random(seed)
    out = sys.stdout.buffer
    names = [f"services/svc-{i:02d}" for i in range(services)]
    time = 1_600_000_000 + (10_000_000 if append else 0)
    mark = 0
    version = {}

    def blob_line(path):
        version[path] = version.get(path, 0) + 1
        content = f"{path} version {version[path]} seed {seed}\n".encode()
        return b"M 100644 inline " + path.encode() + b"\ndata " + str(len(content)).encode() + b"\n" + content + b"\n"

    def commit(ref, message, changes, parents):
        nonlocal mark, time
        mark += 1
        time += rng.randint(30, 3600)
        who = rng.choice(["Ada Lovelace <ada@example.com>", "Grace Hopper <grace@example.com>",
                          "Linus Torvalds <linus@example.com>", "Margaret Hamilton <mh@example.com>"])
        msg = message.encode()
        block = [f"commit {ref}\n".encode(), f"mark :{mark}\n".encode(),
                 f"author {who} {time} +0100\n".encode(), f"committer {who} {time + 7} +0100\n".encode(),
                 b"data " + str(len(msg)).encode() + b"\n" + msg + b"\n"]
        if parents:
            block.append(f"from {parents[0]}\n".encode())
            for p in parents[1:]:
                block.append(f"merge {p}\n".encode())
        block.extend(changes)
        block.append(b"\n")
        out.write(b"".join(block))
        return f":{mark}"

    def changes_for(scope_service):
        lines = []
        if scope_service is None:
            for _ in range(rng.randint(1, 2)):
                lines.append(blob_line(f"shared/lib{rng.randint(0, 9)}.txt"))
        else:
            for _ in range(rng.randint(1, 3)):
                lines.append(blob_line(f"{scope_service}/src/file{rng.randint(0, 19)}.txt"))
            if rng.random() < 0.1:
                lines.append(blob_line(f"shared/lib{rng.randint(0, 9)}.txt"))
        return lines

    head = "refs/heads/main^0" if append else None
    if not append:
        initial = [blob_line("README.md")] + [blob_line(f"{name}/Dockerfile") for name in names]
        head = commit("refs/heads/main", "Initial import\n", initial, [])
    made = 0 if append else 1
    while made < commits:
        if not append and made % 40 == 20 and commits - made > 8:
            service = rng.choice(names)
            branch_head = head
            for i in range(rng.randint(3, 6)):
                branch_head = commit("refs/heads/feature", f"{service}: feature work {made}\n",
                                     changes_for(service), [branch_head])
                made += 1
            head = commit("refs/heads/main", f"Merge branch 'feature-{made}'\n",
                          changes_for(None) if rng.random() < 0.3 else [], [head, branch_head])
            made += 1
            continue
        service = None if rng.random() < 0.15 else rng.choice(names)
        head = commit("refs/heads/main", f"{service or 'shared'}: change {made}\n", changes_for(service), [head])
        made += 1
    out.write(b"reset refs/heads/feature\nfrom 0000000000000000000000000000000000000000\n\n" if not append else b"")


if __name__ == "__main__":
    main()
