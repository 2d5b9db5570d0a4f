/* obsidian-to-mkdocs: typeset pymdownx.arithmatex's math (generic mode) with the vendored KaTeX.
 * Runs on every page, including pages reached through navigation.instant (document$). */
(function () {
  function typeset(root) {
    if (typeof renderMathInElement === "undefined") return
    var nodes = root.querySelectorAll(".arithmatex")
    for (var i = 0; i < nodes.length; i++)
      renderMathInElement(nodes[i], {
        delimiters: [
          { left: "\\(", right: "\\)", display: false },
          { left: "\\[", right: "\\]", display: true }
        ],
        throwOnError: false
      })
  }
  if (typeof document$ !== "undefined")
    document$.subscribe(function (doc) { typeset(doc.body) })
  else
    document.addEventListener("DOMContentLoaded", function () { typeset(document.body) })
})()
