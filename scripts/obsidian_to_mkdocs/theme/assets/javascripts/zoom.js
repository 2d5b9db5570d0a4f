/* obsidian-to-mkdocs (#10): images in a note zoom on click, with medium-zoom 1.1.0 (vendored
   from npm, MIT). Images inside links keep their link. Material's instant navigation swaps
   the article without reloading the page, so the images are attached again on each new page. */
(function () {
  var zoom = null

  function zoomable() {
    return Array.prototype.filter.call(document.querySelectorAll("article img"), function (img) {
      return !img.closest("a") && !img.closest(".ofm-graph, .ofm-canvas") && !img.classList.contains("twemoji")
    })
  }

  function attach() {
    if (typeof mediumZoom !== "function") return
    if (zoom) {
      zoom.close()
      zoom.detach()
    } else {
      zoom = mediumZoom({ margin: 24, background: "var(--md-default-bg-color)" })
    }
    zoom.attach(zoomable())
  }

  if (typeof document$ !== "undefined" && document$.subscribe) document$.subscribe(attach)
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", attach)
  else attach()
})()
