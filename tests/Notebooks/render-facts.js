// Injected at the end of an nbconvert page by RenderedNotebook: once MathJax has typeset the page (or at load when
// there is no MathJax), it writes what a reader would see wrong as JSON into a pre element (id render-facts), which
// `chromium --dump-dom` then returns. Cells are listed in page order, which is the notebook's order.
(function () {
  function text(element) {
    return (element.textContent || "").replace(/\s+/g, " ").trim().slice(0, 120);
  }

  var marker = /^\s*(\.\.\.\s*)?\((\d[\d,]* )?more\)\s*$/;

  function collect() {
    var cells = Array.prototype.slice.call(document.querySelectorAll(".jp-Notebook > .jp-Cell, body > .jp-Cell"));
    var facts = {
      mathJaxRan: !!(window.MathJax && window.MathJax.isReady && window.MathJax.InputJax && window.MathJax.InputJax.TeX),
      height: Math.max(document.documentElement.scrollHeight, document.body.scrollHeight),
      cells: cells.map(function (cell) {
        return {
          // MathJax keeps the TeX it read in <script type="math/tex">: prose that became math.
          math: Array.prototype.map.call(cell.querySelectorAll('script[type^="math/tex"]'), text),
          // A <pre> wider than its box is cut at the right edge (nbconvert's pages scroll it sideways).
          clipped: Array.prototype.filter.call(cell.querySelectorAll("pre"), function (pre) {
            return pre.scrollWidth > pre.clientWidth + 1;
          }).map(function (pre) {
            return (pre.textContent || "").split("\n").reduce(function (a, b) { return b.length > a.length ? b : a; }, "").slice(0, 120);
          }),
          // Data rows of each output's outermost tables, outputs in order: not the header (the engine's tabular view
          // puts <td>s in its <thead>), not the engine's "(3 more)" row.
          outputs: Array.prototype.map.call(cell.querySelectorAll(".jp-OutputArea-output"), function (output) {
            return {
              tableRows: Array.prototype.filter.call(output.querySelectorAll("table"), function (table) {
                return table.parentElement.closest("table") === null || !output.contains(table.parentElement.closest("table"));
              }).map(function (table) {
                return Array.prototype.filter.call(table.rows, function (row) {
                  return row.parentElement.tagName !== "THEAD" && row.querySelector("td") !== null && !(row.cells.length === 1 && marker.test(row.textContent));
                }).length;
              }),
              text: (output.textContent || "").replace(/\s+/g, " ")
            };
          })
        };
      })
    };
    var pre = document.createElement("pre");
    pre.id = "render-facts";
    pre.textContent = JSON.stringify(facts);
    document.body.appendChild(pre);
  }

  if (window.MathJax && window.MathJax.Hub && window.MathJax.Hub.Register) {
    window.MathJax.Hub.Register.StartupHook("End", function () { window.MathJax.Hub.Queue(collect); });
  } else {
    window.addEventListener("load", collect);
  }
})();
