#!/usr/bin/env bash
# Registers the stsbridge native-messaging host with the browsers on this machine.
#
#   ./install-host.sh                  every Chromium-family browser found, for this user
#   ./install-host.sh --system         for every user (run as root)
#   ./install-host.sh --dir DIR        into the NativeMessagingHosts folder DIR only
#   ./install-host.sh --check          report, per browser, whether the host is registered and runs
#   ./install-host.sh --uninstall      remove what an install wrote (with --system or --dir as used)
#   ./install-host.sh --root DIR       with --system: install below DIR, as packagers stage files
#   ./install-host.sh --bin-dir DIR    put the `stsbridge` command in DIR (default ~/.local/bin;
#                                      with --system, /usr/local/bin)
#   ./install-host.sh --extension-id ID  serve the extension with this ID (repeatable; default the
#                                      unpacked extension's); a store's copy has an ID of its own
#
# The host program is copied to a folder of its own, so the registration keeps working when this
# checkout moves or is deleted. Re-running the script is harmless: it rewrites the same files
# with the same content.
set -euo pipefail

HOST_NAME='dev.stsbridge.host'
# The unpacked extension's ID, fixed by the public `key` in manifest.json.
EXTENSION_ID='fcbnhbgmfinjpmnedlfoofbogopdmfie'
MIN_NODE_MAJOR=20

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
built_host="$here/build/native-host/stsbridge-host.cjs"

# `stsbridge install` runs this script too: it then speaks as that command.
self=${STSBRIDGE_INSTALL_AS:-./install-host.sh}
die() { printf '%s: %s\n' "${self#./}" "$*" >&2; exit 1; }
say() { printf '%s\n' "$*"; }
# A folder the installer writes to, made if missing; a clear error, naming it, when it cannot be.
writable_dir() {
  { mkdir -p "$1" 2>/dev/null && [ -d "$1" ] && [ -w "$1" ]; } || die "cannot write to $1: $2"
}
# Quotes a word for /bin/sh (bash's printf %q may produce $'...', which dash does not read).
sh_quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
# A path as a JSON string, as JSON.stringify writes it into a manifest: a home folder may hold a
# quote or a backslash, and a manifest is compared with what it names.
json_string() { local text=${1//\\/\\\\}; text=${text//\"/\\\"}; printf '"%s"' "$text"; }

# Runs a command for at most $1 seconds where coreutils' timeout exists (macOS has none: there
# the host's own reads, which never wait on a FIFO, are the bound).
run_bounded() {
  local seconds=$1; shift
  if command -v timeout >/dev/null 2>&1; then timeout "$seconds" "$@"; else "$@"; fi
}

usage() {
  sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' | sed "s|\./install-host\.sh|$self|g"
}

mode=install
scope=user
root=''
bin_dir=''
dirs=()
extension_ids=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dir)
      [ $# -ge 2 ] || die '--dir needs a folder'
      dirs+=("$2"); shift 2 ;;
    --dir=*) dirs+=("${1#--dir=}"); shift ;;
    --root)
      [ $# -ge 2 ] || die '--root needs a folder'
      root=${2%/}; shift 2 ;;
    --bin-dir)
      [ $# -ge 2 ] || die '--bin-dir needs a folder'
      bin_dir=${2%/}; shift 2 ;;
    --bin-dir=*) bin_dir=${1#--bin-dir=}; bin_dir=${bin_dir%/}; shift ;;
    --extension-id)
      [ $# -ge 2 ] || die '--extension-id needs an ID'
      extension_ids+=("$2"); shift 2 ;;
    --extension-id=*) extension_ids+=("${1#--extension-id=}"); shift ;;
    --system) scope=system; shift ;;
    --uninstall) mode=uninstall; shift ;;
    --check) mode=check; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
