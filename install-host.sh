#!/usr/bin/env bash
# Registers the stsbridge native-messaging host with the browsers on this machine.
#
#   ./install-host.sh                  every Chromium-family browser found (per user)
#   ./install-host.sh --dir DIR        write the host manifest into the NativeMessagingHosts folder DIR
#   ./install-host.sh --uninstall      remove what an install wrote (add --dir DIR for that folder)
#
# The host program is copied to a folder of its own (below), so the registration keeps working
# when this checkout moves or is deleted. Re-running the script is harmless: it rewrites the same
# files with the same content.
set -euo pipefail

HOST_NAME='dev.stsbridge.host'
EXTENSION_ID='fcbnhbgmfinjpmnedlfoofbogopdmfie'
MIN_NODE_MAJOR=20

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
built_host="$here/build/native-host/stsbridge-host.mjs"

die() { printf 'install-host.sh: %s\n' "$*" >&2; exit 1; }
# Quotes a word for /bin/sh (bash's printf %q may produce $'...', which dash does not read).
sh_quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
say() { printf '%s\n' "$*"; }

usage() {
  sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

mode=install
dirs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dir)
      [ $# -ge 2 ] || die '--dir needs a folder'
      dirs+=("$2"); shift 2 ;;
    --dir=*) dirs+=("${1#--dir=}"); shift ;;
    --uninstall) mode=uninstall; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

case "$(uname -s)" in
  Darwin)
    data_dir="$HOME/Library/Application Support/stsbridge"
    support="$HOME/Library/Application Support"
    # name|profile folder|how to tell it is installed — NativeMessagingHosts sits in the profile folder.
    browsers=(
      "Google Chrome|$support/Google/Chrome|/Applications/Google Chrome.app"
      "Chromium|$support/Chromium|/Applications/Chromium.app"
      "Brave|$support/BraveSoftware/Brave-Browser|/Applications/Brave Browser.app"
      "Microsoft Edge|$support/Microsoft Edge|/Applications/Microsoft Edge.app"
      "Vivaldi|$support/Vivaldi|/Applications/Vivaldi.app"
    ) ;;
  *)
    data_dir="${XDG_DATA_HOME:-$HOME/.local/share}/stsbridge"
    config="${XDG_CONFIG_HOME:-$HOME/.config}"
    browsers=(
      "Google Chrome|$config/google-chrome|google-chrome google-chrome-stable"
      "Chromium|$config/chromium|chromium chromium-browser"
      "Brave|$config/BraveSoftware/Brave-Browser|brave-browser brave"
      "Microsoft Edge|$config/microsoft-edge|microsoft-edge microsoft-edge-stable"
      "Vivaldi|$config/vivaldi|vivaldi vivaldi-stable"
    ) ;;
esac

launcher="$data_dir/stsbridge-host"
manifest_name="$HOST_NAME.json"

# True when a browser is here: its profile folder exists, or it is installed but not yet started
# (its program is on PATH, or its app bundle exists on macOS). The folder is created then, and
# the browser picks the registration up on its first start.
browser_present() {
  local folder=$1 probes=$2 probe
  [ -d "$folder" ] && return 0
  for probe in $probes; do
    case "$probe" in
      /*) [ -e "$probe" ] && return 0 ;;
      *) command -v "$probe" >/dev/null 2>&1 && return 0 ;;
    esac
  done
  return 1
}

# The target folders: those given with --dir, else one for each browser present.
targets=()
if [ ${#dirs[@]} -gt 0 ]; then
  for dir in "${dirs[@]}"; do targets+=("--dir|$dir"); done
else
  for entry in "${browsers[@]}"; do
    IFS='|' read -r name folder probes <<<"$entry"
    if [ "$mode" = uninstall ] || browser_present "$folder" "$probes"; then
      targets+=("$name|$folder/NativeMessagingHosts")
    fi
  done
fi

if [ "$mode" = uninstall ]; then
  for target in "${targets[@]}"; do
    file="${target#*|}/$manifest_name"
    if [ -e "$file" ]; then rm -f "$file" && say "removed $file"; fi
  done
  if [ ${#dirs[@]} -eq 0 ]; then
    rm -f "$launcher" "$data_dir/stsbridge-host.mjs"
    rmdir "$data_dir" 2>/dev/null || true
    say "removed the host from $data_dir"
  fi
  exit 0
fi

# Node: the host is a Node program; Chrome starts it without a shell profile, so the launcher
# names node by its absolute path.
node_bin=$(command -v node || true)
[ -n "$node_bin" ] || die "Node.js was not found. Install Node.js $MIN_NODE_MAJOR or newer (https://nodejs.org), then run this again."
node_bin=$(cd "$(dirname "$node_bin")" && pwd -P)/$(basename "$node_bin")
node_major=$("$node_bin" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
[ "$node_major" -ge "$MIN_NODE_MAJOR" ] || die "Node.js $MIN_NODE_MAJOR or newer is needed; $node_bin is version $node_major."

[ -f "$built_host" ] || die "the host is not built yet: run 'npm ci && npm run build' first."

if [ ${#targets[@]} -eq 0 ]; then
  die "no Chromium-family browser was found (Chrome, Chromium, Brave, Edge, Vivaldi). Install one, or name its NativeMessagingHosts folder with --dir."
fi

umask 077
mkdir -p "$data_dir"
cp "$built_host" "$data_dir/stsbridge-host.mjs.tmp"
mv -f "$data_dir/stsbridge-host.mjs.tmp" "$data_dir/stsbridge-host.mjs"
# Chrome starts the host with the browser's environment. Settings meant for the user's own Node
# programs must not slow or change it: NODE_EXTRA_CA_CERTS alone (common behind corporate TLS
# proxies) makes Node parse a CA bundle at every start, measured at ~50 ms of a ~80 ms start-up,
# and the host makes no network connections at all.
cat > "$launcher.tmp" <<LAUNCHER
#!/bin/sh
unset NODE_OPTIONS NODE_EXTRA_CA_CERTS
exec $(sh_quote "$node_bin") $(sh_quote "$data_dir/stsbridge-host.mjs") "\$@"
LAUNCHER
chmod 0755 "$launcher.tmp"
mv -f "$launcher.tmp" "$launcher"

# JSON-escape the launcher path (a home folder may hold a quote or a backslash).
launcher_json=$("$node_bin" -e 'process.stdout.write(JSON.stringify(process.argv[1]))' "$launcher")
for target in "${targets[@]}"; do
  name=${target%%|*}; dir=${target#*|}
  mkdir -p "$dir"
  cat > "$dir/$manifest_name.tmp" <<JSON
{
  "name": "$HOST_NAME",
  "description": "stsbridge: writes AWS credentials from console logins into the AWS credentials file",
  "path": $launcher_json,
  "type": "stdio",
  "allowed_origins": ["chrome-extension://$EXTENSION_ID/"]
}
JSON
  chmod 0644 "$dir/$manifest_name.tmp"
  mv -f "$dir/$manifest_name.tmp" "$dir/$manifest_name"
  if [ "$name" = --dir ]; then say "registered $HOST_NAME in $dir"; else say "registered $HOST_NAME for $name ($dir)"; fi
done
say "host program: $launcher (node: $node_bin)"
