#!/usr/bin/env bash
# Builds the two container images (Autoscale.MetricsAdapter, Autoscale.ScaleController) with one recipe, whether
# the builder is Docker or buildah (no daemon, as on the development machines):
#   1. dotnet publish each program (framework-dependent) into its own build context;
#   2. build deploy/docker/<program>.Dockerfile on a base image given as the build argument BASE_IMAGE.
# With Docker the base defaults to Microsoft's chiseled ASP.NET Core image with ICU and tzdata. With buildah (and no
# --base) the base is made here, from Debian packages only: a bookworm minbase (mmdebstrap) with tzdata, ICU,
# CA certificates and this machine's .NET runtime, plus the non-root user 1654 the Dockerfiles run as.
#
#   scripts/build-images.sh                                   # docker if present, else buildah
#   scripts/build-images.sh --registry ghcr.io/you --push     # build and push both
#   scripts/build-images.sh --tool buildah --smoke            # what ./test.sh runs: OCI archives + smoke checks
#
# Options: --tool docker|buildah, --registry REG (default registry.example.com/autoscale), --tag TAG (default: the
# version in Directory.Build.props), --base IMAGE, --out DIR (default .tools/images: publish output, OCI archives),
# --push, --smoke (buildah: scripts/smoke-images.sh on the archives), --no-build (publish what
# `dotnet build -c Release` built, as ./test.sh does). Nothing is cached between runs: buildah's
# storage is a temporary directory, removed at exit.
set -euo pipefail
cd "$(dirname "$0")/.."

tool="" registry="registry.example.com/autoscale" tag="" base="" out=".tools/images" push=0 smoke=0 no_build=""
while [ $# -gt 0 ]; do
  case "$1" in
    --tool) tool="$2"; shift 2 ;;
    --registry) registry="${2%/}"; shift 2 ;;
    --tag) tag="$2"; shift 2 ;;
    --base) base="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --push) push=1; shift ;;
    --smoke) smoke=1; shift ;;
    --no-build) no_build=--no-build; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-images.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [ -z "$tool" ]; then
  if command -v docker >/dev/null; then tool=docker; else tool=buildah; fi
fi
case "$tool" in docker|buildah) ;; *) echo "build-images.sh: --tool must be docker or buildah" >&2; exit 2 ;; esac
command -v "$tool" >/dev/null || { echo "build-images.sh: $tool is not installed (scripts/install-test-deps.sh installs buildah and mmdebstrap)" >&2; exit 1; }
[ -n "$tag" ] || tag="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -1)"
[ "$smoke" = 0 ] || [ "$tool" = buildah ] || { echo "build-images.sh: --smoke needs --tool buildah" >&2; exit 2; }

programs=(metrics-adapter:src/MetricsAdapter/MetricsAdapter.csproj scale-controller:src/ScaleController/ScaleController.csproj)
mkdir -p "$out"
out="$(cd "$out" && pwd)"
started=$SECONDS

# 1. Publish: framework-dependent (the runtime is the base image's), no apphost: ENTRYPOINT ["dotnet", "….dll"].
for entry in "${programs[@]}"; do
  name="${entry%%:*}" project="${entry#*:}"
  rm -rf "$out/publish/$name"
  dotnet publish "$project" -c Release $no_build --no-self-contained -p:UseAppHost=false -p:DebugType=none \
    -nologo -clp:ErrorsOnly -o "$out/publish/$name" >/dev/null
done
echo "published both programs in $((SECONDS - started)) s"

if [ "$tool" = docker ]; then
  for entry in "${programs[@]}"; do
    name="${entry%%:*}"
    docker build ${base:+--build-arg BASE_IMAGE="$base"} -f "deploy/docker/$name.Dockerfile" -t "$registry/$name:$tag" "$out/publish/$name"
    [ "$push" = 0 ] || docker push "$registry/$name:$tag"
  done
  docker image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E "/(metrics-adapter|scale-controller):$tag " || true
  exit 0
fi

