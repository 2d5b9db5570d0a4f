/* obsidian-to-mkdocs: typeset pymdownx.arithmatex's math (generic mode) with the vendored KaTeX.
 * Runs on every page, including pages reached through navigation.instant (document$).
 * The vault's preamble (assets/ofm/preamble.sty, from the vault's `preamble.sty`, which
 * Obsidian's Extended MathJax plugin reads) is loaded once, its definitions kept as macros. */
(function () {
  var script = document.currentScript
  var root = script && script.src ? new URL("../../", script.src) : new URL("./", location.href)
  var DEFINITION = /\\(?:re)?newcommand|\\providecommand|\\def(?![a-zA-Z])/g

  /* Each definition on its own, so one KaTeX does not know costs only itself; a
   * \renewcommand of what KaTeX lacks, or a \newcommand of what it has, is tried the other way. */
  function define(definition, macros) {
    var tries = [definition,
      definition.replace(/^\\renewcommand/, "\\newcommand"),
      definition.replace(/^\\newcommand/, "\\renewcommand")]
    for (var i = 0; i < tries.length; i++) {
      try {
        katex.renderToString(tries[i], { macros: macros, globalGroup: true, throwOnError: true })
        return
      } catch (error) { /* the next form, else leave it out */ }
    }
  }

  function macrosOf(preamble) {
    var macros = {}
    var text = preamble.replace(/(^|[^\\])%.*$/gm, "$1")  // TeX comments
    var starts = []
    var match
    while ((match = DEFINITION.exec(text))) starts.push(match.index)
    for (var i = 0; i < starts.length; i++)
      define(text.slice(starts[i], starts[i + 1]).trim(), macros)
    return macros
  }

  var ready = typeof katex === "undefined" ? Promise.resolve({}) :
    fetch(new URL("assets/ofm/preamble.sty", root))
      .then(function (response) { return response.ok ? response.text() : "" })
      .then(macrosOf, function () { return {} })

  function typeset(node) {
    if (typeof renderMathInElement === "undefined") return
    ready.then(function (macros) {
      var nodes = node.querySelectorAll(".arithmatex")
      for (var i = 0; i < nodes.length; i++)
        renderMathInElement(nodes[i], {
          delimiters: [
            { left: "\\(", right: "\\)", display: false },
            { left: "\\[", right: "\\]", display: true }
          ],
          macros: macros,
          throwOnError: false
        })
    })
  }
  if (typeof document$ !== "undefined")
    document$.subscribe(function (doc) { typeset(doc.body) })
  else
    document.addEventListener("DOMContentLoaded", function () { typeset(document.body) })
})()
