"""Executes notebooks with Jupyter's own client (nbclient, as JupyterLab does) on the dotnet-interactive kernel.
The kernel is registered as the tool's docs say (`dotnet-interactive jupyter install` needs a `jupyter` command
Debian does not ship): a kernelspec .net-csharp in a temporary JUPYTER_PATH.
Prints one JSON line per notebook: its name, the number of code cells, the error outputs, the SQL cells' CSV outputs.
Usage: python3 jupyter_run.py DOTNET_INTERACTIVE NOTEBOOK..."""
import json, os, sys, tempfile

tool = os.path.abspath(sys.argv[1])
kernel = ".net-csharp"
specs = tempfile.mkdtemp(prefix="jupyter-path-")
os.makedirs(os.path.join(specs, "kernels", kernel))
with open(os.path.join(specs, "kernels", kernel, "kernel.json"), "w") as spec:
    json.dump({"argv": [tool, "jupyter", "--default-kernel", "csharp", "{connection_file}", "--http-port-range", "2100-2900"],
               "display_name": ".NET (C#)", "language": "C#"}, spec)
os.environ["JUPYTER_PATH"] = specs

import nbformat
from nbclient import NotebookClient

for path in sys.argv[2:]:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name=kernel, timeout=600, allow_errors=True,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    client.execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    errors = [{"cell": c.get("id"), "error": o.get("evalue", "")[:500]} for c in code for o in c.outputs if o.output_type == "error"]
    csv = [o["data"]["text/csv"] for c in code if c.metadata.get("polyglot_notebook", {}).get("kernelName", "").startswith("sql-")
           for o in c.outputs if "text/csv" in o.get("data", {})]
    print(json.dumps({"notebook": os.path.basename(path), "code_cells": len(code), "errors": errors, "sql_csv": csv}), flush=True)
