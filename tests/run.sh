#!/usr/bin/env bash
# The workbook's test command (the README's second Quick start command; .ci/run calls it too).
# It installs what the tests need from this machine's registries, then runs the one test project.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# The HTML walkthrough is checked in a real browser: Debian's chromium, headless. The test fails (never skips)
# without it, so install it here when it is missing. The package lists may be empty on a fresh machine.
if [ ! -x /usr/bin/chromium ]; then
  echo "== installing chromium (for the walkthrough's browser test)"
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get install -y chromium || { $sudo_cmd apt-get update && $sudo_cmd apt-get install -y chromium; }
fi

# The notebooks are also rendered by nbconvert (nbviewer's engine, and the closest to GitHub's renderer that runs
# here) and validated against the nbformat schema: Debian's python3-nbconvert, which brings python3-nbformat.
if ! /usr/bin/python3 -c 'import nbconvert, nbformat' 2>/dev/null; then
  echo "== installing python3-nbconvert (for the notebooks' rendering test)"
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get install -y python3-nbconvert || { $sudo_cmd apt-get update && $sudo_cmd apt-get install -y python3-nbconvert; }
fi

# The rendering test reads the notebooks as GitHub and JupyterLab show them, with MathJax (Debian's libjs-mathjax,
# served from disk), and prints the walkthrough to PDF, read back with poppler-utils (pdfinfo, pdftotext).
if [ ! -f /usr/share/javascript/mathjax/MathJax.js ] || [ ! -x /usr/bin/pdftotext ]; then
  echo "== installing libjs-mathjax and poppler-utils (for the rendering and printing tests)"
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get install -y libjs-mathjax poppler-utils || { $sudo_cmd apt-get update && $sudo_cmd apt-get install -y libjs-mathjax poppler-utils; }
fi

# The notebooks are also executed by the real clients: Jupyter's own (python3-nbclient, which python3-nbconvert
# brings) on the dotnet-interactive kernel, and `dotnet-interactive stdio` as VS Code starts it. The tool is installed
# into the checkout, never onto the machine.
if [ ! -x artifacts/dotnet-interactive/dotnet-interactive ]; then
  echo "== installing the Microsoft.dotnet-interactive tool into artifacts/dotnet-interactive"
  dotnet tool install Microsoft.dotnet-interactive --version 1.0.712001 --tool-path artifacts/dotnet-interactive
fi
if ! /usr/bin/python3 -c 'import nbclient' 2>/dev/null; then
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get install -y python3-nbclient || { $sudo_cmd apt-get update && $sudo_cmd apt-get install -y python3-nbclient; }
fi
# Parts 2 and 3 are tested on a real PostgreSQL server: the tests initdb a throwaway cluster of their own in a
# temporary folder (as the postgres user when run as root), on a Unix socket, and remove it afterwards.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "== installing postgresql (the tests start their own throwaway cluster)"
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get install -y postgresql || { $sudo_cmd apt-get update && $sudo_cmd apt-get install -y postgresql; }
fi

dotnet test Workbook.sln --nologo "$@"
