/*
 * obsidian-to-mkdocs: the site's root URL, for the scripts that fetch the site's own files
 * (graph.js, preview.js). This file is <root>/assets/javascripts/site-root.js; without a
 * script URL, Material's #__config `base` is used.
 */
(function () {
  "use strict"
  window.ofmSiteRoot = (function () {
    if (document.currentScript && document.currentScript.src)
      return new URL("../../", document.currentScript.src)
    var el = document.getElementById("__config")
    var base = el ? JSON.parse(el.textContent).base : "."
    return new URL(base.replace(/\/?$/, "/"), location.href)
  })()
})()
