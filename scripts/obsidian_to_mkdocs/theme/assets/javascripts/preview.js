/* obsidian-to-mkdocs: hover previews of internal links in the page content (text, admonitions,
 * backlinks, tag chips), where Material's own instant previews do not show.
 *
 * Material (`navigation.instant.preview`) previews a link only when its URL is listed in the
 * site's sitemap.xml, and MkDocs writes an empty sitemap unless `site_url` is set; even then
 * only the host named there matches. So: a link Material previews is left to Material (the same
 * sitemap test), every other link to a page of this site gets this card. The target page is
 * fetched from the site itself (once), and its title and first part shown.
 */
(function () {
  "use strict"

  var ROOT = window.ofmSiteRoot  // assets/javascripts/site-root.js, loaded first
  var CONTENT = "article.md-content__inner"
  var SKIP = ".headerlink, .footnote-ref, .footnote-backref, .md-content__button, .ofm-graph a"
  var DELAY = 250   // ms of hovering before a preview opens
  var GRACE = 200   // ms to move the pointer from the link onto the card
  var TEXT = 500    // characters of the target's content, roughly

  var features = (function () {
    var el = document.getElementById("__config")
    try { return el ? JSON.parse(el.textContent).features || [] : [] } catch (e) { return [] }
  })()

  /* --- is this link ours? ------------------------------------------------------------------ */

  var sitemap = null  // Promise<Set<string>>: the URLs Material previews
  function materialSitemap() {
    if (!sitemap)
      sitemap = fetch(new URL("sitemap.xml", ROOT))
        .then(function (r) { return r.ok ? r.text() : "" })
        .then(function (text) {
          var urls = new Set()
          var doc = new DOMParser().parseFromString(text, "application/xml")
          doc.querySelectorAll("url > loc").forEach(function (loc) {
            try {
              var url = new URL(loc.textContent.trim())
              url.protocol = ROOT.protocol  // as Material resolves them
              url.hostname = ROOT.hostname
              urls.add(url.href)
            } catch (e) { /* not a URL */ }
          })
          return urls
        })
        .catch(function () { return new Set() })
    return sitemap
  }

  function materialPreviews(link, page) {
    if (!(features.indexOf("navigation.instant.preview") >= 0 || link.hasAttribute("data-preview")))
      return Promise.resolve(false)
    return materialSitemap().then(function (urls) { return urls.has(page.href) })
  }

  // The page a content link points to (without its #fragment), or null if it is not a page of
  // this site, or is this very page.
  function target(link) {
    if (!link.href || link.closest(SKIP) || link.hasAttribute("download")) return null
    var url
    try { url = new URL(link.href, location.href) } catch (e) { return null }
    if (url.origin !== location.origin || url.pathname.indexOf(ROOT.pathname) !== 0) return null
    if (!/(\/|\.html)$/.test(url.pathname)) return null  // an image or other file
    url.search = ""
    url.hash = ""
    var here = new URL(location.href)
    here.search = here.hash = ""
    if (url.href === here.href) return null
    return url
  }

  /* --- the target page ------------------------------------------------------------------- */

  var pages = new Map()  // page URL -> Promise<Document | null>
  function fetchPage(url) {
    if (!pages.has(url.href))
      pages.set(url.href, fetch(url, { credentials: "same-origin" })
        .then(function (r) {
          if (!r.ok || !/html/.test(r.headers.get("content-type") || "")) return null
          return r.text().then(function (text) {
            return new DOMParser().parseFromString(text, "text/html")
          })
        })
        .catch(function () { return null }))
    return pages.get(url.href)
  }

  function isHeading(el) { return /^H[1-6]$/.test(el.tagName) }

  // Title and the first part of the content: the section the link's #fragment names, or the
  // page's beginning. Null when the page has no article.
  function extract(doc, url, hash) {
    var article = doc.querySelector(CONTENT) || doc.querySelector("article")
    if (!article) return null
    var title, first
    var anchor = hash ? article.querySelector('[id="' + CSS.escape(hash) + '"]') : null
    if (anchor && isHeading(anchor)) {
      title = anchor
      first = anchor.nextElementSibling
    } else if (anchor) {
      title = article.querySelector("h1")
      first = anchor.closest("p, li, blockquote, table, div") || anchor
    } else {
      title = article.querySelector("h1")
      first = title ? title.nextElementSibling : article.firstElementChild
    }
    var level = title && isHeading(title) ? +title.tagName[1] : 1
    var body = document.createElement("div")
    body.className = "ofm-preview__body"
    var length = 0, count = 0
    for (var el = first; el && length < TEXT && count < 6; el = el.nextElementSibling) {
      if (isHeading(el) && +el.tagName[1] <= level && el !== first) break
      if (el.matches("script, style, nav, .md-source-file, .ofm-backlinks, .ofm-graph")) continue
      var copy = document.importNode(el, true)
      length += copy.textContent.trim().length
      count++
      body.append(copy)
      if (anchor && !isHeading(anchor)) break  // a block: just that block
    }
    // Links and images relative to the target page; no duplicate ids; nothing interactive.
    body.querySelectorAll("[href], [src]").forEach(function (el) {
      ["href", "src"].forEach(function (key) {
        var value = el.getAttribute(key)
        if (value && !/^(?:[a-z]+:|#)/i.test(value)) el.setAttribute(key, new URL(value, url).href)
      })
    })
    body.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id") })
    body.querySelectorAll(".headerlink, script, pre.mermaid, .md-clipboard, input, button")
      .forEach(function (el) { el.remove() })
    var name = document.createElement("div")
    name.className = "ofm-preview__title"
    var text = title ? title.cloneNode(true) : null
    if (text) text.querySelectorAll(".headerlink").forEach(function (el) { el.remove() })
    name.textContent = text ? text.textContent.trim() : (doc.title || url.pathname)
    return [name, body]
  }

  /* --- the card ---------------------------------------------------------------------------- */

  var card = null, owner = null, openTimer = 0, closeTimer = 0, request = 0

  function position(link) {
    var rect = link.getBoundingClientRect()
    var box = card.getBoundingClientRect()
    var gap = 8, margin = 8
    var left = Math.min(Math.max(margin, rect.left), window.innerWidth - box.width - margin)
    var below = rect.bottom + gap
    var top = below + box.height <= window.innerHeight - margin || rect.top - gap - box.height < margin
      ? below
      : rect.top - gap - box.height
    card.style.left = Math.max(margin, left) + "px"
    card.style.top = Math.max(margin, top) + "px"
  }

  function open(link) {
    var url = target(link)
    if (!url) return
    var id = ++request
    var hash = ""
    try { hash = decodeURIComponent(new URL(link.href).hash.slice(1)) } catch (e) { /* kept "" */ }
    materialPreviews(link, url).then(function (material) {
      if (material || id !== request) return null
      return fetchPage(url)
    }).then(function (doc) {
      if (!doc || id !== request || !link.isConnected) return
      var parts = extract(doc, url, hash)
      if (!parts) return
      close()
      card = document.createElement("div")
      card.className = "ofm-preview md-typeset"
      card.id = "ofm-preview"
      card.setAttribute("role", "tooltip")
      card.dataset.url = url.pathname
      card.append.apply(card, parts)
      card.addEventListener("mouseenter", function () { clearTimeout(closeTimer) })
      card.addEventListener("mouseleave", scheduleClose)
      document.body.append(card)
      if (typeof renderMathInElement !== "undefined")
        card.querySelectorAll(".arithmatex").forEach(function (el) {
          renderMathInElement(el, {
            delimiters: [{ left: "\\(", right: "\\)", display: false },
                         { left: "\\[", right: "\\]", display: true }],
            throwOnError: false
          })
        })
      owner = link
      link.setAttribute("aria-describedby", card.id)
      position(link)
    })
  }

  function close() {
    clearTimeout(closeTimer)
    if (owner) owner.removeAttribute("aria-describedby")
    if (card) card.remove()
    card = owner = null
  }

  function scheduleClose() {
    clearTimeout(closeTimer)
    closeTimer = setTimeout(close, GRACE)
  }

  function linkOf(event) {
    var el = event.target
    if (!(el instanceof Element)) return null
    var link = el.closest("a[href]")
    return link && link.closest(CONTENT) && !link.closest(".ofm-preview") ? link : null
  }

  document.addEventListener("mouseover", function (event) {
    var link = linkOf(event)
    if (!link) return
    if (link === owner) { clearTimeout(closeTimer); return }
    clearTimeout(openTimer)
    openTimer = setTimeout(function () { open(link) }, DELAY)
  })
  document.addEventListener("mouseout", function (event) {
    var link = linkOf(event)
    if (!link || (event.relatedTarget && link.contains(event.relatedTarget))) return
    clearTimeout(openTimer)
    request++
    if (link === owner) scheduleClose()
  })
  document.addEventListener("focusin", function (event) {
    var link = linkOf(event)
    if (link) open(link)
  })
  document.addEventListener("focusout", function (event) {
    if (linkOf(event) === owner) { request++; close() }
  })
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && card) close()
  })
  window.addEventListener("scroll", function () { if (card && owner) position(owner) },
                          { passive: true })
  if (typeof document$ !== "undefined") document$.subscribe(function () { request++; close() })
})()
