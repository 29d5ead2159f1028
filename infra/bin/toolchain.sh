#!/usr/bin/env bash
# Sourced by the infra scripts: puts Node 24 and the pinned pnpm on PATH.
# The system Node may be older (Debian ships 20, which is end-of-life), so when it is not 24 we
# install Node from the npm package `node@24` (a real binary, fetched from the npm registry) into
# the git-ignored .cache/ and use that. pnpm is installed the same way at the version pinned in
# package.json's `packageManager`, so a fresh machine needs nothing but npm.

ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
NODE_MAJOR=$(tr -d 'v \n' <"$ROOT/.nvmrc")
TOOLS="$ROOT/.cache/tools"

node_major_of() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  if command -v node >/dev/null 2>&1 && [ "$(node_major_of node)" = "$NODE_MAJOR" ]; then
    return 0
  fi
  if [ ! -x "$TOOLS/node/node_modules/.bin/node" ] ||
    [ "$(node_major_of "$TOOLS/node/node_modules/.bin/node")" != "$NODE_MAJOR" ]; then
    echo "toolchain: installing Node $NODE_MAJOR from the npm registry into .cache/tools/node" >&2
    mkdir -p "$TOOLS/node"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS/node" "node@$NODE_MAJOR" >&2
  fi
  # node_modules/.bin/node is the real binary; npm shims (npx, npm) stay the system ones.
  export PATH="$TOOLS/node/node_modules/.bin:$PATH"
}

ensure_pnpm() {
  local want
  want=$(node -p 'require(process.argv[1]).packageManager.split("@")[1]' "$ROOT/package.json")
  if [ ! -x "$TOOLS/pnpm/node_modules/.bin/pnpm" ] ||
    [ "$("$TOOLS/pnpm/node_modules/.bin/pnpm" --version 2>/dev/null)" != "$want" ]; then
    echo "toolchain: installing pnpm $want into .cache/tools/pnpm" >&2
    mkdir -p "$TOOLS/pnpm"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS/pnpm" "pnpm@$want" >&2
  fi
  export PATH="$TOOLS/pnpm/node_modules/.bin:$PATH"
}

ensure_node
ensure_pnpm
