#!/usr/bin/env bash
# The workbook's test command (the README's second Quick start command; .ci/run calls it too).
# It installs what the tests need from this machine's registries, then runs the one test project.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

dotnet test Workbook.sln --nologo "$@"
