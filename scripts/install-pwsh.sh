#!/usr/bin/env bash
# Installs PowerShell 7.6.9 (the engine the tests parse and run generated scripts
# with) as a .NET global tool under .tools/pwsh, reusing an existing install.
set -euo pipefail
cd "$(dirname "$0")/.."

version="7.6.9"
dir=".tools/pwsh"

if [ -x "$dir/pwsh" ] && [ "$("$dir/pwsh" -NoLogo -NoProfile -Command '$PSVersionTable.PSVersion.ToString()')" = "$version" ]; then
  echo "PowerShell $version already in $dir"
  exit 0
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "install-pwsh: the .NET SDK (dotnet) is needed to install PowerShell $version" >&2
  exit 1
fi

# An older version in the same tool path blocks `dotnet tool install`.
if [ -x "$dir/pwsh" ]; then
  dotnet tool uninstall --tool-path "$dir" PowerShell
fi
dotnet tool install --tool-path "$dir" PowerShell --version "$version"
"$dir/pwsh" -NoLogo -NoProfile -Command '$PSVersionTable.PSVersion.ToString()'