# buildah, daemonless: vfs storage and chroot isolation work as root inside a container, without fuse or user namespaces.
work="$(mktemp -d /tmp/autoscale-images.XXXXXX)"
cleanup() { buildah --root "$work/storage" --runroot "$work/run" --storage-driver vfs rm --all >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
bh() { buildah --root "$work/storage" --runroot "$work/run" --storage-driver vfs "$@"; }
export BUILDAH_ISOLATION=chroot

if [ -z "$base" ]; then
  command -v mmdebstrap >/dev/null || { echo "build-images.sh: mmdebstrap is not installed (scripts/install-test-deps.sh)" >&2; exit 1; }
  t=$SECONDS
  runtime_dir="$(dirname "$(readlink -f "$(command -v dotnet)")")"
  # The newest 10.0 runtimes this machine's SDK builds against (the programs roll forward to the latest patch).
  core="$(ls -d "$runtime_dir"/shared/Microsoft.NETCore.App/10.0.* | sort -V | tail -1)"
  asp="$(ls -d "$runtime_dir"/shared/Microsoft.AspNetCore.App/10.0.* | sort -V | tail -1)"
  # merged-usr hook: /usr merged without the usrmerge package, which would pull in perl (~46 MB).
  mmdebstrap --quiet --variant=minbase --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr --include=ca-certificates,tzdata,libicu72,libssl3 \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/* "$1"/var/log/*' \
    --customize-hook="mkdir -p \"\$1\"/usr/share/dotnet/shared/Microsoft.NETCore.App \"\$1\"/usr/share/dotnet/shared/Microsoft.AspNetCore.App \
      && cp -a '$runtime_dir/dotnet' '$runtime_dir/host' \"\$1\"/usr/share/dotnet/ \
      && cp -a '$core' \"\$1\"/usr/share/dotnet/shared/Microsoft.NETCore.App/ \
      && cp -a '$asp' \"\$1\"/usr/share/dotnet/shared/Microsoft.AspNetCore.App/ \
      && ln -s /usr/share/dotnet/dotnet \"\$1\"/usr/bin/dotnet" \
    --customize-hook='echo "app:x:1654:1654::/home/app:/usr/sbin/nologin" >> "$1"/etc/passwd && echo "app:x:1654:" >> "$1"/etc/group && mkdir -p "$1"/home/app && chown 1654:1654 "$1"/home/app' \
    bookworm "$work/base.tar" >"$work/mmdebstrap.log" 2>&1 \
    || { tail -30 "$work/mmdebstrap.log" >&2; echo "build-images.sh: mmdebstrap failed" >&2; exit 1; }
  ctr="$(bh from scratch)"
  mnt="$(bh mount "$ctr")"
  tar -C "$mnt" -xf "$work/base.tar"
  bh umount "$ctr" >/dev/null
  rm -f "$work/base.tar"
  bh config --env DOTNET_RUNNING_IN_CONTAINER=true --env APP_UID=1654 --env TZ=UTC "$ctr"
  bh commit --quiet "$ctr" localhost/autoscale-base:bookworm >/dev/null
  bh rm "$ctr" >/dev/null
  base=localhost/autoscale-base:bookworm
  echo "base: Debian bookworm minbase + tzdata + ICU + .NET $(basename "$core") in $((SECONDS - t)) s"
fi

for entry in "${programs[@]}"; do
  name="${entry%%:*}"
  image="$registry/$name:$tag"
  t=$SECONDS
  bh bud --quiet --isolation chroot --layers=false --build-arg BASE_IMAGE="$base" \
    -f "deploy/docker/$name.Dockerfile" -t "$image" "$out/publish/$name" >/dev/null
  rm -f "$out/$name.oci.tar"
  bh push --quiet "$image" "oci-archive:$out/$name.oci.tar:$image"
  size="$(bh images --format '{{.Size}}' "$image")"
  echo "$image: $size (unpacked), $(du -h "$out/$name.oci.tar" | cut -f1) OCI archive $out/$name.oci.tar, built in $((SECONDS - t)) s"
  [ "$push" = 0 ] || bh push "$image" "docker://$image"
done

if [ "$smoke" = 1 ]; then
  scripts/smoke-images.sh "$out/metrics-adapter.oci.tar" "$out/scale-controller.oci.tar"
fi
echo "images done in $((SECONDS - started)) s"
