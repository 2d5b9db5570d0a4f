/* obsidian-to-mkdocs (#18): right-to-left notes (Hebrew, Arabic) read as in Obsidian, which
   gives every block dir="auto": each paragraph, list item, heading, table cell and callout
   title takes the direction of its first strong character, so a Hebrew line in an English
   note is laid out right to left and the other way round. Done in the browser rather than in
   the Markdown, so the pages stay plain Material Markdown that Zensical renders alike; pages
   with no right-to-left character are left untouched. Re-run on each instant navigation. */
(function () {
  var RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/
  var BLOCKS = "p, li, h1, h2, h3, h4, h5, h6, td, th, dt, dd, blockquote, summary, .admonition-title"

  function mark() {
    var article = document.querySelector("article")
    if (!article || !RTL.test(article.textContent)) return
    article.querySelectorAll(BLOCKS).forEach(function (block) {
      if (!block.hasAttribute("dir")) block.setAttribute("dir", "auto")
    })
  }

  if (typeof document$ !== "undefined" && document$.subscribe) document$.subscribe(mark)
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark)
  else mark()
})()