[ -z "$root" ] || [ "$scope" = system ] || die '--root goes with --system'
# The origins the host serves: the IDs given, else the unpacked extension's. Chrome's extension
# IDs are 32 letters from a to p.
for id in "${extension_ids[@]}"; do
  case "$id" in
    *[!a-p]*|'') die "'$id' is not an extension ID (32 letters a-p, as chrome://extensions shows it)" ;;
  esac
  [ ${#id} -eq 32 ] || die "'$id' is not an extension ID (32 letters a-p, as chrome://extensions shows it)"
done
# --check compares with the IDs given, else with those the installation was made for.
given_origins=''
if [ ${#extension_ids[@]} -gt 0 ]; then ids_given=1; else ids_given=''; extension_ids=("$EXTENSION_ID"); fi
origins_json=$(printf '"chrome-extension://%s/", ' "${extension_ids[@]}")
origins_json="[${origins_json%, }]"
[ -z "$ids_given" ] || given_origins=$origins_json

# One line per browser: name | per-user profile folder | per-user host folder | system-wide host
# folder | how to tell it is installed. Paths as each browser documents them.
case "$(uname -s)" in
  Darwin)
    support="$HOME/Library/Application Support"
    browsers=(
      "Google Chrome|$support/Google/Chrome|$support/Google/Chrome/NativeMessagingHosts|/Library/Google/Chrome/NativeMessagingHosts|/Applications/Google Chrome.app"
      "Chromium|$support/Chromium|$support/Chromium/NativeMessagingHosts|/Library/Application Support/Chromium/NativeMessagingHosts|/Applications/Chromium.app"
      "Brave|$support/BraveSoftware/Brave-Browser|$support/BraveSoftware/Brave-Browser/NativeMessagingHosts|/Library/Application Support/BraveSoftware/Brave-Browser/NativeMessagingHosts|/Applications/Brave Browser.app"
      "Microsoft Edge|$support/Microsoft Edge|$support/Microsoft Edge/NativeMessagingHosts|/Library/Microsoft/Edge/NativeMessagingHosts|/Applications/Microsoft Edge.app"
      "Vivaldi|$support/Vivaldi|$support/Vivaldi/NativeMessagingHosts|/Library/Application Support/Vivaldi/NativeMessagingHosts|/Applications/Vivaldi.app"
    )
    user_data_dir="$support/stsbridge"
    system_data_dir=/usr/local/lib/stsbridge ;;
  *)
    config="${XDG_CONFIG_HOME:-$HOME/.config}"
    browsers=(
      "Google Chrome|$config/google-chrome|$config/google-chrome/NativeMessagingHosts|/etc/opt/chrome/native-messaging-hosts|google-chrome google-chrome-stable"
      "Chromium|$config/chromium|$config/chromium/NativeMessagingHosts|/etc/chromium/native-messaging-hosts|chromium chromium-browser"
      "Brave|$config/BraveSoftware/Brave-Browser|$config/BraveSoftware/Brave-Browser/NativeMessagingHosts|/etc/opt/brave/native-messaging-hosts|brave-browser brave"
      "Microsoft Edge|$config/microsoft-edge|$config/microsoft-edge/NativeMessagingHosts|/etc/opt/edge/native-messaging-hosts|microsoft-edge microsoft-edge-stable"
      "Vivaldi|$config/vivaldi|$config/vivaldi/NativeMessagingHosts|/etc/opt/vivaldi/native-messaging-hosts|vivaldi vivaldi-stable"
    )
    user_data_dir="${XDG_DATA_HOME:-$HOME/.local/share}/stsbridge"
    system_data_dir=/usr/local/lib/stsbridge ;;
esac

if [ "$scope" = system ]; then data_dir="$root$system_data_dir"; else data_dir=$user_data_dir; fi
launcher="$data_dir/stsbridge-host"
manifest_name="$HOST_NAME.json"
# The `stsbridge` command is a link to the launcher, in a folder on PATH. Run as npm's
# `stsbridge install`, the `stsbridge` on PATH already is the program that ran this script (npm
# linked it): no second one goes to ~/.local/bin, unless --bin-dir asks for it.
command_on_path=''
if [ -z "$bin_dir" ] && [ "$scope" = user ] && [ -n "${STSBRIDGE_PROGRAM:-}" ]; then
  found=$(command -v stsbridge 2>/dev/null || true)
  # Both resolved, or no match: without realpath (older macOS) both sides would be empty.
  program=$(realpath "$STSBRIDGE_PROGRAM" 2>/dev/null || true)
  if [ -n "$found" ] && [ -n "$program" ] && [ "$(cd "$(dirname "$found")" && realpath "$(basename "$found")" 2>/dev/null)" = "$program" ]; then
    command_on_path=$found
  fi
fi
if [ -z "$bin_dir" ]; then
  if [ "$scope" = system ]; then bin_dir="$root/usr/local/bin"; else bin_dir="$HOME/.local/bin"; fi
fi
command_link="$bin_dir/stsbridge"

# True when $command_link is the link an install of stsbridge made (to a stsbridge-host launcher).
own_command_link() {
  [ -L "$command_link" ] || return 1
  case "$(readlink "$command_link")" in */stsbridge/stsbridge-host) return 0 ;; *) return 1 ;; esac
}

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

