#!/bin/sh
# Checks what build-service's buildah needs on this machine (docs/deployment.md, "build-service and buildah"): runs
# what build-service runs, under `setpriv <arguments>`, and prints "ok" or "FAILED" per step. Run it as root inside
# the container (or on the machine) build-service would run in; it needs buildah, util-linux and busybox-static, and
# touches nothing outside a temporary directory (its own buildah storage). Exits 1 when a step failed.
#
#   docs/check-buildah-privileges.sh --no-new-privs --bounding-set -all,+dac_override,+setuid,+setgid,+setfcap
#   docs/check-buildah-privileges.sh --bounding-set -all,+setuid,+setgid,+setfcap    # deleting the checkout fails
set -u
[ "$#" -gt 0 ] || { echo "usage: $0 <setpriv arguments, e.g. --bounding-set -all,+setuid,...>" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/.." && pwd)
runner=$repo/build-service/src/main/java/dev/ferry/build/buildah/BuildahJobRunner.java
work=$(mktemp -d "${TMPDIR:-/tmp}/ferry-buildah-check.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
S=$work/storage
mkdir -p "$S/tmp" "$work/context" "$work/checkout"
printf 'unqualified-search-registries = ["docker.io"]\n' > "$S/registries.conf"
printf '{"default": [{"type": "insecureAcceptAnything"}]}\n' > "$S/policy.json"
printf '{"auths": {}}\n' > "$S/auth.json"
# The wrapper of a job without network, as BuildahJobRunner has it.
sed -n '/OWN_NAMESPACES = """/,/""";/p' "$runner" | sed '1d;$d;s/^            //' > "$work/no-network.sh"
export CONTAINERS_REGISTRIES_CONF="$S/registries.conf" TMPDIR="$S/tmp"
B="buildah --root $S/root --runroot $S/run --storage-driver vfs"

# Set-up, with this shell's own privileges: a busybox image as an OCI archive (no registry needed).
c=$($B from scratch) && m=$($B mount "$c") && mkdir -p "$m/bin" "$m/tmp" && cp "$(command -v busybox)" "$m/bin/" \
    && for x in sh id cat echo touch mkdir chown chmod ip grep; do ln -s busybox "$m/bin/$x"; done \
    && $B umount "$c" >/dev/null && $B commit --signature-policy "$S/policy.json" -q "$c" "oci-archive:$work/busybox.tar" \
    >/dev/null && $B rm "$c" >/dev/null || { echo "cannot make the busybox image (is busybox-static installed?)" >&2; exit 2; }
cat > "$work/context/Dockerfile" <<EOF
FROM oci-archive:$work/busybox.tar
RUN mkdir -p /home/app && echo private > /home/app/f && chmod 600 /home/app/f && chown -R 1000:1000 /home/app
COPY --chown=1000:1000 Dockerfile /home/app/Dockerfile
USER 1000
RUN cat /home/app/f >/dev/null && echo more >> /home/app/f
EOF
echo in > "$work/checkout/in" && chmod 777 "$work/checkout"

cat > "$work/check.sh" <<EOF
step() { name=\$1; shift; if out=\$("\$@" 2>&1); then echo "ok      \$name"; else echo "FAILED  \$name: \$(echo "\$out" | grep -v '^\$' | tail -1)"; failed=1; fi; }
nonet() { sh -c "\$(cat $work/no-network.sh)" ferry-job "\$@"; }
failed=0
step "buildah bud (RUN, COPY --chown, USER 1000)" $B bud --isolation chroot --layers --signature-policy $S/policy.json -t localhost/checked $work/context
step "buildah push" $B push --signature-policy $S/policy.json localhost/checked dir:$work/pushed
step "buildah from --pull --authfile" $B from --name job --pull --authfile $S/auth.json oci-archive:$work/busybox.tar
step "buildah inspect" $B inspect --type container job
step "buildah run --volume (network)" $B run --isolation chroot --volume $work/checkout:/workspace --workingdir /workspace job -- sh -c 'cat in && touch by-root'
step "buildah run without network: only lo, up" nonet $B run --isolation chroot job -- sh -c '[ "\$(ip -o link | grep -c .)" = 1 ] && ip -o addr show lo | grep -q 127.0.0.1'
step "buildah rm" $B rm job
step "buildah from (built image, USER 1000)" $B from --name job-user localhost/checked
step "buildah run without network as uid 1000" nonet $B run --isolation chroot --volume $work/checkout:/workspace --workingdir /workspace job-user -- sh -c 'mkdir -m 700 private && touch private/file'
step "buildah rm" $B rm job-user
step "delete the checkout (as build-service does)" rm -rf $work/checkout
exit \$failed
EOF
setpriv "$@" -- sh "$work/check.sh"
