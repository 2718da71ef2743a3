#!/usr/bin/env bash
# Builds oneTBB with -fsanitize=thread from Debian's own source package (make test-tsan needs it).
#
# Why: Debian's libtbb12 is not instrumented, so ThreadSanitizer cannot see the happens-before
# edges of TBB's task hand-off and reports every parallel_for as a race. Building the same
# library (same source version as the installed libtbb-dev, with Debian's patches) with
# -fsanitize=thread makes those edges visible; the tsan preset then links it instead.
#
# Usage: tests/sanitizers/build_tsan_tbb.sh [DEPS_DIR]   (default: <repo>/build-tsan-deps)
# Result: DEPS_DIR/tbb-tsan/lib/cmake/TBB (what CMakePresets.json's tsan preset passes as TBB_DIR).
# Idempotent: a stamp file records what was built; a second run with the same inputs does nothing.
# Nothing is written to the source tree or to the system's apt configuration.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
deps=${1:-$repo/build-tsan-deps}
mkdir -p "$deps"
deps=$(cd "$deps" && pwd)
prefix=$deps/tbb-tsan
stamp=$prefix/.built

die() { echo "build_tsan_tbb.sh: $*" >&2; exit 1; }

# The source must be the version the rest of the build uses (the installed libtbb-dev), so the
# headers our code compiles against and the instrumented library agree.
src_pkg=$(dpkg-query -W -f='${source:Package}' libtbb-dev 2>/dev/null) ||
  die "libtbb-dev is not installed (run make deps)"
src_ver=$(dpkg-query -W -f='${source:Version}' libtbb-dev)
upstream_ver=${src_ver#*:}; upstream_ver=${upstream_ver%-*}
cxx=${CXX:-g++}
# The TSan runtime of the library must be the one our tests link (gcc's libtsan), so the same
# compiler builds both; the stamp records it with the version and the flags.
flags="-fsanitize=thread -fno-omit-frame-pointer"
want="$src_pkg $src_ver $($cxx --version | head -n1) $flags"

if [[ -f $stamp && "$(cat "$stamp")" == "$want" && -f $prefix/lib/cmake/TBB/TBBConfig.cmake ]]; then
  echo "build_tsan_tbb.sh: $src_pkg $src_ver with ThreadSanitizer already built in $prefix"
  exit 0
fi

for tool in apt-get dpkg-source cmake ninja "$cxx"; do
  command -v "$tool" >/dev/null || die "$tool is not installed (run make deps)"
done

# ---- fetch: Debian's source package through a private apt state ------------------------------
# A sources file, lists and cache of our own: the system's apt configuration is not touched, and
# a non-root user can fetch too. The archive keyring checks the Release file, the Release file
# checks the Sources index, and the index checks the hashes of the files apt-get source fetches.
apt_dir=$deps/apt
mkdir -p "$apt_dir/sources.d" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
cat >"$apt_dir/sources.d/debian-src.sources" <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
apt_opts=(-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$apt_dir/sources.d"
  -o Dir::State::Lists="$apt_dir/lists" -o Dir::Cache="$apt_dir/cache"
  -o APT::Sandbox::User="$(id -un)")
# apt's download sandbox user (_apt) could not write into a build folder owned by someone else,
# hence the sandbox user is the caller; as root that is root, as a user that user.

fetch_dir=$deps/src
dsc=$fetch_dir/${src_pkg}_${src_ver#*:}.dsc
if [[ ! -f $dsc ]]; then
  echo "build_tsan_tbb.sh: fetching the Debian source of $src_pkg $src_ver from deb.debian.org"
  mkdir -p "$fetch_dir"
  # --error-on=any: apt-get update otherwise exits 0 when an index could not be fetched.
  apt-get "${apt_opts[@]}" -qq --error-on=any update >"$apt_dir/update.log" 2>&1 ||
    die "cannot fetch the Debian source index (apt-get update failed; no network?), see $apt_dir/update.log"
  (cd "$fetch_dir" && apt-get "${apt_opts[@]}" -qq source --download-only "$src_pkg=$src_ver") \
    >"$apt_dir/source.log" 2>&1 ||
    die "cannot fetch the source package $src_pkg=$src_ver (apt-get source failed), see $apt_dir/source.log"
  [[ -f $dsc ]] || die "apt-get source did not produce $dsc"
fi

# ---- unpack: dpkg-source applies Debian's patches in debian/patches/series order -------------
tree=$fetch_dir/$src_pkg-$upstream_ver
rm -rf "$tree"
(cd "$fetch_dir" && dpkg-source -q -x "$dsc" "$tree") >"$deps/unpack.log" 2>&1 ||
  die "cannot unpack $dsc, see $deps/unpack.log"

# ---- configure, build, install with oneTBB's own CMake ------------------------------------------
# TBB_SANITIZE=thread adds -fsanitize=thread to compile and link. RelWithDebInfo keeps -g so the
# reports name TBB's frames. TBB_STRICT=OFF: upstream's -Werror is for its own CI, not for gcc 12.
# tbbmalloc is not built: libtbb then falls back to malloc/free, which TSan intercepts (a
# non-instrumented tbbmalloc would hide memory reuse between threads). hwloc/tbbbind is not
# needed (no NUMA constraints in attachsim).
build=$deps/tbb-build
rm -rf "$build" "$prefix"
echo "build_tsan_tbb.sh: building $src_pkg $upstream_ver with -fsanitize=thread (log: $deps/build.log)"
{
  cmake -S "$tree" -B "$build" -G Ninja \
    -DCMAKE_CXX_COMPILER="$cxx" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS="-fno-omit-frame-pointer" \
    -DCMAKE_INSTALL_PREFIX="$prefix" \
    -DCMAKE_INSTALL_LIBDIR=lib \
    -DTBB_SANITIZE=thread \
    -DTBB_TEST=OFF -DTBB_EXAMPLES=OFF -DTBB_STRICT=OFF \
    -DTBBMALLOC_BUILD=OFF -DTBBMALLOC_PROXY_BUILD=OFF \
    -DTBB_DISABLE_HWLOC_AUTOMATIC_SEARCH=ON &&
    cmake --build "$build" &&
    cmake --install "$build"
} >"$deps/build.log" 2>&1 || die "building oneTBB failed, see $deps/build.log"

# The instrumented library must really carry TSan's instrumentation.
nm -D "$prefix/lib/libtbb.so.12" | grep -q __tsan_func_entry ||
  die "$prefix/lib/libtbb.so.12 is not instrumented with ThreadSanitizer"
echo "$want" >"$stamp"
echo "build_tsan_tbb.sh: installed $src_pkg $src_ver with ThreadSanitizer in $prefix"