# The target folders, in two lists side by side (a folder given with --dir may hold any
# character, '|' included, so no separator would do): those given with --dir, named by
# themselves, else one for each browser present (every browser's when uninstalling or checking
# system-wide).
target_names=()
target_dirs=()
if [ ${#dirs[@]} -gt 0 ]; then
  for dir in "${dirs[@]}"; do target_names+=("$dir"); target_dirs+=("$dir"); done
else
  for entry in "${browsers[@]}"; do
    IFS='|' read -r name profile user_hosts system_hosts probes <<<"$entry"
    if [ "$scope" = system ]; then
      if [ "$mode" != install ] || browser_present "$profile" "$probes" || [ -n "$root" ]; then
        target_names+=("$name"); target_dirs+=("$root$system_hosts")
      fi
    elif [ "$mode" = uninstall ] || browser_present "$profile" "$probes"; then
      target_names+=("$name"); target_dirs+=("$user_hosts")
    fi
  done
fi

# --check: is each registration present, ours, and does the program it names answer a ping?
fix=$self
[ "$scope" = user ] || fix="$fix --system"

check_target() {
  local name=$1 dir=$2 manifest="$2/$manifest_name" problem path origins reply
  if [ ! -f "$manifest" ]; then
    say "$name: not registered (no $manifest). Run $fix."
    return 1
  fi
  # The manifest is JSON; node reads it (and is needed by the host anyway).
  # The origins it must allow: those given with --extension-id, else the ones the installation
  # wrote beside the host program, else the unpacked extension's.
  problem=$(node -e '
    const fs = require("fs"), path = require("path");
    const [file, host, given, fallback] = process.argv.slice(1);
    let m;
    try { m = JSON.parse(fs.readFileSync(file, "utf8")); } catch (e) { console.log(`its manifest is not valid JSON (${e.message})`); process.exit(); }
    if (typeof m.path !== "string" || !m.path.startsWith("/")) { console.log("its manifest path is not absolute"); process.exit(); }
    let expected = given ? JSON.parse(given) : undefined;
    if (!expected) {
      try { expected = JSON.parse(fs.readFileSync(path.join(path.dirname(m.path), "allowed-origins.json"), "utf8")).origins; } catch { expected = [fallback]; }
    }
    const same = (a, b) => Array.isArray(a) && JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
    if (m.name !== host) console.log(`its manifest names the host "${m.name}", not "${host}"`);
    else if (m.type !== "stdio") console.log(`its manifest has type "${m.type}", not "stdio"`);
    else if (!same(m.allowed_origins, expected)) console.log(`its manifest allows ${JSON.stringify(m.allowed_origins)}, not ${JSON.stringify(expected)}`);
    else console.log(`path ${m.path}\t${m.allowed_origins.join(" ")}`);
  ' "$manifest" "$HOST_NAME" "$given_origins" "chrome-extension://$EXTENSION_ID/" 2>&1) || problem="its manifest could not be read"
  case "$problem" in
    "path "*) path=${problem#path }; origins=${path#*$'\t'}; path=${path%%$'\t'*} ;;
    *) say "$name: $problem ($manifest). Run $fix again."; return 1 ;;
  esac
  if [ ! -x "$path" ]; then
    say "$name: the host program $path is missing or not executable. Run $fix again."
    return 1
  fi
  # The launcher runs the program beside it: without that file, node would only print a stack.
  if [ ! -f "$path.cjs" ] && [ "${path##*/}" = stsbridge-host ]; then
    say "$name: the host program $path.cjs is missing (its launcher $path is there). Run $fix again."
    return 1
  fi
  # A ping frame: 4-byte little-endian length (15), then {"type":"ping"}. Bounded: a host that
  # hangs must not hang the check.
  reply=$(printf '\x0f\x00\x00\x00{"type":"ping"}' | run_bounded 10 "$path" "${origins%% *}" 2>&1 | tail -c +5) || true
  case "$reply" in
    *'"ok":true'*'"type":"ping"'*)
      say "$name: ok ($path answers: $(printf '%s' "$reply" | sed -n 's/.*"version":"\([^"]*\)".*"protocol":\([0-9]*\).*/version \1, protocol \2/p'); serves $(printf '%s' "$origins" | sed 's#chrome-extension://##g; s#/##g'))" ;;
    *)
      # Its first line only: the reason, not a stack trace.
      say "$name: the host program $path does not answer (${reply:+${reply%%$'\n'*}}${reply:-no reply}). Run $fix again."
      return 1 ;;
  esac
}

if [ "$mode" = check ]; then
  [ ${#target_dirs[@]} -gt 0 ] || die "no Chromium-family browser was found (Chrome, Chromium, Brave, Edge, Vivaldi)."
  command -v node >/dev/null 2>&1 || die "Node.js was not found: the host cannot run. Install Node.js $MIN_NODE_MAJOR or newer, then run $fix."
  failed=0
  for i in "${!target_dirs[@]}"; do
    check_target "${target_names[$i]}" "${target_dirs[$i]}" || failed=1
  done
  found=$(command -v stsbridge 2>/dev/null || true)
  if [ -n "$found" ]; then
    say "stsbridge command: $found"
  elif own_command_link; then
    say "stsbridge command: $command_link, but $bin_dir is not on PATH"
  else
    say "stsbridge command: not installed. Run $fix."
  fi
  # Profiles whose credential_process AWS tools would never run (static keys of the same name in
  # the credentials file come first): the command knows the files, and says which.
  if [ -x "$launcher" ] && [ -f "$data_dir/stsbridge-host.cjs" ]; then
    trap_warnings=$(run_bounded 10 "$launcher" list --warnings 2>&1 >/dev/null) || true
    [ -z "$trap_warnings" ] || printf '%s\n' "$trap_warnings" | sed 's/^stsbridge: //'
  fi
  exit $failed
fi

if [ "$mode" = uninstall ]; then
  for dir in "${target_dirs[@]}"; do
    file="$dir/$manifest_name"
    if [ -e "$file" ]; then rm -f "$file" && say "removed $file"; fi
  done
  # The program goes with its last registration: one left in a browser's folder (after an
  # uninstall --dir, say) still needs it.
  still_used=''
  for entry in "${browsers[@]}"; do
    IFS='|' read -r name profile user_hosts system_hosts probes <<<"$entry"
    for folder in "$user_hosts" "$root$system_hosts"; do
      [ -f "$folder/$manifest_name" ] || continue
      # Compared as the manifest holds it: JSON-escaped.
      case "$(cat "$folder/$manifest_name")" in *"$(json_string "${launcher#"$root"}")"*) still_used="$folder" ;; esac
    done
  done
  if [ -n "$still_used" ]; then
    say "kept the host program in $data_dir: still registered in $still_used"
  else
    # Process profiles run this very program through their credential_process line: moved back
    # to the credentials file first, or every AWS tool reading them would fail. Only this user's
    # files can be reached; other users of a system-wide install are told what to run.
    if [ -x "$launcher" ] && [ -f "$data_dir/stsbridge-host.cjs" ] && [ -z "$root" ]; then
      "$launcher" setup --all --mode file 2>&1 | sed 's/^stsbridge: //' || die "the process profiles could not be moved back to the credentials file (above); nothing was removed. Fix that, or run: stsbridge setup PROFILE --mode file"
      [ "$scope" = user ] || say "note: other users' process profiles still run $launcher; each user runs 'stsbridge setup --all --mode file' before this uninstall."
    fi
    if [ -e "$data_dir" ]; then
      # stsbridge-host.mjs: what earlier versions installed.
      rm -f "$launcher" "$data_dir/stsbridge-host.cjs" "$data_dir/stsbridge-host.mjs" "$data_dir/allowed-origins.json"
      # The hosts' socket folder (when XDG_RUNTIME_DIR is unset), empty once they have gone.
      rmdir "$data_dir/run" 2>/dev/null || true
      rmdir "$data_dir" 2>/dev/null || true
      say "removed the host from $data_dir"
    fi
    if own_command_link; then rm -f "$command_link" && say "removed $command_link"; fi
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

if [ ${#target_dirs[@]} -eq 0 ]; then
  die "no Chromium-family browser was found (Chrome, Chromium, Brave, Edge, Vivaldi). Install one, or name its NativeMessagingHosts folder with --dir."
fi
# Everything that can refuse is checked before anything is written: someone else's `stsbridge`
# in the command's folder stops the install here, not after the browsers were told of a host.
if [ -z "$command_on_path" ] && { [ -e "$command_link" ] || [ -L "$command_link" ]; }; then
  own_command_link || die "$command_link exists and is not stsbridge's; remove it, or choose another folder with --bin-dir. Nothing was installed."
fi

# Per user, only the user reads the host; system-wide, every user's browser must.
if [ "$scope" = system ]; then umask 022; program_mode=0644; else umask 077; program_mode=0600; fi
# The path written into manifests is where the host runs from, without the staging root.
installed_launcher=${launcher#"$root"}
writable_dir "$data_dir" "it holds the host program; check its owner and permissions (for every user, run as root with --system)"
cp "$built_host" "$data_dir/stsbridge-host.cjs.tmp"
chmod "$program_mode" "$data_dir/stsbridge-host.cjs.tmp"
mv -f "$data_dir/stsbridge-host.cjs.tmp" "$data_dir/stsbridge-host.cjs"
# The extensions the host serves, read by the host at start (native-host/allowed-origins.ts).
printf '{"origins": %s}\n' "$origins_json" > "$data_dir/allowed-origins.json.tmp"
chmod "$program_mode" "$data_dir/allowed-origins.json.tmp"
mv -f "$data_dir/allowed-origins.json.tmp" "$data_dir/allowed-origins.json"
# Chrome starts the host with the browser's environment. Settings meant for the user's own Node
# programs must not slow or change it: NODE_EXTRA_CA_CERTS alone (common behind corporate TLS
# proxies) makes Node parse a CA bundle at every start, measured at ~50 ms of a ~80 ms start-up,
# and the host makes no network connections at all.
cat > "$launcher.tmp" <<LAUNCHER
#!/bin/sh
unset NODE_OPTIONS NODE_EXTRA_CA_CERTS
exec $(sh_quote "$node_bin") $(sh_quote "${installed_launcher%/*}/stsbridge-host.cjs") "\$@"
LAUNCHER
chmod 0755 "$launcher.tmp"
mv -f "$launcher.tmp" "$launcher"
# An older install's program (an ES module): gone, so a host still running it learns from its
# next ping that it has been replaced.
rm -f "$data_dir/stsbridge-host.mjs"

# JSON-escape the launcher path (a home folder may hold a quote or a backslash).
launcher_json=$("$node_bin" -e 'process.stdout.write(JSON.stringify(process.argv[1]))' "$installed_launcher")
for i in "${!target_dirs[@]}"; do
  name=${target_names[$i]}; dir=${target_dirs[$i]}
  reader=$name; [ "$name" != "$dir" ] || reader='the browser'
  writable_dir "$dir" "$reader reads native-messaging hosts from there; check its owner and permissions"
  cat > "$dir/$manifest_name.tmp" <<JSON
{
  "name": "$HOST_NAME",
  "description": "stsbridge: writes AWS credentials from console logins into the AWS credentials file",
  "path": $launcher_json,
  "type": "stdio",
  "allowed_origins": $origins_json
}
JSON
  chmod 0644 "$dir/$manifest_name.tmp"
  mv -f "$dir/$manifest_name.tmp" "$dir/$manifest_name"
  if [ "$name" = "$dir" ]; then say "registered $HOST_NAME in $dir"; else say "registered $HOST_NAME for $name ($dir)"; fi
done
say "host program: $installed_launcher (node: $node_bin)"

# The command: a link to the launcher (anything else called stsbridge there was refused above),
# unless the one on PATH is this program already.
if [ -n "$command_on_path" ]; then
  say "command: $command_on_path (already on your PATH)"
  exit 0
fi
writable_dir "$bin_dir" "the stsbridge command goes there; choose another folder with --bin-dir"
ln -sfn "$installed_launcher" "$command_link.tmp"
mv -f "$command_link.tmp" "$command_link"
say "command: $command_link"
case ":$PATH:" in
  *":${command_link%/*}:"*) ;;
  *) say "note: ${bin_dir#"$root"} is not on your PATH. Add it (in ~/.profile: export PATH=\"${bin_dir#"$root"}:\$PATH\"), or run $command_link." ;;
esac
