"""Drives `dotnet-interactive stdio` (the process VS Code's Polyglot Notebooks starts) through a notebook's first
code cells, as VS Code sends them: one SubmitCode per cell, to the cell's kernel. Prints one JSON line per cell:
its id, the command's outcome and the MIME types and text it displayed.
Usage: python3 stdio_run.py DOTNET_INTERACTIVE NOTEBOOK CELL_COUNT"""
import json, os, subprocess, sys

tool, path, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
folder = os.path.dirname(os.path.abspath(path))
nb = json.load(open(path, encoding="utf-8"))
proc = subprocess.Popen([tool, "stdio", "--working-dir", folder, "--default-kernel", "csharp"],
                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1)
try:
    cells = [c for c in nb["cells"] if c["cell_type"] == "code"][:count]
    for i, cell in enumerate(cells):
        kernel = cell["metadata"].get("polyglot_notebook", {}).get("kernelName", "csharp")
        token = f"cell-{i}"
        proc.stdin.write(json.dumps({"commandType": "SubmitCode", "token": token,
                                     "command": {"code": "".join(cell["source"]), "targetKernelName": kernel}}) + "\n")
        proc.stdin.flush()
        values = {}
        while True:
            line = proc.stdout.readline()
            if not line:
                raise SystemExit("dotnet-interactive stdio exited early")
            try:
                envelope = json.loads(line)
            except ValueError:
                continue
            event, kind = envelope.get("event", {}), envelope.get("eventType")
            for value in event.get("formattedValues", []):
                values[value["mimeType"]] = value["value"]
            if kind in ("CommandSucceeded", "CommandFailed") and envelope.get("command", {}).get("token") == token:
                print(json.dumps({"cell": cell.get("id"), "outcome": kind, "message": event.get("message", ""), "values": values}), flush=True)
                break
finally:
    proc.kill()
